using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Tests.Driving;
using Xunit;

namespace NetGen.Generator.Tests.Validation;

/// <summary>Layout diagnostics point at the offending attribute or member: the line (and file) of what must change.</summary>
public sealed class DiagnosticLocationTests
{
    [Fact]
    public void NonPositiveSize_IsReportedAtTheDenseAttribute()
        => AssertReportedOnLineOf("NG0006", "[Dense(0)]", @"using NetGen;
namespace Samples
{
    [Network(Loss.MeanSquaredError)]
    [Input(2)]
    [Dense(3, Activation.Tanh)]
    [Dense(0)]
    public partial class N { }
}
");

    [Fact]
    public void DuplicateInput_IsReportedAtTheSecondInput()
        => AssertReportedOnLineOf("NG0004", "[Input(7)]", @"using NetGen;
namespace Samples
{
    [Network(Loss.MeanSquaredError)]
    [Input(2)]
    [Input(7)]
    [Dense(1)]
    public partial class N { }
}
");

    [Fact]
    public void LossActivationMismatch_IsReportedAtTheLastDense()
        => AssertReportedOnLineOf("NG0009", "[Dense(1, Activation.Relu)]", @"using NetGen;
namespace Samples
{
    [Network(Loss.BinaryCrossEntropy)]
    [Input(2)]
    [Dense(4, Activation.Sigmoid)]
    [Dense(1, Activation.Relu)]
    public partial class N { }
}
");

    [Fact]
    public void SoftmaxNotLast_IsReportedAtThatLayer()
        => AssertReportedOnLineOf("NG0007", "[Dense(4, Activation.Softmax)]", @"using NetGen;
namespace Samples
{
    [Network(Loss.MeanSquaredError)]
    [Input(2)]
    [Dense(4, Activation.Softmax)]
    [Dense(1)]
    public partial class N { }
}
");

    [Fact]
    public void HyperParameterOutOfRange_IsReportedAtTheNetworkAttribute()
        => AssertReportedOnLineOf("NG0011", "Momentum = 1.5f", @"using NetGen;
namespace Samples
{
    [Input(2)]
    [Dense(1)]
    [Network(Loss.MeanSquaredError, Momentum = 1.5f)]
    public partial class N { }
}
");

    [Fact]
    public void MemberClash_IsReportedAtTheUserMember()
        => AssertReportedOnLineOf("NG0015", "public void Predict()", @"using NetGen;
namespace Samples
{
    [Network(Loss.MeanSquaredError)]
    [Input(2)]
    [Dense(1)]
    public partial class N
    {
        public int Epochs;

        public void Predict() { }
    }
}
");

    [Fact]
    public void SplitDeclarations_AreReportedInTheSecondFile()
    {
        var outcome = GeneratorHarness.Run(
            "using NetGen;\nnamespace Samples\n{\n    [Network(Loss.MeanSquaredError)]\n    [Input(2)]\n    public partial class N { }\n}\n",
            "using NetGen;\nnamespace Samples\n{\n    [Dense(1)]\n    public partial class N { }\n}\n");

        var diagnostic = Assert.Single(outcome.BuildDiagnostics, d => d.Id == "NG0014");
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("Source1.cs", span.Path);
        Assert.Equal(3, span.StartLinePosition.Line);
    }

    private static void AssertReportedOnLineOf(string id, string marker, string source)
    {
        var outcome = GeneratorHarness.Run(source);
        int expectedLine = LineOf(source, marker);

        var diagnostic = Assert.Single(outcome.BuildDiagnostics, d => d.Id == id);
        var span = diagnostic.Location.GetLineSpan();

        Assert.Equal("Source0.cs", span.Path);
        Assert.True(expectedLine == span.StartLinePosition.Line,
            $"{id} is on line {span.StartLinePosition.Line + 1}, expected line {expectedLine + 1} ({marker}): {diagnostic}");
        Assert.Empty(outcome.Sources);
    }

    private static int LineOf(string source, string marker)
    {
        var lines = source.Replace("\r\n", "\n").Split('\n');
        int index = Array.FindIndex(lines, l => l.Contains(marker, StringComparison.Ordinal));
        Assert.True(index >= 0, "marker not found: " + marker);
        Assert.Equal(1, lines.Count(l => l.Contains(marker, StringComparison.Ordinal)));
        return index;
    }
}

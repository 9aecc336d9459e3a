using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator.Tests.Driving;
using Xunit;

namespace NetGen.Generator.Tests.Compiling;

/// <summary>
/// The generated code compiles together with the user's source with no diagnostic of warning level or above
/// (warnings treated as errors, nullable enabled, XML documentation checked), at C# 8 (netstandard2.1 consumers)
/// and at the latest language version.
/// </summary>
public sealed class GeneratedCodeCompilesTests
{
    private static readonly Dictionary<string, string> Layouts = new()
    {
        ["ThreeLayer"] = NetworkSources.ThreeLayer,
        ["EveryActivation"] = NetworkSources.EveryActivation,
        ["Looped"] = NetworkSources.Looped,
        ["Sequence"] = NetworkSources.Sequence,
        ["SequenceLooped"] = @"using NetGen;
    [Network(Loss.CrossEntropy, SequenceLength = 3, UnrollLimit = 8)]
    [Input(3)]
    [Rnn(4, Activation.Relu)]
    [CausalConv1D(3, 3, 1, Activation.Relu)]
    [Gru(3)]
    [Dense(3, Activation.Softmax)]
    public sealed partial class SequenceLooped { }
    [Network(Loss.MeanSquaredError, Trainable = false)]
    [Input(1)]
    [CausalConv1D(2, 1)]
    [Lstm(2)]
    public sealed partial class Streaming { }
",
        ["AllLoopedMeanSquaredError"] = @"using NetGen;
namespace Samples
{
    /// <summary>UnrollLimit 0: every layer is loops.</summary>
    [Network(Loss.MeanSquaredError, UnrollLimit = 0)]
    [Input(3)]
    [Dense(4, Activation.Relu)]
    [Dense(2)]
    public sealed partial class AllLooped { }
}
",
        ["SplitIntoParts"] = @"using NetGen;
namespace Samples
{
    /// <summary>Large enough that the gradient kernel is split into several methods.</summary>
    [Network(Loss.MeanSquaredError)]
    [Input(32)]
    [Dense(32, Activation.Tanh)]
    [Dense(32, Activation.Sigmoid)]
    [Dense(2)]
    public partial class SplitIntoParts { }
}
",
        ["NestedGlobalNamespace"] = @"using NetGen;

/// <summary>Outer type.</summary>
public partial class Outer
{
    /// <summary>Middle type.</summary>
    public partial struct Middle
    {
        [Network(Loss.MeanSquaredError)]
        [Input(1)]
        [Dense(1)]
        internal partial class Tiny { }
    }
}
",
        ["ImplementsUserInterface"] = @"using System;
using NetGen;
namespace Samples
{
    /// <summary>Something that predicts.</summary>
    public interface IPredictor
    {
        /// <summary>Predicts.</summary>
        void Predict(ReadOnlySpan<float> input, Span<float> output);
    }

    /// <summary>A network used through the user's interface.</summary>
    [Network(Loss.BinaryCrossEntropy)]
    [Input(2)]
    [Dense(3, Activation.LeakyRelu)]
    [Dense(1, Activation.Sigmoid)]
    public partial class Xor : IPredictor
    {
        /// <summary>A member of the user's own, next to the generated ones.</summary>
        public int Epochs { get; set; }
    }
}
",
    };

    public static TheoryData<string, LanguageVersion> Cases()
    {
        var data = new TheoryData<string, LanguageVersion>();
        foreach (string name in Layouts.Keys)
        {
            data.Add(name, LanguageVersion.CSharp8);
            data.Add(name, LanguageVersion.Latest);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CompilesWithoutWarnings(string layout, LanguageVersion version)
    {
        AssertCompilesCleanly(version, Layouts[layout]);
    }

    [Fact]
    public void PassFailSample_CompilesWithoutWarnings()
    {
        AssertCompilesCleanly(LanguageVersion.Latest, NetworkSources.PassFail);
    }

    [Fact]
    public void SplitIntoParts_ReallyIsSplit()
    {
        var outcome = GeneratorHarness.Run(Layouts["SplitIntoParts"]);
        Assert.Contains("GradientKernelPart2(", outcome.SingleSourceText);
    }

    [Fact]
    public void NestedInPartialRecord_CompilesWithoutWarnings()
    {
        AssertCompilesCleanly(LanguageVersion.Latest, @"using NetGen;
namespace Samples;

/// <summary>A record that holds a network type.</summary>
public partial record Holder
{
    [Network(Loss.CrossEntropy)]
    [Input(2)]
    [Dense(2, Activation.Softmax)]
    private partial class Classifier { }
}

/// <summary>A record struct that holds a network type.</summary>
public partial record struct ValueHolder
{
    [Network(Loss.MeanSquaredError)]
    [Input(2)]
    [Dense(1, Activation.Tanh)]
    internal partial class Regressor { }
}
");
    }

    [Fact]
    public void KeywordIdentifiers_CompileWithoutWarnings()
    {
        // Verbatim identifiers are legal names for namespaces and classes; the generated code must escape them too.
        AssertCompilesCleanly(LanguageVersion.Latest, @"using NetGen;
namespace Samples.@event
{
    /// <summary>A class whose name is a keyword.</summary>
    [Network(Loss.MeanSquaredError)]
    [Input(2)]
    [Dense(1, Activation.Sigmoid)]
    public partial class @class { }
}
");
    }

    private static void AssertCompilesCleanly(LanguageVersion version, string source)
    {
        var outcome = GeneratorHarness.Run(version, source);
        Assert.Null(outcome.Result.Exception);
        Assert.NotEmpty(outcome.Sources);

        var problems = outcome.GeneratorDiagnostics
            .Concat(outcome.AnalyzerDiagnostics)
            .Concat(outcome.Output.GetDiagnostics())
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .ToList();
        Assert.True(problems.Count == 0, "Diagnostics of warning level or above:\n" + Describe(problems, outcome.Output));
    }

    private static string Describe(IEnumerable<Diagnostic> diagnostics, Compilation compilation)
        => string.Join("\n", diagnostics.Take(20).Select(d =>
        {
            string line = "";
            if (d.Location.SourceTree is { } tree)
            {
                int number = d.Location.GetLineSpan().StartLinePosition.Line;
                var lines = tree.GetText().Lines;
                line = number < lines.Count ? "\n      " + lines[number].ToString().Trim() : "";
            }
            return "  " + d + line;
        }));
}

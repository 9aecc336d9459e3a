using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Tests.Driving;
using Xunit;

namespace NetGen.Generator.Tests.Robustness;

/// <summary>Every valid network gets its own generated file, even when two full names look alike once made file-name safe.</summary>
public sealed class HintNameTests
{
    [Fact]
    public void NestedClassAndNamespaceClassWithTheSameDottedName_BothGenerate()
    {
        // A.B.C is both class C in namespace A.B and class C nested in class A.B: the hint names must still differ.
        var outcome = GeneratorHarness.Run(@"using NetGen;
namespace A.B
{
    [Network(Loss.MeanSquaredError)]
    [Input(2)]
    [Dense(1)]
    public partial class C { }
}
namespace A
{
    public partial class B
    {
        [Network(Loss.MeanSquaredError)]
        [Input(3)]
        [Dense(1)]
        public partial class C { }
    }
}
");

        Assert.Null(outcome.Result.Exception);
        Assert.True(outcome.BuildDiagnostics.All(d => d.Severity < DiagnosticSeverity.Error), string.Join("\n", outcome.BuildDiagnostics));
        Assert.Equal(2, outcome.Sources.Count);
        Assert.Equal(2, outcome.Sources.Select(s => s.HintName).Distinct().Count());
    }

    [Fact]
    public void NetworksInDifferentNamespaces_GetDistinctFiles()
    {
        var outcome = GeneratorHarness.Run(
            "using NetGen;\nnamespace One\n{\n    [Network(Loss.MeanSquaredError)]\n    [Input(2)]\n    [Dense(1)]\n    public partial class N { }\n}\n",
            "using NetGen;\nnamespace Two\n{\n    [Network(Loss.MeanSquaredError)]\n    [Input(2)]\n    [Dense(1)]\n    public partial class N { }\n}\n");

        Assert.Equal(new[] { "One.N.g.cs", "Two.N.g.cs" }, outcome.Sources.Select(s => s.HintName).OrderBy(h => h, System.StringComparer.Ordinal));
    }
}

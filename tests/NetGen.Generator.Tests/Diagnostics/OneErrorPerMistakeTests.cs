using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Tests.Driving;
using NetGen.Generator.Tests.Robustness;
using Xunit;

namespace NetGen.Generator.Tests.Diagnostics;

/// <summary>
/// csc runs the generator and then the analyzer on the same compilation and prints what both report: one layout
/// mistake must come out as one NG diagnostic across the two, also when the file has an unrelated compile error
/// (csc still runs both then). The analyzer reports the rules; the generator reports them only in a build that skips
/// analyzers (NetGen.targets sets NetGenAnalyzersSkipped), and then once.
/// </summary>
public sealed class OneErrorPerMistakeTests
{
    private const string Mse = "[Network(Loss.MeanSquaredError)]";

    /// <summary>Class-level code that binds with error CS0029, unrelated to any network.</summary>
    private const string UnrelatedCompileError = "\npublic static class Unrelated\n{\n    public static int M() { int x = \"s\"; return x; }\n}";

    private static readonly Dictionary<string, (string Id, string Body)> Mistakes = new()
    {
        ["NotPartial"] = ("NG0001", Mse + "\n[Input(2)]\n[Dense(1)]\npublic class N { }"),
        ["MissingInput"] = ("NG0003", Mse + "\n[Dense(1)]\npublic partial class N { }"),
        ["LossActivationMismatch"] = ("NG0009", "[Network(Loss.BinaryCrossEntropy)]\n[Input(2)]\n[Dense(1, Activation.Tanh)]\npublic partial class N { }"),
        ["LayerAttributeWithoutNetwork"] = ("NG0019", "[Dense(3)]\npublic partial class Orphan { }"),
        ["DropoutBeforeFirstDense"] = ("NG0031", Mse + "\n[Input(2)]\n[Dropout(0.5f)]\n[Dense(1)]\npublic partial class N { }"),
        ["DropoutProbabilityOutOfRange"] = ("NG0030", Mse + "\n[Input(2)]\n[Dense(3)]\n[Dropout(1.5f)]\n[Dense(1)]\npublic partial class N { }"),
        // Layered networks: a shape error is not followed by errors about the layers after it.
        ["DenseAfterShapedValue"] = ("NG0060", Mse + "\n[Input(2, 16)]\n[Conv1D(4, 3)]\n[Dense(3)]\n[Dense(1)]\npublic partial class N { }"),
        ["LayerInputShapeMismatch"] = ("NG0061", Mse + "\n[Input(2, 16)]\n[Conv2D(4, 3)]\n[MaxPool2D(2)]\n[Dense(1)]\npublic partial class N { }"),
        ["LayerOutputEmpty"] = ("NG0062", Mse + "\n[Input(1, 4, 4)]\n[MaxPool2D(5)]\n[Conv2D(2, 3)]\n[Flatten]\n[Dense(1)]\npublic partial class N { }"),
        ["ShapedLayerArgumentOutOfRange"] = ("NG0063", Mse + "\n[Input(1, 8)]\n[Conv1D(2, 3, 0)]\n[Flatten]\n[Dense(1)]\npublic partial class N { }"),
        ["ShapedLayerInSequenceNetwork"] = ("NG0065", "[Network(Loss.MeanSquaredError, SequenceLength = 4)]\n[Input(4, 16)]\n[Gru(8)]\n[Dense(1)]\npublic partial class N { }"),
        ["DropoutInLayeredNetwork"] = ("NG0066", Mse + "\n[Input(1, 6, 6)]\n[Conv2D(2, 3)]\n[Flatten]\n[Dense(1)]\n[Dropout(1.5f)]\npublic partial class N { }"),
        ["LayeredValuesTooLarge"] = ("NG0067", Mse + "\n[Input(1, 1024, 2048)]\n[Conv2D(16384, 1)]\n[GlobalAvgPool]\n[Flatten]\n[Dense(1)]\npublic partial class N { }"),
    };

    public static TheoryData<string> MistakeNames() => new(Mistakes.Keys);

    private static string Source(string name, bool withUnrelatedError = false)
        => Wrap(Mistakes[name].Body + (withUnrelatedError ? UnrelatedCompileError : ""));

    private static string Wrap(string body) => MalformedSourceCase.Wrap(body);

    [Theory]
    [MemberData(nameof(MistakeNames))]
    public void Mistake_IsReportedOnce_ByTheAnalyzer(string name)
    {
        string id = Mistakes[name].Id;
        var outcome = GeneratorHarness.Run(Source(name));

        AssertReportedOnce(outcome, id);
        Assert.Single(outcome.AnalyzerDiagnostics, d => d.Id == id);
        Assert.Empty(outcome.GeneratorNgIds);
        Assert.Empty(outcome.Sources);
    }

    [Theory]
    [MemberData(nameof(MistakeNames))]
    public void Mistake_NextToAnUnrelatedCompileError_IsStillReportedOnce(string name)
    {
        string id = Mistakes[name].Id;
        var outcome = GeneratorHarness.Run(Source(name, withUnrelatedError: true));

        Assert.Contains(outcome.Output.GetDiagnostics(), d => d.Id == "CS0029");
        AssertReportedOnce(outcome, id);
        Assert.Single(outcome.AnalyzerDiagnostics, d => d.Id == id);
        Assert.Empty(outcome.GeneratorNgIds);
    }

    [Theory]
    [MemberData(nameof(MistakeNames))]
    public void BuildThatSkipsAnalyzers_GetsTheMistakeOnce_FromTheGenerator(string name)
    {
        string id = Mistakes[name].Id;
        var skipped = new Dictionary<string, string> { ["build_property.NetGenAnalyzersSkipped"] = "true" };

        var outcome = GeneratorHarness.Run(skipped, Source(name, withUnrelatedError: true));

        // The analyzer does not run in such a build: the generator's diagnostics are all the build prints.
        var diagnostic = Assert.Single(outcome.GeneratorDiagnostics, d => d.Id.StartsWith("NG", System.StringComparison.Ordinal));
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("Source0.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Empty(outcome.Sources);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("")]
    public void BuildThatRunsAnalyzers_GetsNoRuleFromTheGenerator(string value)
    {
        var options = new Dictionary<string, string> { ["build_property.NetGenAnalyzersSkipped"] = value };

        var outcome = GeneratorHarness.Run(options, Source("MissingInput"));

        Assert.Empty(outcome.GeneratorNgIds);
        AssertReportedOnce(outcome, "NG0003");
    }

    [Fact]
    public void SkippedAnalyzers_StillLeaveWarningsToTheAnalyzer()
    {
        // NG0010 (a warning) does not explain a missing generated class; a build without analyzers does not show it.
        var skipped = new Dictionary<string, string> { ["build_property.NetGenAnalyzersSkipped"] = "true" };

        var outcome = GeneratorHarness.Run(skipped, Wrap(Mse + "\n[Input(2)]\n[Dense(3, Activation.Softmax)]\npublic partial class N { }"));

        Assert.Empty(outcome.GeneratorNgIds);
        Assert.Single(outcome.Sources);
        Assert.Single(outcome.AnalyzerDiagnostics, d => d.Id == "NG0010");
    }

    /// <summary>Exactly one diagnostic of <paramref name="id"/> across the generator and the analyzer, and no NG diagnostic twice.</summary>
    private static void AssertReportedOnce(GeneratorOutcome outcome, string id)
    {
        var all = outcome.BuildDiagnostics;
        Assert.True(all.Count(d => d.Id == id) == 1, $"{id} reported {all.Count(d => d.Id == id)} times:\n" + string.Join("\n", all));
        var repeated = all.GroupBy(d => (d.Id, d.Location.GetLineSpan().ToString())).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(repeated.Count == 0, "Reported more than once: " + string.Join(", ", repeated));
    }
}

using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NetGen.Generator.Diagnostics.Analyzers;
using NetGen.Generator.Parsing;
using NetGen.Generator.Tests.Driving;
using Xunit;

namespace NetGen.Generator.Tests.Analyzers;

/// <summary>
/// The analyzer runs on the compilation the IDE and csc give it, which already holds the generator's output: NetGen's
/// own members (Predict, Parameters, T(), T(int)…) and members of the user's interfaces must not be reported as clashes.
/// </summary>
public sealed class AnalyzerOnGeneratedCodeTests
{
    private const string PassFail = @"using NetGen;
namespace Samples
{
    [Network(Loss.MeanSquaredError, LearningRate = 0.1f)]
    [Input(3)]
    [Dense(1, Activation.Sigmoid)]
    [Dense(1, Activation.Sigmoid)]
    public partial class PassFail { }
}
";

    /// <summary>Generator first, then the analyzer on the updated compilation; returns the analyzer's diagnostics.</summary>
    private static async Task<(GeneratorOutcome Outcome, ImmutableArray<Diagnostic> Diagnostics)> GenerateThenAnalyze(params string[] sources)
    {
        var outcome = GeneratorHarness.Run(sources);
        Assert.Null(outcome.Result.Exception);
        Assert.NotEmpty(outcome.Sources);
        var errors = outcome.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The generated code does not compile:\n  " + string.Join("\n  ", errors.Take(5)));

        var withAnalyzer = outcome.Output.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new NetworkAnalyzer()));
        var diagnostics = await withAnalyzer.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        return (outcome, diagnostics);
    }

    private static void AssertNoNgDiagnostic(ImmutableArray<Diagnostic> diagnostics)
    {
        var ng = diagnostics.Where(d => d.Id.StartsWith("NG", System.StringComparison.Ordinal)).ToList();
        Assert.True(ng.Count == 0, "Unexpected NetGen diagnostics:\n  " + string.Join("\n  ", ng));
    }

    /// <summary>The rule itself (not only the compiler's filter on generated files) skips NetGen's members.</summary>
    private static void AssertParserSeesNoUserClash(Compilation output, string metadataName)
    {
        var type = output.GetTypeByMetadataName(metadataName);
        Assert.NotNull(type);
        Assert.Contains(type!.DeclaringSyntaxReferences, r => NetworkParser.IsGeneratedByNetGen(r.SyntaxTree));
        var parsed = NetworkParser.Parse(type, CancellationToken.None);
        Assert.Empty(parsed.DeclaredMembers);
    }

    [Fact]
    public async Task GeneratedMembers_AreNotReportedAsClashes()
    {
        var (outcome, diagnostics) = await GenerateThenAnalyze(PassFail);

        Assert.DoesNotContain(diagnostics, d => d.Id == "NG0015");
        AssertNoNgDiagnostic(diagnostics);
        AssertParserSeesNoUserClash(outcome.Output, "Samples.PassFail");
    }

    [Fact]
    public async Task InterfaceImplementedByGeneratedMembers_IsNotReported()
    {
        var (outcome, diagnostics) = await GenerateThenAnalyze(@"using System;
namespace Samples
{
    public interface IPredictor
    {
        void Predict(ReadOnlySpan<float> input, Span<float> output);
        float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target);
        ReadOnlySpan<float> Parameters { get; }
    }
}
", @"using NetGen;
namespace Samples
{
    [Network(Loss.MeanSquaredError)]
    [Input(2)]
    [Dense(1, Activation.Sigmoid)]
    public partial class N : IPredictor { }
}
");

        AssertNoNgDiagnostic(diagnostics);
        AssertParserSeesNoUserClash(outcome.Output, "Samples.N");
    }

    [Fact]
    public async Task ExplicitInterfaceImplementations_BesideTheGeneratedMembers_AreNotReported()
    {
        var (outcome, diagnostics) = await GenerateThenAnalyze(@"using System;
using NetGen;
namespace Samples
{
    public interface IModel
    {
        void Predict(ReadOnlySpan<float> input, Span<float> output);
        float Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);
    }

    [Network(Loss.MeanSquaredError)]
    [Input(2)]
    [Dense(1)]
    public partial class N : IModel
    {
        void IModel.Predict(ReadOnlySpan<float> input, Span<float> output) => Predict(input, output);
        float IModel.Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets) => Evaluate(inputs, targets);
    }
}
");

        AssertNoNgDiagnostic(diagnostics);
        AssertParserSeesNoUserClash(outcome.Output, "Samples.N");
    }

    [Fact]
    public async Task UserPredict_IsStillReported_WhenTheCompilationHoldsGeneratedCode()
    {
        // Control for the tests above: the generator emits nothing for this class (an error), so add a second, valid
        // network to make sure generated code is present while the clash is reported on the user's own member.
        var outcome = GeneratorHarness.Run(PassFail, @"using System;
using NetGen;
namespace Samples
{
    [Network(Loss.MeanSquaredError)]
    [Input(2)]
    [Dense(1)]
    public partial class Clash
    {
        public void Predict(ReadOnlySpan<float> input, Span<float> output) { }
    }
}
");
        Assert.NotEmpty(outcome.Sources);
        var diagnostics = await outcome.Output.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new NetworkAnalyzer()))
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);

        var clash = Assert.Single(diagnostics, d => d.Id == "NG0015");
        Assert.Equal("Source1.cs", clash.Location.SourceTree?.FilePath);
        Assert.Contains("'Predict'", clash.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}

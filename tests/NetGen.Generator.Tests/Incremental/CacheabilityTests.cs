using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator.Tests.Driving;
using Xunit;

namespace NetGen.Generator.Tests.Incremental;

/// <summary>
/// The incremental pipeline caches: after a run, running again on the same compilation, or on one where an unrelated
/// file was added or edited, leaves every tracked step's outputs Cached or Unchanged; and no step output holds a
/// symbol, syntax or compilation.
/// </summary>
public sealed class CacheabilityTests
{
    private const string Unrelated = @"namespace Other
{
    /// <summary>Unrelated code.</summary>
    public static class Helpers
    {
        /// <summary>Twice.</summary>
        public static int Twice(int x) => 2 * x;
    }
}
";

    /// <summary>Every tracking name the generator declares (TrackingNames' constants), so new steps are covered too.</summary>
    private static readonly string[] TrackedStepNames = typeof(NetworkGenerator).Assembly
        .GetType("NetGen.Generator.TrackingNames", throwOnError: true)!
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    /// <summary>A valid network, a sequence network, a layered one, an invalid one (diagnostics flow) and an orphan [Dense], so every step has outputs.</summary>
    private static readonly string[] Sources =
    {
        NetworkSources.ThreeLayer,
        NetworkSources.Sequence,
        NetworkSources.LayeredBatchNorm,
        @"using NetGen;
namespace Samples
{
    [Network(Loss.BinaryCrossEntropy)]
    [Input(2)]
    [Dense(3, Activation.Tanh)]
    public partial class Invalid { }

    [Dense(3)]
    public partial class Orphan { }
}
",
    };

    [Fact]
    public void TrackingNames_IncludeTheDocumentedSteps()
    {
        Assert.Contains("Networks", TrackedStepNames);
        Assert.Contains("Diagnostics", TrackedStepNames);
        Assert.Contains("Specs", TrackedStepNames);
    }

    [Fact]
    public void SameCompilation_EveryStepCached()
    {
        var compilation = GeneratorHarness.Compile(Sources);
        var driver = FirstRun(compilation);

        var second = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        AssertAllCachedOrUnchanged(second);
    }

    [Fact]
    public void UnrelatedFileAdded_EveryStepCached()
    {
        var compilation = GeneratorHarness.Compile(Sources);
        var driver = FirstRun(compilation);
        var added = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(Unrelated, ParseOptions(compilation), path: "Unrelated.cs"));

        var second = driver.RunGenerators(added).GetRunResult().Results.Single();

        AssertAllCachedOrUnchanged(second);
    }

    [Fact]
    public void UnrelatedFileEdited_EveryStepCached()
    {
        var compilation = GeneratorHarness.Compile(Sources.Append(Unrelated));
        var driver = FirstRun(compilation);
        var old = compilation.SyntaxTrees.Last();
        var edited = compilation.ReplaceSyntaxTree(old, old.WithChangedText(old.GetText().Replace(old.GetText().ToString().IndexOf("2 * x", System.StringComparison.Ordinal), 5, "x + x")));

        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllCachedOrUnchanged(second);
    }

    [Fact]
    public void NetworkFileEditedAboveTheClass_SpecsUnchanged()
    {
        // A comment above the attributes moves every location (so diagnostics are recomputed) but not the spec:
        // the generation step must not run again.
        var compilation = GeneratorHarness.Compile(Sources);
        var driver = FirstRun(compilation);
        var old = compilation.SyntaxTrees.First();
        var edited = compilation.ReplaceSyntaxTree(old, old.WithChangedText(old.GetText().Replace(0, 0, "// a comment\n")));

        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertStepCachedOrUnchanged(second, "Specs");
    }

    [Fact]
    public void LayeredNetworkFileEditedAboveTheClass_SpecsUnchangedAndNothingRegenerated()
    {
        // The layered spec holds shapes and layer records (TensorShape, ConvLayer, BatchNormLayer, …): they must compare
        // by value, so that moving the class leaves the spec equal and its code is not emitted again.
        var compilation = GeneratorHarness.Compile(new[] { NetworkSources.Layered, NetworkSources.LayeredBatchNorm });
        var driver = FirstRun(compilation);
        var old = compilation.SyntaxTrees.First();
        var edited = compilation.ReplaceSyntaxTree(old, old.WithChangedText(old.GetText().Replace(0, 0, "// a comment\n")));

        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertStepCachedOrUnchanged(second, "Specs");
        AssertStepCachedOrUnchanged(second, "BakedWeights");
    }

    [Fact]
    public void LayeredNetworkEdited_OnlyItsSpecChanges()
    {
        var compilation = GeneratorHarness.Compile(new[] { NetworkSources.Layered, NetworkSources.LayeredBatchNorm });
        var driver = FirstRun(compilation);
        var old = compilation.SyntaxTrees.First();
        string text = old.GetText().ToString();
        int at = text.IndexOf("[MaxPool2D(2)]", System.StringComparison.Ordinal);
        var edited = compilation.ReplaceSyntaxTree(old, old.WithChangedText(old.GetText().Replace(at, "[MaxPool2D(2)]".Length, "[AvgPool2D(2)]")));

        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var reasons = second.TrackedSteps["Specs"].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Equal(1, reasons.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(1, reasons.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.Contains(second.GeneratedSources, s => s.SourceText.ToString().Contains("AvgPool2D(2)", System.StringComparison.Ordinal));
    }

    [Fact]
    public void StepOutputs_HoldNoSymbolsSyntaxOrCompilations()
    {
        var compilation = GeneratorHarness.Compile(Sources);
        var result = GeneratorHarness.CreateDriver(ParseOptions(compilation), trackSteps: true).RunGenerators(compilation).GetRunResult().Results.Single();

        var problems = new List<string>();
        int outputs = 0;
        foreach (string name in TrackedStepNames)
        {
            Assert.True(result.TrackedSteps.TryGetValue(name, out var steps), $"No step named {name}.");
            foreach (var step in steps)
            {
                foreach (var (value, _) in step.Outputs)
                {
                    outputs++;
                    problems.AddRange(ModelObjectWalker.FindForbidden(value, name));
                }
            }
        }
        Assert.True(outputs > 0, "No tracked step produced an output.");
        Assert.True(problems.Count == 0, "Pipeline values holding Roslyn objects:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void ModelObjectWalker_FindsASymbolInsideATuple()
    {
        var compilation = GeneratorHarness.Compile(new[] { "class C { }" });
        var symbol = compilation.GetTypeByMetadataName("C");

        var found = ModelObjectWalker.FindForbidden(("hint", new object[] { 1, symbol! }), "value");

        Assert.Single(found);
    }

    private static GeneratorDriver FirstRun(CSharpCompilation compilation)
    {
        var driver = GeneratorHarness.CreateDriver(ParseOptions(compilation), trackSteps: true).RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        Assert.Null(first.Exception);
        foreach (string name in TrackedStepNames)
        {
            Assert.True(first.TrackedSteps.ContainsKey(name), $"The first run has no step named {name}.");
        }
        return driver;
    }

    private static void AssertAllCachedOrUnchanged(GeneratorRunResult result)
    {
        foreach (string name in TrackedStepNames) AssertStepCachedOrUnchanged(result, name);
    }

    private static void AssertStepCachedOrUnchanged(GeneratorRunResult result, string name)
    {
        Assert.True(result.TrackedSteps.TryGetValue(name, out var steps), $"No step named {name} in the second run.");
        var outputs = steps.SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        var bad = outputs.Where(o => o.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged)).ToList();
        Assert.True(bad.Count == 0, $"Step {name}: {string.Join(", ", bad.Select(o => o.Reason + " " + o.Value))}");
    }

    private static CSharpParseOptions ParseOptions(Compilation compilation) => (CSharpParseOptions)compilation.SyntaxTrees.First().Options;
}

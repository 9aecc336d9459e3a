using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace NetGen.Generator.Tests.Driving;

/// <summary>Runs <see cref="NetworkGenerator"/> through <see cref="CSharpGeneratorDriver"/> on user sources, as the compiler would.</summary>
internal static class GeneratorHarness
{
    public static CSharpParseOptions ParseOptions(LanguageVersion version = LanguageVersion.Latest)
        => new(version, DocumentationMode.Diagnose);

    /// <summary>A library compilation of the sources (file names Source0.cs, Source1.cs… unless given), nullable enabled.</summary>
    public static CSharpCompilation Compile(IEnumerable<string> sources, LanguageVersion version = LanguageVersion.Latest)
    {
        var options = ParseOptions(version);
        var trees = sources.Select((text, i) => CSharpSyntaxTree.ParseText(text, options, path: $"Source{i}.cs"));
        return CSharpCompilation.Create(
            "UserProject",
            trees,
            TestReferences.All,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                // What MSBuild passes to csc for every project: version unification of framework references is expected.
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic>
                {
                    ["CS1701"] = ReportDiagnostic.Suppress,
                    ["CS1702"] = ReportDiagnostic.Suppress,
                }));
    }

    public static GeneratorDriver CreateDriver(CSharpParseOptions parseOptions, bool trackSteps = false, AnalyzerConfigOptionsProvider? options = null)
        => CSharpGeneratorDriver.Create(
            new[] { new NetworkGenerator().AsSourceGenerator() },
            parseOptions: parseOptions,
            optionsProvider: options,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator once on a fresh compilation of <paramref name="sources"/>.</summary>
    public static GeneratorOutcome Run(params string[] sources) => Run(LanguageVersion.Latest, sources);

    public static GeneratorOutcome Run(LanguageVersion version, params string[] sources) => Run(version, null, sources);

    /// <summary>Runs the generator once with the build's global options (<c>build_property.*</c>) set to <paramref name="globalOptions"/>.</summary>
    public static GeneratorOutcome Run(IReadOnlyDictionary<string, string> globalOptions, params string[] sources)
        => Run(LanguageVersion.Latest, new GlobalOptionsProvider(globalOptions), sources);

    private static GeneratorOutcome Run(LanguageVersion version, AnalyzerConfigOptionsProvider? options, string[] sources)
    {
        var compilation = Compile(sources, version);
        var driver = CreateDriver((CSharpParseOptions)compilation.SyntaxTrees.First().Options, options: options)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var driverDiagnostics, CancellationToken.None);
        return new GeneratorOutcome(compilation, output, driverDiagnostics, driver.GetRunResult());
    }
}

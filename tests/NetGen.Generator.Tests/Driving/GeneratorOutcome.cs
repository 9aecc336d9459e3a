using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NetGen.Generator.Diagnostics.Analyzers;

namespace NetGen.Generator.Tests.Driving;

/// <summary>
/// What one generator run produced: the input and output compilations, the driver's diagnostics and the run result;
/// and, the way csc goes on, what <see cref="NetworkAnalyzer"/> reports on the output compilation.
/// </summary>
internal sealed class GeneratorOutcome
{
    public GeneratorOutcome(Compilation input, Compilation output, ImmutableArray<Diagnostic> driverDiagnostics, GeneratorDriverRunResult runResult)
    {
        Input = input;
        Output = output;
        DriverDiagnostics = driverDiagnostics;
        RunResult = runResult;
        _analyzerDiagnostics = new Lazy<IReadOnlyList<Diagnostic>>(() => output
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new NetworkAnalyzer()))
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult());
    }

    private readonly Lazy<IReadOnlyList<Diagnostic>> _analyzerDiagnostics;

    public Compilation Input { get; }
    public Compilation Output { get; }
    public ImmutableArray<Diagnostic> DriverDiagnostics { get; }
    public GeneratorDriverRunResult RunResult { get; }

    public GeneratorRunResult Result => RunResult.Results.Single();

    /// <summary>Diagnostics the generator reported (NG…), plus any the driver added (CS8785 when a generator throws).</summary>
    public IReadOnlyList<Diagnostic> GeneratorDiagnostics => Result.Diagnostics.Concat(DriverDiagnostics).Distinct().ToList();

    /// <summary>What NetworkAnalyzer reports on <see cref="Output"/>, as csc runs it after the generators.</summary>
    public IReadOnlyList<Diagnostic> AnalyzerDiagnostics => _analyzerDiagnostics.Value;

    /// <summary>
    /// The NG diagnostics a build prints: the generator's and the analyzer's together (csc prints both). NetGen's
    /// layout rules come from the analyzer, NG0021–NG0024 and NG0099 from the generator; each mistake appears once.
    /// </summary>
    public IReadOnlyList<Diagnostic> BuildDiagnostics => GeneratorDiagnostics.Concat(AnalyzerDiagnostics)
        .Where(d => d.Id.StartsWith("NG", StringComparison.Ordinal)).ToList();

    /// <summary>The distinct NG IDs of <see cref="BuildDiagnostics"/> (generator and analyzer), sorted.</summary>
    public IReadOnlyList<string> NgIds => BuildDiagnostics.Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToList();

    /// <summary>The distinct NG IDs the generator itself reported, sorted.</summary>
    public IReadOnlyList<string> GeneratorNgIds => GeneratorDiagnostics.Select(d => d.Id).Where(id => id.StartsWith("NG", StringComparison.Ordinal)).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToList();

    public IReadOnlyList<GeneratedSourceResult> Sources => Result.GeneratedSources;

    /// <summary>The one generated file's text with line endings normalised to \n.</summary>
    public string SingleSourceText => Sources.Single().SourceText.ToString().Replace("\r\n", "\n");
}

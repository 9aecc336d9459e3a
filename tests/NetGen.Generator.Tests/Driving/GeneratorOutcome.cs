using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Tests.Driving;

/// <summary>What one generator run produced: the input and output compilations, the driver's diagnostics and the run result.</summary>
internal sealed class GeneratorOutcome
{
    public GeneratorOutcome(Compilation input, Compilation output, ImmutableArray<Diagnostic> driverDiagnostics, GeneratorDriverRunResult runResult)
    {
        Input = input;
        Output = output;
        DriverDiagnostics = driverDiagnostics;
        RunResult = runResult;
    }

    public Compilation Input { get; }
    public Compilation Output { get; }
    public ImmutableArray<Diagnostic> DriverDiagnostics { get; }
    public GeneratorDriverRunResult RunResult { get; }

    public GeneratorRunResult Result => RunResult.Results.Single();

    /// <summary>Diagnostics the generator reported (NG…), plus any the driver added (CS8785 when a generator throws).</summary>
    public IReadOnlyList<Diagnostic> GeneratorDiagnostics => Result.Diagnostics.Concat(DriverDiagnostics).Distinct().ToList();

    public IReadOnlyList<string> NgIds => GeneratorDiagnostics.Select(d => d.Id).Where(id => id.StartsWith("NG", System.StringComparison.Ordinal)).Distinct().OrderBy(id => id, System.StringComparer.Ordinal).ToList();

    public IReadOnlyList<GeneratedSourceResult> Sources => Result.GeneratedSources;

    /// <summary>The one generated file's text with line endings normalised to \n.</summary>
    public string SingleSourceText => Sources.Single().SourceText.ToString().Replace("\r\n", "\n");
}

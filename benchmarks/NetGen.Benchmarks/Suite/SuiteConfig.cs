using System;
using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;

namespace NetGen.Benchmarks.Suite;

/// <summary>
/// The suite classes' own configuration: a brief JSON report per class that <see cref="ReportWriter"/> reads, and a
/// filter that drops the 512-bit rows where AVX-512F is not supported and the 256-bit FMA probe where FMA is not
/// (instead of timing a fallback under a misleading name). The suite's job is not here but in
/// <see cref="JobArguments"/>, which Program.cs adds for <c>--suite</c>: BenchmarkDotNet runs a class's config jobs in
/// addition to the command line's, so a job here would double <c>--job dry</c> smoke runs.
/// </summary>
public sealed class SuiteConfig : ManualConfig
{
    /// <summary>
    /// The suite's job as BenchmarkDotNet command-line options (Program.cs appends them for <c>--suite</c>): 1 launch,
    /// 3 warm-up and 10 measured iterations of about 250 ms each, so the whole suite ends in about 10–12 minutes on
    /// 2 cores.
    /// </summary>
    public static readonly string[] JobArguments =
    {
        "--launchCount", "1", "--warmupCount", "3", "--iterationCount", "10", "--iterationTime", "250",
    };

    /// <summary>Creates the configuration.</summary>
    public SuiteConfig()
    {
        AddExporter(JsonExporter.Brief);

        // BenchmarkDotNet builds its boilerplate project without the shared compiler server; with the generator
        // running on every network of this project that took more than the default 2 minutes on a loaded machine.
        WithBuildTimeout(TimeSpan.FromMinutes(10));
        AddFilter(new SimpleFilter(RunsHere));
    }

    /// <summary>
    /// False for the rows this processor cannot run under their name: 512-bit rows (methods <c>NetGen512</c>,
    /// <c>Fma512</c>) without AVX-512F, the 256-bit FMA probe without FMA.
    /// </summary>
    public static bool RunsHere(BenchmarkCase benchmark) => benchmark.Descriptor.WorkloadMethod.Name switch
    {
        "NetGen512" or "Fma512" => Avx512F.IsSupported,
        "Fma256" => Fma.IsSupported,
        _ => true,
    };
}

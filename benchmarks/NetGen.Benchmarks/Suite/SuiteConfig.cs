using System;
using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;

namespace NetGen.Benchmarks.Suite;

/// <summary>
/// The suite classes' own configuration: a brief JSON report per class that <see cref="ReportWriter"/> reads, and a
/// filter that drops the 512-bit rows where AVX-512F is not supported and the 256-bit FMA probe where FMA is not
/// (instead of timing a fallback under a misleading name). The suite's job (<see cref="Job"/>) is added by
/// Program.cs for <c>--suite</c> only, so that <c>--job dry</c> smoke runs are not doubled by it (BenchmarkDotNet
/// unions the jobs of the command line and of a class's config).
/// </summary>
public sealed class SuiteConfig : ManualConfig
{
    /// <summary>The job's id, as it appears in the results.</summary>
    public const string JobId = "Suite";

    /// <summary>
    /// One short job: 1 launch, 3 warm-up and 10 measured iterations of about 250 ms each, so the whole suite ends in
    /// about 10–12 minutes on 2 cores.
    /// </summary>
    public static Job Job => BenchmarkDotNet.Jobs.Job.Default
        .WithLaunchCount(1)
        .WithWarmupCount(3)
        .WithIterationCount(10)
        .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250))
        .WithId(JobId);

    /// <summary>Creates the configuration.</summary>
    public SuiteConfig()
    {
        AddExporter(JsonExporter.Brief);

        // BenchmarkDotNet builds its boilerplate project without the shared compiler server; with the generator
        // running on every network of this project that took more than the default 2 minutes on a loaded machine.
        WithBuildTimeout(TimeSpan.FromMinutes(10));
        AddFilter(new SimpleFilter(benchmark =>
        {
            string name = benchmark.Descriptor.WorkloadMethod.Name;
            return name switch
            {
                "NetGen512" or "Fma512" => Avx512F.IsSupported,
                "Fma256" => Fma.IsSupported,
                _ => true,
            };
        }));
    }
}

using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;

namespace NetGen.Benchmarks.Suite;

/// <summary>
/// The suite's configuration: one short job (1 launch, 3 warm-up and 10 measured iterations) so the whole suite
/// ends in about 10–12 minutes on 2 cores; a brief JSON report per class that <see cref="ReportWriter"/> reads; and a
/// filter that drops the 512-bit rows where AVX-512F is not supported and the 256-bit FMA probe where FMA is not
/// (instead of timing a fallback under a misleading name).
/// </summary>
public sealed class SuiteConfig : ManualConfig
{
    /// <summary>The job's id, as it appears in the results.</summary>
    public const string JobId = "Suite";

    /// <summary>Creates the configuration.</summary>
    public SuiteConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).WithId(JobId));
        AddExporter(JsonExporter.Brief);
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

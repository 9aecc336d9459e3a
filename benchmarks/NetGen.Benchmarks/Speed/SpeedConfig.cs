using System;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Filters;
using NetGen.Benchmarks.Suite;

namespace NetGen.Benchmarks.Speed;

/// <summary>
/// The issue-15 classes' configuration, the suite's (<see cref="SuiteConfig"/>) plus one rule: the brief JSON report
/// that <see cref="ReportWriter"/> reads, a 10-minute build timeout, no 512-bit rows without AVX-512F
/// (<see cref="SuiteConfig.RunsHere"/>), and the benchmarks with <c>MaxThreads</c> above 1 only where NetGen has the
/// thread knob (<see cref="Threads"/>; without it they would time the single-threaded code under another name). The
/// job comes from the command line (Program.cs adds <see cref="SuiteConfig.JobArguments"/> for <c>--speed</c>).
/// </summary>
public sealed class SpeedConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public SpeedConfig()
    {
        AddExporter(JsonExporter.Brief);
        WithBuildTimeout(TimeSpan.FromMinutes(10));
        AddFilter(new SimpleFilter(benchmark =>
        {
            if (!SuiteConfig.RunsHere(benchmark)) return false;
            foreach (var parameter in benchmark.Parameters.Items)
            {
                if (parameter.Name == "MaxThreads" && parameter.Value is int threads && threads > 1) return Threads.Available;
            }

            return true;
        }));
    }
}

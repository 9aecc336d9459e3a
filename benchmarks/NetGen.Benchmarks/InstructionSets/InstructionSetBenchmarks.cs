using System;
using System.Linq;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using NetGen.Benchmarks.Suite;
using NetGen.Runtime;
using Perfolizer.Horology;

namespace NetGen.Benchmarks.InstructionSets;

/// <summary>
/// Issue 13: NetGen scalar (<c>ForcedWidth = -1</c>, the baseline of each row) against the automatic SIMD width
/// (<c>ForcedWidth = 0</c>), and in the job without switches 512 bits (<c>ForcedWidth = 512</c>, where AVX-512F is
/// supported), for batch-1 <c>Predict</c> and <c>TrainBatch(64)</c> of suite nets B and C, under the
/// instruction sets <see cref="InstructionSetConfig"/> emulates with .NET's <c>DOTNET_Enable*</c> switches. Run with
/// <c>-- --isa</c> (benchmarks/README.md, "Instruction sets"); not part of <c>--suite</c>.
/// </summary>
[Config(typeof(InstructionSetConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByJob, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
public class InstructionSetBenchmarks
{
    private INetwork _network = null!;
    private float[] _input = null!, _output = null!, _inputs = null!, _targets = null!;

    /// <summary>The suite net: B (8-16-16-4, tanh) or C (32-64-64-8, relu).</summary>
    [Params("B", "C")]
    public string Net { get; set; } = "B";

    /// <summary>Setup of the scalar rows.</summary>
    [GlobalSetup(Targets = new[] { nameof(PredictScalar), nameof(TrainScalar) })]
    public void SetupScalar() => Setup(-1);

    /// <summary>Setup of the automatic-width rows.</summary>
    [GlobalSetup(Targets = new[] { nameof(PredictSimd), nameof(TrainSimd) })]
    public void SetupSimd() => Setup(0);

    /// <summary>Setup of the 512-bit rows (run in the job without switches, and only where AVX-512F is supported).</summary>
    [GlobalSetup(Targets = new[] { nameof(Predict512), nameof(Train512) })]
    public void Setup512() => Setup(512);

    /// <summary>Batch-1 Predict, scalar code.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Predict")]
    public void PredictScalar() => _network.Predict(_input, _output);

    /// <summary>Batch-1 Predict, automatic width.</summary>
    [Benchmark, BenchmarkCategory("Predict")]
    public void PredictSimd() => _network.Predict(_input, _output);

    /// <summary>Batch-1 Predict, forced to 512 bits.</summary>
    [Benchmark, BenchmarkCategory("Predict")]
    public void Predict512() => _network.Predict(_input, _output);

    /// <summary>TrainBatch on 64 samples, scalar code.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("TrainBatch64")]
    public float TrainScalar() => _network.TrainBatch(_inputs, _targets);

    /// <summary>TrainBatch on 64 samples, automatic width.</summary>
    [Benchmark, BenchmarkCategory("TrainBatch64")]
    public float TrainSimd() => _network.TrainBatch(_inputs, _targets);

    /// <summary>TrainBatch on 64 samples, forced to 512 bits.</summary>
    [Benchmark, BenchmarkCategory("TrainBatch64")]
    public float Train512() => _network.TrainBatch(_inputs, _targets);

    private void Setup(int width)
    {
        SimdOptions.ForcedWidth = width;
        _network = BenchmarkSetup.SuiteNet(Net);
        _input = SuiteNetworks.RandomData(_network.InputSize, 41);
        _output = new float[_network.OutputSize];
        (_inputs, _targets) = BenchmarkSetup.Batch(_network, SuiteNetworks.Batch, 42, 43);
        // What this process runs with, in the benchmark's log: the width and whether its multiply-adds are fused.
        Console.WriteLine(
            $"// ISA: Vector512 {Vector512.IsHardwareAccelerated}, Vector256 {Vector256.IsHardwareAccelerated}, "
            + $"AVX2 {Avx2.IsSupported}, AVX {Avx.IsSupported}, FMA {Fma.IsSupported}; width {SimdOptions.PreferredWidth}");
    }
}

/// <summary>
/// One short job per emulated instruction set (1 launch, 2 warm-up and 5 measured iterations of about 150 ms): .NET 10's
/// switches, which disable an instruction set and everything above it (the job id names the switches; AllOfThisCpu
/// sets none). <c>DOTNET_EnableAVX512F</c> and
/// <c>DOTNET_EnableFMA</c> no longer exist in .NET 10 (they change nothing); FMA goes with <c>DOTNET_EnableAVX2</c>.
/// </summary>
public sealed class InstructionSetConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public InstructionSetConfig()
    {
        Job quick = Job.Default
            .WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5)
            .WithIterationTime(TimeInterval.FromMilliseconds(150));
        AddJob(quick.WithId("AllOfThisCpu"));
        Add("AVX512", "0");
        Add("AVX2", "0");
        Add("AVX", "0");
        // Gone in .NET 10 (kept to show that they change nothing: the same ISA line and width as the default job).
        Add("AVX512F", "0");
        Add("FMA", "0");
        Add("AVX2", "0", "FMA", "0");

        void Add(params string[] switches)
        {
            var variables = new EnvironmentVariable[switches.Length / 2];
            for (int i = 0; i < variables.Length; i++)
            {
                variables[i] = new EnvironmentVariable("DOTNET_Enable" + switches[2 * i], switches[2 * i + 1]);
            }

            string id = string.Join("+", variables.Select(v => v.Key.Substring("DOTNET_Enable".Length) + "=" + v.Value));
            AddJob(quick.WithEnvironmentVariables(variables).WithId(id));
        }

        AddFilter(new SimpleFilter(b => !b.Descriptor.WorkloadMethod.Name.EndsWith("512", StringComparison.Ordinal)
            || (b.Job.Id == "AllOfThisCpu" && Avx512F.IsSupported)));

        // As in SuiteConfig: the boilerplate project builds without the shared compiler server, slowly on a loaded machine.
        WithBuildTimeout(TimeSpan.FromMinutes(10));
    }
}

using System;
using BenchmarkDotNet.Attributes;
using NetGen.Runtime;

namespace NetGen.Benchmarks.Suite;

/// <summary>
/// <c>TrainBatch</c> on 64 samples (one SGD step on the batch's mean squared error): the plain C# baseline with its
/// own backward loop (Ratio 1) against NetGen with scalar kernels, the automatic SIMD width and 512 bits (where
/// AVX-512F is supported). Each setup first checks, on fresh copies, that one step of its contender gives the plain
/// baseline's loss and parameters; the timed instances start from the same weights and keep training the same batch.
/// </summary>
/// <typeparam name="TNet">The generated network; the derived class's NetGen methods call it directly, not through an interface.</typeparam>
[Config(typeof(SuiteConfig))]
[MemoryDiagnoser]
public abstract class TrainBenchmarks<TNet> where TNet : INetwork
{
    /// <summary>Method names the setups target (the derived classes declare the NetGen methods).</summary>
    protected const string Scalar = "NetGenScalar", Simd = "NetGenSimd", Simd512 = "NetGen512";

    private readonly Func<TNet> _create;
    private PlainNetwork? _plain;
    private float _learningRate;

    /// <summary>
    /// Creates the timed NetGen network with <paramref name="create"/> (called again for each setup's fresh copy, so it
    /// must give the same parameters every time) and the seeded batch.
    /// </summary>
    protected TrainBenchmarks(Func<TNet> create)
    {
        _create = create;
        Net = create();
        (Inputs, Targets) = BenchmarkSetup.Batch(Net, SuiteNetworks.Batch, 42, 43);
    }

    /// <summary>The timed NetGen network (parameters from <see cref="SuiteNetworks.Seed"/>).</summary>
    protected TNet Net { get; }

    /// <summary>Seeded random inputs [64, InputSize].</summary>
    protected float[] Inputs { get; }

    /// <summary>Seeded random targets [64, OutputSize].</summary>
    protected float[] Targets { get; }

    /// <summary>Setup of the plain baseline.</summary>
    [GlobalSetup(Target = nameof(PlainCSharp))]
    public void SetupPlain() => Setup(0);

    /// <summary>Setup of NetGen with scalar kernels.</summary>
    [GlobalSetup(Target = Scalar)]
    public void SetupScalar() => Setup(-1);

    /// <summary>Setup of NetGen with the automatic width.</summary>
    [GlobalSetup(Target = Simd)]
    public void SetupSimd() => Setup(0);

    /// <summary>Setup of NetGen forced to 512 bits.</summary>
    [GlobalSetup(Target = Simd512)]
    public void Setup512() => Setup(512);

    private void Setup(int width)
    {
        SimdOptions.ForcedWidth = width;
        _learningRate = Net.LearningRate;
        _plain = BenchmarkSetup.Plain(Net);

        // Correctness: one step of each on fresh copies of the same weights.
        var check = BenchmarkSetup.Plain(Net);
        float plainLoss = check.TrainBatch(Inputs, Targets, _learningRate);
        var plainAfter = new float[check.ParameterCount];
        check.CopyParametersTo(plainAfter);
        var fresh = _create();
        float netGenLoss = fresh.TrainBatch(Inputs, Targets);
        float[] netGenAfter = fresh.Parameters.ToArray();
        SuiteNetworks.CheckClose($"TrainBatch loss (width {width})", new[] { plainLoss }, new[] { netGenLoss }, 1e-4f);
        SuiteNetworks.CheckClose($"TrainBatch parameters (width {width})", plainAfter, netGenAfter, 1e-4f);
    }

    /// <summary>Restores the automatic width.</summary>
    [GlobalCleanup]
    public void Cleanup() => SimdOptions.ForcedWidth = 0;

    /// <summary>The plain C# loops with their own backward pass (the baseline).</summary>
    [Benchmark(Baseline = true, Description = "plain C#")]
    public float PlainCSharp() => _plain!.TrainBatch(Inputs, Targets, _learningRate);
}

/// <summary>TrainBatch(64) on net A.</summary>
public class TrainA : TrainBenchmarks<NetA>
{
    /// <summary>Creates the benchmark.</summary>
    public TrainA() : base(() => new NetA(SuiteNetworks.Seed)) { }

    /// <summary>NetGen, scalar kernels.</summary>
    [Benchmark(Description = "NetGen scalar")]
    public float NetGenScalar() => Net.TrainBatch(Inputs, Targets);

    /// <summary>NetGen, automatic SIMD width.</summary>
    [Benchmark(Description = "NetGen SIMD")]
    public float NetGenSimd() => Net.TrainBatch(Inputs, Targets);

    /// <summary>NetGen, 512-bit.</summary>
    [Benchmark(Description = "NetGen 512")]
    public float NetGen512() => Net.TrainBatch(Inputs, Targets);
}

/// <summary>TrainBatch(64) on net B.</summary>
public class TrainB : TrainBenchmarks<NetB>
{
    /// <summary>Creates the benchmark.</summary>
    public TrainB() : base(() => new NetB(SuiteNetworks.Seed)) { }

    /// <summary>NetGen, scalar kernels.</summary>
    [Benchmark(Description = "NetGen scalar")]
    public float NetGenScalar() => Net.TrainBatch(Inputs, Targets);

    /// <summary>NetGen, automatic SIMD width.</summary>
    [Benchmark(Description = "NetGen SIMD")]
    public float NetGenSimd() => Net.TrainBatch(Inputs, Targets);

    /// <summary>NetGen, 512-bit.</summary>
    [Benchmark(Description = "NetGen 512")]
    public float NetGen512() => Net.TrainBatch(Inputs, Targets);
}

/// <summary>TrainBatch(64) on net C.</summary>
public class TrainC : TrainBenchmarks<NetC>
{
    /// <summary>Creates the benchmark.</summary>
    public TrainC() : base(() => new NetC(SuiteNetworks.Seed)) { }

    /// <summary>NetGen, scalar kernels.</summary>
    [Benchmark(Description = "NetGen scalar")]
    public float NetGenScalar() => Net.TrainBatch(Inputs, Targets);

    /// <summary>NetGen, automatic SIMD width.</summary>
    [Benchmark(Description = "NetGen SIMD")]
    public float NetGenSimd() => Net.TrainBatch(Inputs, Targets);

    /// <summary>NetGen, 512-bit.</summary>
    [Benchmark(Description = "NetGen 512")]
    public float NetGen512() => Net.TrainBatch(Inputs, Targets);
}

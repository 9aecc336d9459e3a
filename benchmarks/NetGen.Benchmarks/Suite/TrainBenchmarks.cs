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
[Config(typeof(SuiteConfig))]
[MemoryDiagnoser]
public abstract class TrainBenchmarks
{
    /// <summary>Method names the setups target (the derived classes declare the NetGen methods).</summary>
    protected const string Scalar = "NetGenScalar", Simd = "NetGenSimd", Simd512 = "NetGen512";

    private readonly int _inputSize;
    private readonly (int Units, Activation Activation)[] _layers;
    private PlainNetwork? _plain;
    private float _learningRate;

    /// <summary>Seeded random inputs [64, InputSize].</summary>
    protected float[] Inputs { get; }

    /// <summary>Seeded random targets [64, OutputSize].</summary>
    protected float[] Targets { get; }

    /// <summary>Describes the network the derived class benchmarks.</summary>
    protected TrainBenchmarks(int inputSize, (int Units, Activation Activation)[] layers)
    {
        _inputSize = inputSize;
        _layers = layers;
        Inputs = SuiteNetworks.RandomData(SuiteNetworks.Batch * inputSize, 42);
        Targets = SuiteNetworks.RandomData(SuiteNetworks.Batch * layers[layers.Length - 1].Units, 43);
    }

    /// <summary>The timed NetGen network's parameters.</summary>
    protected abstract ReadOnlySpan<float> Parameters { get; }

    /// <summary>The timed NetGen network's learning rate.</summary>
    protected abstract float LearningRate { get; }

    /// <summary>
    /// One TrainBatch on a fresh NetGen network of the same seed; writes its parameters after the step and returns
    /// the loss (for the correctness check in the setup only).
    /// </summary>
    protected abstract float FreshNetGenStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> parametersAfter);

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
        _learningRate = LearningRate;
        _plain = new PlainNetwork(_inputSize, _layers);
        _plain.LoadParameters(Parameters);

        // Correctness: one step of each on fresh copies of the same weights.
        var check = new PlainNetwork(_inputSize, _layers);
        check.LoadParameters(Parameters);
        float plainLoss = check.TrainBatch(Inputs, Targets, _learningRate);
        var plainAfter = new float[check.ParameterCount];
        check.CopyParametersTo(plainAfter);
        var netGenAfter = new float[plainAfter.Length];
        float netGenLoss = FreshNetGenStep(Inputs, Targets, netGenAfter);
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
public class TrainA : TrainBenchmarks
{
    private readonly NetA _net = new(SuiteNetworks.Seed);

    /// <summary>Creates the benchmark.</summary>
    public TrainA() : base(NetA.InputSize, SuiteNetworks.A) { }

    /// <inheritdoc />
    protected override ReadOnlySpan<float> Parameters => _net.Parameters;

    /// <inheritdoc />
    protected override float LearningRate => _net.LearningRate;

    /// <inheritdoc />
    protected override float FreshNetGenStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> parametersAfter)
    {
        var fresh = new NetA(SuiteNetworks.Seed);
        float loss = fresh.TrainBatch(inputs, targets);
        fresh.Parameters.CopyTo(parametersAfter);
        return loss;
    }

    /// <summary>NetGen, scalar kernels.</summary>
    [Benchmark(Description = "NetGen scalar")]
    public float NetGenScalar() => _net.TrainBatch(Inputs, Targets);

    /// <summary>NetGen, automatic SIMD width.</summary>
    [Benchmark(Description = "NetGen SIMD")]
    public float NetGenSimd() => _net.TrainBatch(Inputs, Targets);

    /// <summary>NetGen, 512-bit.</summary>
    [Benchmark(Description = "NetGen 512")]
    public float NetGen512() => _net.TrainBatch(Inputs, Targets);
}

/// <summary>TrainBatch(64) on net B.</summary>
public class TrainB : TrainBenchmarks
{
    private readonly NetB _net = new(SuiteNetworks.Seed);

    /// <summary>Creates the benchmark.</summary>
    public TrainB() : base(NetB.InputSize, SuiteNetworks.B) { }

    /// <inheritdoc />
    protected override ReadOnlySpan<float> Parameters => _net.Parameters;

    /// <inheritdoc />
    protected override float LearningRate => _net.LearningRate;

    /// <inheritdoc />
    protected override float FreshNetGenStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> parametersAfter)
    {
        var fresh = new NetB(SuiteNetworks.Seed);
        float loss = fresh.TrainBatch(inputs, targets);
        fresh.Parameters.CopyTo(parametersAfter);
        return loss;
    }

    /// <summary>NetGen, scalar kernels.</summary>
    [Benchmark(Description = "NetGen scalar")]
    public float NetGenScalar() => _net.TrainBatch(Inputs, Targets);

    /// <summary>NetGen, automatic SIMD width.</summary>
    [Benchmark(Description = "NetGen SIMD")]
    public float NetGenSimd() => _net.TrainBatch(Inputs, Targets);

    /// <summary>NetGen, 512-bit.</summary>
    [Benchmark(Description = "NetGen 512")]
    public float NetGen512() => _net.TrainBatch(Inputs, Targets);
}

/// <summary>TrainBatch(64) on net C.</summary>
public class TrainC : TrainBenchmarks
{
    private readonly NetC _net = new(SuiteNetworks.Seed);

    /// <summary>Creates the benchmark.</summary>
    public TrainC() : base(NetC.InputSize, SuiteNetworks.C) { }

    /// <inheritdoc />
    protected override ReadOnlySpan<float> Parameters => _net.Parameters;

    /// <inheritdoc />
    protected override float LearningRate => _net.LearningRate;

    /// <inheritdoc />
    protected override float FreshNetGenStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> parametersAfter)
    {
        var fresh = new NetC(SuiteNetworks.Seed);
        float loss = fresh.TrainBatch(inputs, targets);
        fresh.Parameters.CopyTo(parametersAfter);
        return loss;
    }

    /// <summary>NetGen, scalar kernels.</summary>
    [Benchmark(Description = "NetGen scalar")]
    public float NetGenScalar() => _net.TrainBatch(Inputs, Targets);

    /// <summary>NetGen, automatic SIMD width.</summary>
    [Benchmark(Description = "NetGen SIMD")]
    public float NetGenSimd() => _net.TrainBatch(Inputs, Targets);

    /// <summary>NetGen, 512-bit.</summary>
    [Benchmark(Description = "NetGen 512")]
    public float NetGen512() => _net.TrainBatch(Inputs, Targets);
}

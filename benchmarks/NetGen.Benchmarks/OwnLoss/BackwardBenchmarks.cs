using System;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Determinism;
using NetGen.Benchmarks.Suite;
using NetGen.Runtime;

namespace NetGen.Benchmarks.OwnLoss;

/// <summary>
/// Issue 19: your own loss on a batch of 64 — <c>GradientBatch(64)</c> of the built-in loss (the baseline, Ratio 1, matrix
/// kernels), <c>BackwardBatch(64)</c> with the caller's ∂L/∂y (matrix kernels since this issue), with ∂L/∂x too, and
/// <c>Backward</c> row by row (64 calls of the per-sample scalar kernel, what <c>BackwardBatch</c> ran before). Net C of
/// the suite (32 → 64 relu → 64 relu → 8) and the Gelu/Softmax classifier of the determinism benchmarks.
/// </summary>
[Config(typeof(SuiteConfig))]
[MemoryDiagnoser]
public abstract class BackwardBenchmarks<TNetwork>
    where TNetwork : INetwork
{
    private readonly TNetwork _network;
    private readonly float[] _inputs, _targets, _outputGradients, _gradient, _inputGradients;

    protected BackwardBenchmarks(TNetwork network)
    {
        _network = network;
        var random = new Random(42);
        (_inputs, _targets) = BenchmarkSetup.Batch(network, SuiteNetworks.Batch, random);
        for (int i = 0; i < _targets.Length; i++) _targets[i] = _targets[i] * 0.5f + 0.5f;   // probabilities (cross-entropy)
        _outputGradients = SuiteNetworks.RandomData(random, SuiteNetworks.Batch * network.OutputSize);
        _gradient = new float[network.ParameterCount];
        _inputGradients = new float[_inputs.Length];
    }

    [GlobalSetup]
    public void Setup() => SimdOptions.ForcedWidth = 0;

    [Benchmark(Baseline = true)]
    public float GradientBatch() => _network.GradientBatch(_inputs, _targets, _gradient);

    [Benchmark]
    public float BackwardBatch()
    {
        _network.BackwardBatch(_inputs, _outputGradients, _gradient);
        return _gradient[0];
    }

    [Benchmark]
    public float BackwardBatchWithInputGradient()
    {
        _network.BackwardBatch(_inputs, _outputGradients, _gradient, _inputGradients);
        return _inputGradients[0];
    }

    [Benchmark]
    public float BackwardOne()
    {
        _network.Backward(_inputs.AsSpan(0, _network.InputSize), _outputGradients.AsSpan(0, _network.OutputSize), _gradient);
        return _gradient[0];
    }

    [Benchmark]
    public float BackwardBatchOne()
    {
        _network.BackwardBatch(_inputs.AsSpan(0, _network.InputSize), _outputGradients.AsSpan(0, _network.OutputSize), _gradient);
        return _gradient[0];
    }

    [Benchmark]
    public float BackwardRowByRow()
    {
        int i = _network.InputSize, o = _network.OutputSize;
        for (int s = 0; s < SuiteNetworks.Batch; s++) _network.Backward(_inputs.AsSpan(s * i, i), _outputGradients.AsSpan(s * o, o), _gradient);
        return _gradient[0];
    }
}

/// <summary>Net C, 32 → 64 relu → 64 relu → 8 (MSE).</summary>
public class BackwardC : BackwardBenchmarks<DetBenchC>
{
    public BackwardC() : base(new DetBenchC(SuiteNetworks.Seed)) { }
}

/// <summary>16 → 32 gelu → 32 gelu → 6 softmax (cross-entropy).</summary>
public class BackwardG : BackwardBenchmarks<DetBenchG>
{
    public BackwardG() : base(new DetBenchG(SuiteNetworks.Seed)) { }
}

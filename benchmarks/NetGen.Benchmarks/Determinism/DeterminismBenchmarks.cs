using System;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Suite;
using NetGen.Runtime;

namespace NetGen.Benchmarks.Determinism;

// Issue 19: the cost of [Network(…, Deterministic = true)]. Each net twice, the same layout and parameters (new T(1)),
// once with the property. Nets B and C of the suite (tanh and relu), and a Softmax/Gelu classifier whose scalar path
// is dominated by exp and erf.

[Network(Loss.MeanSquaredError)]
[Input(8)] [Dense(16, Activation.Tanh)] [Dense(16, Activation.Tanh)] [Dense(4)]
public partial class DetBenchB { }

[Network(Loss.MeanSquaredError, Deterministic = true)]
[Input(8)] [Dense(16, Activation.Tanh)] [Dense(16, Activation.Tanh)] [Dense(4)]
public partial class DetBenchBDeterministic { }

[Network(Loss.MeanSquaredError)]
[Input(32)] [Dense(64, Activation.Relu)] [Dense(64, Activation.Relu)] [Dense(8)]
public partial class DetBenchC { }

[Network(Loss.MeanSquaredError, Deterministic = true)]
[Input(32)] [Dense(64, Activation.Relu)] [Dense(64, Activation.Relu)] [Dense(8)]
public partial class DetBenchCDeterministic { }

[Network(Loss.CrossEntropy)]
[Input(16)] [Dense(32, Activation.Gelu)] [Dense(32, Activation.Gelu)] [Dense(6, Activation.Softmax)]
public partial class DetBenchG { }

[Network(Loss.CrossEntropy, Deterministic = true)]
[Input(16)] [Dense(32, Activation.Gelu)] [Dense(32, Activation.Gelu)] [Dense(6, Activation.Softmax)]
public partial class DetBenchGDeterministic { }

/// <summary>
/// One net's batch-1 <c>Predict</c> and <c>TrainBatch(64)</c>: the default network at the automatic width (the baseline,
/// Ratio 1), the default network on its scalar kernels (<c>ForcedWidth = -1</c>), and the deterministic network.
/// </summary>
[Config(typeof(SuiteConfig))]
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public abstract class DeterminismBenchmarks<TDefault, TDeterministic>
    where TDefault : INetwork
    where TDeterministic : INetwork
{
    private readonly TDefault _default;
    private readonly TDeterministic _deterministic;
    private readonly float[] _inputs, _targets, _output;

    protected DeterminismBenchmarks(TDefault @default, TDeterministic deterministic)
    {
        _default = @default;
        _deterministic = deterministic;
        var random = new Random(42);
        (_inputs, _targets) = BenchmarkSetup.Batch(_default, SuiteNetworks.Batch, random);
        for (int i = 0; i < _targets.Length; i++) _targets[i] = _targets[i] * 0.5f + 0.5f;   // probabilities (cross-entropy)
        _output = new float[_default.OutputSize];
        if (!_default.Parameters.SequenceEqual(_deterministic.Parameters)) throw new InvalidOperationException("the twins start from other parameters");
    }

    [GlobalSetup(Targets = new[] { nameof(PredictDefault), nameof(TrainBatchDefault) })]
    public void SetupDefault() => SimdOptions.ForcedWidth = 0;

    [GlobalSetup(Targets = new[] { nameof(PredictDefaultScalar), nameof(TrainBatchDefaultScalar), nameof(PredictDeterministic), nameof(TrainBatchDeterministic) })]
    public void SetupScalar() => SimdOptions.ForcedWidth = -1;

    [GlobalCleanup]
    public void Cleanup() => SimdOptions.ForcedWidth = 0;

    [Benchmark(Baseline = true), BenchmarkCategory("Predict")]
    public float PredictDefault()
    {
        _default.Predict(_inputs.AsSpan(0, _default.InputSize), _output);
        return _output[0];
    }

    [Benchmark, BenchmarkCategory("Predict")]
    public float PredictDefaultScalar()
    {
        _default.Predict(_inputs.AsSpan(0, _default.InputSize), _output);
        return _output[0];
    }

    [Benchmark, BenchmarkCategory("Predict")]
    public float PredictDeterministic()
    {
        _deterministic.Predict(_inputs.AsSpan(0, _deterministic.InputSize), _output);
        return _output[0];
    }

    [Benchmark(Baseline = true), BenchmarkCategory("TrainBatch64")]
    public float TrainBatchDefault() => _default.TrainBatch(_inputs, _targets);

    [Benchmark, BenchmarkCategory("TrainBatch64")]
    public float TrainBatchDefaultScalar() => _default.TrainBatch(_inputs, _targets);

    [Benchmark, BenchmarkCategory("TrainBatch64")]
    public float TrainBatchDeterministic() => _deterministic.TrainBatch(_inputs, _targets);
}

/// <summary>Net B, 8 → 16 tanh → 16 tanh → 4.</summary>
public class DeterminismB : DeterminismBenchmarks<DetBenchB, DetBenchBDeterministic>
{
    public DeterminismB() : base(new DetBenchB(SuiteNetworks.Seed), new DetBenchBDeterministic(SuiteNetworks.Seed)) { }
}

/// <summary>Net C, 32 → 64 relu → 64 relu → 8.</summary>
public class DeterminismC : DeterminismBenchmarks<DetBenchC, DetBenchCDeterministic>
{
    public DeterminismC() : base(new DetBenchC(SuiteNetworks.Seed), new DetBenchCDeterministic(SuiteNetworks.Seed)) { }
}

/// <summary>16 → 32 gelu → 32 gelu → 6 softmax (cross-entropy).</summary>
public class DeterminismG : DeterminismBenchmarks<DetBenchG, DetBenchGDeterministic>
{
    public DeterminismG() : base(new DetBenchG(SuiteNetworks.Seed), new DetBenchGDeterministic(SuiteNetworks.Seed)) { }
}

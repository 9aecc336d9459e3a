using System;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.HandWritten;
using NetGen.Benchmarks.Suite;
using NetGen.Runtime;

namespace NetGen.Benchmarks.Speed;

/// <summary>
/// <c>TrainBatch</c> (one SGD step on the batch's mean loss) at <see cref="Batch"/> = 16, 64, 256 and 1,024 samples:
/// the hand-written matrix code (<see cref="HandTrainer"/>, the baseline: BenchmarkDotNet's Ratio is NetGen ÷
/// hand-written) against NetGen at the automatic width, and the plain C# loops (<see cref="PlainNetwork"/>) on B and C,
/// where they are cheap enough. The global setup first checks, on fresh copies of the seed-1 weights, that one step of
/// the hand-written trainer (and of the plain loops) gives NetGen's loss and parameters within 1e-4 (|e − a| ≤
/// 1e-4·(1 + |e|)); the timed instances then keep training the same batch.
/// </summary>
/// <typeparam name="TNet">The generated network; the derived classes call it directly.</typeparam>
[Config(typeof(SpeedConfig))]
[MemoryDiagnoser]
public abstract class TrainBatchBenchmarks<TNet> where TNet : INetwork
{
    private readonly Func<TNet> _create;
    private readonly bool _withPlain;
    private HandTrainer? _hand;
    private PlainNetwork? _plain;

    /// <summary><paramref name="create"/> makes the seed-1 network (called for the timed copy and the check's copies).</summary>
    protected TrainBatchBenchmarks(Func<TNet> create, bool withPlain)
    {
        _create = create;
        _withPlain = withPlain;
        Net = create();
    }

    /// <summary>Samples per batch.</summary>
    [Params(16, 64, 256, 1024)]
    public int Batch { get; set; }

    /// <summary>The timed NetGen network.</summary>
    protected TNet Net { get; private set; }

    /// <summary>Seeded inputs [Batch, InputSize].</summary>
    protected float[] Inputs { get; private set; } = Array.Empty<float>();

    /// <summary>Seeded targets [Batch, OutputSize] (one-hot rows for cross-entropy).</summary>
    protected float[] Targets { get; private set; } = Array.Empty<float>();

    /// <summary>Builds the batch and the contenders, then checks them against NetGen.</summary>
    [GlobalSetup]
    public void Setup()
    {
        SimdOptions.ForcedWidth = 0;
        Net = _create();
        (Inputs, Targets) = SpeedData.Batch(Net, Batch);
        _hand = CreateHand(Net);
        _plain = _withPlain ? BenchmarkSetup.Plain(Net) : null;

        var fresh = _create();
        float expectedLoss = fresh.TrainBatch(Inputs, Targets);
        float[] expected = fresh.Parameters.ToArray();

        var hand = CreateHand(_create());
        float handLoss = hand.TrainBatch(Inputs, Targets);
        var handAfter = new float[hand.ParameterCount];
        hand.CopyParametersTo(handAfter);
        SuiteNetworks.CheckClose($"hand-written TrainBatch({Batch}) loss", new[] { expectedLoss }, new[] { handLoss }, 1e-4f);
        SuiteNetworks.CheckClose($"hand-written TrainBatch({Batch}) parameters", expected, handAfter, 1e-4f);

        if (_withPlain)
        {
            var plain = BenchmarkSetup.Plain(_create());
            float plainLoss = plain.TrainBatch(Inputs, Targets, Net.LearningRate);
            var plainAfter = new float[plain.ParameterCount];
            plain.CopyParametersTo(plainAfter);
            SuiteNetworks.CheckClose($"plain TrainBatch({Batch}) loss", new[] { expectedLoss }, new[] { plainLoss }, 1e-4f);
            SuiteNetworks.CheckClose($"plain TrainBatch({Batch}) parameters", expected, plainAfter, 1e-4f);
        }
    }

    private HandTrainer CreateHand(TNet net)
    {
        var hand = new HandTrainer(net.InputSize, SpeedData.Layers(net), net.Loss, net.LearningRate, Batch);
        hand.SetParameters(net.Parameters);
        return hand;
    }

    /// <summary>The hand-written matrix code (the baseline).</summary>
    [Benchmark(Baseline = true, Description = "hand-written SIMD")]
    public float HandWritten() => _hand!.TrainBatch(Inputs, Targets);

    /// <summary>The plain C# loops (on B and C only: the derived classes that have them call this).</summary>
    protected float Plain() => _plain!.TrainBatch(Inputs, Targets, Net.LearningRate);
}

/// <summary>TrainBatch on net B (8 → 16 tanh → 16 tanh → 4, MSE).</summary>
public class TrainBatchB : TrainBatchBenchmarks<NetB>
{
    /// <summary>Creates the benchmark.</summary>
    public TrainBatchB() : base(() => new NetB(SuiteNetworks.Seed), withPlain: true) { }

    /// <summary>NetGen, automatic width.</summary>
    [Benchmark(Description = "NetGen")]
    public float NetGen() => Net.TrainBatch(Inputs, Targets);

    /// <summary>The plain C# loops.</summary>
    [Benchmark(Description = "plain C#")]
    public float PlainCSharp() => Plain();
}

/// <summary>TrainBatch on net C (32 → 64 relu → 64 relu → 8, MSE).</summary>
public class TrainBatchC : TrainBatchBenchmarks<NetC>
{
    /// <summary>Creates the benchmark.</summary>
    public TrainBatchC() : base(() => new NetC(SuiteNetworks.Seed), withPlain: true) { }

    /// <summary>NetGen, automatic width.</summary>
    [Benchmark(Description = "NetGen")]
    public float NetGen() => Net.TrainBatch(Inputs, Targets);

    /// <summary>The plain C# loops.</summary>
    [Benchmark(Description = "plain C#")]
    public float PlainCSharp() => Plain();
}

/// <summary>TrainBatch on net D (784 → 128 relu → 10 softmax, cross-entropy on one-hot targets).</summary>
public class TrainBatchD : TrainBatchBenchmarks<NetD>
{
    /// <summary>Creates the benchmark.</summary>
    public TrainBatchD() : base(() => new NetD(SuiteNetworks.Seed), withPlain: false) { }

    /// <summary>NetGen, automatic width.</summary>
    [Benchmark(Description = "NetGen")]
    public float NetGen() => Net.TrainBatch(Inputs, Targets);
}

/// <summary>TrainBatch on PolicySwish (64 → 128 SiLU → 128 SiLU → 8, MSE).</summary>
public class TrainBatchPolicySwish : TrainBatchBenchmarks<PolicySwish>
{
    /// <summary>Creates the benchmark.</summary>
    public TrainBatchPolicySwish() : base(() => new PolicySwish(SuiteNetworks.Seed), withPlain: false) { }

    /// <summary>NetGen, automatic width.</summary>
    [Benchmark(Description = "NetGen")]
    public float NetGen() => Net.TrainBatch(Inputs, Targets);
}

/// <summary>TrainBatch on PolicyRelu (64 → 256 relu ×3 → 8, MSE).</summary>
public class TrainBatchPolicyRelu : TrainBatchBenchmarks<PolicyRelu>
{
    /// <summary>Creates the benchmark.</summary>
    public TrainBatchPolicyRelu() : base(() => new PolicyRelu(SuiteNetworks.Seed), withPlain: false) { }

    /// <summary>NetGen, automatic width.</summary>
    [Benchmark(Description = "NetGen")]
    public float NetGen() => Net.TrainBatch(Inputs, Targets);
}

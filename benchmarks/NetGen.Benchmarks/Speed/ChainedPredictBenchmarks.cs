using System;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.HandWritten;
using NetGen.Benchmarks.Suite;
using NetGen.Runtime;

namespace NetGen.Benchmarks.Speed;

/// <summary>
/// Batch-1 <c>Predict</c> latency measured chained, as a game loop runs a policy: every call's input depends on the
/// previous call's output (<see cref="Feed"/> writes min(inputs, outputs) of the outputs, clamped to [−1, 1] and mapped to
/// 0.5·y + 0.25, back into the input), so one call cannot start before the last one has finished. Rows: the plain C#
/// loops (<see cref="PlainNetwork"/>, the baseline: BenchmarkDotNet's Ratio is against it), the hand-written
/// <see cref="System.Runtime.Intrinsics.Vector256{T}"/> code (<see cref="HandPredictor"/>), NetGen at the automatic
/// width (<see cref="SimdOptions.ForcedWidth"/> = 0) and forced to 512 bits (only where AVX-512F is supported). Every
/// timed call includes the same feedback (a few nanoseconds). The global setup checks, on the seeded input, that the
/// contender's outputs equal the plain loops' within 1e-4 and then restores the seeded input.
/// </summary>
/// <typeparam name="TNet">The generated network; the derived classes call it (and their hand-written net) directly.</typeparam>
[Config(typeof(SpeedConfig))]
[MemoryDiagnoser]
public abstract class ChainedPredictBenchmarks<TNet> where TNet : INetwork
{
    /// <summary>Method names the setups target (declared by the derived classes).</summary>
    protected const string Hand = "HandWritten", Simd = "NetGenSimd", Simd512 = "NetGen512";

    private readonly HandPredictor _handPredictor;
    private readonly float[] _seedInput;
    private readonly int _feedback;
    private PlainNetwork? _plain;

    /// <summary>The NetGen network (seed 1) and the hand-written one, which gets a copy of its parameters.</summary>
    protected ChainedPredictBenchmarks(TNet net, HandPredictor hand)
    {
        Net = net;
        _handPredictor = hand;
        hand.SetParameters(net.Parameters);
        _seedInput = SuiteNetworks.RandomData(net.InputSize, SpeedData.InputSeed);
        Input = (float[])_seedInput.Clone();
        Output = new float[net.OutputSize];
        _feedback = Math.Min(net.InputSize, net.OutputSize);
    }

    /// <summary>The NetGen network.</summary>
    protected TNet Net { get; }

    /// <summary>The input every call reads; <see cref="Feed"/> rewrites its first values after each call.</summary>
    protected float[] Input { get; }

    /// <summary>The output buffer every contender writes.</summary>
    protected float[] Output { get; }

    /// <summary>Setup of the plain loops and the hand-written code.</summary>
    [GlobalSetup(Targets = new[] { nameof(PlainCSharp), Hand })]
    public void SetupOthers() => Setup(0);

    /// <summary>Setup of NetGen at the automatic width.</summary>
    [GlobalSetup(Target = Simd)]
    public void SetupSimd() => Setup(0);

    /// <summary>Setup of NetGen forced to 512 bits.</summary>
    [GlobalSetup(Target = Simd512)]
    public void Setup512() => Setup(512);

    private void Setup(int width)
    {
        SimdOptions.ForcedWidth = width;
        _plain = BenchmarkSetup.Plain(Net);
        _seedInput.CopyTo(Input, 0);
        var expected = new float[Output.Length];
        _plain.Predict(Input, expected);
        Net.Predict(Input, Output);
        SuiteNetworks.CheckClose($"NetGen Predict (width {width})", expected, Output, 1e-4f);
        _handPredictor.Predict(Input, Output);
        SuiteNetworks.CheckClose("hand-written Predict", expected, Output, 1e-4f);
        Array.Clear(Output);
    }

    /// <summary>Restores the automatic width.</summary>
    [GlobalCleanup]
    public void Cleanup() => SimdOptions.ForcedWidth = 0;

    /// <summary>The plain C# loops (the baseline).</summary>
    [Benchmark(Baseline = true, Description = "plain C#")]
    public void PlainCSharp()
    {
        _plain!.Predict(Input, Output);
        Feed();
    }

    /// <summary>The next input from the last output: the first min(inputs, outputs) inputs become 0.5·clamp(y, −1, 1) + 0.25.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected void Feed()
    {
        float[] input = Input, output = Output;
        for (int j = 0; j < _feedback; j++) input[j] = 0.5f * Math.Clamp(output[j], -1f, 1f) + 0.25f;
    }
}

/// <summary>Chained Predict on net B (8 → 16 tanh → 16 tanh → 4).</summary>
public class ChainedPredictB : ChainedPredictBenchmarks<NetB>
{
    private readonly HandPredictB _hand;

    /// <summary>Creates the benchmark.</summary>
    public ChainedPredictB() : this(new HandPredictB()) { }

    private ChainedPredictB(HandPredictB hand) : base(new NetB(SuiteNetworks.Seed), hand) => _hand = hand;

    /// <summary>Hand-written Vector256 code.</summary>
    [Benchmark(Description = "hand-written SIMD")]
    public void HandWritten() { _hand.Predict(Input, Output); Feed(); }

    /// <summary>NetGen, automatic width.</summary>
    [Benchmark(Description = "NetGen SIMD")]
    public void NetGenSimd() { Net.Predict(Input, Output); Feed(); }

    /// <summary>NetGen, 512-bit.</summary>
    [Benchmark(Description = "NetGen 512")]
    public void NetGen512() { Net.Predict(Input, Output); Feed(); }
}

/// <summary>Chained Predict on net C (32 → 64 relu → 64 relu → 8).</summary>
public class ChainedPredictC : ChainedPredictBenchmarks<NetC>
{
    private readonly HandPredictC _hand;

    /// <summary>Creates the benchmark.</summary>
    public ChainedPredictC() : this(new HandPredictC()) { }

    private ChainedPredictC(HandPredictC hand) : base(new NetC(SuiteNetworks.Seed), hand) => _hand = hand;

    /// <summary>Hand-written Vector256 code.</summary>
    [Benchmark(Description = "hand-written SIMD")]
    public void HandWritten() { _hand.Predict(Input, Output); Feed(); }

    /// <summary>NetGen, automatic width.</summary>
    [Benchmark(Description = "NetGen SIMD")]
    public void NetGenSimd() { Net.Predict(Input, Output); Feed(); }

    /// <summary>NetGen, 512-bit.</summary>
    [Benchmark(Description = "NetGen 512")]
    public void NetGen512() { Net.Predict(Input, Output); Feed(); }
}

/// <summary>Chained Predict on net D (784 → 128 relu → 10 softmax).</summary>
public class ChainedPredictD : ChainedPredictBenchmarks<NetD>
{
    private readonly HandPredictD _hand;

    /// <summary>Creates the benchmark.</summary>
    public ChainedPredictD() : this(new HandPredictD()) { }

    private ChainedPredictD(HandPredictD hand) : base(new NetD(SuiteNetworks.Seed), hand) => _hand = hand;

    /// <summary>Hand-written Vector256 code.</summary>
    [Benchmark(Description = "hand-written SIMD")]
    public void HandWritten() { _hand.Predict(Input, Output); Feed(); }

    /// <summary>NetGen, automatic width.</summary>
    [Benchmark(Description = "NetGen SIMD")]
    public void NetGenSimd() { Net.Predict(Input, Output); Feed(); }

    /// <summary>NetGen, 512-bit.</summary>
    [Benchmark(Description = "NetGen 512")]
    public void NetGen512() { Net.Predict(Input, Output); Feed(); }
}

/// <summary>Chained Predict on PolicySwish (64 → 128 SiLU → 128 SiLU → 8).</summary>
public class ChainedPredictPolicySwish : ChainedPredictBenchmarks<PolicySwish>
{
    private readonly HandPredictPolicySwish _hand;

    /// <summary>Creates the benchmark.</summary>
    public ChainedPredictPolicySwish() : this(new HandPredictPolicySwish()) { }

    private ChainedPredictPolicySwish(HandPredictPolicySwish hand) : base(new PolicySwish(SuiteNetworks.Seed), hand) => _hand = hand;

    /// <summary>Hand-written Vector256 code.</summary>
    [Benchmark(Description = "hand-written SIMD")]
    public void HandWritten() { _hand.Predict(Input, Output); Feed(); }

    /// <summary>NetGen, automatic width.</summary>
    [Benchmark(Description = "NetGen SIMD")]
    public void NetGenSimd() { Net.Predict(Input, Output); Feed(); }

    /// <summary>NetGen, 512-bit.</summary>
    [Benchmark(Description = "NetGen 512")]
    public void NetGen512() { Net.Predict(Input, Output); Feed(); }
}

/// <summary>Chained Predict on PolicyRelu (64 → 256 relu → 256 relu → 256 relu → 8).</summary>
public class ChainedPredictPolicyRelu : ChainedPredictBenchmarks<PolicyRelu>
{
    private readonly HandPredictPolicyRelu _hand;

    /// <summary>Creates the benchmark.</summary>
    public ChainedPredictPolicyRelu() : this(new HandPredictPolicyRelu()) { }

    private ChainedPredictPolicyRelu(HandPredictPolicyRelu hand) : base(new PolicyRelu(SuiteNetworks.Seed), hand) => _hand = hand;

    /// <summary>Hand-written Vector256 code.</summary>
    [Benchmark(Description = "hand-written SIMD")]
    public void HandWritten() { _hand.Predict(Input, Output); Feed(); }

    /// <summary>NetGen, automatic width.</summary>
    [Benchmark(Description = "NetGen SIMD")]
    public void NetGenSimd() { Net.Predict(Input, Output); Feed(); }

    /// <summary>NetGen, 512-bit.</summary>
    [Benchmark(Description = "NetGen 512")]
    public void NetGen512() { Net.Predict(Input, Output); Feed(); }
}

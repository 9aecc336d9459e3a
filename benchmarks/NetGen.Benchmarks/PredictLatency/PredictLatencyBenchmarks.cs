using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using NetGen.Benchmarks.PredictLatency.Before;
using NetGen.Benchmarks.Suite;
using NetGen.Runtime;

namespace NetGen.Benchmarks.PredictLatency;

/// <summary>
/// Batch-1 <c>Predict</c> latency, chained as a game calls it (issue 15): every call's input depends on the previous
/// call's output (two outputs, clamped to [-1, 1], are copied into the first two inputs), so the calls cannot overlap
/// and the Mean is the latency of one call. Rows: the hand-written SIMD code of <see cref="HandWrittenSimd"/> at 256 bits
/// (baseline) and 512 bits; NetGen's generated code before issue 15 (<c>Before/</c>, copied by make-before.sh) and
/// today's, each at the automatic width (<see cref="SimdOptions.ForcedWidth"/> = 0) and forced to 512 bits. Every
/// setup first checks its contender's output against the plain C# network.
/// </summary>
public abstract class PredictLatencyBenchmarks
{
    /// <summary>Chained calls per invocation (BenchmarkDotNet divides the time by this).</summary>
    protected const int Calls = 64;

    private readonly Func<ReadOnlySpan<float>, float[]> _reference;

    /// <summary>The network under test, its input (seeded random data) and its output buffer.</summary>
    protected PredictLatencyBenchmarks(INetwork network)
    {
        Input = SuiteNetworks.RandomData(network.InputSize, 42);
        Output = new float[network.OutputSize];
        Hand256 = HandWrittenSimd.Pack(network, 8);
        Hand512 = HandWrittenSimd.Pack(network, 16);
        var plain = BenchmarkSetup.Plain(network);
        _reference = input =>
        {
            var expected = new float[network.OutputSize];
            plain.Predict(input, expected);
            return expected;
        };
    }

    /// <summary>The input the chain feeds back into.</summary>
    protected float[] Input { get; }

    /// <summary>The output every contender writes.</summary>
    protected float[] Output { get; }

    /// <summary>The hand-written code on weights packed for 8 lanes.</summary>
    protected HandWrittenSimd Hand256 { get; }

    /// <summary>The hand-written code on weights packed for 16 lanes.</summary>
    protected HandWrittenSimd Hand512 { get; }

    /// <summary>The next input depends on this output: its first two values, clamped to [-1, 1].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static void Feed(float[] output, float[] input)
    {
        input[0] = Math.Clamp(output[0], -1f, 1f);
        input[1] = Math.Clamp(output[1], -1f, 1f);
    }

    /// <summary>Sets the NetGen width, runs <paramref name="predict"/> once and checks it against the plain network.</summary>
    protected void Check(string what, int width, Action<float[], float[]> predict)
    {
        SimdOptions.ForcedWidth = width;
        Array.Clear(Output);
        predict(Input, Output);
        SuiteNetworks.CheckClose(what, _reference(Input), Output, 1e-4f);
    }

    /// <summary>
    /// <see cref="Check"/> for the code before issue 15, whose packed array is wherever the GC put it: its address modulo
    /// 64 bytes is printed (at 0, or 32 for 256-bit loads, no vector load straddles two cache lines and that row is fast;
    /// a compacting GC between iterations can still move the array; see the README).
    /// </summary>
    protected void CheckBefore(int alignment, int width, Action<float[], float[]> predict)
    {
        Console.WriteLine($"// NetGen before issue 15: packed weights at {alignment} mod 64 bytes");
        Check($"NetGen before (width {width})", width, predict);
    }

    /// <summary>Restores the automatic width.</summary>
    [GlobalCleanup]
    public void Cleanup() => SimdOptions.ForcedWidth = 0;
}

/// <summary>
/// The class configuration: BenchmarkDotNet's defaults, Min and Median columns (on a shared machine the Mean takes in
/// whatever else ran; the README's ratios are of medians), and a filter that drops the 512-bit rows without AVX-512F.
/// </summary>
public sealed class PredictLatencyConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public PredictLatencyConfig()
    {
        AddColumn(StatisticColumn.Min, StatisticColumn.Median);
        WithBuildTimeout(TimeSpan.FromMinutes(10));
        AddFilter(new SimpleFilter(b => !b.Descriptor.WorkloadMethod.Name.EndsWith("512", StringComparison.Ordinal) || Avx512F.IsSupported));
    }
}

/// <summary>Net B (8 → 16 tanh → 16 tanh → 4), chained.</summary>
[Config(typeof(PredictLatencyConfig))]
public class PredictLatencyB : PredictLatencyBenchmarks
{
    private readonly NetB _net;
    private readonly BeforeNetB _before;

    /// <summary>Creates the benchmark.</summary>
    public PredictLatencyB() : this(new NetB(SuiteNetworks.Seed)) { }

    private PredictLatencyB(NetB net) : base(net)
    {
        _net = net;
        _before = new BeforeNetB(net);
    }

    [GlobalSetup(Target = nameof(HandWritten256))] public void SetupHand256() => Check("hand 256", 0, Hand256.B256);
    [GlobalSetup(Target = nameof(HandWritten512))] public void SetupHand512() => Check("hand 512", 0, Hand512.B512);
    [GlobalSetup(Target = nameof(NetGenBefore))] public void SetupBefore() => CheckBefore(_before.PackedAlignment, 0, (x, y) => _before.Predict(x, y));
    [GlobalSetup(Target = nameof(NetGenBefore512))] public void SetupBefore512() => CheckBefore(_before.PackedAlignment, 512, (x, y) => _before.Predict(x, y));
    [GlobalSetup(Target = nameof(NetGen))] public void SetupNetGen() => Check("NetGen", 0, (x, y) => _net.Predict(x, y));
    [GlobalSetup(Target = nameof(NetGen512))] public void SetupNetGen512() => Check("NetGen 512", 512, (x, y) => _net.Predict(x, y));

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    public float HandWritten256()
    {
        float[] x = Input, y = Output;
        for (int k = 0; k < Calls; k++) { Hand256.B256(x, y); Feed(y, x); }
        return y[0];
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public float HandWritten512()
    {
        float[] x = Input, y = Output;
        for (int k = 0; k < Calls; k++) { Hand512.B512(x, y); Feed(y, x); }
        return y[0];
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public float NetGenBefore()
    {
        float[] x = Input, y = Output;
        for (int k = 0; k < Calls; k++) { _before.Predict(x, y); Feed(y, x); }
        return y[0];
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public float NetGenBefore512()
    {
        float[] x = Input, y = Output;
        for (int k = 0; k < Calls; k++) { _before.Predict(x, y); Feed(y, x); }
        return y[0];
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public float NetGen()
    {
        float[] x = Input, y = Output;
        for (int k = 0; k < Calls; k++) { _net.Predict(x, y); Feed(y, x); }
        return y[0];
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public float NetGen512()
    {
        float[] x = Input, y = Output;
        for (int k = 0; k < Calls; k++) { _net.Predict(x, y); Feed(y, x); }
        return y[0];
    }
}

/// <summary>Net C (32 → 64 relu → 64 relu → 8), chained.</summary>
[Config(typeof(PredictLatencyConfig))]
public class PredictLatencyC : PredictLatencyBenchmarks
{
    private readonly NetC _net;
    private readonly BeforeNetC _before;

    /// <summary>Creates the benchmark.</summary>
    public PredictLatencyC() : this(new NetC(SuiteNetworks.Seed)) { }

    private PredictLatencyC(NetC net) : base(net)
    {
        _net = net;
        _before = new BeforeNetC(net);
    }

    [GlobalSetup(Target = nameof(HandWritten256))] public void SetupHand256() => Check("hand 256", 0, Hand256.C256);
    [GlobalSetup(Target = nameof(HandWritten512))] public void SetupHand512() => Check("hand 512", 0, Hand512.C512);
    [GlobalSetup(Target = nameof(NetGenBefore))] public void SetupBefore() => CheckBefore(_before.PackedAlignment, 0, (x, y) => _before.Predict(x, y));
    [GlobalSetup(Target = nameof(NetGenBefore512))] public void SetupBefore512() => CheckBefore(_before.PackedAlignment, 512, (x, y) => _before.Predict(x, y));
    [GlobalSetup(Target = nameof(NetGen))] public void SetupNetGen() => Check("NetGen", 0, (x, y) => _net.Predict(x, y));
    [GlobalSetup(Target = nameof(NetGen512))] public void SetupNetGen512() => Check("NetGen 512", 512, (x, y) => _net.Predict(x, y));

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    public float HandWritten256()
    {
        float[] x = Input, y = Output;
        for (int k = 0; k < Calls; k++) { Hand256.C256(x, y); Feed(y, x); }
        return y[0];
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public float HandWritten512()
    {
        float[] x = Input, y = Output;
        for (int k = 0; k < Calls; k++) { Hand512.C512(x, y); Feed(y, x); }
        return y[0];
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public float NetGenBefore()
    {
        float[] x = Input, y = Output;
        for (int k = 0; k < Calls; k++) { _before.Predict(x, y); Feed(y, x); }
        return y[0];
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public float NetGenBefore512()
    {
        float[] x = Input, y = Output;
        for (int k = 0; k < Calls; k++) { _before.Predict(x, y); Feed(y, x); }
        return y[0];
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public float NetGen()
    {
        float[] x = Input, y = Output;
        for (int k = 0; k < Calls; k++) { _net.Predict(x, y); Feed(y, x); }
        return y[0];
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public float NetGen512()
    {
        float[] x = Input, y = Output;
        for (int k = 0; k < Calls; k++) { _net.Predict(x, y); Feed(y, x); }
        return y[0];
    }
}

/// <summary>Net D (784 → 128 relu → 10 softmax), chained.</summary>
[Config(typeof(PredictLatencyConfig))]
public class PredictLatencyD : PredictLatencyBenchmarks
{
    private readonly NetD _net;
    private readonly BeforeNetD _before;

    /// <summary>Creates the benchmark.</summary>
    public PredictLatencyD() : this(new NetD(SuiteNetworks.Seed)) { }

    private PredictLatencyD(NetD net) : base(net)
    {
        _net = net;
        _before = new BeforeNetD(net);
    }

    [GlobalSetup(Target = nameof(HandWritten256))] public void SetupHand256() => Check("hand 256", 0, Hand256.D256);
    [GlobalSetup(Target = nameof(HandWritten512))] public void SetupHand512() => Check("hand 512", 0, Hand512.D512);
    [GlobalSetup(Target = nameof(NetGenBefore))] public void SetupBefore() => CheckBefore(_before.PackedAlignment, 0, (x, y) => _before.Predict(x, y));
    [GlobalSetup(Target = nameof(NetGenBefore512))] public void SetupBefore512() => CheckBefore(_before.PackedAlignment, 512, (x, y) => _before.Predict(x, y));
    [GlobalSetup(Target = nameof(NetGen))] public void SetupNetGen() => Check("NetGen", 0, (x, y) => _net.Predict(x, y));
    [GlobalSetup(Target = nameof(NetGen512))] public void SetupNetGen512() => Check("NetGen 512", 512, (x, y) => _net.Predict(x, y));

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    public float HandWritten256()
    {
        float[] x = Input, y = Output;
        for (int k = 0; k < Calls; k++) { Hand256.D256(x, y); Feed(y, x); }
        return y[0];
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public float HandWritten512()
    {
        float[] x = Input, y = Output;
        for (int k = 0; k < Calls; k++) { Hand512.D512(x, y); Feed(y, x); }
        return y[0];
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public float NetGenBefore()
    {
        float[] x = Input, y = Output;
        for (int k = 0; k < Calls; k++) { _before.Predict(x, y); Feed(y, x); }
        return y[0];
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public float NetGenBefore512()
    {
        float[] x = Input, y = Output;
        for (int k = 0; k < Calls; k++) { _before.Predict(x, y); Feed(y, x); }
        return y[0];
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public float NetGen()
    {
        float[] x = Input, y = Output;
        for (int k = 0; k < Calls; k++) { _net.Predict(x, y); Feed(y, x); }
        return y[0];
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public float NetGen512()
    {
        float[] x = Input, y = Output;
        for (int k = 0; k < Calls; k++) { _net.Predict(x, y); Feed(y, x); }
        return y[0];
    }
}

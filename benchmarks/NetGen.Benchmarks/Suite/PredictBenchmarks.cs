using System;
using BenchmarkDotNet.Attributes;
using NetGen.Runtime;

namespace NetGen.Benchmarks.Suite;

/// <summary>
/// Batch-1 <c>Predict</c> of one network: the plain C# baseline (Ratio 1), NetGen with scalar code
/// (<see cref="SimdOptions.ForcedWidth"/> = -1), NetGen with the automatic SIMD width (0), NetGen forced to 512 bits
/// (run only where AVX-512F is supported, see <see cref="SuiteConfig"/>), and ONNX Runtime on the same weights. Every
/// global setup checks that its contender's output equals the plain baseline's before anything is timed.
/// </summary>
/// <typeparam name="TNet">The generated network; the derived class's NetGen methods call it directly, not through an interface.</typeparam>
[Config(typeof(SuiteConfig))]
[MemoryDiagnoser]
public abstract class PredictBenchmarks<TNet> : IDisposable where TNet : INetwork
{
    /// <summary>Method names the setups target (the derived classes declare the NetGen methods).</summary>
    protected const string Scalar = "NetGenScalar", Simd = "NetGenSimd", Simd512 = "NetGen512";

    private PlainNetwork? _plain;
    private OrtPredictor? _ort;

    /// <summary>The timed NetGen network and the seeded input sample.</summary>
    protected PredictBenchmarks(TNet net)
    {
        Net = net;
        Input = SuiteNetworks.RandomData(net.InputSize, 42);
        Output = new float[net.OutputSize];
    }

    /// <summary>The NetGen network (parameters from <see cref="SuiteNetworks.Seed"/>).</summary>
    protected TNet Net { get; }

    /// <summary>The input sample (seeded random data).</summary>
    protected float[] Input { get; }

    /// <summary>The output buffer every contender writes.</summary>
    protected float[] Output { get; }

    /// <summary>Setup of the plain and ONNX Runtime benchmarks.</summary>
    [GlobalSetup(Targets = new[] { nameof(PlainCSharp), nameof(OnnxRuntime) })]
    public void SetupOthers() => Setup(0);

    /// <summary>Setup of NetGen with scalar code.</summary>
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
        _plain = BenchmarkSetup.Plain(Net);
        byte[] model = OnnxModelWriter.Write(Net.InputSize, BenchmarkSetup.Layers(Net), Net.Parameters);
        _ort = new OrtPredictor(model, Net.InputSize, Output.Length);
        Input.CopyTo(_ort.Input, 0);

        var expected = new float[Output.Length];
        _plain.Predict(Input, expected);
        Net.Predict(Input, Output);
        SuiteNetworks.CheckClose($"NetGen Predict (width {width})", expected, Output, 1e-4f);
        _ort.Run();
        SuiteNetworks.CheckClose("ONNX Runtime", expected, _ort.Output, 1e-4f);
    }

    /// <summary>Ends the run: frees ONNX Runtime and restores the automatic width.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _ort?.Dispose();
        _ort = null;
        SimdOptions.ForcedWidth = 0;
        GC.SuppressFinalize(this);
    }

    /// <summary>The plain C# loops (the baseline).</summary>
    [Benchmark(Baseline = true, Description = "plain C#")]
    public void PlainCSharp() => _plain!.Predict(Input, Output);

    /// <summary>ONNX Runtime with pre-bound input and output.</summary>
    [Benchmark(Description = "ONNX Runtime")]
    public void OnnxRuntime() => _ort!.Run();
}

/// <summary>Predict on net A (3 → 1 → 1).</summary>
public class PredictA : PredictBenchmarks<NetA>
{
    /// <summary>Creates the benchmark.</summary>
    public PredictA() : base(new NetA(SuiteNetworks.Seed)) { }

    /// <summary>NetGen, scalar code.</summary>
    [Benchmark(Description = "NetGen scalar")]
    public void NetGenScalar() => Net.Predict(Input, Output);

    /// <summary>NetGen, automatic SIMD width.</summary>
    [Benchmark(Description = "NetGen SIMD")]
    public void NetGenSimd() => Net.Predict(Input, Output);

    /// <summary>NetGen, 512-bit.</summary>
    [Benchmark(Description = "NetGen 512")]
    public void NetGen512() => Net.Predict(Input, Output);
}

/// <summary>Predict on net B (8 → 16 tanh → 16 tanh → 4).</summary>
public class PredictB : PredictBenchmarks<NetB>
{
    /// <summary>Creates the benchmark.</summary>
    public PredictB() : base(new NetB(SuiteNetworks.Seed)) { }

    /// <summary>NetGen, scalar code.</summary>
    [Benchmark(Description = "NetGen scalar")]
    public void NetGenScalar() => Net.Predict(Input, Output);

    /// <summary>NetGen, automatic SIMD width.</summary>
    [Benchmark(Description = "NetGen SIMD")]
    public void NetGenSimd() => Net.Predict(Input, Output);

    /// <summary>NetGen, 512-bit.</summary>
    [Benchmark(Description = "NetGen 512")]
    public void NetGen512() => Net.Predict(Input, Output);
}

/// <summary>Predict on net C (32 → 64 relu → 64 relu → 8).</summary>
public class PredictC : PredictBenchmarks<NetC>
{
    /// <summary>Creates the benchmark.</summary>
    public PredictC() : base(new NetC(SuiteNetworks.Seed)) { }

    /// <summary>NetGen, scalar code.</summary>
    [Benchmark(Description = "NetGen scalar")]
    public void NetGenScalar() => Net.Predict(Input, Output);

    /// <summary>NetGen, automatic SIMD width.</summary>
    [Benchmark(Description = "NetGen SIMD")]
    public void NetGenSimd() => Net.Predict(Input, Output);

    /// <summary>NetGen, 512-bit.</summary>
    [Benchmark(Description = "NetGen 512")]
    public void NetGen512() => Net.Predict(Input, Output);
}

/// <summary>Predict on net D (784 → 128 relu → 10 softmax).</summary>
public class PredictD : PredictBenchmarks<NetD>
{
    /// <summary>Creates the benchmark.</summary>
    public PredictD() : base(new NetD(SuiteNetworks.Seed)) { }

    /// <summary>NetGen, scalar code.</summary>
    [Benchmark(Description = "NetGen scalar")]
    public void NetGenScalar() => Net.Predict(Input, Output);

    /// <summary>NetGen, automatic SIMD width.</summary>
    [Benchmark(Description = "NetGen SIMD")]
    public void NetGenSimd() => Net.Predict(Input, Output);

    /// <summary>NetGen, 512-bit.</summary>
    [Benchmark(Description = "NetGen 512")]
    public void NetGen512() => Net.Predict(Input, Output);
}

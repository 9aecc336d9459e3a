using System;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Speed;
using NetGen.Benchmarks.Suite;
using NetGen.Runtime;

namespace NetGen.Benchmarks.Convolution;

/// <summary>
/// Batch-1 <c>Predict</c> of one issue-17 network: NetGen at the automatic SIMD width (the baseline, so BenchmarkDotNet's
/// Ratio is ONNX Runtime ÷ NetGen) against ONNX Runtime on the same weights (<see cref="ConvOnnxModelWriter"/>'s model, one
/// intra-op and one inter-op thread, input and output pre-bound: <see cref="OrtPredictor"/>). The global setup checks that
/// both give the same outputs on the seeded sample (|e − a| ≤ 1e-4·(1 + |e|)) before anything is timed.
/// </summary>
/// <typeparam name="TNet">The generated network; the derived class's NetGen method calls it directly, not through an interface.</typeparam>
[Config(typeof(SpeedConfig))]
[MemoryDiagnoser]
public abstract class ConvPredictBenchmarks<TNet> : IDisposable where TNet : INetwork
{
    private OrtPredictor? _ort;

    /// <summary>The timed NetGen network and the seeded input sample.</summary>
    protected ConvPredictBenchmarks(TNet net)
    {
        Net = net;
        Input = SuiteNetworks.RandomData(net.InputSize, SpeedData.InputSeed);
        Output = new float[net.OutputSize];
    }

    /// <summary>The NetGen network (parameters from <see cref="ConvNets.Seed"/>).</summary>
    protected TNet Net { get; }

    /// <summary>The input sample (seeded random data, NCL/NCHW row-major).</summary>
    protected float[] Input { get; }

    /// <summary>NetGen's output buffer.</summary>
    protected float[] Output { get; }

    /// <summary>Builds ONNX Runtime's session on the network's weights and checks both contenders' outputs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        SimdOptions.ForcedWidth = 0;
        var (inputShape, layers) = ConvNets.Describe(Net);
        byte[] model = ConvOnnxModelWriter.Write(inputShape, layers, Net.Parameters);
        _ort = new OrtPredictor(model, Shape(1, inputShape), Shape(1, ConvOnnxModelWriter.OutputShape(inputShape, layers)));
        Input.CopyTo(_ort.Input, 0);
        _ort.Run();
        Net.Predict(Input, Output);
        SuiteNetworks.CheckClose($"{typeof(TNet).Name}: NetGen Predict against ONNX Runtime", _ort.Output, Output, 1e-4f);
    }

    /// <summary>Ends the run: frees ONNX Runtime.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _ort?.Dispose();
        _ort = null;
        GC.SuppressFinalize(this);
    }

    /// <summary>ONNX Runtime, batch 1, pre-bound input and output.</summary>
    [Benchmark(Description = "ONNX Runtime")]
    public void OnnxRuntime() => _ort!.Run();

    /// <summary>[batch, …shape] as ONNX Runtime's tensor shape.</summary>
    internal static long[] Shape(int batch, int[] shape)
    {
        var dims = new long[shape.Length + 1];
        dims[0] = batch;
        for (int d = 0; d < shape.Length; d++) dims[d + 1] = shape[d];
        return dims;
    }
}

/// <summary>Predict on <see cref="SensorClassifier"/> ([3, 128] → 6 classes).</summary>
public class ConvPredictSensor : ConvPredictBenchmarks<SensorClassifier>
{
    /// <summary>Creates the benchmark.</summary>
    public ConvPredictSensor() : base(new SensorClassifier(ConvNets.Seed)) { }

    /// <summary>NetGen, automatic SIMD width (the baseline).</summary>
    [Benchmark(Baseline = true, Description = "NetGen")]
    public void NetGen() => Net.Predict(Input, Output);
}

/// <summary>Predict on <see cref="MlAgentsSimpleEncoder"/> ([3, 36, 36] → 256 features).</summary>
public class ConvPredictEncoder : ConvPredictBenchmarks<MlAgentsSimpleEncoder>
{
    /// <summary>Creates the benchmark.</summary>
    public ConvPredictEncoder() : base(new MlAgentsSimpleEncoder(ConvNets.Seed)) { }

    /// <summary>NetGen, automatic SIMD width (the baseline).</summary>
    [Benchmark(Baseline = true, Description = "NetGen")]
    public void NetGen() => Net.Predict(Input, Output);
}

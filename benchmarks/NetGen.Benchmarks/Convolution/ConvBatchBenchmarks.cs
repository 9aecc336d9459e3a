using System;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Speed;
using NetGen.Benchmarks.Suite;
using NetGen.Runtime;

namespace NetGen.Benchmarks.Convolution;

/// <summary>
/// One issue-17 network on a batch of <see cref="ConvNets.Batch"/> (64) samples: NetGen's <c>PredictBatch</c> (the
/// baseline), NetGen's <c>TrainBatch</c> (one SGD step on the batch's mean loss; the timed instance keeps training the
/// same batch) and ONNX Runtime's inference on the same batch (one thread, pre-bound tensors) for reference. Inputs uniform
/// in [−1, 1), targets one-hot (cross-entropy) or uniform in [−1, 1) (MSE), as the issue-15 benchmarks
/// (<see cref="SpeedData.Batch"/>). The global setup checks ONNX Runtime's batch outputs against NetGen's PredictBatch
/// (1e-4). NetGen's layered networks train on one thread (their generated code does not use
/// <c>BatchParallelism</c>), so the % of the one-core FMA peak is a single-threaded figure.
/// </summary>
/// <typeparam name="TNet">The generated network; the derived class's NetGen methods call it directly.</typeparam>
[Config(typeof(SpeedConfig))]
[MemoryDiagnoser]
public abstract class ConvBatchBenchmarks<TNet> : IDisposable where TNet : INetwork
{
    private OrtPredictor? _ort;
    private float _lastLoss;

    /// <summary>The timed NetGen network, the seeded batch and the output buffer.</summary>
    protected ConvBatchBenchmarks(TNet net)
    {
        Net = net;
        (Inputs, Targets) = SpeedData.Batch(net, ConvNets.Batch);
        Outputs = new float[ConvNets.Batch * net.OutputSize];
    }

    /// <summary>The NetGen network (parameters from <see cref="ConvNets.Seed"/>).</summary>
    protected TNet Net { get; }

    /// <summary>Inputs [64, InputSize].</summary>
    protected float[] Inputs { get; }

    /// <summary>Targets [64, OutputSize].</summary>
    protected float[] Targets { get; }

    /// <summary>NetGen's PredictBatch outputs.</summary>
    protected float[] Outputs { get; }

    /// <summary>Builds ONNX Runtime's batch-64 session and checks it against NetGen's PredictBatch.</summary>
    [GlobalSetup]
    public void Setup()
    {
        SimdOptions.ForcedWidth = 0;
        var (inputShape, layers) = ConvNets.Describe(Net);
        byte[] model = ConvOnnxModelWriter.Write(inputShape, layers, Net.Parameters, ConvNets.Batch);
        _ort = new OrtPredictor(model, ConvPredictBenchmarks<TNet>.Shape(ConvNets.Batch, inputShape),
            ConvPredictBenchmarks<TNet>.Shape(ConvNets.Batch, ConvOnnxModelWriter.OutputShape(inputShape, layers)));
        Inputs.CopyTo(_ort.Input, 0);
        _ort.Run();
        Net.PredictBatch(Inputs, Outputs);
        SuiteNetworks.CheckClose($"{typeof(TNet).Name}: NetGen PredictBatch({ConvNets.Batch}) against ONNX Runtime", _ort.Output, Outputs, 1e-4f);
    }

    /// <summary>Ends the run: frees ONNX Runtime and reports the last training loss (it must stay finite).</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _ort?.Dispose();
        _ort = null;
        if (_lastLoss != 0f) Console.WriteLine($"// {typeof(TNet).Name}: last TrainBatch loss {_lastLoss}{(float.IsFinite(_lastLoss) ? "" : " (NOT FINITE)")}");
        GC.SuppressFinalize(this);
    }

    /// <summary>ONNX Runtime's inference on the batch (one thread).</summary>
    [Benchmark(Description = "ONNX Runtime PredictBatch(64)")]
    public void OnnxRuntime() => _ort!.Run();

    /// <summary>Keeps the last loss for the cleanup's check.</summary>
    protected float Keep(float loss) => _lastLoss = loss;
}

/// <summary>Batch of 64 on <see cref="SensorClassifier"/>.</summary>
public class ConvBatchSensor : ConvBatchBenchmarks<SensorClassifier>
{
    /// <summary>Creates the benchmark.</summary>
    public ConvBatchSensor() : base(new SensorClassifier(ConvNets.Seed)) { }

    /// <summary>NetGen PredictBatch(64) (the baseline).</summary>
    [Benchmark(Baseline = true, Description = "NetGen PredictBatch(64)")]
    public void NetGenPredictBatch() => Net.PredictBatch(Inputs, Outputs);

    /// <summary>NetGen TrainBatch(64), SGD.</summary>
    [Benchmark(Description = "NetGen TrainBatch(64)")]
    public float NetGenTrainBatch() => Keep(Net.TrainBatch(Inputs, Targets));
}

/// <summary>Batch of 64 on <see cref="MlAgentsSimpleEncoder"/>.</summary>
public class ConvBatchEncoder : ConvBatchBenchmarks<MlAgentsSimpleEncoder>
{
    /// <summary>Creates the benchmark.</summary>
    public ConvBatchEncoder() : base(new MlAgentsSimpleEncoder(ConvNets.Seed)) { }

    /// <summary>NetGen PredictBatch(64) (the baseline).</summary>
    [Benchmark(Baseline = true, Description = "NetGen PredictBatch(64)")]
    public void NetGenPredictBatch() => Net.PredictBatch(Inputs, Outputs);

    /// <summary>NetGen TrainBatch(64), SGD.</summary>
    [Benchmark(Description = "NetGen TrainBatch(64)")]
    public float NetGenTrainBatch() => Keep(Net.TrainBatch(Inputs, Targets));
}

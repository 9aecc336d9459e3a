using System;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Speed;

namespace NetGen.Benchmarks.Sequence;

/// <summary>
/// Training through time: one <c>TrainBatch</c> (Adam) on 64 sequences of 16 or 32 steps, for a GRU 16 with a Dense head
/// and for the audio model. Sequences per second = 64 / the time of one call. The baseline row is the same batch's
/// <c>PredictBatch</c> (the forward pass alone, on the SIMD step), so the ratio is what training costs against inference.
/// </summary>
[Config(typeof(SpeedConfig))]
[MemoryDiagnoser]
public class BpttTrainingBenchmarks
{
    private const int Batch = 64;
    private GruTrain16 _gru16 = null!;
    private GruTrain32 _gru32 = null!;
    private AudioTrain16 _audio16 = null!;
    private AudioTrain32 _audio32 = null!;
    private float[] _inputs = Array.Empty<float>(), _targets = Array.Empty<float>(), _outputs = Array.Empty<float>();

    /// <summary>Which network and window.</summary>
    [Params("Gru16 T16", "Gru16 T32", "Audio T16", "Audio T32")]
    public string Case { get; set; } = "Gru16 T16";

    /// <summary>Creates the networks and a batch of random sequences.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _gru16 = new GruTrain16(1);
        _gru32 = new GruTrain32(1);
        _audio16 = new AudioTrain16(1);
        _audio32 = new AudioTrain32(1);
        int inputSize = Case.StartsWith("Gru", StringComparison.Ordinal) ? 16 : 1;
        int steps = Case.EndsWith("T32", StringComparison.Ordinal) ? 32 : 16;
        var random = new Random(7);
        _inputs = new float[Batch * steps * inputSize];
        _targets = new float[Batch * steps];
        _outputs = new float[Batch * steps];
        for (int i = 0; i < _inputs.Length; i++) _inputs[i] = (float)(random.NextDouble() * 2 - 1);
        for (int i = 0; i < _targets.Length; i++) _targets[i] = (float)(random.NextDouble() * 2 - 1);
    }

    /// <summary>The forward pass of the batch (the baseline).</summary>
    [Benchmark(Baseline = true)]
    public float PredictBatch()
    {
        switch (Case)
        {
            case "Gru16 T16": _gru16.PredictBatch(_inputs, _outputs); break;
            case "Gru16 T32": _gru32.PredictBatch(_inputs, _outputs); break;
            case "Audio T16": _audio16.PredictBatch(_inputs, _outputs); break;
            default: _audio32.PredictBatch(_inputs, _outputs); break;
        }
        return _outputs[0];
    }

    /// <summary>One Adam step on the batch, backpropagation through time over the window.</summary>
    [Benchmark]
    public float TrainBatch() => Case switch
    {
        "Gru16 T16" => _gru16.TrainBatch(_inputs, _targets),
        "Gru16 T32" => _gru32.TrainBatch(_inputs, _targets),
        "Audio T16" => _audio16.TrainBatch(_inputs, _targets),
        _ => _audio32.TrainBatch(_inputs, _targets),
    };
}

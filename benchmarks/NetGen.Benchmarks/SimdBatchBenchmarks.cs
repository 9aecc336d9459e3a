using System;
using BenchmarkDotNet.Attributes;
using NetGen.Runtime;

namespace NetGen.Benchmarks;

/// <summary>
/// The batch members on 64 samples: the scalar kernels (SimdOptions.ForcedWidth = -1) against the lane kernels
/// (one sample per lane of a 128- or 256-bit vector), with the plain C# loop network as the baseline.
/// </summary>
[MemoryDiagnoser]
public class SimdBatchBenchmarks
{
    private const int Batch = 64;
    private readonly NetBUnrolled _b = new(1);
    private readonly NetCUnroll1024 _c = new(1);
    private readonly PlainNetwork _bPlain = new(8, (16, Activation.Tanh), (16, Activation.Tanh), (4, Activation.Identity));
    private readonly PlainNetwork _cPlain = new(32, (64, Activation.Relu), (64, Activation.Relu), (8, Activation.Identity));
    private float[] _bInputs = Array.Empty<float>(), _bTargets = Array.Empty<float>(), _cInputs = Array.Empty<float>(), _cTargets = Array.Empty<float>();
    private readonly float[] _outputs = new float[Batch * 8];

    /// <summary>-1 = scalar kernels; 128 / 256 = lane kernels of that width.</summary>
    [Params(-1, 128, 256)]
    public int Width { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        SimdOptions.ForcedWidth = Width;
        _bPlain.LoadParameters(_b.Parameters);
        _cPlain.LoadParameters(_c.Parameters);
        var random = new Random(42);
        float[] Fill(int n)
        {
            var data = new float[n];
            for (int i = 0; i < n; i++) data[i] = (float)(random.NextDouble() * 2 - 1);
            return data;
        }
        _bInputs = Fill(Batch * 8);
        _bTargets = Fill(Batch * 4);
        _cInputs = Fill(Batch * 32);
        _cTargets = Fill(Batch * 8);
    }

    [GlobalCleanup]
    public void Cleanup() => SimdOptions.ForcedWidth = 0;

    [Benchmark(Baseline = true, Description = "B TrainBatch 64: plain C# loops")]
    public float BTrainPlain() => _bPlain.TrainBatch(_bInputs, _bTargets, 0.01f);

    [Benchmark(Description = "B TrainBatch 64: NetGen")]
    public float BTrain() => _b.TrainBatch(_bInputs, _bTargets);

    [Benchmark(Description = "C TrainBatch 64: plain C# loops")]
    public float CTrainPlain() => _cPlain.TrainBatch(_cInputs, _cTargets, 0.01f);

    [Benchmark(Description = "C TrainBatch 64: NetGen")]
    public float CTrain() => _c.TrainBatch(_cInputs, _cTargets);

    [Benchmark(Description = "B PredictBatch 64: NetGen")]
    public void BPredictBatch() => _b.PredictBatch(_bInputs, _outputs.AsSpan(0, Batch * 4));

    [Benchmark(Description = "C PredictBatch 64: NetGen")]
    public void CPredictBatch() => _c.PredictBatch(_cInputs, _outputs);
}

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
    private PlainNetwork _bPlain = null!, _cPlain = null!;
    private float[] _bInputs = Array.Empty<float>(), _bTargets = Array.Empty<float>(), _cInputs = Array.Empty<float>(), _cTargets = Array.Empty<float>();
    private readonly float[] _outputs = new float[Batch * 8];

    /// <summary>-1 = scalar kernels; 128 / 256 = lane kernels of that width.</summary>
    [Params(-1, 128, 256)]
    public int Width { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        SimdOptions.ForcedWidth = Width;
        _bPlain = BenchmarkSetup.Plain(_b);
        _cPlain = BenchmarkSetup.Plain(_c);
        var random = new Random(42);
        (_bInputs, _bTargets) = BenchmarkSetup.Batch(_b, Batch, random);
        (_cInputs, _cTargets) = BenchmarkSetup.Batch(_c, Batch, random);
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

using System;
using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks;

/// <summary>
/// Straight-line code against loops with constant bounds, for the UnrollLimit default: batch-1 Predict and a
/// TrainBatch of 64 samples (MSE, SGD) on nets B and C, with the plain C# loop network as the baseline. Scalar
/// kernels only (SimdOptions.ForcedWidth = -1).
/// </summary>
[MemoryDiagnoser]
public class UnrollLimitBenchmarks
{
    private const int Batch = 64;
    private readonly NetBLoops _bLoops = new(1);
    private readonly NetBUnrolled _bUnrolled = new(1);
    private readonly NetCLoops _cLoops = new(1);
    private readonly NetCUnroll1024 _c1024 = new(1);
    private readonly NetCUnroll4096 _c4096 = new(1);
    private PlainNetwork _bPlain = null!, _cPlain = null!;
    private float[] _bInputs = Array.Empty<float>(), _bTargets = Array.Empty<float>(), _cInputs = Array.Empty<float>(), _cTargets = Array.Empty<float>();
    private readonly float[] _output = new float[8];

    [GlobalCleanup]
    public void Cleanup() => NetGen.Runtime.SimdOptions.ForcedWidth = 0;

    [GlobalSetup]
    public void Setup()
    {
        // The unroll budget is about the straight-line scalar kernels: keep the SIMD batch path out of it.
        NetGen.Runtime.SimdOptions.ForcedWidth = -1;
        _bPlain = BenchmarkSetup.Plain(_bUnrolled);
        _cPlain = BenchmarkSetup.Plain(_c1024);
        var random = new Random(42);
        (_bInputs, _bTargets) = BenchmarkSetup.Batch(_bUnrolled, Batch, random);
        (_cInputs, _cTargets) = BenchmarkSetup.Batch(_c1024, Batch, random);
    }

    [Benchmark(Baseline = true, Description = "B Predict: plain C# loops")]
    public void BPredictPlain() => _bPlain.Predict(_bInputs.AsSpan(0, 8), _output.AsSpan(0, 4));

    [Benchmark(Description = "B Predict: NetGen UnrollLimit 0 (loops)")]
    public void BPredictLoops() => _bLoops.Predict(_bInputs.AsSpan(0, 8), _output.AsSpan(0, 4));

    [Benchmark(Description = "B Predict: NetGen UnrollLimit 1024 (all unrolled)")]
    public void BPredictUnrolled() => _bUnrolled.Predict(_bInputs.AsSpan(0, 8), _output.AsSpan(0, 4));

    [Benchmark(Description = "C Predict: plain C# loops")]
    public void CPredictPlain() => _cPlain.Predict(_cInputs.AsSpan(0, 32), _output);

    [Benchmark(Description = "C Predict: NetGen UnrollLimit 0 (loops)")]
    public void CPredictLoops() => _cLoops.Predict(_cInputs.AsSpan(0, 32), _output);

    [Benchmark(Description = "C Predict: NetGen UnrollLimit 1024 (last layer unrolled)")]
    public void CPredict1024() => _c1024.Predict(_cInputs.AsSpan(0, 32), _output);

    [Benchmark(Description = "C Predict: NetGen UnrollLimit 4096 (all unrolled)")]
    public void CPredict4096() => _c4096.Predict(_cInputs.AsSpan(0, 32), _output);

    [Benchmark(Description = "B TrainBatch 64: plain C# loops")]
    public float BTrainPlain() => _bPlain.TrainBatch(_bInputs, _bTargets, 0.01f);

    [Benchmark(Description = "B TrainBatch 64: NetGen UnrollLimit 0 (loops)")]
    public float BTrainLoops() => _bLoops.TrainBatch(_bInputs, _bTargets);

    [Benchmark(Description = "B TrainBatch 64: NetGen UnrollLimit 1024 (all unrolled)")]
    public float BTrainUnrolled() => _bUnrolled.TrainBatch(_bInputs, _bTargets);

    [Benchmark(Description = "C TrainBatch 64: plain C# loops")]
    public float CTrainPlain() => _cPlain.TrainBatch(_cInputs, _cTargets, 0.01f);

    [Benchmark(Description = "C TrainBatch 64: NetGen UnrollLimit 0 (loops)")]
    public float CTrainLoops() => _cLoops.TrainBatch(_cInputs, _cTargets);

    [Benchmark(Description = "C TrainBatch 64: NetGen UnrollLimit 1024 (last layer unrolled)")]
    public float CTrain1024() => _c1024.TrainBatch(_cInputs, _cTargets);

    [Benchmark(Description = "C TrainBatch 64: NetGen UnrollLimit 4096 (all unrolled)")]
    public float CTrain4096() => _c4096.TrainBatch(_cInputs, _cTargets);
}

using System;
using ILGPU.Runtime;

namespace NetGen.Gpu.Tests;

/// <summary>What the tests need of a generated network, whatever its type.</summary>
public interface ITestNetwork
{
    int InputSize { get; }
    int OutputSize { get; }
    int ParameterCount { get; }
    ReadOnlySpan<float> Parameters { get; }
    void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs);
    float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);

    /// <summary>Creates the network's generated GpuTrainer (with an explicit slot count when <paramref name="gradientSlots"/> &gt; 0).</summary>
    ITestTrainer CreateTrainer(Accelerator accelerator, int maxBatchSize, int gradientSlots = 0);
}

/// <summary>A generated GpuTrainer seen through delegates (each network has its own nested trainer type).</summary>
public interface ITestTrainer : IDisposable
{
    float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);
    void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs);
    void CopyParametersTo(Span<float> destination);
    void CopyParametersTo(ITestNetwork network);
    void Train(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int epochs, int batchSize, IProgress<EpochReport>? progress);
    int GradientSlots { get; }
}

public delegate float TrainBatchFunction(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);
public delegate void PredictBatchFunction(ReadOnlySpan<float> inputs, Span<float> outputs);
public delegate void CopyFunction(Span<float> destination);
public delegate void TrainFunction(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int epochs, int batchSize, IProgress<EpochReport>? progress);

public sealed class TestTrainer : ITestTrainer
{
    private readonly IDisposable _trainer;
    private readonly TrainBatchFunction _trainBatch;
    private readonly PredictBatchFunction _predictBatch;
    private readonly CopyFunction _copy;
    private readonly TrainFunction _train;
    private readonly Func<int> _slots;
    private readonly Action<ITestNetwork> _copyToNetwork;

    public TestTrainer(IDisposable trainer, TrainBatchFunction trainBatch, PredictBatchFunction predictBatch, CopyFunction copy, TrainFunction train, Func<int> slots, Action<ITestNetwork> copyToNetwork)
    {
        _trainer = trainer;
        _trainBatch = trainBatch;
        _predictBatch = predictBatch;
        _copy = copy;
        _train = train;
        _slots = slots;
        _copyToNetwork = copyToNetwork;
    }

    public float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets) => _trainBatch(inputs, targets);
    public void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs) => _predictBatch(inputs, outputs);
    public void CopyParametersTo(Span<float> destination) => _copy(destination);
    public void CopyParametersTo(ITestNetwork network) => _copyToNetwork(network);
    public void Train(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int epochs, int batchSize, IProgress<EpochReport>? progress) => _train(inputs, targets, epochs, batchSize, progress);
    public int GradientSlots => _slots();
    public void Dispose() => _trainer.Dispose();
}

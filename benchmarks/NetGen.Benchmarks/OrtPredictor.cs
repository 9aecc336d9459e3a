using System;
using Microsoft.ML.OnnxRuntime;

namespace NetGen.Benchmarks;

/// <summary>
/// ONNX Runtime at its best for batch-1 inference: one session (one intra-op and one inter-op thread, sequential
/// execution, every graph optimisation), input and output tensors created once over pinned arrays and bound once
/// through an <see cref="OrtIoBinding"/>, so <see cref="Run"/> is a bare <c>RunWithBinding</c> with no allocation of
/// tensors or names.
/// </summary>
/// <remarks>Shared by the benchmarks and, as a linked file, by tests/NetGen.Tests/Onnx.</remarks>
public sealed class OrtPredictor : IDisposable
{
    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions;
    private readonly OrtValue _inputValue;
    private readonly OrtValue _outputValue;
    private readonly OrtIoBinding _binding;

    /// <summary>Loads <paramref name="model"/> (see <see cref="OnnxModelWriter"/>) for [rows, inputSize] → [rows, outputSize].</summary>
    public OrtPredictor(byte[] model, int inputSize, int outputSize, int rows = 1)
        : this(model, new long[] { rows, inputSize }, new long[] { rows, outputSize })
    {
    }

    /// <summary>
    /// Loads <paramref name="model"/> with input and output tensors of the given shapes (batch first), e.g. [1, C, L] →
    /// [1, classes] for a model of <see cref="Convolution.ConvOnnxModelWriter"/>.
    /// </summary>
    public OrtPredictor(byte[] model, long[] inputShape, long[] outputShape)
    {
        _options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(model, _options);
        _runOptions = new RunOptions();
        Input = new float[Product(inputShape)];
        Output = new float[Product(outputShape)];
        _inputValue = OrtValue.CreateTensorValueFromMemory(Input, inputShape);
        _outputValue = OrtValue.CreateTensorValueFromMemory(Output, outputShape);
        _binding = _session.CreateIoBinding();
        _binding.BindInput(OnnxModelWriter.InputName, _inputValue);
        _binding.BindOutput(OnnxModelWriter.OutputName, _outputValue);
    }

    /// <summary>The bound input buffer: write the sample here before <see cref="Run"/>.</summary>
    public float[] Input { get; }

    /// <summary>The bound output buffer, filled by <see cref="Run"/>.</summary>
    public float[] Output { get; }

    /// <summary>Runs the model on <see cref="Input"/> into <see cref="Output"/>.</summary>
    public void Run() => _session.RunWithBinding(_runOptions, _binding);

    private static int Product(long[] shape)
    {
        long size = 1;
        foreach (long side in shape) size *= side;
        return checked((int)size);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _binding.Dispose();
        _inputValue.Dispose();
        _outputValue.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
        _options.Dispose();
    }
}

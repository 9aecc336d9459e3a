using System;
using System.IO;

namespace NetGen;

/// <summary>
/// What every generated <c>[Network]</c> class implements, inference-only ones (<c>[Network(…, Trainable = false)]</c>)
/// included: the sizes, the layers, the parameters, prediction and the files. <see cref="INetwork"/> adds the loss and
/// the training members. The static <c>T.Load(Stream)</c> is on the class only: through the interface, <see cref="Restore"/>
/// reads the same file into an existing network. The README's contract table gives each member's exact meaning.
/// </summary>
/// <remarks>
/// <see cref="Predict"/>, <see cref="PredictBatch"/> and the read-only members are thread-safe with each other; members
/// that write (<see cref="SetParameters"/>, <see cref="Restore"/>, <see cref="LoadSafetensors"/>) must not run while any
/// other member runs.
/// </remarks>
public interface IInferenceNetwork
{
    /// <summary>Number of input features of one sample.</summary>
    int InputSize { get; }

    /// <summary>Number of outputs of one sample.</summary>
    int OutputSize { get; }

    /// <summary>Number of parameters.</summary>
    int ParameterCount { get; }

    /// <summary>
    /// The layers in source order, each with its kind, sizes, activation and where its parameters sit in
    /// <see cref="Parameters"/> (what <see cref="Training.GradientCheck"/>'s double-precision reference recomputes).
    /// </summary>
    ReadOnlySpan<LayerDescription> Layers { get; }

    /// <summary>
    /// All parameters, layer by layer (weights <c>[out, in]</c> row-major, then biases): a read-only view of the network's own
    /// storage, without side effect or allocation. Write them with <see cref="SetParameters"/>.
    /// </summary>
    ReadOnlySpan<float> Parameters { get; }

    /// <summary>
    /// Replaces all parameters and brings every copy derived from them up to date before it returns, so the next call of
    /// any member uses exactly these values. Allocates nothing; leaves the optimizer state as it is.
    /// </summary>
    /// <param name="values"><see cref="ParameterCount"/> values in <see cref="Parameters"/> order.</param>
    /// <exception cref="ArgumentException"><paramref name="values"/> does not have length <see cref="ParameterCount"/>.</exception>
    void SetParameters(ReadOnlySpan<float> values);

    /// <summary>Computes the outputs of one sample.</summary>
    /// <param name="input"><see cref="InputSize"/> features.</param>
    /// <param name="output">Receives <see cref="OutputSize"/> outputs.</param>
    void Predict(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>Computes the outputs of a row-major batch.</summary>
    /// <param name="inputs"><c>[n, InputSize]</c> features.</param>
    /// <param name="outputs">Receives <c>[n, OutputSize]</c> outputs.</param>
    void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs);

    /// <summary>Writes the network (parameters, and a trainable network's optimizer and dropout state) in NetGen's binary format.</summary>
    /// <param name="stream">A writable stream.</param>
    void Save(Stream stream);

    /// <summary>
    /// Restores this network from a file written by <see cref="Save"/> for the same layout (what the static <c>T.Load</c>
    /// creates a new network from). The whole file is checked first: a bad file leaves the network unchanged.
    /// </summary>
    /// <param name="stream">A readable stream positioned at the start of the file.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The data is not a NetGen file, is for another layout or optimizer, or is corrupted.</exception>
    /// <exception cref="EndOfStreamException">The stream ends before the file does.</exception>
    void Restore(Stream stream);

    /// <summary>
    /// Replaces the parameters with those of a PyTorch safetensors file holding exactly this network's tensors
    /// (<c>torch.nn.Sequential</c> names). The whole file is checked first: a bad file leaves the network unchanged.
    /// </summary>
    /// <param name="stream">A readable stream positioned at the start of the file.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The file is not valid safetensors, or does not hold exactly this network's finite tensors.</exception>
    /// <exception cref="EndOfStreamException">The stream ends before the file does.</exception>
    void LoadSafetensors(Stream stream);

    /// <summary>Writes the parameters as a safetensors file that PyTorch's <c>load_state_dict</c> reads (F32 tensors).</summary>
    /// <param name="stream">A writable stream.</param>
    void SaveSafetensors(Stream stream);

    /// <summary>
    /// Writes the network's inference graph with its current weights as an ONNX model (IR version 8, opset 17): input
    /// <c>input</c> <c>[N, InputSize]</c> (or <c>[N, C, L]</c>, <c>[N, C, H, W]</c> for a shaped input), output <c>output</c>,
    /// initialisers named as <see cref="SaveSafetensors"/> names the tensors; Dropout is left out and BatchNorm uses its
    /// running statistics (docs/onnx.md).
    /// </summary>
    /// <param name="stream">A writable stream.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not writable.</exception>
    void SaveOnnx(Stream stream);
}

using System;
using System.IO;

namespace NetGen;

/// <summary>
/// What every generated <c>[Network]</c> class implements, so that code such as <see cref="Training.Trainer"/> and
/// <see cref="Training.GradientCheck"/> works with any network. Every public instance member of a generated class is
/// here (the sizes are constants on the class and instance properties here); the one member of the contract that is not
/// is the static <c>T.Load(Stream)</c>, which creates a network: through the interface, <see cref="Restore"/> reads the
/// same file into an existing one. The README's contract table gives each member's exact meaning.
/// </summary>
/// <remarks>
/// <see cref="Predict"/>, <see cref="PredictBatch"/>, <see cref="Evaluate"/> and the read-only members are thread-safe
/// with each other; members that write (training, <see cref="SetParameters"/>, <see cref="Restore"/>,
/// <see cref="LoadSafetensors"/>, <see cref="LearningRate"/>'s setter) must not run while any other member runs.
/// </remarks>
public interface INetwork
{
    /// <summary>Number of input features of one sample.</summary>
    int InputSize { get; }

    /// <summary>Number of outputs of one sample.</summary>
    int OutputSize { get; }

    /// <summary>Number of trainable parameters.</summary>
    int ParameterCount { get; }

    /// <summary>
    /// Where each layer's parameters start in <see cref="Parameters"/>, followed by <see cref="ParameterCount"/>:
    /// layer k (0-based) owns <c>[LayerOffsets[k], LayerOffsets[k + 1])</c>, its weights <c>[out, in]</c> then its biases.
    /// </summary>
    ReadOnlySpan<int> LayerOffsets { get; }

    /// <summary>The activation of each layer, in source order (layer k's units follow from <see cref="LayerOffsets"/>).</summary>
    ReadOnlySpan<Activation> LayerActivations { get; }

    /// <summary>The loss the training members minimise (as in <c>[Network(loss)]</c>).</summary>
    Loss Loss { get; }

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

    /// <summary>The optimizer's learning rate; may be changed between steps (schedules) and is saved.</summary>
    float LearningRate { get; set; }

    /// <summary>Computes the outputs of one sample.</summary>
    /// <param name="input"><see cref="InputSize"/> features.</param>
    /// <param name="output">Receives <see cref="OutputSize"/> outputs.</param>
    void Predict(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>Computes the outputs of a row-major batch.</summary>
    /// <param name="inputs"><c>[n, InputSize]</c> features.</param>
    /// <param name="outputs">Receives <c>[n, OutputSize]</c> outputs.</param>
    void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs);

    /// <summary>Overwrites <paramref name="gradient"/> with ∂L/∂θ of one sample (with dropout, if the network has any).</summary>
    /// <param name="input"><see cref="InputSize"/> features.</param>
    /// <param name="target"><see cref="OutputSize"/> targets.</param>
    /// <param name="gradient">Receives <see cref="ParameterCount"/> values.</param>
    /// <returns>The sample's loss.</returns>
    float Gradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradient);

    /// <summary>Overwrites <paramref name="gradient"/> with the gradient of a batch's mean loss.</summary>
    /// <param name="inputs"><c>[n, InputSize]</c> features.</param>
    /// <param name="targets"><c>[n, OutputSize]</c> targets.</param>
    /// <param name="gradient">Receives <see cref="ParameterCount"/> values.</param>
    /// <returns>The batch's mean loss.</returns>
    float GradientBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradient);

    /// <summary>One optimizer step on one sample.</summary>
    /// <param name="input"><see cref="InputSize"/> features.</param>
    /// <param name="target"><see cref="OutputSize"/> targets.</param>
    /// <returns>The loss before the step.</returns>
    float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target);

    /// <summary>One optimizer step on a batch's mean loss.</summary>
    /// <param name="inputs"><c>[n, InputSize]</c> features.</param>
    /// <param name="targets"><c>[n, OutputSize]</c> targets.</param>
    /// <returns>The mean loss before the step.</returns>
    float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);

    /// <summary>The mean loss of a batch, without dropout and without changing anything.</summary>
    /// <param name="inputs"><c>[n, InputSize]</c> features.</param>
    /// <param name="targets"><c>[n, OutputSize]</c> targets.</param>
    /// <returns>The batch's mean loss.</returns>
    float Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);

    /// <summary>Writes the network (parameters, optimizer and dropout state) in NetGen's binary format.</summary>
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
}

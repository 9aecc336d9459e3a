using System;
using System.IO;

namespace NetGen;

/// <summary>
/// What every generated <c>[Network]</c> class implements, so that code such as <see cref="Training.Trainer"/> and
/// <see cref="Training.GradientCheck"/> works with any network. The generated class has the same members as public
/// instance members (the sizes as constants); see DESIGN.md's contract table for each one's exact meaning.
/// </summary>
/// <remarks>Prediction members are thread-safe; training members are not.</remarks>
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

    /// <summary>All parameters, layer by layer: the network's own storage (writes are seen by the next call).</summary>
    Span<float> Parameters { get; }

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
}

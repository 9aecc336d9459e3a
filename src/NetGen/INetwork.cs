using System;

namespace NetGen;

/// <summary>
/// What every trainable generated <c>[Network]</c> class implements (all but <c>Trainable = false</c> ones), so that code
/// such as <see cref="Training.Trainer"/> and <see cref="Training.GradientCheck"/> works with any network: the inference
/// members of <see cref="IInferenceNetwork"/>, the loss and the training members. Every public instance member of a
/// generated class is here (the sizes are constants on the class and instance properties here); the one member of the
/// contract that is not is the static <c>T.Load(Stream)</c>. The README's contract table gives each member's exact meaning.
/// </summary>
/// <remarks>
/// <see cref="IInferenceNetwork.Predict"/>, <see cref="IInferenceNetwork.PredictBatch"/>, <see cref="Evaluate"/> and the
/// read-only members are thread-safe with each other; members that write (training, <see cref="IInferenceNetwork.SetParameters"/>,
/// <see cref="IInferenceNetwork.Restore"/>, <see cref="IInferenceNetwork.LoadSafetensors"/>, <see cref="LearningRate"/>'s setter)
/// must not run while any other member runs.
/// </remarks>
public interface INetwork : IInferenceNetwork
{
    /// <summary>The loss the training members minimise (as in <c>[Network(loss)]</c>).</summary>
    Loss Loss { get; }

    /// <summary>The optimizer's learning rate; may be changed between steps (schedules) and is saved.</summary>
    float LearningRate { get; set; }

    /// <summary>Overwrites <paramref name="gradient"/> with ∂L/∂θ of one sample (with dropout, if the network has any).</summary>
    /// <param name="input"><see cref="IInferenceNetwork.InputSize"/> features.</param>
    /// <param name="target"><see cref="IInferenceNetwork.OutputSize"/> targets.</param>
    /// <param name="gradient">Receives <see cref="IInferenceNetwork.ParameterCount"/> values.</param>
    /// <returns>The sample's loss.</returns>
    float Gradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradient);

    /// <summary>Overwrites <paramref name="gradient"/> with the gradient of a batch's mean loss.</summary>
    /// <param name="inputs"><c>[n, InputSize]</c> features.</param>
    /// <param name="targets"><c>[n, OutputSize]</c> targets.</param>
    /// <param name="gradient">Receives <see cref="IInferenceNetwork.ParameterCount"/> values.</param>
    /// <returns>The batch's mean loss.</returns>
    float GradientBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradient);

    /// <summary>One optimizer step on one sample.</summary>
    /// <param name="input"><see cref="IInferenceNetwork.InputSize"/> features.</param>
    /// <param name="target"><see cref="IInferenceNetwork.OutputSize"/> targets.</param>
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

    /// <summary>
    /// Your own loss through the compiled backward pass: adds the vector–Jacobian product (∂y/∂θ)ᵀ·<paramref name="outputGradient"/>
    /// of one sample to <paramref name="parameterGradient"/> (added, so calls accumulate), y being what
    /// <see cref="IInferenceNetwork.Predict"/> returns (after the output activation, Softmax included; no dropout).
    /// </summary>
    /// <param name="input"><see cref="IInferenceNetwork.InputSize"/> features.</param>
    /// <param name="outputGradient">∂L/∂y: <see cref="IInferenceNetwork.OutputSize"/> values.</param>
    /// <param name="parameterGradient"><see cref="IInferenceNetwork.ParameterCount"/> values ∂L/∂θ is added to.</param>
    void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, Span<float> parameterGradient);

    /// <summary>As <see cref="Backward(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>, and writes ∂L/∂x to <paramref name="inputGradient"/>.</summary>
    /// <param name="input"><see cref="IInferenceNetwork.InputSize"/> features.</param>
    /// <param name="outputGradient">∂L/∂y: <see cref="IInferenceNetwork.OutputSize"/> values.</param>
    /// <param name="parameterGradient"><see cref="IInferenceNetwork.ParameterCount"/> values ∂L/∂θ is added to.</param>
    /// <param name="inputGradient">Receives <see cref="IInferenceNetwork.InputSize"/> values ∂L/∂x (overwritten).</param>
    void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, Span<float> parameterGradient, Span<float> inputGradient);

    /// <summary><see cref="Backward(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/> on every row of a batch: the sum over the rows is added.</summary>
    /// <param name="inputs"><c>[n, InputSize]</c> features.</param>
    /// <param name="outputGradients"><c>[n, OutputSize]</c> values ∂L/∂y.</param>
    /// <param name="parameterGradient"><see cref="IInferenceNetwork.ParameterCount"/> values the sum is added to.</param>
    void BackwardBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputGradients, Span<float> parameterGradient);

    /// <summary>As <see cref="BackwardBatch(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>, and writes each row's ∂L/∂x.</summary>
    /// <param name="inputs"><c>[n, InputSize]</c> features.</param>
    /// <param name="outputGradients"><c>[n, OutputSize]</c> values ∂L/∂y.</param>
    /// <param name="parameterGradient"><see cref="IInferenceNetwork.ParameterCount"/> values the sum is added to.</param>
    /// <param name="inputGradients">Receives <c>[n, InputSize]</c> values ∂L/∂x.</param>
    void BackwardBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputGradients, Span<float> parameterGradient, Span<float> inputGradients);

    /// <summary>
    /// One optimizer step with <paramref name="gradient"/>: the step <see cref="TrainStep"/> and <see cref="TrainBatch"/> end in
    /// (learning rate, momentum, Adam moments and step count alike).
    /// </summary>
    /// <param name="gradient"><see cref="IInferenceNetwork.ParameterCount"/> values ∂L/∂θ.</param>
    void ApplyGradient(ReadOnlySpan<float> gradient);

    /// <summary>The loss of one sample and its gradient with respect to the input, ∂L/∂x (no dropout; no parameter changes).</summary>
    /// <param name="input"><see cref="IInferenceNetwork.InputSize"/> features.</param>
    /// <param name="target"><see cref="IInferenceNetwork.OutputSize"/> targets.</param>
    /// <param name="inputGradient">Receives <see cref="IInferenceNetwork.InputSize"/> values ∂L/∂x.</param>
    /// <returns>The sample's loss.</returns>
    float InputGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> inputGradient);
}

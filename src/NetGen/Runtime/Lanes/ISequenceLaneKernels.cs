#if NET8_0_OR_GREATER
using System;
using System.ComponentModel;
using System.Numerics;

namespace NetGen.Runtime.Lanes;

/// <summary>
/// What a trainable generated sequence network gives <see cref="SequenceLaneBatch"/>: its sizes and the lane forms of its
/// step kernels, which run one time step of <c>Vector&lt;float&gt;.Count</c> sequences at once, one per lane, on
/// structure-of-arrays vectors. Implemented by a private struct of the generated class, so that the loops over time are
/// specialised for it by the JIT. For generated code; not part of NetGen's public contract.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ISequenceLaneKernels
{
    /// <summary>Features of one step.</summary>
    int InputSize { get; }

    /// <summary>Outputs of one step.</summary>
    int OutputSize { get; }

    /// <summary>State values a sequence carries from step to step.</summary>
    int StateSize { get; }

    /// <summary>Trainable parameters.</summary>
    int ParameterCount { get; }

    /// <summary>Dropout mask values per step (0 without dropout).</summary>
    int MaskSize { get; }

    /// <summary>The training window in steps.</summary>
    int SequenceLength { get; }

    /// <summary>Multiply-adds of one step's forward pass (what decides whether a batch is worth several threads).</summary>
    long MultiplyAddsPerStep { get; }

    /// <summary>True for <c>SequenceLoss.LastStep</c> (targets for the last step only), false for every step.</summary>
    bool LastStep { get; }

    /// <summary>One training step's next state from <paramref name="x"/> (inputs, then the previous state) and the step's mask.</summary>
    /// <param name="p">The parameters.</param>
    /// <param name="x">The step's inputs, then the state before the step.</param>
    /// <param name="m">The step's dropout mask (empty without dropout).</param>
    /// <param name="next">Receives the next state, <see cref="StateSize"/> vectors.</param>
    void Forward(ReadOnlySpan<float> p, ReadOnlySpan<Vector<float>> x, ReadOnlySpan<Vector<float>> m, Span<Vector<float>> next);

    /// <summary>
    /// One step of backpropagation through time with the step's loss: returns the losses, adds ∂L/∂θ to
    /// <paramref name="g"/>[0..ParameterCount) and ∂L/∂state(t−1) to <paramref name="g"/>[ParameterCount..), given
    /// the step's targets and ∂L/∂state(t) in <paramref name="t"/>.
    /// </summary>
    /// <param name="p">The parameters.</param>
    /// <param name="x">The step's inputs, then the state before the step.</param>
    /// <param name="t">The step's targets, then ∂L/∂state(t).</param>
    /// <param name="m">The step's dropout mask (empty without dropout).</param>
    /// <param name="g">Per-lane sums: the parameters' gradient, then the carried adjoint.</param>
    /// <returns>The step's losses.</returns>
    Vector<float> Gradient(ReadOnlySpan<float> p, ReadOnlySpan<Vector<float>> x, ReadOnlySpan<Vector<float>> t, ReadOnlySpan<Vector<float>> m, Span<Vector<float>> g);

    /// <summary>As <see cref="Gradient"/> without the step's own loss (the steps before the last, <see cref="LastStep"/>).</summary>
    /// <param name="p">The parameters.</param>
    /// <param name="x">The step's inputs, then the state before the step.</param>
    /// <param name="t">Ignored targets, then ∂L/∂state(t).</param>
    /// <param name="m">The step's dropout mask (empty without dropout).</param>
    /// <param name="g">Per-lane sums: the parameters' gradient, then the carried adjoint.</param>
    void CarryGradient(ReadOnlySpan<float> p, ReadOnlySpan<Vector<float>> x, ReadOnlySpan<Vector<float>> t, ReadOnlySpan<Vector<float>> m, Span<Vector<float>> g);

    /// <summary>Draws one step's dropout mask from the network's generator, as the scalar path does.</summary>
    /// <param name="mask">Receives <see cref="MaskSize"/> values.</param>
    void DrawMask(Span<float> mask);
}
#endif

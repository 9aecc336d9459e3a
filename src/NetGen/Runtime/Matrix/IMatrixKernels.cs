#if NET8_0_OR_GREATER
using System;
using System.ComponentModel;

namespace NetGen.Runtime.Matrix;

/// <summary>
/// What a generated network gives NetGen's matrix batch loops (<see cref="MatrixBatch{TKernels}"/>, <see cref="MatrixTrainer{TKernels}"/>):
/// its sizes and its block kernels. A block is up to <see cref="BlockRows"/> samples stored as the rows of matrices
/// (sample-major, each row padded to a multiple of 16 floats); the kernels run the forward pass
/// A<sub>l</sub> = f(A<sub>l−1</sub>·W<sub>l</sub>ᵀ + b<sub>l</sub>), the loss head per sample, and the backward pass
/// δ<sub>l−1</sub> = (δ<sub>l</sub>·W<sub>l</sub>) ⊙ f′ and ∂W<sub>l</sub> += δ<sub>l</sub>ᵀ·A<sub>l−1</sub> as register-blocked
/// tiles. A generated network implements it with a private struct so that the loops are specialised for it by the JIT.
/// For generated code; not part of NetGen's public contract.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IMatrixKernels
{
    /// <summary>Features of one sample.</summary>
    int InputSize { get; }

    /// <summary>Outputs (and targets) of one sample.</summary>
    int OutputSize { get; }

    /// <summary>Multiply-adds of one sample's forward pass (Σ in·out over the layers): how much work a batch is.</summary>
    long MultiplyAdds { get; }

    /// <summary>Samples of one training block (a multiple of 4).</summary>
    int BlockRows { get; }

    /// <summary>Floats of one training block's workspace (activations, pre-activations and deltas of every layer).</summary>
    int WorkLength { get; }

    /// <summary>Samples of one forward-only block (<c>PredictBatch</c>, <c>Evaluate</c>; a multiple of 4, sized for the stack).</summary>
    int ForwardRows { get; }

    /// <summary>Floats of one forward-only block's workspace.</summary>
    int ForwardWorkLength { get; }

    /// <summary>Floats of the padded weight gradient (per layer <c>[out, in padded]</c>, then the padded biases).</summary>
    int GradientLength { get; }

    /// <summary>
    /// One training block: forward, the loss and its derivative per sample, backward; adds the block's summed gradient into
    /// <paramref name="gradient"/> (padded layout) and each sample's loss, in sample order, into <paramref name="loss"/>.
    /// </summary>
    /// <param name="inputs">The block's rows, <c>count·InputSize</c> values.</param>
    /// <param name="targets">The block's targets, <c>count·OutputSize</c> values.</param>
    /// <param name="count">Samples in the block, 1 … <see cref="BlockRows"/>.</param>
    /// <param name="work">The block's workspace, <see cref="WorkLength"/> floats.</param>
    /// <param name="gradient">The padded gradient sums, <see cref="GradientLength"/> floats (added to).</param>
    /// <param name="loss">The running sum of losses.</param>
    void GradientBlock(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count, Span<float> work, Span<float> gradient, ref float loss);

    /// <summary>
    /// One block of <c>BackwardBatch</c>: forward, the output activation's vector–Jacobian product with the caller's ∂L/∂y per
    /// sample, backward; adds the block's summed parameter gradient into <paramref name="gradient"/> (padded layout) and, when
    /// <paramref name="inputGradients"/> is not empty, writes each sample's ∂L/∂x to it.
    /// </summary>
    /// <param name="inputs">The block's rows, <c>count·InputSize</c> values.</param>
    /// <param name="outputGradients">The block's ∂L/∂y, <c>count·OutputSize</c> values.</param>
    /// <param name="count">Samples in the block, 1 … <see cref="BlockRows"/>.</param>
    /// <param name="work">The block's workspace, <see cref="WorkLength"/> floats.</param>
    /// <param name="gradient">The padded gradient sums, <see cref="GradientLength"/> floats (added to).</param>
    /// <param name="inputGradients">Receives <c>count·InputSize</c> values ∂L/∂x, or empty.</param>
    void BackwardBlock(ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputGradients, int count, Span<float> work, Span<float> gradient, Span<float> inputGradients);

    /// <summary>Adds a padded gradient (<see cref="GradientLength"/> floats) into a gradient in parameter order.</summary>
    /// <param name="padded">The padded gradient.</param>
    /// <param name="gradient">The gradient in <c>Parameters</c> order (added to).</param>
    void AddGradient(ReadOnlySpan<float> padded, Span<float> gradient);

    /// <summary>Writes a padded gradient (<see cref="GradientLength"/> floats), each value divided by <paramref name="divisor"/>, into a gradient in parameter order.</summary>
    /// <param name="padded">The padded gradient.</param>
    /// <param name="gradient">Receives the gradient in <c>Parameters</c> order (overwritten).</param>
    /// <param name="divisor">The batch size (the gradient of the mean loss is the sum divided by it).</param>
    void StoreGradient(ReadOnlySpan<float> padded, Span<float> gradient, float divisor);

    /// <summary>The outputs of one forward-only block.</summary>
    /// <param name="inputs">The block's rows, <c>count·InputSize</c> values.</param>
    /// <param name="outputs">Receives <c>count·OutputSize</c> values.</param>
    /// <param name="count">Samples in the block, 1 … <see cref="ForwardRows"/>.</param>
    /// <param name="work">The workspace, <see cref="ForwardWorkLength"/> floats.</param>
    void ForwardBlock(ReadOnlySpan<float> inputs, Span<float> outputs, int count, Span<float> work);

    /// <summary>
    /// Adds the losses of one forward-only block, in sample order, into <paramref name="loss"/> (each bit for bit the one
    /// <see cref="GradientBlock"/> computes).
    /// </summary>
    /// <param name="inputs">The block's rows, <c>count·InputSize</c> values.</param>
    /// <param name="targets">The block's targets.</param>
    /// <param name="count">Samples in the block, 1 … <see cref="ForwardRows"/>.</param>
    /// <param name="work">The workspace, <see cref="ForwardWorkLength"/> floats.</param>
    /// <param name="loss">The running sum of losses.</param>
    void LossBlock(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count, Span<float> work, ref float loss);
}
#endif

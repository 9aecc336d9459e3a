#if NET8_0_OR_GREATER
using System;
using System.ComponentModel;
using NetGen.Runtime.Threading;

namespace NetGen.Runtime.Matrix;

/// <summary>
/// The batch gradient (and <c>BackwardBatch</c>'s vector–Jacobian products) of a generated network on its matrix kernels: the batch is split by <see cref="MatrixPartition"/>
/// (blocks dealt to up to four slots), each slot sums its blocks' gradients in its own padded buffer, and the slots are
/// added in slot order into the caller's gradient, so the result is the same bit for bit on any number of threads. Holds
/// the slots' workspaces and gradient buffers, created on first use and reused: no allocation per call. One per network
/// instance; not thread-safe (as the training members are not). For generated code; not part of NetGen's public contract.
/// </summary>
/// <typeparam name="TKernels">The network's matrix kernels (a struct: the loops are specialised for it).</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class MatrixTrainer<TKernels> : IParallelSpanBody
    where TKernels : struct, IMatrixKernels
{
    private readonly TKernels _kernels;
    private readonly float[]?[] _work = new float[MatrixPartition.Slots][];
    private readonly float[]?[] _gradients = new float[MatrixPartition.Slots][];
    private readonly float[] _losses = new float[MatrixPartition.Slots];
    private int _blocks;
    private bool _backward;

    /// <summary>Creates the trainer of one network.</summary>
    /// <param name="kernels">The network's kernels.</param>
    public MatrixTrainer(TKernels kernels) => _kernels = kernels;

    /// <summary>
    /// Overwrites <paramref name="gradient"/> with the gradient of the batch's mean loss and returns the mean loss. The
    /// spans' lengths are the caller's to check.
    /// </summary>
    /// <param name="inputs">Row-major <c>[n, InputSize]</c>.</param>
    /// <param name="targets">Row-major <c>[n, OutputSize]</c>.</param>
    /// <param name="gradient">Receives the gradient, in parameter order.</param>
    /// <param name="n">Samples, at least 1.</param>
    /// <returns>The mean of the samples' losses.</returns>
    public float Gradient(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradient, int n)
    {
        int slots = RunSlots(inputs, targets, default, n, backward: false);

        // The slots summed into the first in slot order (the same order on any thread count), then the mean.
        Span<float> sum = _gradients[0];
        float total = _losses[0];
        for (int slot = 1; slot < slots; slot++)
        {
            MatrixRows.Add(sum, _gradients[slot]);
            total += _losses[slot];
        }
        _kernels.StoreGradient(sum, gradient, n);
        return total / n;
    }

    /// <summary>
    /// <c>BackwardBatch</c>: adds the sum over the batch of the vector–Jacobian products with the caller's ∂L/∂y to
    /// <paramref name="gradient"/> and, when <paramref name="inputGradients"/> is not empty, writes each row's ∂L/∂x. The
    /// spans' lengths are the caller's to check.
    /// </summary>
    /// <param name="inputs">Row-major <c>[n, InputSize]</c>.</param>
    /// <param name="outputGradients">Row-major <c>[n, OutputSize]</c> values ∂L/∂y.</param>
    /// <param name="gradient">The gradient in parameter order (added to).</param>
    /// <param name="inputGradients">Receives row-major <c>[n, InputSize]</c> values ∂L/∂x, or empty.</param>
    /// <param name="n">Samples, at least 1.</param>
    public void Backward(ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputGradients, Span<float> gradient, Span<float> inputGradients, int n)
    {
        int slots = RunSlots(inputs, outputGradients, inputGradients, n, backward: true);
        Span<float> sum = _gradients[0];
        for (int slot = 1; slot < slots; slot++) MatrixRows.Add(sum, _gradients[slot]);
        _kernels.AddGradient(sum, gradient);
    }

    /// <summary>Deals the batch's blocks to the slots and runs them (on several threads for a large batch); returns the slots used.</summary>
    private int RunSlots(ReadOnlySpan<float> inputs, ReadOnlySpan<float> second, Span<float> results, int n, bool backward)
    {
        int blocks = MatrixPartition.Blocks(n, _kernels.BlockRows);
        int slots = MatrixPartition.SlotsFor(blocks);
        for (int slot = 0; slot < slots; slot++)
        {
            _work[slot] ??= new float[_kernels.WorkLength];
            _gradients[slot] ??= new float[_kernels.GradientLength];
        }
        _blocks = blocks;
        _backward = backward;
        if (MatrixPartition.Parallel(n, _kernels.MultiplyAdds, slots))
        {
            ParallelRunner.Run(this, inputs, second, results, slots);
        }
        else
        {
            for (int slot = 0; slot < slots; slot++) Run(slot, inputs, second, results);
        }
        return slots;
    }

    /// <summary>Slot <paramref name="part"/>: its blocks in block order, into its own gradient buffer and loss.</summary>
    /// <param name="part">The slot.</param>
    /// <param name="inputs">The whole batch's inputs.</param>
    /// <param name="targets">The whole batch's targets (Gradient) or ∂L/∂y (Backward).</param>
    /// <param name="inputGradients">Backward: the whole batch's ∂L/∂x, or empty; Gradient: not used.</param>
    public void Run(int part, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> inputGradients)
    {
        int rows = _kernels.BlockRows, inputSize = _kernels.InputSize, outputSize = _kernels.OutputSize;
        int n = inputs.Length / inputSize;
        Span<float> work = _work[part];
        Span<float> gradient = _gradients[part];
        gradient.Clear();
        float loss = 0f;
        for (int block = part; block < _blocks; block += MatrixPartition.Slots)
        {
            int first = block * rows, count = Math.Min(rows, n - first);
            if (_backward)
            {
                _kernels.BackwardBlock(inputs.Slice(first * inputSize, count * inputSize), targets.Slice(first * outputSize, count * outputSize), count, work, gradient,
                    inputGradients.IsEmpty ? default : inputGradients.Slice(first * inputSize, count * inputSize));
                continue;
            }
            _kernels.GradientBlock(
                inputs.Slice(first * inputSize, count * inputSize), targets.Slice(first * outputSize, count * outputSize), count, work, gradient, ref loss);
        }
        _losses[part] = loss;
    }
}
#endif

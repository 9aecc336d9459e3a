#if NET8_0_OR_GREATER
using System;
using System.ComponentModel;
using NetGen.Runtime.Threading;

namespace NetGen.Runtime.Matrix;

/// <summary>
/// <c>PredictBatch</c> and <c>Evaluate</c> of a generated network on its matrix kernels: forward-only blocks with their
/// workspace on the stack of the thread that runs them, so both stay thread-safe and allocation-free. Large batches run on
/// up to four threads (<see cref="BatchParallelism.MaxThreads"/>); the split (<see cref="MatrixPartition"/>) depends on the
/// batch size only, so the results are the same bit for bit on any thread count. For generated code; not part of NetGen's
/// public contract.
/// </summary>
/// <typeparam name="TKernels">The network's matrix kernels.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class MatrixBatch<TKernels> : IParallelSpanBody
    where TKernels : struct, IMatrixKernels
{
    private readonly TKernels _kernels;
    private readonly bool _losses;

    /// <summary>Creates the batch loops of one network: one instance for <c>PredictBatch</c>, one for <c>Evaluate</c>.</summary>
    /// <param name="kernels">The network's kernels.</param>
    /// <param name="losses">True for <see cref="Evaluate"/>'s instance, false for <see cref="Predict"/>'s.</param>
    public MatrixBatch(TKernels kernels, bool losses)
    {
        _kernels = kernels;
        _losses = losses;
    }

    /// <summary>The outputs of a batch (lengths checked by the caller).</summary>
    /// <param name="inputs">Row-major <c>[n, InputSize]</c>.</param>
    /// <param name="outputs">Receives row-major <c>[n, OutputSize]</c>.</param>
    /// <param name="n">Samples.</param>
    public void Predict(ReadOnlySpan<float> inputs, Span<float> outputs, int n)
    {
        if (_losses) throw new InvalidOperationException("This instance computes losses (Evaluate), not outputs.");
        RunSlots(inputs, default, outputs, n);
    }

    /// <summary>The mean loss of a batch, bit for bit the one <see cref="MatrixTrainer{TKernels}.Gradient"/> returns.</summary>
    /// <param name="inputs">Row-major <c>[n, InputSize]</c>.</param>
    /// <param name="targets">Row-major <c>[n, OutputSize]</c>.</param>
    /// <param name="n">Samples, at least 1.</param>
    /// <returns>The mean of the samples' losses.</returns>
    public float Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int n)
    {
        if (!_losses) throw new InvalidOperationException("This instance computes outputs (PredictBatch), not losses.");
        Span<float> losses = stackalloc float[MatrixPartition.Slots];
        int slots = RunSlots(inputs, targets, losses, n);
        float total = 0f;
        for (int slot = 0; slot < slots; slot++) total += losses[slot];
        return total / n;
    }

    private int RunSlots(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> results, int n)
    {
        if (n == 0) return 0;
        int slots = MatrixPartition.SlotsFor(MatrixPartition.Blocks(n, _kernels.BlockRows));
        if (MatrixPartition.Parallel(n, _kernels.MultiplyAdds, slots))
        {
            ParallelRunner.Run(this, inputs, targets, results, slots);
        }
        else
        {
            for (int slot = 0; slot < slots; slot++) Run(slot, inputs, targets, results);
        }
        return slots;
    }

    /// <summary>
    /// Slot <paramref name="part"/>: its training-sized blocks in block order (as <see cref="MatrixTrainer{TKernels}"/> deals
    /// them), each run as forward-only blocks of <c>ForwardRows</c> samples with the workspace on this thread's stack.
    /// </summary>
    /// <param name="part">The slot.</param>
    /// <param name="inputs">The whole batch's inputs.</param>
    /// <param name="targets">The whole batch's targets (Evaluate) or empty.</param>
    /// <param name="results">The outputs (PredictBatch) or the slots' losses (Evaluate).</param>
    public void Run(int part, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> results)
    {
        int rows = _kernels.BlockRows, forwardRows = _kernels.ForwardRows;
        int inputSize = _kernels.InputSize, outputSize = _kernels.OutputSize;
        int n = inputs.Length / inputSize, blocks = MatrixPartition.Blocks(n, rows);
        Span<float> work = stackalloc float[_kernels.ForwardWorkLength];
        float loss = 0f;
        for (int block = part; block < blocks; block += MatrixPartition.Slots)
        {
            int end = Math.Min(n, (block + 1) * rows);
            for (int first = block * rows; first < end; first += forwardRows)
            {
                int count = Math.Min(forwardRows, end - first);
                ReadOnlySpan<float> x = inputs.Slice(first * inputSize, count * inputSize);
                if (_losses) _kernels.LossBlock(x, targets.Slice(first * outputSize, count * outputSize), count, work, ref loss);
                else _kernels.ForwardBlock(x, results.Slice(first * outputSize, count * outputSize), count, work);
            }
        }
        if (_losses) results[part] = loss;
    }
}
#endif

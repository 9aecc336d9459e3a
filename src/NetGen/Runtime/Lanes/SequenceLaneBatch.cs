#if NET8_0_OR_GREATER
using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.InteropServices;

namespace NetGen.Runtime.Lanes;

/// <summary>
/// Backpropagation through time on <c>Vector&lt;float&gt;.Count</c> sequences at once (lanes = sequences): per chunk, the
/// window forward keeping the state before every step, then the steps last to first through the network's lane kernels
/// (<see cref="ISequenceLaneKernels"/>), the carried adjoint handed from step to step, the parameters' gradient summed per lane
/// over the whole batch and then over the lanes. Sequences that do not fill a chunk are left to the scalar kernels. Dropout
/// masks are drawn sequence by sequence, step by step, in the order the scalar path draws them. For generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SequenceLaneBatch
{
    /// <summary>
    /// Adds the gradient of the summed losses of the leading whole chunks of a batch to <paramref name="gradient"/> and their
    /// summed losses to <paramref name="total"/>; returns how many sequences it did.
    /// </summary>
    /// <typeparam name="TKernels">The network's lane kernels.</typeparam>
    /// <param name="kernels">The network's lane kernels.</param>
    /// <param name="p">The parameters.</param>
    /// <param name="inputs">Row-major <c>[n, SequenceLength, InputSize]</c>.</param>
    /// <param name="targets">Row-major <c>[n, SequenceLength, OutputSize]</c>, or <c>[n, OutputSize]</c> for the last step.</param>
    /// <param name="gradient">Receives the sums (added to), at least <c>ParameterCount</c> values.</param>
    /// <param name="n">Sequences in the batch.</param>
    /// <param name="buffer">The network's lane buffer (null until first used; allocated once).</param>
    /// <param name="total">The running sum of losses.</param>
    /// <param name="drawMasks">True in training (masks drawn); false for <c>Evaluate</c> (every mask value 1).</param>
    /// <returns>Sequences done: n rounded down to whole chunks.</returns>
    public static int Gradient<TKernels>(
        TKernels kernels, ReadOnlySpan<float> p, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradient, int n,
        ref float[]? buffer, ref float total, bool drawMasks)
        where TKernels : struct, ISequenceLaneKernels
    {
        int lanes = Vector<float>.Count, chunks = n / lanes;
        if (chunks == 0) return 0;
        int inputSize = kernels.InputSize, outputSize = kernels.OutputSize, stateSize = kernels.StateSize;
        int parameters = kernels.ParameterCount, maskSize = kernels.MaskSize, steps = kernels.SequenceLength;
        bool last = kernels.LastStep;
        int targetSize = last ? outputSize : steps * outputSize;

        // One buffer for the chunk: per-lane gradient and carried adjoint, the states before every step, every step's mask.
        int gLength = parameters + stateSize, statesLength = steps * stateSize, masksLength = steps * maskSize;
        int floats = (gLength + statesLength + masksLength) * lanes;
        if (buffer is null || buffer.Length < floats) buffer = new float[floats];
        Span<Vector<float>> all = MemoryMarshal.Cast<float, Vector<float>>(buffer.AsSpan(0, floats));
        Span<Vector<float>> g = all.Slice(0, gLength);
        Span<Vector<float>> states = all.Slice(gLength, statesLength);
        Span<Vector<float>> masks = all.Slice(gLength + statesLength, masksLength);
        g.Clear();
        if (!drawMasks) masks.Fill(Vector<float>.One);

        Span<Vector<float>> x = stackalloc Vector<float>[inputSize + stateSize];
        Span<Vector<float>> t = stackalloc Vector<float>[outputSize + stateSize];
        Span<Vector<float>> next = stackalloc Vector<float>[stateSize];
        Span<float> mask = stackalloc float[drawMasks ? maskSize : 0];
        Span<float> xf = MemoryMarshal.Cast<Vector<float>, float>(x);
        Span<float> tf = MemoryMarshal.Cast<Vector<float>, float>(t);
        Span<float> mf = MemoryMarshal.Cast<Vector<float>, float>(masks);
        Span<Vector<float>> carried = g.Slice(parameters, stateSize);
        Vector<float> losses = Vector<float>.Zero;

        for (int chunk = 0; chunk < chunks; chunk++)
        {
            int first = chunk * lanes;
            if (drawMasks && maskSize > 0)
            {
                for (int lane = 0; lane < lanes; lane++)
                {
                    for (int step = 0; step < steps; step++)
                    {
                        kernels.DrawMask(mask);
                        for (int k = 0; k < maskSize; k++) mf[(step * maskSize + k) * lanes + lane] = mask[k];
                    }
                }
            }

            // Forward: the state before every step.
            states.Slice(0, stateSize).Clear();
            for (int step = 0; step + 1 < steps; step++)
            {
                Gather(inputs, xf, first, steps * inputSize, step * inputSize, inputSize);
                states.Slice(step * stateSize, stateSize).CopyTo(x.Slice(inputSize));
                kernels.Forward(p, x, masks.Slice(step * maskSize, maskSize), next);
                next.CopyTo(states.Slice((step + 1) * stateSize, stateSize));
            }

            // Backward, last step first, ∂L/∂state handed to the step before.
            carried.Clear();
            if (last) Gather(targets, tf, first, targetSize, 0, outputSize);
            for (int step = steps - 1; step >= 0; step--)
            {
                Gather(inputs, xf, first, steps * inputSize, step * inputSize, inputSize);
                states.Slice(step * stateSize, stateSize).CopyTo(x.Slice(inputSize));
                if (!last) Gather(targets, tf, first, targetSize, step * outputSize, outputSize);
                carried.CopyTo(t.Slice(outputSize));
                carried.Clear();
                var m = masks.Slice(step * maskSize, maskSize);
                if (!last || step == steps - 1) losses += kernels.Gradient(p, x, t, m, g);
                else kernels.CarryGradient(p, x, t, m, g);
            }
        }

        for (int k = 0; k < parameters; k++) gradient[k] += Vector.Sum(g[k]);
        total += Vector.Sum(losses);
        return chunks * lanes;
    }

    /// <summary>
    /// Values <paramref name="offset"/>..+<paramref name="size"/> of each of the chunk's sequences (rows of
    /// <paramref name="rowLength"/> floats from sequence <paramref name="first"/>) into structure-of-arrays lanes.
    /// </summary>
    private static void Gather(ReadOnlySpan<float> rows, Span<float> lanesOut, int first, int rowLength, int offset, int size)
    {
        int lanes = Vector<float>.Count;
        for (int lane = 0; lane < lanes; lane++)
        {
            ReadOnlySpan<float> row = rows.Slice((first + lane) * rowLength + offset, size);
            for (int i = 0; i < size; i++) lanesOut[i * lanes + lane] = row[i];
        }
    }
}
#endif

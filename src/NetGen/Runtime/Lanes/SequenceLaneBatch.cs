#if NET8_0_OR_GREATER
using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.InteropServices;
using NetGen.Runtime.Threading;

namespace NetGen.Runtime.Lanes;

/// <summary>
/// Backpropagation through time on <c>Vector&lt;float&gt;.Count</c> sequences at once (lanes = sequences): per chunk, the
/// window forward keeping the state before every step, then the steps last to first through the network's lane kernels
/// (<see cref="ISequenceLaneKernels"/>), the carried adjoint handed from step to step, the parameters' gradient summed per
/// lane and then over the lanes. Sequences that do not fill a chunk are left to the scalar kernels.
/// </summary>
/// <remarks>
/// Without dropout the chunks are dealt round-robin to at most <see cref="MaxSlots"/> slots (chunk c to slot c mod slots),
/// each slot summing its chunks in order into its own buffer, the slots added in slot order: the partition depends on the
/// batch size only, so the result is the same, bit for bit, on any number of threads (<see cref="BatchParallelism.MaxThreads"/>),
/// and the slots run in parallel (<see cref="ParallelRunner"/>) when the batch has at least
/// <see cref="ParallelMinimum"/> multiply-adds. With dropout one slot runs every chunk in order, so that the masks are
/// drawn sequence by sequence, step by step, in the order the scalar path draws them. For generated code.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SequenceLaneBatch
{
    /// <summary>The most slots a batch is dealt to.</summary>
    public const int MaxSlots = 4;

    /// <summary>Multiply-adds of a batch (forward, recomputed forward and backward counted) from which the slots run on several threads.</summary>
    public const long ParallelMinimum = 1_000_000;

    /// <summary>
    /// Adds the gradient of the summed losses of the leading whole chunks of a batch to <paramref name="gradient"/> and their
    /// summed losses to <paramref name="total"/>; returns how many sequences it did.
    /// </summary>
    /// <typeparam name="TKernels">The network's lane kernels.</typeparam>
    /// <param name="kernels">The network's lane kernels.</param>
    /// <param name="p">The parameters (read only).</param>
    /// <param name="inputs">Row-major <c>[n, SequenceLength, InputSize]</c>.</param>
    /// <param name="targets">Row-major <c>[n, SequenceLength, OutputSize]</c>, or <c>[n, OutputSize]</c> for the last step.</param>
    /// <param name="gradient">Receives the sums (added to), at least <c>ParameterCount</c> values.</param>
    /// <param name="n">Sequences in the batch.</param>
    /// <param name="buffers">The network's slot buffers (null until first used; each allocated once, on its first use).</param>
    /// <param name="total">The running sum of losses.</param>
    /// <param name="drawMasks">True in training (masks drawn); false for <c>Evaluate</c> (every mask value 1).</param>
    /// <returns>Sequences done: n rounded down to whole chunks.</returns>
    public static int Gradient<TKernels>(
        TKernels kernels, float[] p, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradient, int n,
        ref float[]?[]? buffers, ref float total, bool drawMasks)
        where TKernels : struct, ISequenceLaneKernels
    {
        int lanes = Vector<float>.Count, chunks = n / lanes;
        if (chunks == 0) return 0;
        bool ordered = drawMasks && kernels.MaskSize > 0;
        int slots = ordered ? 1 : Math.Min(MaxSlots, chunks);
        buffers ??= new float[]?[MaxSlots + 1];
        float[] losses = buffers[MaxSlots] ??= new float[MaxSlots];
        int floats = SlotFloats(kernels);
        for (int s = 0; s < slots; s++)
        {
            if (buffers[s] is null || buffers[s]!.Length < floats) buffers[s] = new float[floats];
        }
        var body = new Slots<TKernels>(kernels, p, buffers!, slots, chunks, drawMasks);
        long work = 3L * n * kernels.SequenceLength * kernels.MultiplyAddsPerStep;
        if (slots > 1 && work >= ParallelMinimum) ParallelRunner.Run(body, inputs, targets, Span<float>.Empty, slots);
        else for (int s = 0; s < slots; s++) body.Run(s, inputs, targets, Span<float>.Empty);

        int parameters = kernels.ParameterCount;
        for (int s = 0; s < slots; s++)
        {
            Span<Vector<float>> g = MemoryMarshal.Cast<float, Vector<float>>(buffers[s].AsSpan(0, parameters * lanes));
            for (int k = 0; k < parameters; k++) gradient[k] += Vector.Sum(g[k]);
            total += losses[s];
        }
        return chunks * lanes;
    }

    /// <summary>Floats of one slot's buffer: per-lane gradient and carried adjoint, the states before every step, every step's mask.</summary>
    private static int SlotFloats<TKernels>(TKernels kernels) where TKernels : struct, ISequenceLaneKernels
        => (kernels.ParameterCount + kernels.StateSize + kernels.SequenceLength * (kernels.StateSize + kernels.MaskSize)) * Vector<float>.Count;

    /// <summary>The slots of one batch: slot s runs chunks s, s + slots, … into its own buffer and loss.</summary>
    private readonly struct Slots<TKernels> : IParallelSpanBody where TKernels : struct, ISequenceLaneKernels
    {
        private readonly TKernels _kernels;
        private readonly float[] _p;
        private readonly float[]?[] _buffers;
        private readonly int _slots, _chunks;
        private readonly bool _drawMasks;

        public Slots(TKernels kernels, float[] p, float[]?[] buffers, int slots, int chunks, bool drawMasks)
        {
            _kernels = kernels;
            _p = p;
            _buffers = buffers;
            _slots = slots;
            _chunks = chunks;
            _drawMasks = drawMasks;
        }

        public void Run(int part, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> unused)
        {
            var losses = Chunks(_kernels, _p, inputs, targets, _buffers[part]!, part, _slots, _chunks, _drawMasks);
            _buffers[MaxSlots]![part] = Vector.Sum(losses);
        }
    }

    /// <summary>Chunks <paramref name="first"/>, <paramref name="first"/> + <paramref name="step"/>, … below <paramref name="chunks"/>, summed into <paramref name="buffer"/>; returns the per-lane loss sums.</summary>
    private static Vector<float> Chunks<TKernels>(
        TKernels kernels, ReadOnlySpan<float> p, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, float[] buffer,
        int first, int step, int chunks, bool drawMasks)
        where TKernels : struct, ISequenceLaneKernels
    {
        int lanes = Vector<float>.Count;
        int inputSize = kernels.InputSize, outputSize = kernels.OutputSize, stateSize = kernels.StateSize;
        int parameters = kernels.ParameterCount, maskSize = kernels.MaskSize, steps = kernels.SequenceLength;
        bool last = kernels.LastStep;
        int targetSize = last ? outputSize : steps * outputSize;

        int gLength = parameters + stateSize, statesLength = steps * stateSize, masksLength = steps * maskSize;
        Span<Vector<float>> all = MemoryMarshal.Cast<float, Vector<float>>(buffer.AsSpan(0, (gLength + statesLength + masksLength) * lanes));
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

        for (int chunk = first; chunk < chunks; chunk += step)
        {
            int sequence = chunk * lanes;
            if (drawMasks && maskSize > 0)
            {
                for (int lane = 0; lane < lanes; lane++)
                {
                    for (int s = 0; s < steps; s++)
                    {
                        kernels.DrawMask(mask);
                        for (int k = 0; k < maskSize; k++) mf[(s * maskSize + k) * lanes + lane] = mask[k];
                    }
                }
            }

            // Forward: the state before every step.
            states.Slice(0, stateSize).Clear();
            for (int s = 0; s + 1 < steps; s++)
            {
                LaneRows.Gather(inputs, xf, sequence, steps * inputSize, s * inputSize, inputSize);
                states.Slice(s * stateSize, stateSize).CopyTo(x.Slice(inputSize));
                kernels.Forward(p, x, masks.Slice(s * maskSize, maskSize), next);
                next.CopyTo(states.Slice((s + 1) * stateSize, stateSize));
            }

            // Backward, last step first, ∂L/∂state handed to the step before.
            carried.Clear();
            if (last) LaneRows.Gather(targets, tf, sequence, targetSize, 0, outputSize);
            for (int s = steps - 1; s >= 0; s--)
            {
                LaneRows.Gather(inputs, xf, sequence, steps * inputSize, s * inputSize, inputSize);
                states.Slice(s * stateSize, stateSize).CopyTo(x.Slice(inputSize));
                if (!last) LaneRows.Gather(targets, tf, sequence, targetSize, s * outputSize, outputSize);
                carried.CopyTo(t.Slice(outputSize));
                carried.Clear();
                var m = masks.Slice(s * maskSize, maskSize);
                if (!last || s == steps - 1) losses += kernels.Gradient(p, x, t, m, g);
                else kernels.CarryGradient(p, x, t, m, g);
            }
        }
        return losses;
    }
}
#endif

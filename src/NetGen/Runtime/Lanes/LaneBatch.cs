#if NET8_0_OR_GREATER
using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.InteropServices;

namespace NetGen.Runtime.Lanes;

/// <summary>
/// The batch loops of the generated SIMD code, written once for every network: walk the batch in chunks of
/// <c>Vector&lt;float&gt;.Count</c> samples (one per lane), transpose each chunk into structure-of-arrays vectors, run the
/// network's lane kernel (<see cref="ILaneKernels"/>), and transpose back (outputs) or sum over the lanes (loss,
/// gradient). Each returns how many leading samples it did (whole chunks); the caller runs the rest through its scalar
/// kernel. No allocation except the per-lane gradient buffer, created once per network and reused. For generated code;
/// not part of NetGen's public contract.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LaneBatch
{
    /// <summary>Outputs of the leading whole chunks of a batch.</summary>
    /// <typeparam name="TKernels">The network's lane kernels (a struct: the loop is specialised for it).</typeparam>
    /// <param name="kernels">The kernels.</param>
    /// <param name="p">The parameters.</param>
    /// <param name="inputs">Row-major <c>[n, InputSize]</c>.</param>
    /// <param name="outputs">Row-major <c>[n, OutputSize]</c>.</param>
    /// <param name="n">Samples in the batch.</param>
    /// <returns>Samples done: <c>n</c> rounded down to whole chunks.</returns>
    public static int Predict<TKernels>(TKernels kernels, ReadOnlySpan<float> p, ReadOnlySpan<float> inputs, Span<float> outputs, int n)
        where TKernels : struct, ILaneForward
    {
        int lanes = Vector<float>.Count, inputSize = kernels.InputSize, outputSize = kernels.OutputSize;
        Span<Vector<float>> x = stackalloc Vector<float>[inputSize];
        Span<Vector<float>> y = stackalloc Vector<float>[outputSize];
        Span<float> xf = MemoryMarshal.Cast<Vector<float>, float>(x);
        ReadOnlySpan<float> yf = MemoryMarshal.Cast<Vector<float>, float>(y);
        int chunks = n / lanes;
        for (int chunk = 0; chunk < chunks; chunk++)
        {
            int first = chunk * lanes;
            LaneRows.Gather(inputs, xf, first, inputSize, 0, inputSize);
            kernels.Forward(p, x, y);
            for (int lane = 0; lane < lanes; lane++)
            {
                Span<float> row = outputs.Slice((first + lane) * outputSize, outputSize);
                for (int j = 0; j < outputSize; j++) row[j] = yf[j * lanes + lane];
            }
        }
        return chunks * lanes;
    }

    /// <summary>
    /// Adds the summed losses of the leading whole chunks of a batch to <paramref name="total"/>, without dropout and
    /// without changing the network. It runs the lane gradient kernel (into the scratch <paramref name="laneGradient"/>,
    /// whose values it then ignores), so each loss is bit for bit the one <see cref="Gradient{TKernels}"/> computes.
    /// </summary>
    /// <typeparam name="TKernels">The network's lane kernels.</typeparam>
    /// <param name="kernels">The kernels.</param>
    /// <param name="p">The parameters.</param>
    /// <param name="inputs">Row-major <c>[n, InputSize]</c>.</param>
    /// <param name="targets">Row-major <c>[n, OutputSize]</c>.</param>
    /// <param name="n">Samples in the batch.</param>
    /// <param name="laneGradient">The network's per-lane gradient buffer (null until first used), used as scratch.</param>
    /// <param name="total">The running sum of losses.</param>
    /// <returns>Samples done.</returns>
    public static int Evaluate<TKernels>(
        TKernels kernels, ReadOnlySpan<float> p, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int n,
        ref float[]? laneGradient, ref float total)
        where TKernels : struct, ILaneKernels
    {
        Span<Vector<float>> g = LaneGradient(ref laneGradient, kernels.ParameterCount, Vector<float>.Count);
        total += Vector.Sum(GradientChunks(kernels, p, inputs, targets, n, g, drawMasks: false));
        return n / Vector<float>.Count * Vector<float>.Count;
    }

    /// <summary>
    /// Adds the summed gradients of the leading whole chunks of a batch to <paramref name="gradient"/> and their summed
    /// losses to <paramref name="total"/>: per-lane sums in <paramref name="laneGradient"/> (created on first use, kept by
    /// the network), then summed over the lanes in lane order.
    /// </summary>
    /// <typeparam name="TKernels">The network's lane kernels.</typeparam>
    /// <param name="kernels">The kernels.</param>
    /// <param name="p">The parameters.</param>
    /// <param name="inputs">Row-major <c>[n, InputSize]</c>.</param>
    /// <param name="targets">Row-major <c>[n, OutputSize]</c>.</param>
    /// <param name="gradient">Receives the sums (added to), <c>ParameterCount</c> values.</param>
    /// <param name="n">Samples in the batch.</param>
    /// <param name="laneGradient">The network's per-lane gradient buffer (null until first used).</param>
    /// <param name="total">The running sum of losses.</param>
    /// <returns>Samples done.</returns>
    public static int Gradient<TKernels>(
        TKernels kernels, ReadOnlySpan<float> p, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradient, int n,
        ref float[]? laneGradient, ref float total)
        where TKernels : struct, ILaneKernels
    {
        int lanes = Vector<float>.Count, parameterCount = kernels.ParameterCount;
        Span<Vector<float>> g = LaneGradient(ref laneGradient, parameterCount, lanes);
        Vector<float> losses = GradientChunks(kernels, p, inputs, targets, n, g, drawMasks: true);
        for (int k = 0; k < parameterCount; k++) gradient[k] += Vector.Sum(g[k]);
        total += Vector.Sum(losses);
        return n / lanes * lanes;
    }

    /// <summary>
    /// The lane gradient kernel over the leading whole chunks of a batch, adding into <paramref name="g"/>; returns the
    /// per-lane sums of the losses. With <paramref name="drawMasks"/> each sample's dropout mask is drawn (in sample
    /// order, as the scalar path draws them); without, every mask value is 1 (no dropout: the training graph multiplied
    /// by ones is the inference graph, exactly).
    /// </summary>
    private static Vector<float> GradientChunks<TKernels>(
        TKernels kernels, ReadOnlySpan<float> p, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int n, Span<Vector<float>> g, bool drawMasks)
        where TKernels : struct, ILaneKernels
    {
        int lanes = Vector<float>.Count, inputSize = kernels.InputSize, outputSize = kernels.OutputSize, maskSize = kernels.MaskSize;
        Span<Vector<float>> x = stackalloc Vector<float>[inputSize];
        Span<Vector<float>> t = stackalloc Vector<float>[outputSize];
        Span<Vector<float>> m = stackalloc Vector<float>[maskSize];
        Span<float> mask = stackalloc float[drawMasks ? maskSize : 0];
        Span<float> xf = MemoryMarshal.Cast<Vector<float>, float>(x);
        Span<float> tf = MemoryMarshal.Cast<Vector<float>, float>(t);
        Span<float> mf = MemoryMarshal.Cast<Vector<float>, float>(m);
        if (!drawMasks) m.Fill(Vector<float>.One);
        Vector<float> losses = Vector<float>.Zero;
        int chunks = n / lanes;
        for (int chunk = 0; chunk < chunks; chunk++)
        {
            int first = chunk * lanes;
            LaneRows.Gather(inputs, xf, first, inputSize, 0, inputSize);
            LaneRows.Gather(targets, tf, first, outputSize, 0, outputSize);
            if (drawMasks && maskSize > 0)
            {
                for (int lane = 0; lane < lanes; lane++)
                {
                    kernels.DrawMask(mask);
                    for (int k = 0; k < maskSize; k++) mf[k * lanes + lane] = mask[k];
                }
            }
            losses += kernels.Gradient(p, x, t, m, g);
        }
        return losses;
    }

    /// <summary>The per-lane gradient sums, cleared: the network's buffer, created on first use.</summary>
    private static Span<Vector<float>> LaneGradient(ref float[]? buffer, int parameterCount, int lanes)
    {
        if (buffer is null || buffer.Length < parameterCount * lanes) buffer = new float[parameterCount * lanes];
        Span<Vector<float>> g = MemoryMarshal.Cast<float, Vector<float>>(buffer.AsSpan(0, parameterCount * lanes));
        g.Clear();
        return g;
    }
}
#endif

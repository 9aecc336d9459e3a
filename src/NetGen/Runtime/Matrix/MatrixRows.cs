#if NET8_0_OR_GREATER
using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Runtime.Matrix;

/// <summary>
/// Element-wise row operations of the matrix batch loops, on <c>Vector&lt;float&gt;</c> with the same single rounding per
/// element as a scalar loop (so the results do not depend on the vector width). For generated code; not part of NetGen's
/// public contract.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class MatrixRows
{
    /// <summary><paramref name="target"/>[k] += <paramref name="source"/>[k].</summary>
    /// <param name="target">Added to.</param>
    /// <param name="source">At least as long as <paramref name="target"/>.</param>
    public static void Add(Span<float> target, ReadOnlySpan<float> source)
    {
        var t = MemoryMarshal.Cast<float, Vector<float>>(target);
        var s = MemoryMarshal.Cast<float, Vector<float>>(source);
        for (int v = 0; v < t.Length; v++) t[v] += s[v];
        for (int k = t.Length * Vector<float>.Count; k < target.Length; k++) target[k] += source[k];
    }

    /// <summary><paramref name="target"/>[k] = <paramref name="source"/>[k] / <paramref name="divisor"/>.</summary>
    /// <param name="source">The values.</param>
    /// <param name="target">Receives the quotients; as long as <paramref name="source"/>.</param>
    /// <param name="divisor">The divisor.</param>
    public static void Divide(ReadOnlySpan<float> source, Span<float> target, float divisor)
    {
        var s = MemoryMarshal.Cast<float, Vector<float>>(source);
        var t = MemoryMarshal.Cast<float, Vector<float>>(target);
        var d = new Vector<float>(divisor);
        for (int v = 0; v < s.Length; v++) t[v] = s[v] / d;
        for (int k = s.Length * Vector<float>.Count; k < source.Length; k++) target[k] = source[k] / divisor;
    }
    /// <summary>
    /// Writes the row-major weights <c>W[rows, columns]</c> transposed into the panels of NetGen's packed copy: W[j, i]
    /// goes to <paramref name="target"/>[first·columns + i·row + (j − first)], where first = j − j mod
    /// <paramref name="panelWidth"/> is the first neuron of j's panel and row = min(<paramref name="panelWidth"/>,
    /// <paramref name="stride"/> − first) the floats per row of that panel. Blocks of 8 neurons × 8 inputs are transposed
    /// in registers where the processor has AVX (8 vector loads, 24 shuffles, 8 vector stores for 64 values); the rest one
    /// value at a time. The values written are the same either way (a copy).
    /// </summary>
    /// <param name="weights">W, <c>rows·columns</c> floats.</param>
    /// <param name="rows">Neurons.</param>
    /// <param name="columns">Inputs.</param>
    /// <param name="target">The layer's part of the packed copy, <c>stride·columns</c> floats.</param>
    /// <param name="stride">Neurons padded to a multiple of 16.</param>
    /// <param name="panelWidth">Neurons per panel (a multiple of 8).</param>
    public static void PackPanels(ReadOnlySpan<float> weights, int rows, int columns, Span<float> target, int stride, int panelWidth)
    {
        if (weights.Length < rows * columns) throw new ArgumentException($"The weights have {weights.Length} floats, not rows·columns = {rows * columns}.", nameof(weights));
        if (stride < rows || target.Length < stride * columns) throw new ArgumentException($"The target has {target.Length} floats, not stride·columns = {stride * columns}.", nameof(target));
        if (panelWidth <= 0 || panelWidth % 8 != 0) throw new ArgumentOutOfRangeException(nameof(panelWidth), panelWidth, "The panel width must be a positive multiple of 8.");
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float t = ref MemoryMarshal.GetReference(target);
        int blockedColumns = Avx.IsSupported ? columns / 8 * 8 : 0;
        for (int j0 = 0; j0 < rows; j0 += 8)
        {
            int first = j0 / panelWidth * panelWidth, row = Math.Min(panelWidth, stride - first);
            ref float panel = ref Unsafe.Add(ref t, first * columns);
            int end = Math.Min(rows, j0 + 8);
            int i0 = 0;
            if (end - j0 == 8)
            {
                for (; i0 < blockedColumns; i0 += 8)
                {
                    Transpose8x8(ref Unsafe.Add(ref w, j0 * columns + i0), columns, ref Unsafe.Add(ref panel, i0 * row + (j0 - first)), row);
                }
            }
            for (int j = j0; j < end; j++)
            {
                ref float source = ref Unsafe.Add(ref w, j * columns);
                ref float column = ref Unsafe.Add(ref panel, j - first);
                for (int i = i0; i < columns; i++) Unsafe.Add(ref column, i * row) = Unsafe.Add(ref source, i);
            }
        }
    }

    /// <summary>8 rows of 8 floats (<paramref name="sourceStride"/> apart) written as 8 columns (<paramref name="targetStride"/> apart): AVX only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(ref float source, int sourceStride, ref float target, int targetStride)
    {
        Vector256<float> r0 = Vector256.LoadUnsafe(ref source), r1 = Vector256.LoadUnsafe(ref source, (nuint)sourceStride);
        Vector256<float> r2 = Vector256.LoadUnsafe(ref source, (nuint)(2 * sourceStride)), r3 = Vector256.LoadUnsafe(ref source, (nuint)(3 * sourceStride));
        Vector256<float> r4 = Vector256.LoadUnsafe(ref source, (nuint)(4 * sourceStride)), r5 = Vector256.LoadUnsafe(ref source, (nuint)(5 * sourceStride));
        Vector256<float> r6 = Vector256.LoadUnsafe(ref source, (nuint)(6 * sourceStride)), r7 = Vector256.LoadUnsafe(ref source, (nuint)(7 * sourceStride));
        // Pairs of rows interleaved, then pairs of pairs, then the 128-bit halves: the classic 8 × 8 transpose.
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1), t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5), t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE), u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE), u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Permute2x128(u0, u4, 0x20).StoreUnsafe(ref target);
        Avx.Permute2x128(u1, u5, 0x20).StoreUnsafe(ref target, (nuint)targetStride);
        Avx.Permute2x128(u2, u6, 0x20).StoreUnsafe(ref target, (nuint)(2 * targetStride));
        Avx.Permute2x128(u3, u7, 0x20).StoreUnsafe(ref target, (nuint)(3 * targetStride));
        Avx.Permute2x128(u0, u4, 0x31).StoreUnsafe(ref target, (nuint)(4 * targetStride));
        Avx.Permute2x128(u1, u5, 0x31).StoreUnsafe(ref target, (nuint)(5 * targetStride));
        Avx.Permute2x128(u2, u6, 0x31).StoreUnsafe(ref target, (nuint)(6 * targetStride));
        Avx.Permute2x128(u3, u7, 0x31).StoreUnsafe(ref target, (nuint)(7 * targetStride));
    }
}
#endif

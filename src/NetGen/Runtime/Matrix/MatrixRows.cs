#if NET8_0_OR_GREATER
using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.InteropServices;

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

    /// <summary>
    /// Writes the transpose of the row-major <c>[rows, columns]</c> matrix <paramref name="source"/> into
    /// <paramref name="target"/> as <c>[columns, stride]</c> (row i of the target is column i of the source; the floats past
    /// <paramref name="rows"/> in each target row are left as they are). Blocks of 8 columns keep the 8 target rows being
    /// written in cache while the source is read row by row, contiguously.
    /// </summary>
    /// <param name="source">The matrix, <c>rows·columns</c> floats.</param>
    /// <param name="rows">Its rows.</param>
    /// <param name="columns">Its columns.</param>
    /// <param name="target">Receives the transpose, at least <c>(columns − 1)·stride + rows</c> floats.</param>
    /// <param name="stride">Floats from one target row to the next (at least <paramref name="rows"/>).</param>
    public static void Transpose(ReadOnlySpan<float> source, int rows, int columns, Span<float> target, int stride)
    {
        if (source.Length < rows * columns) throw new ArgumentException($"The source has {source.Length} floats, not rows·columns = {rows * columns}.", nameof(source));
        if (stride < rows || target.Length < (columns - 1) * stride + rows)
            throw new ArgumentException($"The target ({target.Length} floats, stride {stride}) cannot hold {columns} rows of {rows}.", nameof(target));
        ref float s = ref MemoryMarshal.GetReference(source);
        ref float t = ref MemoryMarshal.GetReference(target);
        for (int first = 0; first < columns; first += 8)
        {
            int last = Math.Min(columns, first + 8);
            for (int j = 0; j < rows; j++)
            {
                ref float row = ref System.Runtime.CompilerServices.Unsafe.Add(ref s, j * columns);
                for (int i = first; i < last; i++)
                    System.Runtime.CompilerServices.Unsafe.Add(ref t, i * stride + j) = System.Runtime.CompilerServices.Unsafe.Add(ref row, i);
            }
        }
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
}
#endif

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

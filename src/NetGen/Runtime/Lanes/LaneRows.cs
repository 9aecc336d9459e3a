#if NET8_0_OR_GREATER
using System;
using System.Numerics;

namespace NetGen.Runtime.Lanes;

/// <summary>Row-major batches into the structure-of-arrays lanes the lane kernels read (one sample or sequence per lane).</summary>
internal static class LaneRows
{
    /// <summary>
    /// Values <paramref name="offset"/>..+<paramref name="size"/> of each of the chunk's <c>Vector&lt;float&gt;.Count</c> rows (rows of
    /// <paramref name="rowLength"/> floats from row <paramref name="first"/>) into lanes: value i of the chunk's row l goes to
    /// <paramref name="lanesOut"/>[i·Count + l].
    /// </summary>
    public static void Gather(ReadOnlySpan<float> rows, Span<float> lanesOut, int first, int rowLength, int offset, int size)
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

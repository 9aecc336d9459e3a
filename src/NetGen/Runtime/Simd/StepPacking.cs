using System;
using System.ComponentModel;

namespace NetGen.Runtime;

/// <summary>
/// Writes the packed copy the SIMD step of a sequence network reads: each affine map W·a + b of the step transposed, so
/// that the weights of consecutive rows for one input are consecutive (one vector load per input and vector of rows), rows
/// padded to whole vectors. This type is infrastructure for generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class StepPacking
{
    /// <summary>
    /// <paramref name="target"/>[c·<paramref name="stride"/> + <paramref name="first"/> + j] = <paramref name="weights"/>[j·columns + c]
    /// for every row j &lt; <paramref name="rows"/> and input c &lt; <paramref name="columns"/>.
    /// </summary>
    /// <param name="weights">W, <c>rows·columns</c> floats, row-major.</param>
    /// <param name="rows">Rows of W.</param>
    /// <param name="columns">Inputs of each row.</param>
    /// <param name="target">The block of the packed copy: <c>columns·stride</c> floats.</param>
    /// <param name="stride">Floats per input in the block (all rows of the block, padded).</param>
    /// <param name="first">Where row 0 of W goes within each input's <paramref name="stride"/> floats.</param>
    /// <exception cref="ArgumentException">A span is too short for the sizes given.</exception>
    public static void Transpose(ReadOnlySpan<float> weights, int rows, int columns, Span<float> target, int stride, int first)
    {
        if (weights.Length < rows * columns) throw new ArgumentException($"The weights have {weights.Length} floats, not rows·columns = {rows * columns}.", nameof(weights));
        if (first < 0 || first + rows > stride || target.Length < columns * stride) throw new ArgumentException($"The target has {target.Length} floats for {columns} inputs of stride {stride} from row {first}.", nameof(target));
        for (int j = 0; j < rows; j++)
        {
            ReadOnlySpan<float> row = weights.Slice(j * columns, columns);
            for (int c = 0; c < columns; c++) target[c * stride + first + j] = row[c];
        }
    }
}

#if NET8_0_OR_GREATER
using System;
using System.ComponentModel;
using System.Numerics;

namespace NetGen.Runtime.Lanes;

/// <summary>
/// What every generated network (inference-only ones included) gives <see cref="LaneBatch.Predict{TKernels}"/>: its sizes
/// and its forward lane kernel, which computes <c>Vector&lt;float&gt;.Count</c> samples at once, one per lane, on
/// structure-of-arrays vectors (<c>x[i]</c> holds feature i of every sample of the chunk). For generated code; not part of
/// NetGen's public contract.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ILaneForward
{
    /// <summary>Features of one sample.</summary>
    int InputSize { get; }

    /// <summary>Outputs (and targets) of one sample.</summary>
    int OutputSize { get; }

    /// <summary>The outputs of the chunk: <paramref name="y"/>[j] = output j of every lane.</summary>
    /// <param name="p">The parameters.</param>
    /// <param name="x">The inputs, <see cref="InputSize"/> vectors.</param>
    /// <param name="y">Receives <see cref="OutputSize"/> vectors.</param>
    void Forward(ReadOnlySpan<float> p, ReadOnlySpan<Vector<float>> x, Span<Vector<float>> y);
}
#endif

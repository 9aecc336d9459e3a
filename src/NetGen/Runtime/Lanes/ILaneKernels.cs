#if NET8_0_OR_GREATER
using System;
using System.ComponentModel;
using System.Numerics;

namespace NetGen.Runtime.Lanes;

/// <summary>
/// What a trainable generated network gives <see cref="LaneBatch"/>: its sizes and its lane kernels, which compute
/// <c>Vector&lt;float&gt;.Count</c> samples at once, one per lane, on structure-of-arrays vectors (<c>x[i]</c> holds feature
/// i of every sample of the chunk). A generated network implements it with a private struct, so that the batch loops
/// are specialised for it by the JIT (no virtual calls). For generated code; not part of NetGen's public contract.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ILaneKernels : ILaneForward
{
    /// <summary>Trainable parameters.</summary>
    int ParameterCount { get; }

    /// <summary>Dropout mask values per sample (0 for a network without dropout).</summary>
    int MaskSize { get; }

    /// <summary>The per-sample losses of the chunk; adds each lane's gradient ∂L/∂p into its lane of <paramref name="g"/>.</summary>
    /// <param name="p">The parameters.</param>
    /// <param name="x">The inputs.</param>
    /// <param name="t">The targets.</param>
    /// <param name="m">The dropout masks, <see cref="MaskSize"/> vectors (empty without dropout).</param>
    /// <param name="g">Per-lane gradient sums, <see cref="ParameterCount"/> vectors.</param>
    /// <returns>The losses.</returns>
    Vector<float> Gradient(ReadOnlySpan<float> p, ReadOnlySpan<Vector<float>> x, ReadOnlySpan<Vector<float>> t, ReadOnlySpan<Vector<float>> m, Span<Vector<float>> g);

    /// <summary>Draws one sample's dropout mask (in sample order, as the scalar path draws them); not called without dropout.</summary>
    /// <param name="mask">Receives <see cref="MaskSize"/> values.</param>
    void DrawMask(Span<float> mask);
}
#endif

using System;
using System.Text.RegularExpressions;

namespace NetGen.Generator.Emit.Printing;

/// <summary>
/// Block comments at the granularity of a layer, for the kernels whose statements repeat the scalar kernel's (lanes,
/// ILGPU): <c>Layer 2: Dense(32, Tanh) ← layer 1, neuron 5: z2[5] = …</c> and <c>Layer 2: a2[5] = Tanh(z2[5])</c> both
/// belong to "Layer 2"; every adjoint (<c>∂L/∂z2[5] = …</c>, <c>∂L/∂a1[3] = …</c>) to the backward pass. The scalar kernel keeps the comment of every neuron and every
/// chain-rule term.
/// </summary>
internal static class CommentSummary
{
    private static readonly Regex LayerPrefix = new(@"^Layer \d+:", RegexOptions.CultureInvariant);
    private static readonly Regex Adjoint = new(@"^(∂L/∂[^\[ ]+)\[", RegexOptions.CultureInvariant);

    /// <summary>What a comment belongs to: its layer, its adjoint tensor, or the whole comment.</summary>
    public static string Key(string comment)
    {
        var layer = LayerPrefix.Match(comment);
        if (layer.Success) return layer.Value;
        return Adjoint.IsMatch(comment) ? "∂L/∂" : comment;
    }

    /// <summary>The comment shown once for its block: the layer's description without the neuron, or the adjoint's name.</summary>
    public static string Shorten(string comment)
    {
        int neuron = comment.IndexOf(", neuron ", StringComparison.Ordinal);
        if (LayerPrefix.IsMatch(comment) && neuron > 0) return comment.Substring(0, neuron) + " (per neuron: see the scalar kernel)";
        if (Adjoint.IsMatch(comment)) return "Backward pass: each adjoint ∂L/∂… is the sum of its paths (the chain-rule terms: see the scalar kernel)";
        return comment;
    }
}

using System.Collections.Generic;
using NetGen.Generator.Emit.Printing;
using NetGen.Generator.Graph;
using NetGen.Generator.Model;
using NetGen.Generator.Model.Activations;

namespace NetGen.Generator.Emit.Matrix;

/// <summary>
/// The chain-rule term of a hidden layer's activation for the matrix kernels, δz = δa · f′: derived, not written by hand.
/// A one-element graph a = f(z) (lowered like every layer's activation, <see cref="ActivationLowering"/>) with the loss
/// a·u is differentiated by <see cref="ReverseModeDifferentiator"/>; ∂(a·u)/∂z is the adjoint u·f′(z), in whatever form the
/// op's derivative rule gives (tanh′ from the output a, relu′ from z). It is printed on whole vectors of a row, with z, a
/// and u named as the values the kernel already holds.
/// </summary>
internal static class ActivationAdjoint
{
    /// <summary>Whether the activation changes the delta (Identity does not: δz = δa).</summary>
    public static bool Needed(ActivationKind activation) => ActivationTable.Of(activation).Shape != ActivationShape.Identity;

    /// <summary>The helper's name at a width, e.g. <c>NetGenTanhAdjoint256</c>.</summary>
    public static string MethodName(ActivationKind activation, VectorWidth width) => $"NetGen{activation}Adjoint{width.Bits}";

    /// <summary>
    /// <c>static V NetGenTanhAdjoint256(V z, V a, V u)</c>: the statements the derivation needs, then the adjoint.
    /// </summary>
    public static void Emit(IndentedWriter w, ActivationKind activation, VectorWidth width)
    {
        var definition = ActivationTable.Of(activation);
        if (definition.Shape != ActivationShape.Elementwise)
            throw new System.InvalidOperationException($"Activation {activation} is not element-wise: it has no per-element adjoint.");

        var g = new ExpressionGraph();
        int z = g.Input(0);
        int a = ActivationLowering.Apply(g, new[] { z }, activation, 0)[0];
        int u = g.Target(0);
        int loss = g.Multiply(a, u);
        var gradient = ReverseModeDifferentiator.Differentiate(g, loss, differentiateInputs: true);
        int adjoint = gradient.Inputs[0];

        var names = new Dictionary<int, string> { [z] = "z", [a] = "a", [u] = "u" };

        string V = width.Type;
        w.Line($"/// <summary>δz = δa·{activation}′(z) on one vector of a row (derived from a = {activation}(z) by the chain rule): z the pre-activations, a = {activation}(z), u = δa.</summary>");
        w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        using (w.Block($"private static {V} {MethodName(activation, width)}({V} z, {V} a, {V} u)"))
        {
            TileStatements.Emit(w, width, g, names, new[] { adjoint }, (_, value) => $"return {value};");
        }
    }
}

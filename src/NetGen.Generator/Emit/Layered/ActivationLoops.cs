using System.Collections.Generic;
using NetGen.Generator.Emit.Printing;
using NetGen.Generator.Graph;
using NetGen.Generator.Model;
using NetGen.Generator.Model.Activations;
using static NetGen.Generator.Emit.Layered.LoopText;

namespace NetGen.Generator.Emit.Layered;

/// <summary>
/// A hidden layer's activation over a run of values, a = f(z), and its chain-rule term δz = δa·f′ — both printed from the
/// activation's one definition: a one-element graph a = f(z) (<see cref="ActivationLowering"/>) for the forward loop, and the
/// same graph with the loss a·u differentiated by <see cref="ReverseModeDifferentiator"/> for the adjoint (in whatever form
/// the op's derivative rule gives: tanh′ from a, relu′ from z), printed in the scalar dialect.
/// </summary>
internal static class ActivationLoops
{
    /// <summary><c>NetGenLayerActivateRelu</c>.</summary>
    public static string ForwardName(ActivationKind activation) => $"NetGenLayerActivate{activation}";

    /// <summary><c>NetGenLayerAdjointRelu</c>.</summary>
    public static string AdjointName(ActivationKind activation) => $"NetGenLayerAdjoint{activation}";

    public static void Emit(IndentedWriter w, ActivationKind activation, bool trainable, VectorWidth? width = null)
    {
        var definition = ActivationTable.Of(activation);
        if (definition.Shape != ActivationShape.Elementwise)
            throw new System.InvalidOperationException($"Activation {activation} is not element-wise: a layered network applies it only in the loss head.");

        var g = new ExpressionGraph();
        int z = g.Input(0);
        int a = ActivationLowering.Apply(g, new[] { z }, activation, 0)[0];

        w.Line();
        w.Line($"/// <summary>a[k] = {activation}(z[k]) for every k (<paramref name=\"a\"/> may be <paramref name=\"z\"/> itself).</summary>");
        using (w.Block($"private static void {ForwardName(activation)}({ReadOnlySpan} z, {Span} a)"))
        {
            w.Line("int k = 0;");
            if (width is not null)
            {
                using (w.Block($"if ({ChannelTiles.Condition})"))
                {
                    w.Line($"ref float zr = ref {Marshal}.GetReference(z);");
                    w.Line($"ref float ar = ref {Marshal}.GetReference(a);");
                    using (w.Block($"for (; k + {I(width.Lanes)} <= z.Length; k += {I(width.Lanes)})"))
                    {
                        w.Line($"{width.Type} x = {width.Statics}.LoadUnsafe(ref {Add}(ref zr, k));");
                        TileStatements.Emit(w, width, g, new Dictionary<int, string> { [z] = "x" }, new[] { a }, (_, value) => $"{width.Statics}.StoreUnsafe({value}, ref {Add}(ref ar, k));");
                    }
                }
            }
            using (w.Block("for (; k < z.Length; k++)"))
            {
                w.Line("float x = z[k];");
                TileStatements.Emit(w, ScalarDialect.Instance, "float", g, new Dictionary<int, string> { [z] = "x" }, new[] { a }, (_, value) => $"a[k] = {value};");
            }
        }
        if (!trainable) return;

        int u = g.Target(0);
        int loss = g.Multiply(a, u);
        var gradient = ReverseModeDifferentiator.Differentiate(g, loss, differentiateInputs: true);
        var names = new Dictionary<int, string> { [z] = "x", [a] = "y", [u] = "v" };
        w.Line();
        w.Line($"/// <summary>Chain rule through a = {activation}(z): d[k] = u[k]·{activation}′(z[k]) (derived from the definition; <paramref name=\"d\"/> may be <paramref name=\"u\"/>).</summary>");
        using (w.Block($"private static void {AdjointName(activation)}({ReadOnlySpan} z, {ReadOnlySpan} a, {ReadOnlySpan} u, {Span} d)"))
        {
            w.Line("int k = 0;");
            if (width is not null)
            {
                using (w.Block($"if ({ChannelTiles.Condition})"))
                {
                    w.Line($"ref float zr = ref {Marshal}.GetReference(z);");
                    w.Line($"ref float ar = ref {Marshal}.GetReference(a);");
                    w.Line($"ref float ur = ref {Marshal}.GetReference(u);");
                    w.Line($"ref float dr = ref {Marshal}.GetReference(d);");
                    using (w.Block($"for (; k + {I(width.Lanes)} <= z.Length; k += {I(width.Lanes)})"))
                    {
                        w.Line($"{width.Type} x = {width.Statics}.LoadUnsafe(ref {Add}(ref zr, k)), y = {width.Statics}.LoadUnsafe(ref {Add}(ref ar, k)), v = {width.Statics}.LoadUnsafe(ref {Add}(ref ur, k));");
                        TileStatements.Emit(w, width, g, names, new[] { gradient.Inputs[0] }, (_, value) => $"{width.Statics}.StoreUnsafe({value}, ref {Add}(ref dr, k));");
                    }
                }
            }
            using (w.Block("for (; k < z.Length; k++)"))
            {
                w.Line("float x = z[k], y = a[k], v = u[k];");
                TileStatements.Emit(w, ScalarDialect.Instance, "float", g, names, new[] { gradient.Inputs[0] }, (_, value) => $"d[k] = {value};");
            }
        }
    }
}

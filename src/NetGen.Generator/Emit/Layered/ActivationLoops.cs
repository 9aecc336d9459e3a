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

    public static void Emit(IndentedWriter w, ActivationKind activation, bool trainable, VectorWidth? width = null, bool deterministic = false)
    {
        var dialect = ScalarDialect.For(deterministic);
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
            ElementLoop(w, width, dialect, g, new[] { (z, "x", "z") }, a, "a");
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
            ElementLoop(w, width, dialect, g, new[] { (z, "x", "z"), (a, "y", "a"), (u, "v", "u") }, gradient.Inputs[0], "d");
        }
    }

    /// <summary>
    /// <c>target[k] = result</c> for every k, the graph's leaves read from spans: on whole vectors first where
    /// <paramref name="width"/> is given and the processor runs it, then one value at a time for the rest.
    /// </summary>
    /// <param name="reads">Each leaf (or value the graph already holds), its local name and the span it is read from.</param>
    private static void ElementLoop(IndentedWriter w, VectorWidth? width, ScalarDialect dialect, ExpressionGraph g, (int Node, string Local, string Span)[] reads, int result, string target)
    {
        var names = new Dictionary<int, string>();
        foreach (var read in reads) names[read.Node] = read.Local;
        w.Line("int k = 0;");
        if (width is not null)
        {
            using (w.Block($"if ({ChannelTiles.Condition})"))
            {
                foreach (var read in reads) w.Line($"ref float {read.Span}r = ref {Marshal}.GetReference({read.Span});");
                w.Line($"ref float {target}r = ref {Marshal}.GetReference({target});");
                using (w.Block($"for (; k + {I(width.Lanes)} <= z.Length; k += {I(width.Lanes)})"))
                {
                    w.Line($"{width.Type} " + string.Join(", ", System.Array.ConvertAll(reads, r => $"{r.Local} = {width.Statics}.LoadUnsafe(ref {Add}(ref {r.Span}r, k))")) + ";");
                    TileStatements.Emit(w, width, g, names, new[] { result }, (_, value) => $"{width.Statics}.StoreUnsafe({value}, ref {Add}(ref {target}r, k));");
                }
            }
        }
        using (w.Block("for (; k < z.Length; k++)"))
        {
            w.Line("float " + string.Join(", ", System.Array.ConvertAll(reads, r => $"{r.Local} = {r.Span}[k]")) + ";");
            TileStatements.Emit(w, dialect, "float", g, names, new[] { result }, (_, value) => $"{target}[k] = {value};");
        }
    }
}

using NetGen.Generator.Model.Layers;
using static NetGen.Generator.Emit.Layered.LoopText;

namespace NetGen.Generator.Emit.Layered;

/// <summary>
/// A Dense layer of a layered network as loops over a block of samples: z = W·a + b, and its vector–Jacobian product
/// ∂L/∂W += δ ⊗ a, ∂L/∂b += δ, ∂L/∂a = Wᵀ·δ.
/// </summary>
internal static class DenseLoops
{
    public static void EmitForward(IndentedWriter w, LayeredStep step, DenseLayer dense, string source, VectorWidth? width)
    {
        int n = dense.InputSize, u = dense.Units, wo = step.ParameterOffset, bo = wo + n * u;
        w.Line($"/// <summary>Layer {step.Index + 1}: Dense({u}) ← {source}: z[j] = b[j] + Σi w[j, i]·a[i] for each of <paramref name=\"n\"/> samples (weights p[{wo}..], biases p[{bo}..]).</summary>");
        string packed = step.Packed ? $", {ReadOnlySpan} packed" : "";
        using (w.Block($"private static void {Method(step, "Forward")}({ReadOnlySpan} p{packed}, {ReadOnlySpan} x, {Span} z, int n)"))
        {
            ChannelTiles.EmitBranch(w, step, width);
            using (w.Block("for (int s = 0; s < n; s++)"))
            {
                w.Line($"{ReadOnlySpan} a = x.Slice(s * {I(n)}, {I(n)});");
                w.Line($"{Span} zs = z.Slice(s * {I(u)}, {I(u)});");
                using (w.Block($"for (int j = 0; j < {I(u)}; j++)"))
                {
                    w.Line($"{ReadOnlySpan} row = p.Slice({I(wo)} + j * {I(n)}, {I(n)});");
                    w.Line($"float sum = p[{I(bo)} + j];");
                    w.Line($"for (int i = 0; i < {I(n)}; i++) sum += row[i] * a[i];");
                    w.Line("zs[j] = sum;");
                }
            }
        }
    }

    public static void EmitBackward(IndentedWriter w, LayeredStep step, DenseLayer dense)
    {
        int n = dense.InputSize, u = dense.Units, wo = step.ParameterOffset, bo = wo + n * u;
        bool input = step.NeedsInputGradient;
        string bias = step.BiasGradientVanishes ? "∂L/∂b[j] = 0 exactly (the BatchNorm after it removes the batch mean of z, so b cancels)" : "∂L/∂b[j] += δ[j]";
        w.Line($"/// <summary>Layer {step.Index + 1} backward (chain rule through z = W·a + b): ∂L/∂w[j, i] += δ[j]·a[i], {bias}{(input ? ", ∂L/∂a[i] = Σj w[j, i]·δ[j]" : "")}.</summary>");
        using (w.Block($"private static void {Method(step, "Backward")}({ReadOnlySpan} p, {ReadOnlySpan} x, {ReadOnlySpan} delta, {Span} g, {Span} dx, int n)"))
        {
            if (input) w.Line($"dx.Slice(0, n * {I(n)}).Clear();");
            using (w.Block("for (int s = 0; s < n; s++)"))
            {
                w.Line($"{ReadOnlySpan} a = x.Slice(s * {I(n)}, {I(n)});");
                if (input) w.Line($"{Span} da = dx.Slice(s * {I(n)}, {I(n)});");
                using (w.Block($"for (int j = 0; j < {I(u)}; j++)"))
                {
                    w.Line($"float d = delta[s * {I(u)} + j];");
                    if (!step.BiasGradientVanishes) w.Line($"g[{I(bo)} + j] += d;");
                    w.Line($"{Span} gw = g.Slice({I(wo)} + j * {I(n)}, {I(n)});");
                    w.Line($"for (int i = 0; i < {I(n)}; i++) gw[i] += d * a[i];");
                    if (input)
                    {
                        w.Line($"{ReadOnlySpan} row = p.Slice({I(wo)} + j * {I(n)}, {I(n)});");
                        w.Line($"for (int i = 0; i < {I(n)}; i++) da[i] += d * row[i];");
                    }
                }
            }
        }
    }
}

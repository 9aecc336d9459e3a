using NetGen.Generator.Model.Layers;
using static NetGen.Generator.Emit.Layered.LoopText;

namespace NetGen.Generator.Emit.Layered;

/// <summary>
/// A convolution as loops with constant bounds over a block of samples (1-D: one row):
/// <c>z[o, r, q] = b[o] + Σ_c Σ_i Σ_j w[o, c, i, j]·x[c, r·Sh − Ph + i, q·Sw − Pw + j·Dw]</c>, and its vector–Jacobian
/// product: ∂L/∂w[o, c, i, j] += δ[o, r, q]·x[c, …], ∂L/∂b[o] += δ[o, r, q], ∂L/∂x[c, …] += w[o, c, i, j]·δ[o, r, q]
/// (padding positions read 0 and receive nothing).
/// </summary>
internal static class ConvLoops
{
    public static void EmitForward(IndentedWriter w, LayeredStep step, ConvLayer conv, string source, VectorWidth? width)
    {
        var input = conv.Input;
        var output = conv.Output;
        int wo = step.ParameterOffset, bo = wo + conv.OutChannels * conv.FanIn;
        w.Line($"/// <summary>Layer {step.Index + 1}: {conv.AttributeText} ← {source} {input} → {output}, for each of <paramref name=\"n\"/> samples:");
        w.Line($"/// z[o, r, q] = b[o] + Σc Σi Σj w[o, c, i, j]·x[c, r·{conv.StrideHeight} − {conv.PaddingHeight} + i, q·{conv.Stride} − {conv.Padding} + j·{conv.Dilation}] (zero padding; weights p[{wo}..], biases p[{bo}..]).</summary>");
        string packed = step.Packed ? $", {ReadOnlySpan} packed" : "";
        using (w.Block($"private static void {Method(step, "Forward")}({ReadOnlySpan} p{packed}, {ReadOnlySpan} x, {Span} z, int n)"))
        {
            ChannelTiles.EmitBranch(w, step, width);
            using (w.Block("for (int s = 0; s < n; s++)"))
            {
                w.Line($"{ReadOnlySpan} xs = x.Slice(s * {I(input.Size)}, {I(input.Size)});");
                w.Line($"{Span} zs = z.Slice(s * {I(output.Size)}, {I(output.Size)});");
                using (w.Block($"for (int o = 0; o < {I(conv.OutChannels)}; o++)"))
                {
                    w.Line($"{ReadOnlySpan} wo = p.Slice({I(wo)} + o * {I(conv.FanIn)}, {I(conv.FanIn)});");
                    w.Line($"float bias = p[{I(bo)} + o];");
                    using (w.Block($"for (int r = 0; r < {I(output.Height)}; r++)"))
                    using (w.Block($"for (int q = 0; q < {I(output.Width)}; q++)"))
                    {
                        w.Line("float sum = bias;");
                        Window(w, conv, "sum += wo[wk + j] * xs[xk + col];");
                        w.Line($"zs[(o * {I(output.Height)} + r) * {I(output.Width)} + q] = sum;");
                    }
                }
            }
        }
    }

    public static void EmitBackward(IndentedWriter w, LayeredStep step, ConvLayer conv)
    {
        var input = conv.Input;
        var output = conv.Output;
        int wo = step.ParameterOffset, bo = wo + conv.OutChannels * conv.FanIn;
        bool needInput = step.NeedsInputGradient;
        string bias = step.BiasGradientVanishes ? "∂L/∂b[o] = 0 exactly (the BatchNorm after it removes each channel's batch mean, so b cancels)" : "∂L/∂b[o] += δ[o, r, q]";
        w.Line($"/// <summary>Layer {step.Index + 1} backward (chain rule through the convolution's sums): ∂L/∂w[o, c, i, j] += δ[o, r, q]·x[c, …], {bias}{(needInput ? ", ∂L/∂x[c, …] += w[o, c, i, j]·δ[o, r, q]" : "")}.</summary>");
        using (w.Block($"private static void {Method(step, "Backward")}({ReadOnlySpan} p, {ReadOnlySpan} x, {ReadOnlySpan} delta, {Span} g, {Span} dx, int n)"))
        {
            if (needInput) w.Line($"dx.Slice(0, n * {I(input.Size)}).Clear();");
            using (w.Block("for (int s = 0; s < n; s++)"))
            {
                w.Line($"{ReadOnlySpan} xs = x.Slice(s * {I(input.Size)}, {I(input.Size)});");
                w.Line($"{ReadOnlySpan} ds = delta.Slice(s * {I(output.Size)}, {I(output.Size)});");
                if (needInput) w.Line($"{Span} dxs = dx.Slice(s * {I(input.Size)}, {I(input.Size)});");
                using (w.Block($"for (int o = 0; o < {I(conv.OutChannels)}; o++)"))
                {
                    w.Line($"{Span} gw = g.Slice({I(wo)} + o * {I(conv.FanIn)}, {I(conv.FanIn)});");
                    if (needInput) w.Line($"{ReadOnlySpan} wo = p.Slice({I(wo)} + o * {I(conv.FanIn)}, {I(conv.FanIn)});");
                    if (!step.BiasGradientVanishes) w.Line("float gb = 0f;");
                    using (w.Block($"for (int r = 0; r < {I(output.Height)}; r++)"))
                    using (w.Block($"for (int q = 0; q < {I(output.Width)}; q++)"))
                    {
                        w.Line($"float d = ds[(o * {I(output.Height)} + r) * {I(output.Width)} + q];");
                        if (!step.BiasGradientVanishes) w.Line("gb += d;");
                        Window(w, conv, needInput
                            ? "{ gw[wk + j] += d * xs[xk + col]; dxs[xk + col] += d * wo[wk + j]; }"
                            : "gw[wk + j] += d * xs[xk + col];");
                    }
                    if (!step.BiasGradientVanishes) w.Line($"g[{I(bo)} + o] += gb;");
                }
            }
        }
    }

    /// <summary>The loops over one output position's window: c, i (rows), j (columns), with <c>wk</c>/<c>xk</c> the row starts and <c>col</c> the input column.</summary>
    private static void Window(IndentedWriter w, ConvLayer conv, string body)
    {
        var input = conv.Input;
        using (w.Block($"for (int c = 0; c < {I(input.Channels)}; c++)"))
        using (w.Block($"for (int i = 0; i < {I(conv.KernelHeight)}; i++)"))
        {
            w.Line($"int row = r * {I(conv.StrideHeight)} - {I(conv.PaddingHeight)} + i;");
            if (conv.PaddingHeight > 0) w.Line($"if ((uint)row >= {I(input.Height)}u) continue;");
            w.Line($"int xk = (c * {I(input.Height)} + row) * {I(input.Width)};");
            w.Line($"int wk = (c * {I(conv.KernelHeight)} + i) * {I(conv.KernelWidth)};");
            using (w.Block($"for (int j = 0; j < {I(conv.KernelWidth)}; j++)"))
            {
                w.Line($"int col = q * {I(conv.Stride)} - {I(conv.Padding)} + j * {I(conv.Dilation)};");
                if (conv.Padding > 0) w.Line($"if ((uint)col >= {I(input.Width)}u) continue;");
                w.Line(body);
            }
        }
    }
}

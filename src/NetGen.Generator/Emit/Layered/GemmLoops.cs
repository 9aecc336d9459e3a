using NetGen.Generator.Model.Layers;
using static NetGen.Generator.Emit.Layered.LoopText;

namespace NetGen.Generator.Emit.Layered;

/// <summary>
/// The training passes of a convolution or Dense layer as matrix products (<c>NetGen.Runtime.Matrix.SmallGemm</c>, 256-bit
/// register tiles), for a block of samples. A convolution unrolls each sample's windows (im2col; padding reads 0):
/// forward zᵀ[P, O] = col[P, K]·Wᵀ[K, O] (+ b, transposed into z); backward ∂W[O, K] += δ[O, P]·col[P, K] (col kept from the
/// forward pass) and ∂col[P, K] = δᵀ[P, O]·W[O, K],
/// scattered back onto ∂x (col2im, each window position adding its share: every path summed). A Dense layer: Z = A·Wᵀ + b,
/// ∂W += δᵀ·A, ∂A = δ·W. The same sums as the scalar loops in another order.
/// </summary>
internal static class GemmLoops
{
    private const string Gemm = "global::NetGen.Runtime.Matrix.SmallGemm.MultiplyAdd";

    /// <summary>Floats of scratch one sample of the layer needs (δ side by side and δᵀ, 2·[P, O], and ∂col [P, K]), 0 for a Dense layer.</summary>
    public static int ConvColumns(LayerModel layer) => layer is ConvLayer conv ? conv.Output.Positions * (2 * conv.OutChannels + conv.FanIn) : 0;

    /// <summary>Floats of one sample's unrolled windows kept from the forward pass for the backward pass (col [P, K]).</summary>
    public static int SavedColumns(LayerModel layer) => layer is ConvLayer conv ? conv.Output.Positions * conv.FanIn : 0;

    public static void EmitForward(IndentedWriter w, LayeredStep step)
    {
        switch (step.Layer)
        {
            case ConvLayer conv:
            {
                int fan = conv.FanIn, positions = conv.Output.Positions, o = conv.OutChannels, bo = step.ParameterOffset + o * fan;
                int padded = ChannelTiles.PaddedChannels(conv);
                w.Line($"/// <summary>Layer {step.Index + 1} forward for training, as one product over the block: every sample's windows unrolled (col [n·{positions}, {fan}], kept for the backward pass), zᵀ = col·Wᵀ, z = b + (zᵀ)ᵀ per sample.</summary>");
                using (w.Block($"private static void {Method(step, "TrainForward")}({ReadOnlySpan} p, {ReadOnlySpan} packed, {ReadOnlySpan} x, {Span} z, int n, {Span} saved, {Span} columns)"))
                {
                    using (w.Block("for (int s = 0; s < n; s++)"))
                    {
                        w.Line($"{ReadOnlySpan} xs = x.Slice(s * {I(conv.InputSize)}, {I(conv.InputSize)});");
                        w.Line($"{Span} col = saved.Slice(s * {I(positions * fan)}, {I(positions * fan)});");
                        Unroll(w, conv, "col");
                    }
                    w.Line($"{Span} zt = columns.Slice(0, n * {I(positions * o)});");
                    w.Line("zt.Clear();");
                    w.Line($"{Gemm}(saved.Slice(0, n * {I(positions * fan)}), {I(fan)}, packed.Slice({I(step.PackedOffset)}, {I(fan * padded)}), {I(padded)}, zt, {I(o)}, n * {I(positions)}, {I(o)}, {I(fan)});");
                    using (w.Block("for (int s = 0; s < n; s++)"))
                    {
                        w.Line($"{Span} zs = z.Slice(s * {I(conv.OutputSize)}, {I(conv.OutputSize)});");
                        w.Line($"{ReadOnlySpan} ts = zt.Slice(s * {I(positions * o)}, {I(positions * o)});");
                        w.Line($"for (int o = 0; o < {I(o)}; o++) {{ float bias = p[{I(bo)} + o]; for (int k = 0; k < {I(positions)}; k++) zs[o * {I(positions)} + k] = ts[k * {I(o)} + o] + bias; }}");
                    }
                }
                break;
            }
            case DenseLayer dense:
            {
                int input = dense.InputSize, units = dense.Units, padded = ChannelTiles.PaddedChannels(dense), wo = step.ParameterOffset, bo = wo + units * input;
                w.Line($"/// <summary>Layer {step.Index + 1} forward for training, as one product over the block: Z[n, {units}] = b + A[n, {input}]·Wᵀ (Wᵀ from the packed copy).</summary>");
                using (w.Block($"private static void {Method(step, "TrainForward")}({ReadOnlySpan} p, {ReadOnlySpan} packed, {ReadOnlySpan} x, {Span} z, int n)"))
                {
                    w.Line($"for (int s = 0; s < n; s++) p.Slice({I(bo)}, {I(units)}).CopyTo(z.Slice(s * {I(units)}, {I(units)}));");
                    w.Line($"{Gemm}(x, {I(input)}, packed.Slice({I(step.PackedOffset)}, {I(input * padded)}), {I(padded)}, z, {I(units)}, n, {I(units)}, {I(input)});");
                }
                break;
            }
            default:
                throw new System.InvalidOperationException($"Layer kind {step.Layer.GetType().Name} has no matrix-product training pass.");
        }
    }

    public static void EmitBackward(IndentedWriter w, LayeredStep step)
    {
        bool input = step.NeedsInputGradient;
        switch (step.Layer)
        {
            case ConvLayer conv:
            {
                int fan = conv.FanIn, positions = conv.Output.Positions, o = conv.OutChannels, wo = step.ParameterOffset, bo = wo + o * fan;
                w.Line($"/// <summary>Layer {step.Index + 1} backward as products over the block: ∂W += δ[{o}, n·{positions}]·col[n·{positions}, {fan}]{(step.BiasGradientVanishes ? ", ∂b = 0 (a BatchNorm follows)" : ", ∂b += Σ δ")}{(input ? ", ∂col = δᵀ·W scattered onto ∂x (col2im)" : "")}.</summary>");
                using (w.Block($"private static void {Method(step, "TrainBackward")}({ReadOnlySpan} p, {ReadOnlySpan} saved, {ReadOnlySpan} delta, {Span} g, {Span} dx, int n, {Span} columns)"))
                {
                    w.Comment($"δ of the block side by side: dr[o, (s, k)] (the left factor of ∂W) and, for ∂col, dt[(s, k), o].");
                    w.Line($"{Span} dr = columns.Slice(0, n * {I(positions * o)});");
                    if (input) w.Line($"{Span} dt = columns.Slice(n * {I(positions * o)}, n * {I(positions * o)});");
                    using (w.Block("for (int s = 0; s < n; s++)"))
                    {
                        w.Line($"{ReadOnlySpan} ds = delta.Slice(s * {I(conv.OutputSize)}, {I(conv.OutputSize)});");
                        using (w.Block($"for (int o = 0; o < {I(o)}; o++)"))
                        {
                            w.Line($"ds.Slice(o * {I(positions)}, {I(positions)}).CopyTo(dr.Slice(o * n * {I(positions)} + s * {I(positions)}, {I(positions)}));");
                            if (input) w.Line($"for (int k = 0; k < {I(positions)}; k++) dt[(s * {I(positions)} + k) * {I(o)} + o] = ds[o * {I(positions)} + k];");
                        }
                    }
                    if (!step.BiasGradientVanishes)
                    {
                        using (w.Block($"for (int o = 0; o < {I(o)}; o++)"))
                        {
                            w.Line("float sum = 0f;");
                            w.Line($"{ReadOnlySpan} row = dr.Slice(o * n * {I(positions)}, n * {I(positions)});");
                            w.Line("for (int k = 0; k < row.Length; k++) sum += row[k];");
                            w.Line($"g[{I(bo)} + o] += sum;");
                        }
                    }
                    w.Line($"{Gemm}(dr, n * {I(positions)}, saved.Slice(0, n * {I(positions * fan)}), {I(fan)}, g.Slice({I(wo)}, {I(o * fan)}), {I(fan)}, {I(o)}, {I(fan)}, n * {I(positions)});");
                    if (input)
                    {
                        w.Line($"dx.Slice(0, n * {I(conv.InputSize)}).Clear();");
                        w.Comment("∂col for the block, written over the unrolled windows (the forward pass is done with them).");
                        w.Line($"{Span} dcolAll = columns.Slice(2 * n * {I(positions * o)}, n * {I(positions * fan)});");
                        w.Line("dcolAll.Clear();");
                        w.Line($"{Gemm}(dt, {I(o)}, p.Slice({I(wo)}, {I(o * fan)}), {I(fan)}, dcolAll, {I(fan)}, n * {I(positions)}, {I(fan)}, {I(o)});");
                        using (w.Block("for (int s = 0; s < n; s++)"))
                        {
                            w.Line($"{ReadOnlySpan} dcol = dcolAll.Slice(s * {I(positions * fan)}, {I(positions * fan)});");
                            w.Line($"{Span} dxs = dx.Slice(s * {I(conv.InputSize)}, {I(conv.InputSize)});");
                            Scatter(w, conv);
                        }
                    }
                }
                break;
            }
            case DenseLayer dense:
            {
                int inputs = dense.InputSize, units = dense.Units, wo = step.ParameterOffset, bo = wo + units * inputs;
                w.Line($"/// <summary>Layer {step.Index + 1} backward as products over the block: ∂W[{units}, {inputs}] += δᵀ·A{(step.BiasGradientVanishes ? ", ∂b = 0 (a BatchNorm follows)" : ", ∂b += Σ δ")}{(input ? ", ∂A = δ·W" : "")}.</summary>");
                using (w.Block($"private static void {Method(step, "TrainBackward")}({ReadOnlySpan} p, {ReadOnlySpan} x, {ReadOnlySpan} delta, {Span} g, {Span} dx, int n, {Span} columns)"))
                {
                    if (!step.BiasGradientVanishes) w.Line($"for (int s = 0; s < n; s++) for (int j = 0; j < {I(units)}; j++) g[{I(bo)} + j] += delta[s * {I(units)} + j];");
                    w.Comment("δᵀ [units, n], the left factor of ∂W.");
                    w.Line($"{Span} deltaT = columns.Slice(0, {I(units)} * n);");
                    w.Line($"for (int s = 0; s < n; s++) for (int j = 0; j < {I(units)}; j++) deltaT[j * n + s] = delta[s * {I(units)} + j];");
                    w.Line($"{Gemm}(deltaT, n, x, {I(inputs)}, g.Slice({I(wo)}, {I(units * inputs)}), {I(inputs)}, {I(units)}, {I(inputs)}, n);");
                    if (input)
                    {
                        w.Line($"dx.Slice(0, n * {I(inputs)}).Clear();");
                        w.Line($"{Gemm}(delta, {I(units)}, p.Slice({I(wo)}, {I(units * inputs)}), {I(inputs)}, dx, {I(inputs)}, n, {I(inputs)}, {I(units)});");
                    }
                }
                break;
            }
            default:
                throw new System.InvalidOperationException($"Layer kind {step.Layer.GetType().Name} has no matrix-product training pass.");
        }
    }

    /// <summary>
    /// One sample's windows unrolled into <paramref name="target"/>, position-major <c>[P, K]</c> (row = output position,
    /// column k = window element (c, i, j)), written in order; positions in the padding read 0.
    /// </summary>
    private static void Unroll(IndentedWriter w, ConvLayer conv, string target)
    {
        var input = conv.Input;
        var output = conv.Output;
        int fan = conv.FanIn, positions = output.Positions;
        w.Comment($"col[(r, q), (c, i, j)] = x[c, r·{conv.StrideHeight} − {conv.PaddingHeight} + i, q·{conv.Stride} − {conv.Padding} + j·{conv.Dilation}] (0 in the padding), written in order.");
        using (w.Block($"for (int r = 0; r < {I(output.Height)}; r++)"))
        using (w.Block($"for (int q = 0; q < {I(output.Width)}; q++)"))
        {
            w.Line($"{Span} window = {target}.Slice((r * {I(output.Width)} + q) * {I(fan)}, {I(fan)});");
            using (w.Block($"for (int c = 0; c < {I(input.Channels)}; c++)"))
            using (w.Block($"for (int i = 0; i < {I(conv.KernelHeight)}; i++)"))
            {
                w.Line($"int row = r * {I(conv.StrideHeight)} - {I(conv.PaddingHeight)} + i;");
                w.Line($"int k = (c * {I(conv.KernelHeight)} + i) * {I(conv.KernelWidth)};");
                if (conv.PaddingHeight > 0)
                {
                    w.Line($"if ((uint)row >= {I(input.Height)}u) {{ window.Slice(k, {I(conv.KernelWidth)}).Clear(); continue; }}");
                }
                w.Line($"int start = (c * {I(input.Height)} + row) * {I(input.Width)} + q * {I(conv.Stride)} - {I(conv.Padding)};");
                if (conv.Padding == 0 && conv.KernelWidth <= 8)
                {
                    // Short rows: element by element at constant offsets (a CopyTo call costs more than the copy).
                    w.Line($"ref float from = ref {Add}(ref {Marshal}.GetReference(xs), start);");
                    w.Line($"ref float to = ref {Add}(ref {Marshal}.GetReference(window), k);");
                    for (int j = 0; j < conv.KernelWidth; j++) w.Line($"{Add}(ref to, {I(j)}) = {Add}(ref from, {I(j * conv.Dilation)});");
                }
                else if (conv.Padding == 0 && conv.Dilation == 1)
                {
                    w.Line($"xs.Slice(start, {I(conv.KernelWidth)}).CopyTo(window.Slice(k, {I(conv.KernelWidth)}));");
                }
                else
                {
                    using (w.Block($"for (int j = 0; j < {I(conv.KernelWidth)}; j++)"))
                    {
                        w.Line($"int column = q * {I(conv.Stride)} - {I(conv.Padding)} + j * {I(conv.Dilation)};");
                        w.Line(conv.Padding == 0
                            ? "window[k + j] = xs[start + j * " + I(conv.Dilation) + "];"
                            : $"window[k + j] = (uint)column < {I(input.Width)}u ? xs[start + j * {I(conv.Dilation)}] : 0f;");
                    }
                }
            }
        }
    }

    /// <summary>∂col scattered back onto the sample's ∂x: each window element adds to the input value it read (col2im).</summary>
    private static void Scatter(IndentedWriter w, ConvLayer conv)
    {
        var input = conv.Input;
        var output = conv.Output;
        int fan = conv.FanIn;
        using (w.Block($"for (int r = 0; r < {I(output.Height)}; r++)"))
        using (w.Block($"for (int q = 0; q < {I(output.Width)}; q++)"))
        {
            w.Line($"{ReadOnlySpan} window = dcol.Slice((r * {I(output.Width)} + q) * {I(fan)}, {I(fan)});");
            using (w.Block($"for (int c = 0; c < {I(input.Channels)}; c++)"))
            using (w.Block($"for (int i = 0; i < {I(conv.KernelHeight)}; i++)"))
            {
                w.Line($"int row = r * {I(conv.StrideHeight)} - {I(conv.PaddingHeight)} + i;");
                if (conv.PaddingHeight > 0) w.Line($"if ((uint)row >= {I(input.Height)}u) continue;");
                w.Line($"int k = (c * {I(conv.KernelHeight)} + i) * {I(conv.KernelWidth)};");
                w.Line($"int start = (c * {I(input.Height)} + row) * {I(input.Width)} + q * {I(conv.Stride)} - {I(conv.Padding)};");
                if (conv.Padding == 0 && conv.KernelWidth <= 8)
                {
                    w.Line($"ref float to = ref {Add}(ref {Marshal}.GetReference(dxs), start);");
                    w.Line($"ref float from = ref {Add}(ref {Marshal}.GetReference(window), k);");
                    for (int j = 0; j < conv.KernelWidth; j++) w.Line($"{Add}(ref to, {I(j * conv.Dilation)}) += {Add}(ref from, {I(j)});");
                }
                else
                {
                    using (w.Block($"for (int j = 0; j < {I(conv.KernelWidth)}; j++)"))
                    {
                        if (conv.Padding > 0)
                        {
                            w.Line($"int column = q * {I(conv.Stride)} - {I(conv.Padding)} + j * {I(conv.Dilation)};");
                            w.Line($"if ((uint)column >= {I(input.Width)}u) continue;");
                        }
                        w.Line($"dxs[start + j * {I(conv.Dilation)}] += window[k + j];");
                    }
                }
            }
        }
    }
}

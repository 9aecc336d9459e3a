using NetGen.Generator.Model.Layers;
using static NetGen.Generator.Emit.Layered.LoopText;

namespace NetGen.Generator.Emit.Layered;

/// <summary>
/// The training passes of a convolution or Dense layer as matrix products (<c>NetGen.Runtime.Matrix.SmallGemm</c>, 256-bit
/// register tiles), for a block of samples. A convolution unrolls each sample's windows (im2col; padding reads 0):
/// forward Z[O, P] = W[O, K]·colᵀ[K, P] + b; backward ∂W[O, K] += δ[O, P]·col[P, K] and ∂colᵀ[K, P] = Wᵀ[K, O]·δ[O, P],
/// scattered back onto ∂x (col2im, each window position adding its share: every path summed). A Dense layer: Z = A·Wᵀ + b,
/// ∂W += δᵀ·A, ∂A = δ·W. The same sums as the scalar loops in another order.
/// </summary>
internal static class GemmLoops
{
    private const string Gemm = "global::NetGen.Runtime.Matrix.SmallGemm.MultiplyAdd";

    /// <summary>Floats of unrolled windows one sample of the layer needs (both layouts), 0 for a Dense layer.</summary>
    public static int ConvColumns(LayerModel layer) => layer is ConvLayer conv ? 2 * conv.FanIn * conv.Output.Positions : 0;

    public static void EmitForward(IndentedWriter w, LayeredStep step)
    {
        switch (step.Layer)
        {
            case ConvLayer conv:
            {
                int fan = conv.FanIn, positions = conv.Output.Positions, o = conv.OutChannels, wo = step.ParameterOffset, bo = wo + o * fan;
                w.Line($"/// <summary>Layer {step.Index + 1} forward for training, as products: per sample its windows unrolled (colᵀ [{fan}, {positions}]), z = b + W·colᵀ.</summary>");
                using (w.Block($"private static void {Method(step, "TrainForward")}({ReadOnlySpan} p, {ReadOnlySpan} x, {Span} z, int n, {Span} columns)"))
                {
                    w.Line($"{Span} colT = columns.Slice(0, {I(fan * positions)});");
                    using (w.Block("for (int s = 0; s < n; s++)"))
                    {
                        w.Line($"{ReadOnlySpan} xs = x.Slice(s * {I(conv.InputSize)}, {I(conv.InputSize)});");
                        w.Line($"{Span} zs = z.Slice(s * {I(conv.OutputSize)}, {I(conv.OutputSize)});");
                        Unroll(w, conv, transposed: true, "colT");
                        w.Line($"for (int o = 0; o < {I(o)}; o++) zs.Slice(o * {I(positions)}, {I(positions)}).Fill(p[{I(bo)} + o]);");
                        w.Line($"{Gemm}(p.Slice({I(wo)}, {I(o * fan)}), {I(fan)}, colT, {I(positions)}, zs, {I(positions)}, {I(o)}, {I(positions)}, {I(fan)});");
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
                int padded = ChannelTiles.PaddedChannels(conv);
                w.Line($"/// <summary>Layer {step.Index + 1} backward as products, per sample: ∂W += δ[{o}, {positions}]·col[{positions}, {fan}]{(step.BiasGradientVanishes ? ", ∂b = 0 (a BatchNorm follows)" : ", ∂b += Σ δ")}{(input ? ", ∂colᵀ = Wᵀ·δ scattered onto ∂x (col2im)" : "")}.</summary>");
                using (w.Block($"private static void {Method(step, "TrainBackward")}({ReadOnlySpan} p, {ReadOnlySpan} packed, {ReadOnlySpan} x, {ReadOnlySpan} delta, {Span} g, {Span} dx, int n, {Span} columns)"))
                {
                    if (input) w.Line($"dx.Slice(0, n * {I(conv.InputSize)}).Clear();");
                    w.Line($"{Span} col = columns.Slice(0, {I(fan * positions)});");
                    if (input) w.Line($"{Span} colT = columns.Slice({I(fan * positions)}, {I(fan * positions)});");
                    using (w.Block("for (int s = 0; s < n; s++)"))
                    {
                        w.Line($"{ReadOnlySpan} xs = x.Slice(s * {I(conv.InputSize)}, {I(conv.InputSize)});");
                        w.Line($"{ReadOnlySpan} ds = delta.Slice(s * {I(conv.OutputSize)}, {I(conv.OutputSize)});");
                        if (!step.BiasGradientVanishes)
                        {
                            using (w.Block($"for (int o = 0; o < {I(o)}; o++)"))
                            {
                                w.Line("float sum = 0f;");
                                w.Line($"for (int k = 0; k < {I(positions)}; k++) sum += ds[o * {I(positions)} + k];");
                                w.Line($"g[{I(bo)} + o] += sum;");
                            }
                        }
                        Unroll(w, conv, transposed: false, "col");
                        w.Line($"{Gemm}(ds, {I(positions)}, col, {I(fan)}, g.Slice({I(wo)}, {I(o * fan)}), {I(fan)}, {I(o)}, {I(fan)}, {I(positions)});");
                        if (input)
                        {
                            w.Line("colT.Clear();");
                            w.Line($"{Gemm}(packed.Slice({I(step.PackedOffset)}, {I(fan * padded)}), {I(padded)}, ds, {I(positions)}, colT, {I(positions)}, {I(fan)}, {I(positions)}, {I(o)});");
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
    /// One sample's windows unrolled into <paramref name="target"/>: transposed <c>[K, P]</c> (row k = window element
    /// (c, i, j), column = output position) or position-major <c>[P, K]</c>; positions in the padding read 0.
    /// </summary>
    private static void Unroll(IndentedWriter w, ConvLayer conv, bool transposed, string target)
    {
        var input = conv.Input;
        var output = conv.Output;
        int fan = conv.FanIn, positions = output.Positions;
        w.Comment(transposed ? $"colᵀ[(c, i, j), (r, q)] = x[c, r·{conv.StrideHeight} − {conv.PaddingHeight} + i, q·{conv.Stride} − {conv.Padding} + j·{conv.Dilation}] (0 in the padding)." : "col[(r, q), (c, i, j)]: the same values, position-major.");
        using (w.Block($"for (int c = 0; c < {I(input.Channels)}; c++)"))
        using (w.Block($"for (int i = 0; i < {I(conv.KernelHeight)}; i++)"))
        using (w.Block($"for (int j = 0; j < {I(conv.KernelWidth)}; j++)"))
        {
            w.Line($"int k = (c * {I(conv.KernelHeight)} + i) * {I(conv.KernelWidth)} + j;");
            using (w.Block($"for (int r = 0; r < {I(output.Height)}; r++)"))
            {
                w.Line($"int row = r * {I(conv.StrideHeight)} - {I(conv.PaddingHeight)} + i;");
                w.Line($"bool inside = (uint)row < {I(input.Height)}u;");
                using (w.Block($"for (int q = 0; q < {I(output.Width)}; q++)"))
                {
                    w.Line($"int column = q * {I(conv.Stride)} - {I(conv.Padding)} + j * {I(conv.Dilation)};");
                    string value = $"inside && (uint)column < {I(input.Width)}u ? xs[(c * {I(input.Height)} + row) * {I(input.Width)} + column] : 0f";
                    if (conv.Padding == 0) value = $"xs[(c * {I(input.Height)} + row) * {I(input.Width)} + column]";
                    string at = transposed ? $"k * {I(positions)} + r * {I(output.Width)} + q" : $"(r * {I(output.Width)} + q) * {I(fan)} + k";
                    w.Line($"{target}[{at}] = {value};");
                }
            }
        }
    }

    /// <summary>∂colᵀ scattered back onto the sample's ∂x: each window element adds to the input value it read (col2im).</summary>
    private static void Scatter(IndentedWriter w, ConvLayer conv)
    {
        var input = conv.Input;
        var output = conv.Output;
        int positions = output.Positions;
        using (w.Block($"for (int c = 0; c < {I(input.Channels)}; c++)"))
        using (w.Block($"for (int i = 0; i < {I(conv.KernelHeight)}; i++)"))
        using (w.Block($"for (int j = 0; j < {I(conv.KernelWidth)}; j++)"))
        {
            w.Line($"int k = (c * {I(conv.KernelHeight)} + i) * {I(conv.KernelWidth)} + j;");
            using (w.Block($"for (int r = 0; r < {I(output.Height)}; r++)"))
            {
                w.Line($"int row = r * {I(conv.StrideHeight)} - {I(conv.PaddingHeight)} + i;");
                if (conv.PaddingHeight > 0) w.Line($"if ((uint)row >= {I(input.Height)}u) continue;");
                using (w.Block($"for (int q = 0; q < {I(output.Width)}; q++)"))
                {
                    w.Line($"int column = q * {I(conv.Stride)} - {I(conv.Padding)} + j * {I(conv.Dilation)};");
                    if (conv.Padding > 0) w.Line($"if ((uint)column >= {I(input.Width)}u) continue;");
                    w.Line($"dxs[(c * {I(input.Height)} + row) * {I(input.Width)} + column] += colT[k * {I(positions)} + r * {I(output.Width)} + q];");
                }
            }
        }
    }
}

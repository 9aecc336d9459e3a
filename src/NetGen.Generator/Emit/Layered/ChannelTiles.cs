using System;
using NetGen.Generator.Model.Layers;
using static NetGen.Generator.Emit.Layered.LoopText;

namespace NetGen.Generator.Emit.Layered;

/// <summary>
/// The SIMD forward pass of a convolution or a Dense layer, across output channels: the packed copy holds
/// each window element's weights for all output channels side by side (<c>[C·Kh·Kw, O rounded up to 8]</c>, then the
/// biases), so one broadcast input value times one weight vector adds to 8 channels' sums. A tile is up to 12 accumulators:
/// G channel vectors × P output positions (G·P ≤ 12, in balanced tiles), the window inside, its columns written out; the
/// sums go to z[o, r, q] through a small stack row. A padded convolution reads its input framed by zeros on the stack. The same sums as the scalar loops, in another order (float rounding differs in the last bits).
/// </summary>
internal static class ChannelTiles
{
    /// <summary>Floats per vector (256 bits).</summary>
    public const int Lanes = 8;

    /// <summary>The accumulators one tile keeps in registers.</summary>
    private const int Accumulators = 12;

    /// <summary>The condition under which the SIMD path runs.</summary>
    public const string Condition = "global::NetGen.Runtime.SimdOptions.PreferredWidth >= 256";

    /// <summary>Whether a layer has a packed copy (Dense layers and convolutions: the SIMD passes read it).</summary>
    public static bool Supports(LayerModel layer) => layer is DenseLayer || layer is ConvLayer;

    /// <summary>Floats of a zero-padded copy of one sample's input up to which a padded convolution gets the tiles (on the stack).</summary>
    private const int MaxPaddedInput = 16384;

    /// <summary>
    /// Whether a layer has the channel-tile forward pass: Dense layers and convolutions (a padded one reads a zero-padded
    /// copy of its input, made on the stack, when that copy is at most <see cref="MaxPaddedInput"/> floats).
    /// </summary>
    public static bool SupportsForward(LayerModel layer) => layer is DenseLayer || layer is ConvLayer { Padding: 0 }
        || (layer is ConvLayer conv && PaddedInputSize(conv) <= MaxPaddedInput);

    /// <summary>Floats of the zero-padded copy of a convolution's input.</summary>
    private static long PaddedInputSize(ConvLayer conv) => (long)conv.Input.Channels * (conv.Input.Height + 2L * conv.PaddingHeight) * (conv.Input.Width + 2L * conv.Padding);

    /// <summary>Output channels rounded up to whole vectors.</summary>
    public static int PaddedChannels(LayerModel layer) => (Channels(layer) + Lanes - 1) / Lanes * Lanes;

    /// <summary>Floats of the layer's packed copy: the window's weights for every channel, then the biases.</summary>
    public static int PackedSize(LayerModel layer) => (FanIn(layer) + 1) * PaddedChannels(layer);

    private static int Channels(LayerModel layer) => layer is ConvLayer conv ? conv.OutChannels : layer.OutputSize;

    private static int FanIn(LayerModel layer) => layer is ConvLayer conv ? conv.FanIn : layer.InputSize;

    /// <summary>In <c>NetGenParametersWritten</c>: the layer's packed copy from its weights <c>[O, fan-in]</c> and biases.</summary>
    public static void EmitRefresh(IndentedWriter w, LayeredStep step)
    {
        var layer = step.Layer;
        int o = Channels(layer), fan = FanIn(layer), padded = PaddedChannels(layer), at = step.PackedOffset;
        w.Comment($"Layer {layer.Number}: weights [{o}, {fan}] → [{fan}, {padded}] (channels side by side, zero-padded), then the {o} biases.");
        using (w.Block($"for (int o = 0; o < {I(o)}; o++)"))
        {
            w.Line($"for (int k = 0; k < {I(fan)}; k++) _netgenLayerPacked[{I(at)} + k * {I(padded)} + o] = _netgenParameters[{I(step.ParameterOffset)} + o * {I(fan)} + k];");
            w.Line($"_netgenLayerPacked[{I(at + fan * padded)} + o] = _netgenParameters[{I(step.ParameterOffset + o * fan)} + o];");
        }
    }

    /// <summary>
    /// At the top of a Dense or convolution forward method: the channel tiles where the layer has them and the processor
    /// runs them (then <c>return</c>), the scalar loops after it otherwise.
    /// </summary>
    public static void EmitBranch(IndentedWriter w, LayeredStep step, VectorWidth? width)
    {
        if (!step.Packed || width is null || !SupportsForward(step.Layer)) return;
        using (w.Block($"if ({Condition})"))
        {
            EmitForward(w, step, width);
            w.Line("return;");
        }
    }

    /// <summary>The SIMD body of the layer's forward method (reads <c>packed</c>, <c>x</c>, writes <c>z</c> for <c>n</c> samples).</summary>
    public static void EmitForward(IndentedWriter w, LayeredStep step, VectorWidth width)
    {
        var layer = step.Layer;
        var t = new TileShape(layer);
        int o = Channels(layer), padded = PaddedChannels(layer), vectors = padded / Lanes;
        int group = Math.Min(vectors, Accumulators / 2);
        int positions = Math.Max(1, Math.Min(Accumulators / group, t.OutWidth));
        // Balanced tiles: as few as the budget allows, of equal size where the width divides.
        int tiles = (t.OutWidth + positions - 1) / positions;
        positions = (t.OutWidth + tiles - 1) / tiles;
        int rest = t.OutWidth % positions;
        int inSize = layer.InputSize, outSize = layer.OutputSize;
        w.Comment($"SIMD across output channels: {group} channel vector(s) × {positions} position(s) a tile, weights from the packed copy at {step.PackedOffset}.");
        w.Line($"ref float wt = ref {Marshal}.GetReference(packed);");
        w.Line($"{Span} row = stackalloc float[{I(group * Lanes * positions)}];");
        w.Line($"ref float rr = ref {Marshal}.GetReference(row);");
        var conv = layer as ConvLayer;
        bool padding = conv is { Padding: > 0 };
        if (padding) w.Line($"{Span} framed = stackalloc float[{I(t.Channels * t.Height * t.Width)}];");
        using (w.Block("for (int s = 0; s < n; s++)"))
        {
            if (padding)
            {
                w.Comment($"The sample's input inside a frame of zeros ({conv!.PaddingHeight} rows, {conv.Padding} columns): the tiles then read no bounds.");
                w.Line("framed.Clear();");
                using (w.Block($"for (int c = 0; c < {I(conv.Input.Channels)}; c++)"))
                using (w.Block($"for (int r = 0; r < {I(conv.Input.Height)}; r++)"))
                {
                    w.Line($"x.Slice(s * {I(inSize)} + (c * {I(conv.Input.Height)} + r) * {I(conv.Input.Width)}, {I(conv.Input.Width)}).CopyTo(framed.Slice((c * {I(t.Height)} + r + {I(conv.PaddingHeight)}) * {I(t.Width)} + {I(conv.Padding)}, {I(conv.Input.Width)}));");
                }
                w.Line($"ref float xr = ref {Marshal}.GetReference(framed);");
            }
            else
            {
                w.Line($"ref float xr = ref {Marshal}.GetReference(x.Slice(s * {I(inSize)}, {I(inSize)}));");
            }
            w.Line($"{Span} zs = z.Slice(s * {I(outSize)}, {I(outSize)});");
            using (w.Block($"for (int g = 0; g < {I(vectors)}; g += {I(group)})"))
            using (w.Block($"for (int r = 0; r < {I(t.OutHeight)}; r++)"))
            {
                w.Line("int q = 0;");
                using (w.Block($"for (; q + {I(positions)} <= {I(t.OutWidth)}; q += {I(positions)})"))
                {
                    Tile(w, step, t, positions, group, vectors, width, padded, o);
                }
                if (rest != 0)
                {
                    using (w.Scope())
                    {
                        Tile(w, step, t, rest, group, vectors, width, padded, o);
                    }
                }
            }
        }
    }

    /// <summary>A layer's window geometry for the tiles (a Dense layer is a 1 × 1 window over its inputs as channels).</summary>
    private sealed class TileShape
    {
        public TileShape(LayerModel layer)
        {
            if (layer is ConvLayer conv)
            {
                // A padded convolution reads its input framed by zeros: the tiles see the padded sides and no padding.
                (Channels, Height, Width) = (conv.Input.Channels, conv.Input.Height + 2 * conv.PaddingHeight, conv.Input.Width + 2 * conv.Padding);
                (KernelHeight, KernelWidth, StrideHeight, Stride, Dilation) = (conv.KernelHeight, conv.KernelWidth, conv.StrideHeight, conv.Stride, conv.Dilation);
                (OutHeight, OutWidth) = (conv.Output.Height, conv.Output.Width);
            }
            else
            {
                (Channels, Height, Width, KernelHeight, KernelWidth, StrideHeight, Stride, Dilation, OutHeight, OutWidth) = (layer.InputSize, 1, 1, 1, 1, 1, 1, 1, 1, 1);
            }
        }

        public int Channels { get; }
        public int Height { get; }
        public int Width { get; }
        public int KernelHeight { get; }
        public int KernelWidth { get; }
        public int StrideHeight { get; }
        public int Stride { get; }
        public int Dilation { get; }
        public int OutHeight { get; }
        public int OutWidth { get; }
    }

    /// <summary>Kernel columns up to which the window's columns are written out (constant offsets), past which they loop.</summary>
    private const int UnrolledColumns = 8;

    private static void Tile(IndentedWriter w, LayeredStep step, TileShape t, int positions, int group, int vectors, VectorWidth width, int padded, int o)
    {
        string V = width.Statics, VT = width.Type;
        int at = step.PackedOffset, bias = at + FanIn(step.Layer) * padded;
        // Channel vectors past the last one (when the group does not divide them) are not computed.
        bool partial = vectors % group != 0;
        for (int p = 0; p < positions; p++)
        {
            for (int v = 0; v < group; v++)
            {
                string load = $"{V}.LoadUnsafe(ref {Add}(ref wt, {I(bias)} + (g + {I(v)}) * {I(Lanes)}))";
                w.Line(partial && v > 0 ? $"{VT} acc{p}_{v} = g + {I(v)} < {I(vectors)} ? {load} : {VT}.Zero;" : $"{VT} acc{p}_{v} = {load};");
            }
        }
        using (w.Block($"for (int c = 0; c < {I(t.Channels)}; c++)"))
        using (w.Block($"for (int i = 0; i < {I(t.KernelHeight)}; i++)"))
        {
            w.Line($"ref float xk = ref {Add}(ref xr, (c * {I(t.Height)} + r * {I(t.StrideHeight)} + i) * {I(t.Width)} + q * {I(t.Stride)});");
            w.Line($"ref float wk = ref {Add}(ref wt, {I(at)} + (c * {I(t.KernelHeight)} + i) * {I(t.KernelWidth * padded)} + g * {I(Lanes)});");
            void Column(string j)
            {
                for (int p = 0; p < positions; p++)
                {
                    w.Line($"{VT} x{p} = {V}.Create({Add}(ref xk, {I(p * t.Stride)} + {j} * {I(t.Dilation)}));");
                    for (int v = 0; v < group; v++)
                    {
                        string fma = $"acc{p}_{v} = {width.MultiplyAdd($"x{p}", $"{V}.LoadUnsafe(ref {Add}(ref wk, {j} * {I(padded)} + {I(v * Lanes)}))", $"acc{p}_{v}")};";
                        w.Line(partial && v > 0 ? $"if (g + {I(v)} < {I(vectors)}) {fma}" : fma);
                    }
                }
            }
            if (t.KernelWidth <= UnrolledColumns)
            {
                for (int j = 0; j < t.KernelWidth; j++)
                {
                    using (w.Scope()) Column(I(j));
                }
            }
            else
            {
                using (w.Block($"for (int j = 0; j < {I(t.KernelWidth)}; j++)")) Column("j");
            }
        }
        for (int p = 0; p < positions; p++)
        {
            for (int v = 0; v < group; v++) w.Line($"{V}.StoreUnsafe(acc{p}_{v}, ref {Add}(ref rr, {I((p * group + v) * Lanes)}));");
        }
        w.Comment("Each channel's sums to z[o, r, q + p].");
        using (w.Block($"for (int v = 0; v < {I(group)} && g + v < {I(vectors)}; v++)"))
        using (w.Block($"for (int l = 0; l < {I(Lanes)}; l++)"))
        {
            w.Line($"int channel = (g + v) * {I(Lanes)} + l;");
            w.Line($"if (channel >= {I(o)}) break;");
            w.Line($"int to = (channel * {I(t.OutHeight)} + r) * {I(t.OutWidth)} + q;");
            for (int p = 0; p < positions; p++)
                w.Line($"zs[to + {I(p)}] = {Add}(ref rr, {I(p * group * Lanes)} + v * {I(Lanes)} + l);");
        }
    }
}

using System;
using NetGen.Generator.Model.Layers;
using static NetGen.Generator.Emit.Layered.LoopText;

namespace NetGen.Generator.Emit.Layered;

/// <summary>
/// The SIMD forward pass of a convolution (without padding) or a Dense layer, across output channels: the packed copy holds
/// each window element's weights for all output channels side by side (<c>[C·Kh·Kw, O rounded up to 8]</c>, then the
/// biases), so one broadcast input value times one weight vector adds to 8 channels' sums. A tile is up to 8 accumulators:
/// G channel vectors × P output positions (G·P ≤ 8), the window loops inside; the sums go to z[o, r, q] through a small
/// stack row. The same sums as the scalar loops, in another order (float rounding differs in the last bits).
/// </summary>
internal static class ChannelTiles
{
    /// <summary>Floats per vector (256 bits).</summary>
    public const int Lanes = 8;

    /// <summary>The accumulators one tile keeps in registers.</summary>
    private const int Accumulators = 8;

    /// <summary>Offsets through <c>Unsafe.Add</c> with int offsets: no <c>nuint</c> (C# 9) in code a C# 8 project compiles.</summary>
    private const string Add = "global::System.Runtime.CompilerServices.Unsafe.Add";

    /// <summary>The condition under which the SIMD path runs.</summary>
    public const string Condition = "global::NetGen.Runtime.SimdOptions.PreferredWidth >= 256";

    /// <summary>Whether a layer has a packed copy (Dense layers and convolutions: the SIMD passes read it).</summary>
    public static bool Supports(LayerModel layer) => layer is DenseLayer || layer is ConvLayer;

    /// <summary>Whether a layer has the channel-tile forward pass: Dense layers and convolutions without padding.</summary>
    public static bool SupportsForward(LayerModel layer) => layer is DenseLayer || layer is ConvLayer { Padding: 0 };

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

    /// <summary>The SIMD body of the layer's forward method (reads <c>packed</c>, <c>x</c>, writes <c>z</c> for <c>n</c> samples).</summary>
    public static void EmitForward(IndentedWriter w, LayeredStep step, VectorWidth width)
    {
        var layer = step.Layer;
        int inputChannels, height, widthIn, kh, kw, sh, sw, dw, oh, ow;
        if (layer is ConvLayer conv)
        {
            (inputChannels, height, widthIn) = (conv.Input.Channels, conv.Input.Height, conv.Input.Width);
            (kh, kw, sh, sw, dw) = (conv.KernelHeight, conv.KernelWidth, conv.StrideHeight, conv.Stride, conv.Dilation);
            (oh, ow) = (conv.Output.Height, conv.Output.Width);
        }
        else
        {
            (inputChannels, height, widthIn, kh, kw, sh, sw, dw, oh, ow) = (layer.InputSize, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        }
        int o = Channels(layer), padded = PaddedChannels(layer), vectors = padded / Lanes;
        int group = Math.Min(vectors, Accumulators);
        int positions = Math.Max(1, Accumulators / group);
        if (positions > ow) positions = ow;
        int inSize = layer.InputSize, outSize = layer.OutputSize, at = step.PackedOffset, bias = at + FanIn(layer) * padded;
        string V = width.Statics, VT = width.Type;
        w.Comment($"SIMD across output channels: {group} channel vector(s) × {positions} position(s) a tile, weights from the packed copy at {at}.");
        w.Line($"ref float wt = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(packed);");
        w.Line($"{Span} row = stackalloc float[{I(group * Lanes * positions)}];");
        using (w.Block("for (int s = 0; s < n; s++)"))
        {
            w.Line($"{ReadOnlySpan} xs = x.Slice(s * {I(inSize)}, {I(inSize)});");
            w.Line($"{Span} zs = z.Slice(s * {I(outSize)}, {I(outSize)});");
            using (w.Block($"for (int g = 0; g < {I(vectors)}; g += {I(group)})"))
            using (w.Block($"for (int r = 0; r < {I(oh)}; r++)"))
            {
                w.Line("int q = 0;");
                using (w.Block($"for (; q + {I(positions)} <= {I(ow)}; q += {I(positions)})"))
                {
                    Tile(w, positions, group, vectors, V, VT, width, inputChannels, height, widthIn, kh, kw, sh, sw, dw, padded, at, bias, o, oh, ow);
                }
                if (ow % positions != 0)
                {
                    using (w.Block($"for (; q < {I(ow)}; q++)"))
                    {
                        Tile(w, 1, group, vectors, V, VT, width, inputChannels, height, widthIn, kh, kw, sh, sw, dw, padded, at, bias, o, oh, ow);
                    }
                }
            }
        }
    }

    private static void Tile(IndentedWriter w, int positions, int group, int vectors, string V, string VT, VectorWidth width,
        int inputChannels, int height, int widthIn, int kh, int kw, int sh, int sw, int dw, int padded, int at, int bias, int o, int oh, int ow)
    {
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
        using (w.Block($"for (int c = 0; c < {I(inputChannels)}; c++)"))
        using (w.Block($"for (int i = 0; i < {I(kh)}; i++)"))
        {
            w.Line($"int xk = (c * {I(height)} + r * {I(sh)} + i) * {I(widthIn)} + q * {I(sw)};");
            w.Line($"int wk = {I(at)} + (c * {I(kh)} + i) * {I(kw * padded)} + g * {I(Lanes)};");
            using (w.Block($"for (int j = 0; j < {I(kw)}; j++)"))
            {
                for (int p = 0; p < positions; p++) w.Line($"{VT} x{p} = {V}.Create(xs[xk + {I(p * sw)} + j * {I(dw)}]);");
                for (int v = 0; v < group; v++)
                {
                    string guard = partial && v > 0 ? $"if (g + {I(v)} < {I(vectors)}) " : "";
                    w.Line($"{guard}{{ {VT} wv = {V}.LoadUnsafe(ref {Add}(ref wt, wk + j * {I(padded)} + {I(v * Lanes)}));");
                    for (int p = 0; p < positions; p++) w.Line($"    acc{p}_{v} = {width.MultiplyAdd($"x{p}", "wv", $"acc{p}_{v}")};");
                    w.Line("}");
                }
            }
        }
        for (int p = 0; p < positions; p++)
        {
            for (int v = 0; v < group; v++) w.Line($"{V}.StoreUnsafe(acc{p}_{v}, ref {Add}(ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(row), {I((p * group + v) * Lanes)}));");
        }
        w.Comment("Each channel's sums to z[o, r, q + p].");
        using (w.Block($"for (int v = 0; v < {I(group)} && g + v < {I(vectors)}; v++)"))
        using (w.Block($"for (int l = 0; l < {I(Lanes)}; l++)"))
        {
            w.Line($"int channel = (g + v) * {I(Lanes)} + l;");
            w.Line($"if (channel >= {I(o)}) break;");
            for (int p = 0; p < positions; p++)
                w.Line($"zs[(channel * {I(oh)} + r) * {I(ow)} + q + {I(p)}] = row[{I(p * group * Lanes)} + v * {I(Lanes)} + l];");
        }
    }
}

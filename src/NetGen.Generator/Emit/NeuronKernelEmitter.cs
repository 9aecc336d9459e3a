using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NetGen.Generator.Emit;

/// <summary>
/// Batch-1 <c>Predict</c> vectorised across the neurons of each layer: for every input i of a layer, aᵢ is broadcast
/// to a vector and multiplied into the accumulators of the layer's neurons (z[j…j+L) += aᵢ · Wᵀ[i, j…j+L)), reading
/// the transposed, padded copy of <see cref="NeuronLayout"/>; then the activation runs as one vector pass over the
/// accumulators. Small layers are written out input by input with constant offsets; layers past the unroll budget
/// loop over their inputs (constant bounds). Forward only: the gradient kernels are the lane and scalar ones.
/// </summary>
internal static class NeuronKernelEmitter
{
    private const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
    private const string Marshal = "global::System.Runtime.InteropServices.MemoryMarshal";
    private const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    private const string Span = "global::System.Span<float>";

    /// <summary>Vector FMAs a whole kernel may write out as straight-line code before more layers become loops.</summary>
    private const int MaxUnrolledPerKernel = 4096;

    public static string MethodName(VectorWidth width) => "NetGenPredictNeurons" + width.Bits;

    /// <summary>
    /// Accumulators kept live at once: x86 has 16 vector registers below AVX-512 (8 accumulators leave room for the
    /// broadcast input and the loads) and 32 with it.
    /// </summary>
    public static int GroupSize(VectorWidth width) => width.Bits == 512 ? 16 : 8;

    /// <summary>Which layers are written out (true) or looped (false) at this width: vector FMAs within the layer
    /// budget, cheapest first, until the kernel's budget is spent.</summary>
    public static bool[] UnrolledLayers(NeuronLayout layout, VectorWidth width, int unrollLimit)
    {
        var layers = layout.Layers;
        var unrolled = new bool[layers.Count];
        long spent = 0;
        foreach (int l in Enumerable.Range(0, layers.Count).OrderBy(l => Cost(layers[l], width)).ThenBy(l => l))
        {
            long cost = Cost(layers[l], width);
            if (cost > unrollLimit || spent + cost > MaxUnrolledPerKernel) continue;
            unrolled[l] = true;
            spent += cost;
        }
        return unrolled;
    }

    private static long Cost(NeuronLayer layer, VectorWidth width) => (long)layer.Source.FanIn * layer.Vectors(width.Lanes);

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The packing method: parameters (weights <c>[out, in]</c>, biases) → the transposed, padded copy.</summary>
    public static void EmitPack(IndentedWriter w, NeuronLayout layout)
    {
        w.Line("/// <summary>");
        w.Line("/// Writes the transposed, padded copy of the parameters that the across-neuron Predict kernels read. <paramref name=\"p\"/> is the");
        w.Line("/// network's parameters and <paramref name=\"packed\"/> its packed array (both of their fixed lengths, so no bounds are checked);");
        w.Line("/// the padding is zero from the allocation and never written.");
        w.Line("/// </summary>");
        using (w.Block($"private static void NetGenPack(float[] p, float[] packed)"))
        {
            w.Line($"ref float source = ref {Marshal}.GetArrayDataReference(p);");
            w.Line($"ref float target = ref {Marshal}.GetArrayDataReference(packed);");
            foreach (var layer in layout.Layers)
            {
                var s = layer.Source;
                w.Comment($"Layer {s.Number}: W{s.Number}ᵀ as [{s.FanIn}, {layer.Stride}] (row i = column i of W{s.Number}, written contiguously), then b{s.Number}");
                using (w.Block($"for (int i = 0; i < {I(s.FanIn)}; i++)"))
                {
                    w.Line($"ref float row = ref {Unsafe}.Add(ref target, {I(layer.PackedWeightOffset)} + i * {I(layer.Stride)});");
                    w.Line($"ref float column = ref {Unsafe}.Add(ref source, {I(s.WeightOffset)} + i);");
                    w.Line($"for (int j = 0; j < {I(s.Units)}; j++) {Unsafe}.Add(ref row, j) = {Unsafe}.Add(ref column, j * {I(s.FanIn)});");
                }
                w.Line($"global::System.Array.Copy(p, {I(s.BiasOffset)}, packed, {I(layer.PackedBiasOffset)}, {I(s.Units)});");
            }
        }
    }

    public static void EmitKernel(IndentedWriter w, NeuronLayout layout, VectorWidth width, int unrollLimit)
    {
        string VT = width.Type;
        int lanes = width.Lanes;
        bool[] unrolled = UnrolledLayers(layout, width, unrollLimit);
        w.Line($"/// <summary>Predict of one sample on {width.Bits}-bit vectors across each layer's neurons ({lanes} neurons per vector), from the packed copy <paramref name=\"packed\"/>.</summary>");
        using (w.Block($"private static void {MethodName(width)}(float[] packed, {ReadOnlySpan} input, {Span} output)"))
        {
            w.Line($"ref float w = ref {Marshal}.GetArrayDataReference(packed);");
            w.Line($"ref float x = ref {Marshal}.GetReference(input);");
            w.Line($"ref float y = ref {Marshal}.GetReference(output);");
            w.Comment($"Two activation buffers of {layout.MaxStride} floats: layer l reads the one layer l−1 wrote.");
            w.Line($"{Span} buffers = stackalloc float[{I(2 * layout.MaxStride)}];");
            w.Line($"ref float h0 = ref {Marshal}.GetReference(buffers);");
            w.Line($"ref float h1 = ref {Unsafe}.Add(ref h0, {I(layout.MaxStride)});");
            w.Line($"{VT} b;");
            for (int l = 0; l < layout.Layers.Count; l++)
            {
                w.Line();
                bool last = l == layout.Layers.Count - 1;
                string source = l == 0 ? "x" : (l % 2 == 1 ? "h0" : "h1");
                string target = l % 2 == 0 ? "h0" : "h1";
                EmitLayer(w, layout.Layers[l], width, unrolled[l], source, target, last);
            }
        }
    }

    private static void EmitLayer(IndentedWriter w, NeuronLayer layer, VectorWidth width, bool unrolled, string source, string target, bool last)
    {
        string V = width.Statics, VT = width.Type;
        var s = layer.Source;
        int lanes = width.Lanes, vectors = layer.Vectors(lanes), group = GroupSize(width);
        string inputName = s.Number == 1 ? "x" : $"a{s.Number - 1}";
        w.Comment($"Layer {s.Number}: Dense({s.Units}, {s.Activation}) ← {(s.Number == 1 ? $"Input({s.FanIn})" : $"layer {s.Number - 1}")}: "
            + $"z{s.Number} = b{s.Number} + Σi {inputName}[i]·W{s.Number}[:, i], {s.Units} neurons in {vectors} vector(s) of {lanes}"
            + (unrolled ? "" : $" ({I(s.FanIn)} inputs looped: past the unroll budget)"));
        var activation = Model.Activations.ActivationTable.Of(s.Activation);
        bool softmax = activation.Shape == Model.Activations.ActivationShape.Softmax;
        for (int first = 0; first < vectors; first += group)
        {
            int count = System.Math.Min(group, vectors - first);
            using (w.Scope())
            {
                for (int v = first; v < first + count; v++)
                {
                    w.Line($"{VT} z{v} = {V}.LoadUnsafe(ref w, {I(layer.PackedBiasOffset + v * lanes)});   // b{s.Number}[{v * lanes}…{v * lanes + lanes - 1}]");
                }
                if (unrolled)
                {
                    int chains = Chains(count, s.FanIn);
                    if (chains > 1)
                    {
                        w.Comment($"{chains} partial sums per vector (input i goes to sum i mod {chains}): independent multiply-add chains hide the FMA latency");
                        for (int v = first; v < first + count; v++)
                        {
                            for (int c = 1; c < chains; c++) w.Line($"{VT} z{v}_{c} = {VT}.Zero;");
                        }
                    }
                    for (int i = 0; i < s.FanIn; i++)
                    {
                        w.Line($"b = {V}.Create({Element(source, I(i))});   // {inputName}[{i}]");
                        for (int v = first; v < first + count; v++)
                        {
                            string sum = i % chains == 0 ? $"z{v}" : $"z{v}_{i % chains}";
                            w.Line($"{sum} = {width.MultiplyAdd("b", $"{V}.LoadUnsafe(ref w, {I(layer.PackedWeightOffset + i * layer.Stride + v * lanes)})", sum)};");
                        }
                    }
                    for (int v = first; v < first + count && chains > 1; v++)
                    {
                        w.Line(chains == 2 ? $"z{v} += z{v}_1;" : chains == 3 ? $"z{v} += z{v}_1 + z{v}_2;" : $"z{v} += (z{v}_1 + z{v}_2) + z{v}_3;");
                    }
                }
                else
                {
                    using (w.Block($"for (int i = 0; i < {I(s.FanIn)}; i++)"))
                    {
                        w.Line($"b = {V}.Create({Element(source, "i")});   // {inputName}[i]");
                        w.Line($"ref float row = ref {Unsafe}.Add(ref w, {I(layer.PackedWeightOffset)} + i * {I(layer.Stride)});");
                        for (int v = first; v < first + count; v++)
                        {
                            w.Line($"z{v} = {width.MultiplyAdd("b", $"{V}.LoadUnsafe(ref row, {I(v * lanes)})", $"z{v}")};");
                        }
                    }
                }
                if (activation.Op is Graph.OpKind op)
                {
                    w.Comment($"a{s.Number} = {s.Activation}(z{s.Number}), one vector at a time");
                    for (int v = first; v < first + count; v++) w.Line($"z{v} = {Activation(op, $"z{v}", width)};");
                }
                for (int v = first; v < first + count; v++)
                {
                    bool whole = (v + 1) * lanes <= s.Units;
                    string into = last && !softmax && whole ? "y" : target;
                    w.Line($"{V}.StoreUnsafe(z{v}, ref {into}, {I(v * lanes)});");
                }
            }
        }
        if (!last) return;
        if (softmax)
        {
            w.Comment($"Softmax over the {s.Units} outputs (max-shifted, as the scalar kernel)");
            w.Line($"float max = {target};");
            w.Line($"for (int j = 1; j < {I(s.Units)}; j++) max = global::System.MathF.Max(max, {Element(target, "j")});");
            w.Line("float sum = 0f;");
            using (w.Block($"for (int j = 0; j < {I(s.Units)}; j++)"))
            {
                w.Line($"float e = global::System.MathF.Exp({Element(target, "j")} - max);");
                w.Line($"{Element("y", "j")} = e;");
                w.Line("sum += e;");
            }
            w.Line("float scale = 1f / sum;");
            w.Line($"for (int j = 0; j < {I(s.Units)}; j++) {Element("y", "j")} *= scale;");
        }
        else if (s.Units % lanes != 0)
        {
            int tail = s.Units / lanes * lanes;
            w.Comment($"Outputs {tail}…{s.Units - 1} from the partly padded last vector");
            for (int j = tail; j < s.Units; j++) w.Line($"{Element("y", I(j))} = {Element(target, I(j))};");
        }
    }

    /// <summary>
    /// Partial sums per output vector of an unrolled layer: enough independent multiply-add chains for two FMA units of
    /// latency 4 (8 in flight) across the group's vectors, at most 4 per vector and never more than the inputs.
    /// </summary>
    private static int Chains(int vectors, int fanIn) => System.Math.Max(1, System.Math.Min(System.Math.Min(4, fanIn), 8 / System.Math.Max(1, vectors)));

    private static string Element(string reference, string index) => index == "0" ? reference : $"{Unsafe}.Add(ref {reference}, {index})";

    /// <summary>a = f(z) on one vector, from the activation's op spelling (the same one as the lane kernels', at this width).</summary>
    public static string Activation(Graph.OpKind op, string z, VectorWidth width)
    {
        var spelling = Graph.Ops.OpTable.Of(op).Lanes
            ?? throw new System.InvalidOperationException($"{op} has no vector spelling (NG0099).");
        string template = Printing.VectorTokens.Replace(spelling.Template, width.Statics, width.Type, literal => $"{width.Statics}.Create({literal})");
        return Printing.SpellingText.Fill(template, new[] { z });
    }
}

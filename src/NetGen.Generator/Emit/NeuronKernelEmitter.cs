using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NetGen.Generator.Emit;

/// <summary>
/// Batch-1 <c>Predict</c> vectorised across the neurons of each layer: for every input i of a layer, aᵢ is broadcast
/// to a vector and multiplied into the accumulators of the layer's neurons (z[j…j+L) += aᵢ · Wᵀ[i, j…j+L)), reading
/// the transposed, padded copy of <see cref="NeuronLayout"/> (in panels, from a 64-byte boundary); then the activation
/// runs on each accumulator vector. Small layers are written out input by input with constant offsets, with up to 4
/// partial sums per vector added as a tree; layers past the unroll budget loop over their inputs (constant bounds),
/// one pass per group of output vectors. A layer's activations stay in registers and the next layer broadcasts their
/// lanes (a shuffle, no store and reload), except where the next layer loops over them (a stack buffer). A softmax
/// output is computed on the vectors. Forward only: the gradient kernels are the lane and scalar ones.
/// </summary>
internal static class NeuronKernelEmitter
{
    private const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
    private const string Marshal = "global::System.Runtime.InteropServices.MemoryMarshal";
    private const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    private const string Span = "global::System.Span<float>";
    private const string AlignedWeights = "global::NetGen.Runtime.AlignedWeights";

    /// <summary>Vector FMAs a whole kernel may write out as straight-line code before more layers become loops.</summary>
    private const int MaxUnrolledPerKernel = 4096;

    public static string MethodName(VectorWidth width) => "NetGenPredictNeurons" + width.Bits;

    /// <summary>
    /// Output vectors accumulated at once (one pass over the inputs per group), for a kernel planned for
    /// <paramref name="registers"/> vector registers: x86 has 16 below AVX-512 (8 accumulators leave room for the
    /// broadcast input, the activations it is taken from and the loads) and 32 with it.
    /// </summary>
    private static int GroupSize(int registers) => registers == 32 ? 16 : 8;

    /// <summary>
    /// Accumulators (partial sums of all the group's vectors) an unrolled layer keeps in flight: at least the 8 that two
    /// FMA units of latency 4 need, and 16 with 32 registers, which halves the dependent chain of a wide layer (net C's
    /// 64 → 64 at 256 bits: 32 multiply-adds deep instead of 64).
    /// </summary>
    private static int Accumulators(int registers) => registers == 32 ? 16 : 8;

    /// <summary>
    /// Registers the kernel of <paramref name="width"/> is planned for: 32 at 512 bits (AVX-512), 16 at 256 and 128 bits
    /// (AVX2, SSE; Arm64 has 32 but is not measured here). The 256-bit kernel gets a second plan for 32 registers
    /// (<see cref="Avx512Suffix"/>) where that plan differs.
    /// </summary>
    private static int Registers(VectorWidth width) => width.Bits == 512 ? 32 : 16;

    /// <summary>Name suffix of the 256-bit kernel planned for AVX-512's 32 registers.</summary>
    private const string Avx512Suffix = "Avx512";

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

    /// <summary><c>offset + term</c>, or the term alone where the offset is 0.</summary>
    private static string Offset(int offset, string term) => offset == 0 ? term : $"{I(offset)} + {term}";

    /// <summary>The packing method: parameters (weights <c>[out, in]</c>, biases) → the transposed, padded copy in panels.</summary>
    public static void EmitPack(IndentedWriter w, NeuronLayout layout)
    {
        int panel = NeuronLayer.PanelWidth;
        w.Line("/// <summary>");
        w.Line("/// Writes the transposed, padded copy of the parameters that the across-neuron Predict kernels read, from its first 64-byte boundary on.");
        w.Line("/// <paramref name=\"p\"/> is the network's parameters and <paramref name=\"packed\"/> its packed array (both of their fixed lengths, so no");
        w.Line("/// bounds are checked); the padding is zero from the allocation and never written.");
        w.Line("/// </summary>");
        using (w.Block($"private static void NetGenPack(float[] p, float[] packed)"))
        {
            w.Line($"ref float source = ref {Marshal}.GetArrayDataReference(p);");
            w.Line($"ref float target = ref {AlignedWeights}.Start(packed);");
            foreach (var layer in layout.Layers)
            {
                var s = layer.Source;
                w.Comment(layer.Stride <= panel
                    ? $"Layer {s.Number}: W{s.Number}ᵀ as [{s.FanIn}, {layer.Stride}] (row i holds W{s.Number}[:, i]; one panel), then b{s.Number}"
                    : $"Layer {s.Number}: W{s.Number}ᵀ ([{s.FanIn}, {layer.Stride}]) in panels of {panel} neurons, each panel's {s.FanIn} rows one after the other "
                        + $"(row i of neuron j's panel holds W{s.Number}[j, i]), then b{s.Number}; 8 × 8 blocks transposed in registers (MatrixRows.PackPanels)");
                w.Line($"global::NetGen.Runtime.Matrix.MatrixRows.PackPanels(new global::System.ReadOnlySpan<float>(p, {I(s.WeightOffset)}, {I(s.Units * s.FanIn)}), {I(s.Units)}, {I(s.FanIn)},");
                w.Line($"    {Marshal}.CreateSpan(ref {Unsafe}.Add(ref target, {I(layer.PackedWeightOffset)}), {I(layer.Stride * s.FanIn)}), {I(layer.Stride)}, {I(panel)});");
                w.Line($"for (int j = 0; j < {I(s.Units)}; j++) {Unsafe}.Add(ref target, {Offset(layer.PackedBiasOffset, "j")}) = {Unsafe}.Add(ref source, {Offset(s.BiasOffset, "j")});   // b{s.Number}");
            }
        }
    }

    /// <summary>
    /// The kernel of <paramref name="width"/>; at 256 bits, where 32 registers change the plan (larger groups, more
    /// partial sums), also a second kernel planned for them, which the first hands over to on processors with AVX-512
    /// (<c>Avx512F.VL.IsSupported</c>, a constant for the JIT: no run-time test is left).
    /// </summary>
    public static void EmitKernel(IndentedWriter w, NeuronLayout layout, VectorWidth width, int unrollLimit)
    {
        bool variant = width.Bits == 256 && Plan(layout, width, unrollLimit, 16) != Plan(layout, width, unrollLimit, 32);
        EmitKernel(w, layout, width, unrollLimit, Registers(width), variant ? MethodName(width) + Avx512Suffix : null);
        if (!variant) return;
        w.Line();
        EmitKernel(w, layout, width, unrollLimit, 32, null);
    }

    /// <summary>The groups and partial sums of every layer: two plans that agree print the same kernel.</summary>
    private static string Plan(NeuronLayout layout, VectorWidth width, int unrollLimit, int registers)
    {
        bool[] unrolled = UnrolledLayers(layout, width, unrollLimit);
        var text = new System.Text.StringBuilder();
        for (int l = 0; l < layout.Layers.Count; l++)
        {
            int vectors = layout.Layers[l].Vectors(width.Lanes), group = GroupSize(registers);
            for (int first = 0; first < vectors; first += group)
            {
                int count = System.Math.Min(group, vectors - first);
                text.Append(count).Append('×').Append(unrolled[l] ? Chains(count, layout.Layers[l].Source.FanIn, registers) : 0).Append(' ');
            }
            text.Append("| ");
        }
        return text.ToString();
    }

    private static void EmitKernel(IndentedWriter w, NeuronLayout layout, VectorWidth width, int unrollLimit, int registers, string? handOver)
    {
        string VT = width.Type;
        int lanes = width.Lanes, count = layout.Layers.Count;
        bool[] unrolled = UnrolledLayers(layout, width, unrollLimit);
        // Layer l's activations go to a stack buffer only where layer l + 1 loops over its inputs (it reads input i at a
        // run-time index); everywhere else they stay in registers and the next layer broadcasts their lanes.
        var buffered = Enumerable.Range(0, count).Select(l => l < count - 1 && !unrolled[l + 1]).ToArray();
        int bufferFloats = Enumerable.Range(0, count).Where(l => buffered[l]).Select(l => layout.Layers[l].Stride).DefaultIfEmpty(0).Max();
        bool[] parities = { Enumerable.Range(0, count).Any(l => buffered[l] && l % 2 == 0), Enumerable.Range(0, count).Any(l => buffered[l] && l % 2 == 1) };
        string name = MethodName(width) + (registers == 32 && width.Bits == 256 ? Avx512Suffix : "");
        string plan = registers == 32 && width.Bits == 256 ? " planned for AVX-512's 32 registers" : "";
        w.Line($"/// <summary>Predict of one sample on {width.Bits}-bit vectors across each layer's neurons ({lanes} neurons per vector){plan}, from the packed copy <paramref name=\"packed\"/>.</summary>");
        using (w.Block($"private static void {name}(float[] packed, {ReadOnlySpan} input, {Span} output)"))
        {
            if (handOver is not null)
            {
                w.Comment("With AVX-512 (32 vector registers, also for 256-bit code) the plan with more accumulators per pass is faster.");
                using (w.Block("if (global::System.Runtime.Intrinsics.X86.Avx512F.VL.IsSupported)"))
                {
                    w.Line($"{handOver}(packed, input, output);");
                    w.Line("return;");
                }
            }
            w.Line($"ref float w = ref {AlignedWeights}.Start(packed);");
            w.Line($"ref float x = ref {Marshal}.GetReference(input);");
            w.Line($"ref float y = ref {Marshal}.GetReference(output);");
            if (bufferFloats > 0)
            {
                bool both = parities[0] && parities[1];
                w.Comment(both
                    ? $"Two activation buffers of {bufferFloats} floats for the layers that loop over their inputs: layer l reads the one layer l−1 wrote."
                    : $"An activation buffer of {bufferFloats} floats for the layers that loop over their inputs.");
                w.Line($"{Span} buffers = stackalloc float[{I((both ? 2 : 1) * bufferFloats)}];");
                string first = parities[0] ? "h0" : "h1";
                w.Line($"ref float {first} = ref {Marshal}.GetReference(buffers);");
                if (both) w.Line($"ref float h1 = ref {Unsafe}.Add(ref h0, {I(bufferFloats)});");
            }
            w.Line($"{VT} b;");
            for (int l = 0; l < count; l++)
            {
                w.Line();
                var input = l == 0 ? Place.Memory("x") : buffered[l - 1] ? Place.Memory(l % 2 == 1 ? "h0" : "h1") : Place.Registers;
                var target = l == count - 1 ? Place.Output : buffered[l] ? Place.Memory(l % 2 == 0 ? "h0" : "h1") : Place.Registers;
                EmitLayer(w, layout.Layers[l], width, registers, unrolled[l], input, target);
            }
        }
    }

    /// <summary>Where a layer reads its inputs or leaves its activations: memory (the input span or a buffer), registers
    /// (<c>a1_0</c>, <c>a1_1</c>, … one variable per vector), or the output span.</summary>
    private sealed record Place(string? Reference, bool IsOutput)
    {
        public static readonly Place Registers = new(null, false);
        public static readonly Place Output = new(null, true);

        public static Place Memory(string reference) => new(reference, false);

        public bool InRegisters => Reference is null && !IsOutput;
    }

    private static void EmitLayer(IndentedWriter w, NeuronLayer layer, VectorWidth width, int registers, bool unrolled, Place input, Place target)
    {
        string V = width.Statics, VT = width.Type;
        var s = layer.Source;
        int lanes = width.Lanes, vectors = layer.Vectors(lanes), group = GroupSize(registers);
        string inputName = s.Number == 1 ? "x" : $"a{s.Number - 1}";
        string activations = $"a{s.Number}";
        var activation = Model.Activations.ActivationTable.Of(s.Activation);
        bool softmax = activation.Shape == Model.Activations.ActivationShape.Softmax;
        w.Comment($"Layer {s.Number}: Dense({s.Units}, {s.Activation}) ← {(s.Number == 1 ? $"Input({s.FanIn})" : $"layer {s.Number - 1}")}: "
            + $"z{s.Number} = b{s.Number} + Σi {inputName}[i]·W{s.Number}[:, i], {s.Units} neurons in {vectors} vector(s) of {lanes}"
            + (unrolled ? "" : $" ({I(s.FanIn)} inputs looped: past the unroll budget)"));
        // Activations that stay in registers (for the next layer's broadcasts, or for the softmax across all vectors).
        bool kept = target.InRegisters || (target.IsOutput && softmax);
        if (kept)
        {
            w.Comment(target.IsOutput
                ? $"{activations}_v holds z{s.Number}[{lanes}v…{lanes}v+{lanes - 1}] until the softmax below"
                : $"{activations}_v holds {activations}[{lanes}v…{lanes}v+{lanes - 1}], kept in registers: layer {s.Number + 1} broadcasts its lanes");
            w.Line($"{VT} {string.Join(", ", Enumerable.Range(0, vectors).Select(v => $"{activations}_{v}"))};");
        }
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
                    int chains = Chains(count, s.FanIn, registers);
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
                        string broadcast = input.InRegisters
                            ? width.Broadcast($"{inputName}_{i / lanes}", i % lanes)
                            : $"{V}.Create({Element(input.Reference!, I(i))})";
                        w.Line($"b = {broadcast};   // {inputName}[{i}]");
                        for (int v = first; v < first + count; v++)
                        {
                            string sum = i % chains == 0 ? $"z{v}" : $"z{v}_{i % chains}";
                            w.Line($"{sum} = {width.MultiplyAdd("b", $"{V}.LoadUnsafe(ref w, {I(layer.WeightOffset(i, v * lanes))})", sum)};");
                        }
                    }
                    if (chains > 1) w.Comment("The partial sums added pairwise (a tree: fewer dependent adds than one after the other)");
                    for (int v = first; v < first + count && chains > 1; v++)
                    {
                        var sums = new[] { $"z{v}" }.Concat(Enumerable.Range(1, chains - 1).Select(c => $"z{v}_{c}")).ToArray();
                        w.Line($"z{v} = {Sum(sums)};");
                    }
                }
                else
                {
                    EmitInputLoop(w, layer, width, first, count, input.Reference!, inputName);
                }
                if (activation.Op is Graph.OpKind op && !kept) w.Comment($"{activations} = {s.Activation}(z{s.Number}), one vector at a time");
                for (int v = first; v < first + count; v++)
                {
                    string value = activation.Op is Graph.OpKind f ? Activation(f, $"z{v}", width) : $"z{v}";
                    if (kept) w.Line($"{activations}_{v} = {value};{(activation.Op is not null ? $"   // {s.Activation}" : "")}");
                    else if (target.IsOutput) StoreOutput(w, width, value, $"z{v}", v, s.Units);
                    else w.Line($"{V}.StoreUnsafe({value}, ref {target.Reference}, {I(v * lanes)});");
                }
            }
        }
        if (target.IsOutput && softmax) EmitSoftmax(w, width, activations, vectors, s.Units);
    }

    /// <summary>
    /// A looped layer's multiply-adds for one group of output vectors: one pass over the inputs, each row i read from the
    /// group's panels (one <c>ref</c> per panel row width: 32, and 16 for a narrower last panel).
    /// </summary>
    private static void EmitInputLoop(IndentedWriter w, NeuronLayer layer, VectorWidth width, int first, int count, string source, string inputName)
    {
        string V = width.Statics;
        int lanes = width.Lanes;
        var rows = Enumerable.Range(first, count).Select(v => layer.PanelRow(v * lanes)).Distinct().OrderByDescending(r => r).ToArray();
        string Row(int width) => rows.Length == 1 ? "row" : $"row{width}";
        using (w.Block($"for (int i = 0; i < {I(layer.Source.FanIn)}; i++)"))
        {
            w.Line($"b = {V}.Create({Element(source, "i")});   // {inputName}[i]");
            foreach (int row in rows)
            {
                w.Line($"ref float {Row(row)} = ref {Unsafe}.Add(ref w, i * {I(row)});   // row i of the {(rows.Length == 1 ? "" : $"{row}-wide ")}panels below");
            }
            for (int v = first; v < first + count; v++)
            {
                int j = v * lanes;
                string load = $"{V}.LoadUnsafe(ref {Row(layer.PanelRow(j))}, {I(layer.PanelOffset(j) + (j - NeuronLayer.PanelStart(j)))})";
                w.Line($"z{v} = {width.MultiplyAdd("b", load, $"z{v}")};");
            }
        }
    }

    /// <summary>
    /// Output vector <paramref name="v"/> into the output span: whole, or its first lanes where the units end inside it
    /// (then <paramref name="value"/> is put in the variable <paramref name="name"/> first, and its halves are stored).
    /// </summary>
    private static void StoreOutput(IndentedWriter w, VectorWidth width, string value, string name, int v, int units)
    {
        int lanes = width.Lanes, valid = System.Math.Min(lanes, units - v * lanes);
        if (valid == lanes)
        {
            w.Line($"{width.Statics}.StoreUnsafe({value}, ref y, {I(v * lanes)});");
            return;
        }
        w.Comment($"Outputs {v * lanes}…{units - 1}: the first {valid} lanes of the last vector (the rest is padding)");
        if (value != name) w.Line($"{name} = {value};");
        StoreLanes(w, width.Bits, name, valid, v * lanes);
    }

    /// <summary>Lanes 0…count−1 of <paramref name="vector"/> into y[offset…]: whole halves (256 or 128 bits) while they fit, then single lanes.</summary>
    private static void StoreLanes(IndentedWriter w, int bits, string vector, int count, int offset)
    {
        int lanes = bits / 32;
        string statics = $"NetGenVector{bits}";
        if (count == 0) return;
        if (count == lanes)
        {
            w.Line($"{statics}.StoreUnsafe({vector}, ref y, {I(offset)});   // y[{offset}…{offset + count - 1}]");
        }
        else if (bits == 128)
        {
            for (int j = 0; j < count; j++) w.Line($"{Element("y", I(offset + j))} = {statics}.GetElement({vector}, {j});");
        }
        else if (count >= lanes / 2)
        {
            StoreLanes(w, bits / 2, $"{statics}.GetLower({vector})", lanes / 2, offset);
            StoreLanes(w, bits / 2, $"{statics}.GetUpper({vector})", count - lanes / 2, offset + lanes / 2);
        }
        else
        {
            StoreLanes(w, bits / 2, $"{statics}.GetLower({vector})", count, offset);
        }
    }

    /// <summary>
    /// The softmax of the last layer on its vectors (<c>a_v</c>, max-shifted like the scalar kernel): the padding lanes
    /// are set to −∞ first so that they count neither in the maximum nor in the sum (e^−∞ = 0), then
    /// y = e^(z − max) / Σ e^(z − max) with the vector exp.
    /// </summary>
    private static void EmitSoftmax(IndentedWriter w, VectorWidth width, string name, int vectors, int units)
    {
        string V = width.Statics, VT = width.Type, M = VectorWidth.MathAlias;
        int lanes = width.Lanes, last = vectors - 1, valid = units - last * lanes;
        var all = Enumerable.Range(0, vectors).Select(v => $"{name}_{v}").ToArray();
        w.Comment($"Softmax over the {units} outputs on the vectors, max-shifted like the scalar kernel; e^(z − max) with the vector exp");
        if (valid < lanes)
        {
            string padding = units == vectors * lanes - 1 ? $"lane {units}" : $"lanes {units}…{vectors * lanes - 1}";
            w.Comment($"Padding {padding} → −∞: counted neither in the maximum nor in the sum (e^−∞ = 0)");
            var pad = Enumerable.Range(0, lanes).Select(j => j < valid ? "0f" : "float.NegativeInfinity");
            w.Line($"{all[last]} += {V}.Create({string.Join(", ", pad)});");
        }
        EmitTree(w, VT, "largest", all, (a, b) => $"{V}.Max({a}, {b})", infix: false);
        w.Line($"{VT} max = {M}.MaxAcross(largest);   // the largest logit, in every lane");
        foreach (string a in all) w.Line($"{a} = {M}.Exp({a} - max);");
        EmitTree(w, VT, "total", all, (a, b) => $"{a} + {b}", infix: true);
        w.Line($"{VT} scale = {V}.Create(1f / {V}.Sum(total));");
        for (int v = 0; v < vectors; v++) StoreOutput(w, width, $"{all[v]} * scale", all[v], v, units);
    }

    /// <summary>A balanced tree of <paramref name="combine"/> over <paramref name="terms"/> (log₂ n dependent steps instead of n − 1).</summary>
    private static string Tree(IReadOnlyList<string> terms, System.Func<string, string, string> combine, bool strip = false)
    {
        var level = terms.ToList();
        while (level.Count > 1)
        {
            var next = new List<string>();
            for (int k = 0; k + 1 < level.Count; k += 2) next.Add(combine(level[k], level[k + 1]));
            if (level.Count % 2 == 1) next.Add(level[level.Count - 1]);
            level = next;
        }
        // With strip, combine wraps every step in parentheses; the outermost pair is not needed.
        return strip && terms.Count > 1 ? level[0].Substring(1, level[0].Length - 2) : level[0];
    }

    /// <summary>
    /// <c>VT result = </c> a balanced tree of <paramref name="combine"/> over <paramref name="terms"/>, lane by lane: one
    /// expression for up to 4 terms, else one line per combination of the lower levels (<c>result1_0</c>, …) so that no
    /// line grows with the number of vectors.
    /// </summary>
    private static void EmitTree(IndentedWriter w, string VT, string result, IReadOnlyList<string> terms, System.Func<string, string, string> combine, bool infix)
    {
        var level = terms.ToList();
        for (int depth = 1; level.Count > 4; depth++)
        {
            var next = new List<string>();
            for (int k = 0; k + 1 < level.Count; k += 2)
            {
                string name = $"{result}{depth}_{k / 2}";
                w.Line($"{VT} {name} = {combine(level[k], level[k + 1])};");
                next.Add(name);
            }
            if (level.Count % 2 == 1) next.Add(level[level.Count - 1]);
            level = next;
        }
        // An infix combination (a + b) is parenthesised where it nests; a call (Max(a, b)) needs no parentheses.
        w.Line($"{VT} {result} = {Tree(level, infix ? (a, b) => $"({combine(a, b)})" : combine, strip: infix)};");
    }

    /// <summary><paramref name="terms"/> added as a balanced tree: <c>(a + b) + (c + d)</c>.</summary>
    private static string Sum(IReadOnlyList<string> terms) => Tree(terms, (a, b) => $"({a} + {b})", strip: true);

    /// <summary>
    /// Partial sums per output vector of an unrolled layer: the group's <see cref="Accumulators"/> spread over its
    /// vectors (independent multiply-add chains hide the FMA latency), at most 4 per vector and never more than the inputs.
    /// </summary>
    private static int Chains(int vectors, int fanIn, int registers) =>
        System.Math.Max(1, System.Math.Min(System.Math.Min(MaxChains, fanIn), Accumulators(registers) / System.Math.Max(1, vectors)));

    private const int MaxChains = 4;

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

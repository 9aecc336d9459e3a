using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetGen.Generator.Emit.Printing;
using NetGen.Generator.Graph;
using NetGen.Generator.Model;
using NetGen.Generator.Model.Activations;
using NetGen.Generator.Model.Layers;

namespace NetGen.Generator.Emit.Sequence;

/// <summary>
/// The SIMD step of a sequence network (batch-1 streaming <c>Predict</c>, <c>PredictSequence</c>, <c>PredictBatch</c>):
/// across the neurons of each layer, 8 (256-bit) or 4 (128-bit) at a time. Every affine map (a Dense layer, a recurrent
/// layer's gi = W_ih·x + b_ih and gh = W_hh·h + b_hh, a causal convolution over its gathered taps) is a matrix–vector
/// product over the packed, transposed copy (<see cref="StepPlan"/>): one broadcast input times whole vectors of rows, up
/// to 8 vectors of rows in registers. What follows the sums is printed from the layers' own definitions on whole vectors:
/// a recurrent layer's <see cref="RecurrentLayer.Neuron"/> (built once on a one-neuron graph, its leaves the vectors of
/// gi, gh and the previous state) and an activation's <see cref="ActivationLowering"/>, by the one
/// <see cref="ExpressionPrinter"/> in the <see cref="TileDialect"/>. The training members keep the scalar step kernels.
/// </summary>
internal static class SequenceVectorStepEmitter
{
    private const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
    private const string Marshal = "global::System.Runtime.InteropServices.MemoryMarshal";
    private const string Span = "global::System.Span<float>";
    private const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";

    /// <summary>Vectors of rows a matrix–vector pass keeps in registers.</summary>
    private const int VectorsPerPass = 8;

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The widths the SIMD step is emitted for: 256 and 128 bits where the compilation has them (512 measured no faster here).</summary>
    public static IReadOnlyList<VectorWidth> Widths(NetworkSpec spec)
    {
        if (!StepPlan.Supports(spec)) return new VectorWidth[0];
        return spec.VectorWidths.Where(b => b is 256 or 128).OrderByDescending(b => b).Select(b => new VectorWidth(b, spec.MultiplyAddEstimate)).ToList();
    }

    public static string MethodName(VectorWidth width) => "NetGenStepVector" + I(width.Bits);

    /// <summary>Builds the packed copy's layout (the same for every width).</summary>
    public static StepPlan Plan(NetworkSpec spec)
    {
        var plan = new StepPlan();
        int offset = 0;
        foreach (var layer in spec.Layers)
        {
            switch (layer)
            {
                case DenseLayer d:
                    plan.Affine(offset, offset + d.Units * d.InputSize, 1, d.Units, d.InputSize, $"layer {d.Number}: Dense({d.Units}) z = W·a + b");
                    break;
                case RecurrentLayer r:
                    int rows = r.Gates * r.HiddenSize;
                    int hh = offset + rows * r.InputSize, bih = hh + rows * r.HiddenSize, bhh = bih + rows;
                    plan.Affine(offset, bih, r.Gates, r.HiddenSize, r.InputSize, $"layer {r.Number}: {r.Kind} gi = W_ih·x + b_ih");
                    plan.Affine(hh, bhh, r.Gates, r.HiddenSize, r.HiddenSize, $"layer {r.Number}: {r.Kind} gh = W_hh·h(t−1) + b_hh");
                    break;
                case CausalConvLayer c:
                    plan.Affine(offset, offset + c.OutChannels * c.InputSize * c.KernelSize, 1, c.OutChannels, c.InputSize * c.KernelSize, $"layer {c.Number}: CausalConv1D z = W·taps + b");
                    break;
                case DropoutLayer:
                    break;   // the identity at inference
                default:
                    throw new System.InvalidOperationException($"Layer {layer.GetType().Name} has no SIMD step (StepPlan.Supports should have refused it).");
            }
            offset += (int)layer.ParameterCount;
        }
        return plan;
    }

    /// <summary>The packed copy's field.</summary>
    public static void EmitFields(IndentedWriter w, StepPlan plan)
    {
        w.Comment("The SIMD step's packed copy: every affine map of the step transposed, rows padded to whole vectors; pinned, read from its");
        w.Comment("first 64-byte boundary. Rewritten in place by every parameter write (NetGenParametersWritten).");
        w.Line($"private readonly float[] _netgenStepPacked = global::NetGen.Runtime.AlignedWeights.Allocate({I(plan.PackedLength)});");
    }

    /// <summary>The refresh in <c>NetGenParametersWritten</c>.</summary>
    public static void EmitRefresh(IndentedWriter w, StepPlan plan)
    {
        w.Comment("The SIMD step's transposed copy follows the parameters, in place (padding stays zero).");
        w.Line($"{ReadOnlySpan} p = _netgenParameters;");
        w.Line($"{Span} packed = {Marshal}.CreateSpan(ref global::NetGen.Runtime.AlignedWeights.Start(_netgenStepPacked), {I(plan.PackedLength)});");
        foreach (var a in plan.Affines)
        {
            for (int k = 0; k < a.Blocks; k++)
            {
                int rows = a.BlockRows;
                w.Line($"global::NetGen.Runtime.StepPacking.Transpose(p.Slice({I(a.WeightOffset + k * rows * a.Columns)}, {I(rows * a.Columns)}), {I(rows)}, {I(a.Columns)}, packed.Slice({I(a.PackedWeights)}, {I(a.Columns * a.PackedRows)}), {I(a.PackedRows)}, {I(k * a.BlockStride)});   // {a.What}{(a.Blocks > 1 ? $", gate block {k}" : "")}");
                w.Line($"p.Slice({I(a.BiasOffset + k * rows)}, {I(rows)}).CopyTo(packed.Slice({I(a.PackedBias + k * a.BlockStride)}, {I(rows)}));");
            }
        }
    }

    /// <summary>Where a layer reads or writes its values: the step's input, the state span, or a scratch region (offsets in floats).</summary>
    private readonly struct Place
    {
        public Place(string reference, string span, int offset)
        {
            Reference = reference;
            Span = span;
            Offset = offset;
        }

        /// <summary>The <c>ref float</c> local of its memory (<c>x</c>, <c>st</c>, <c>sr</c>).</summary>
        public string Reference { get; }

        /// <summary>The span it lies in (<c>input</c>, <c>state</c>, <c>s</c>).</summary>
        public string Span { get; }

        /// <summary>Its first value's index in that span.</summary>
        public int Offset { get; }

        public static Place Input => new("x", "input", 0);

        public static Place State(int offset) => new("st", "state", offset);

        public static Place Region(int offset) => new("sr", "s", offset);

        /// <summary><c>span.Slice(offset, count)</c>.</summary>
        public string Slice(int count) => $"{Span}.Slice({I(Offset)}, {I(count)})";

        /// <summary>A <c>ref float</c> expression for value <paramref name="index"/> (an expression) of the place.</summary>
        public string At(string index) => Offset == 0 ? $"{Unsafe}.Add(ref {Reference}, {index})" : $"{Unsafe}.Add(ref {Reference}, {I(Offset)} + {index})";
    }

    /// <summary><c>static void NetGenStepVector256(float[] packed, input, state, output)</c>.</summary>
    /// <remarks>
    /// The step reads its input and the state where they are and writes the next state in place (a recurrent layer whose
    /// hidden size is a whole number of vectors; others go through a padded copy), and a recurrent layer whose gate sums fit
    /// one pass of vectors keeps them in locals for its cell: a small network's step needs no scratch memory at all.
    /// </remarks>
    public static void EmitStep(IndentedWriter w, NetworkSpec spec, StepPlan plan, VectorWidth width)
    {
        int lanes = width.Lanes;
        var regions = new StepPlan();
        w.Line($"/// <summary>One time step on {I(width.Bits)}-bit vectors of neurons: the step's outputs, and the next state written over <paramref name=\"state\"/>.</summary>");
        using (w.Block($"private static void {MethodName(width)}(float[] packed, {ReadOnlySpan} input, {Span} state, {Span} output)"))
        {
            var body = new IndentedWriter();
            var affines = new Queue<StepAffine>(plan.Affines);
            var source = Place.Input;
            int sourceSize = spec.InputSize, stateOffset = 0;
            foreach (var layer in spec.Layers)
            {
                switch (layer)
                {
                    case DenseLayer d:
                    {
                        var z = Place.Region(regions.Region(d.Units));
                        Affine(body, width, affines.Dequeue(), source, z, null);
                        Activation(body, width, d.Activation, d.Number, z.Offset, d.Units);
                        source = z;
                        sourceSize = d.Units;
                        break;
                    }
                    case RecurrentLayer r:
                    {
                        int stride = StepPlan.Pad(r.HiddenSize), per = r.StatePerNeuron;
                        bool direct = r.HiddenSize == stride;
                        bool registers = r.Gates * stride / lanes <= VectorsPerPass;
                        Place previous, next;
                        if (direct)
                        {
                            previous = next = Place.State(stateOffset);
                            body.Comment($"Layer {r.Number}: {r.Kind}({r.HiddenSize}), its state read and written in place at state[{stateOffset}..{stateOffset + r.StateSize}) (h{(per > 1 ? ", then c" : "")})");
                        }
                        else
                        {
                            previous = Place.Region(regions.Region(per * stride));
                            next = Place.Region(regions.Region(per * stride));
                            body.Comment($"Layer {r.Number}: {r.Kind}({r.HiddenSize}), its previous state from state[{stateOffset}..{stateOffset + r.StateSize}) (h{(per > 1 ? ", then c" : "")}), padded with zeros");
                            for (int s = 0; s < per; s++)
                            {
                                body.Line($"state.Slice({I(stateOffset + s * r.HiddenSize)}, {I(r.HiddenSize)}).CopyTo(s.Slice({I(previous.Offset + s * stride)}, {I(r.HiddenSize)}));");
                                if (stride > r.HiddenSize) body.Line($"s.Slice({I(previous.Offset + s * stride + r.HiddenSize)}, {I(stride - r.HiddenSize)}).Clear();");
                            }
                        }
                        string giName = $"gi{I(r.Number)}_", ghName = $"gh{I(r.Number)}_";
                        var gi = registers ? default : Place.Region(regions.Region(r.Gates * stride));
                        var gh = registers ? default : Place.Region(regions.Region(r.Gates * stride));
                        Affine(body, width, affines.Dequeue(), source, gi, registers ? giName : null);
                        Affine(body, width, affines.Dequeue(), previous, gh, registers ? ghName : null);
                        if (registers) CellInRegisters(body, width, r, giName, ghName, previous, next, stride);
                        else Cell(body, width, r, gi, gh, previous, next, stride);
                        if (!direct)
                        {
                            for (int s = 0; s < per; s++)
                            {
                                body.Line($"s.Slice({I(next.Offset + s * stride)}, {I(r.HiddenSize)}).CopyTo(state.Slice({I(stateOffset + s * r.HiddenSize)}, {I(r.HiddenSize)}));");
                            }
                        }
                        source = direct ? Place.State(stateOffset) : next;
                        stateOffset += r.StateSize;
                        sourceSize = r.HiddenSize;
                        break;
                    }
                    case CausalConvLayer c:
                    {
                        var taps = Place.Region(regions.Region(c.InputSize * c.KernelSize));
                        var z = Place.Region(regions.Region(c.OutChannels));
                        Taps(body, c, source, taps, stateOffset);
                        Affine(body, width, affines.Dequeue(), taps, z, null);
                        if (c.StateSize > 0)
                        {
                            body.Comment($"Layer {c.Number}: its history moves one step older; the newest slot takes this step's input");
                            if (c.ReceptiveSteps > 1) body.Line($"state.Slice({I(stateOffset + c.InputSize)}, {I(c.StateSize - c.InputSize)}).CopyTo(state.Slice({I(stateOffset)}, {I(c.StateSize - c.InputSize)}));");
                            body.Line($"{source.Slice(c.InputSize)}.CopyTo(state.Slice({I(stateOffset + c.StateSize - c.InputSize)}, {I(c.InputSize)}));");
                        }
                        Activation(body, width, c.Activation, c.Number, z.Offset, c.OutChannels);
                        stateOffset += c.StateSize;
                        source = z;
                        sourceSize = c.OutChannels;
                        break;
                    }
                    case DropoutLayer:
                        break;
                    default:
                        throw new System.InvalidOperationException($"Layer {layer.GetType().Name} has no SIMD step.");
                }
            }
            w.Line("ref float w = ref global::NetGen.Runtime.AlignedWeights.Start(packed);");
            w.Line($"ref float x = ref {Marshal}.GetReference(input);");
            w.Line($"ref float st = ref {Marshal}.GetReference(state);");
            if (regions.ScratchLength > 0)
            {
                w.Line($"{Span} s = stackalloc float[{I(regions.ScratchLength)}];");
                w.Line($"ref float sr = ref {Marshal}.GetReference(s);");
            }
            foreach (string line in body.ToString().Split('\n'))
            {
                if (line.Length > 0) w.Line(line.TrimEnd('\r'));
            }
            w.Line($"{source.Slice(sourceSize)}.CopyTo(output);");
        }
    }

    /// <summary>
    /// out = b + W·in over the packed map: passes of up to 8 vectors of rows, one broadcast input a column; the sums are
    /// stored at <paramref name="output"/>, or, with <paramref name="locals"/>, kept in the locals <c>{locals}0</c>, <c>{locals}1</c>, ….
    /// </summary>
    private static void Affine(IndentedWriter w, VectorWidth width, StepAffine a, Place input, Place output, string? locals)
    {
        string V = width.Statics, VT = width.Type;
        int vectors = a.PackedRows / width.Lanes;
        w.Comment($"{char.ToUpperInvariant(a.What[0])}{a.What.Substring(1)}: {a.PackedRows} rows (padded) × {a.Columns} inputs, {VectorsPerPass} vectors of rows a pass{(locals is null ? "" : ", kept in registers")}");
        if (locals is not null) w.Line($"{VT} {string.Join(", ", Enumerable.Range(0, vectors).Select(v => locals + I(v)))};");
        for (int first = 0; first < vectors; first += VectorsPerPass)
        {
            int count = System.Math.Min(VectorsPerPass, vectors - first);
            using (w.Scope())
            {
                for (int v = 0; v < count; v++)
                {
                    w.Line($"{VT} acc{v} = {V}.LoadUnsafe(ref w, {I(a.PackedBias + (first + v) * width.Lanes)});");
                }
                w.Line($"ref float column = ref {Unsafe}.Add(ref w, {I(a.PackedWeights + first * width.Lanes)});");
                w.Line($"ref float operand = ref {Unsafe}.Add(ref {input.Reference}, {I(input.Offset)});");
                using (w.Block($"for (int c = 0; c < {I(a.Columns)}; c++)"))
                {
                    w.Line($"{VT} b = {V}.Create({Unsafe}.Add(ref operand, c));");
                    for (int v = 0; v < count; v++)
                    {
                        string load = v == 0 ? $"{V}.LoadUnsafe(ref column)" : $"{V}.LoadUnsafe(ref column, {I(v * width.Lanes)})";
                        w.Line($"acc{v} = {width.MultiplyAdd(load, "b", $"acc{v}")};");
                    }
                    w.Line($"column = ref {Unsafe}.Add(ref column, {I(a.PackedRows)});");
                }
                for (int v = 0; v < count; v++)
                {
                    w.Line(locals is null
                        ? $"{V}.StoreUnsafe(acc{v}, ref {output.Reference}, {I(output.Offset + (first + v) * width.Lanes)});"
                        : $"{locals}{I(first + v)} = acc{v};");
                }
            }
        }
    }

    /// <summary>A layer's activation on its region, in place: printed from its definition on vectors; Softmax in scalar code.</summary>
    private static void Activation(IndentedWriter w, VectorWidth width, ActivationKind activation, int number, int region, int count)
    {
        var shape = ActivationTable.Of(activation).Shape;
        if (shape == ActivationShape.Identity) return;
        if (shape == ActivationShape.Softmax)
        {
            w.Comment($"Layer {number}: softmax over its {count} values (max-shifted)");
            using (w.Scope())
            {
                w.Line($"{Span} z = s.Slice({I(region)}, {I(count)});");
                w.Line("float max = z[0];");
                w.Line("for (int k = 1; k < z.Length; k++) max = global::System.MathF.Max(max, z[k]);");
                w.Line("float sum = 0f;");
                w.Line("for (int k = 0; k < z.Length; k++) { z[k] = global::System.MathF.Exp(z[k] - max); sum += z[k]; }");
                w.Line("for (int k = 0; k < z.Length; k++) z[k] /= sum;");
            }
            return;
        }
        var g = new ExpressionGraph();
        int z0 = g.Input(0);
        int a0 = ActivationLowering.Apply(g, new[] { z0 }, activation, number)[0];
        w.Comment($"Layer {number}: a = {activation}(z) on {width.Lanes} neurons at a time (the activation's definition, on vectors)");
        using (w.Block($"for (int v = 0; v < {I(StepPlan.Pad(count))}; v += {I(width.Lanes)})"))
        {
            w.Line($"ref float at = ref {Unsafe}.Add(ref sr, {I(region)} + v);");
            w.Line($"{width.Type} z = {width.Statics}.LoadUnsafe(ref at);");
            TileStatements.Emit(w, width, g, new Dictionary<int, string> { [z0] = "z" }, new[] { a0 }, (_, value) => $"{width.Statics}.StoreUnsafe({value}, ref at);");
        }
    }

    /// <summary>A recurrent layer's cell on vectors of neurons, its gate sums in scratch: its <see cref="RecurrentLayer.Neuron"/> printed once, in a loop over the vectors.</summary>
    private static void Cell(IndentedWriter w, VectorWidth width, RecurrentLayer r, Place gi, Place gh, Place previous, Place next, int stride)
    {
        var (g, names, neuron) = CellGraph(r, null, null);
        int hStride = StateStride(r, previous, stride);
        w.Comment($"Layer {r.Number}: the {r.Kind} cell on {width.Lanes} neurons at a time (the layer's definition, printed on vectors)");
        using (w.Block($"for (int v = 0; v < {I(stride)}; v += {I(width.Lanes)})"))
        {
            w.Line($"ref float gates = ref {gi.At("v")};");
            w.Line($"ref float recurrent = ref {gh.At("v")};");
            w.Line($"ref float old = ref {previous.At("v")};");
            w.Line($"ref float fresh = ref {next.At("v")};");
            for (int k = 0; k < r.Gates; k++) w.Line($"{width.Type} gi{I(k)} = {Load(width, "gates", k * stride)};");
            for (int k = 0; k < r.Gates; k++) w.Line($"{width.Type} gh{I(k)} = {Load(width, "recurrent", k * stride)};");
            for (int k = 0; k < r.StatePerNeuron; k++) w.Line($"{width.Type} prev{I(k)} = {Load(width, "old", k * hStride)};");
            var targets = Enumerable.Range(0, r.StatePerNeuron).Select(k => k == 0 ? "fresh" : $"{Unsafe}.Add(ref fresh, {I(k * hStride)})").ToArray();
            TileStatements.Emit(w, width, g, names, neuron.Next, (k, value) => $"{width.Statics}.StoreUnsafe({value}, ref {targets[k]});");
        }
    }

    /// <summary>
    /// A recurrent layer's cell with its gate sums in locals (<c>gi2_0</c> …): printed once per vector of neurons, unrolled,
    /// each vector's leaves named after the locals that hold them.
    /// </summary>
    private static void CellInRegisters(IndentedWriter w, VectorWidth width, RecurrentLayer r, string giName, string ghName, Place previous, Place next, int stride)
    {
        int perGate = stride / width.Lanes, hStride = StateStride(r, previous, stride);
        w.Comment($"Layer {r.Number}: the {r.Kind} cell on {width.Lanes} neurons at a time (the layer's definition, printed on vectors), its gate sums from registers");
        for (int block = 0; block < perGate; block++)
        {
            int index = block;
            var (g, names, neuron) = CellGraph(r, k => giName + I(k * perGate + index), k => ghName + I(k * perGate + index));
            using (w.Scope())
            {
                int at = block * width.Lanes;
                for (int k = 0; k < r.StatePerNeuron; k++) w.Line($"{width.Type} prev{I(k)} = {width.Statics}.LoadUnsafe(ref {previous.Reference}, {I(previous.Offset + k * hStride + at)});");
                var targets = Enumerable.Range(0, r.StatePerNeuron).Select(k => next.At(I(k * hStride + at))).ToArray();
                TileStatements.Emit(w, width, g, names, neuron.Next, (k, value) => $"{width.Statics}.StoreUnsafe({value}, ref {targets[k]});");
            }
        }
    }

    /// <summary>Floats between h and c of a place: H in the state span itself, the padded stride in a scratch copy.</summary>
    private static int StateStride(RecurrentLayer r, Place place, int stride) => place.Span == "state" ? r.HiddenSize : stride;

    /// <summary>The one-neuron graph of a recurrent layer's cell, its leaves named (gate sums, then the previous state).</summary>
    private static (ExpressionGraph Graph, Dictionary<int, string> Names, CellNeuron Neuron) CellGraph(RecurrentLayer r, System.Func<int, string>? gi, System.Func<int, string>? gh)
    {
        var g = new ExpressionGraph();
        var names = new Dictionary<int, string>();
        int Leaf(int index, string name)
        {
            int id = g.Input(index);
            names[id] = name;
            return id;
        }
        var rowsI = Enumerable.Range(0, r.Gates).Select(k => Leaf(k, gi?.Invoke(k) ?? "gi" + I(k))).ToArray();
        var rowsH = Enumerable.Range(0, r.Gates).Select(k => Leaf(r.Gates + k, gh?.Invoke(k) ?? "gh" + I(k))).ToArray();
        var before = Enumerable.Range(0, r.StatePerNeuron).Select(k => Leaf(2 * r.Gates + k, "prev" + I(k))).ToArray();
        return (g, names, r.Neuron(g, 0, rowsI, rowsH, before));
    }

    private static string Load(VectorWidth width, string reference, int offset)
        => offset == 0 ? $"{width.Statics}.LoadUnsafe(ref {reference})" : $"{width.Statics}.LoadUnsafe(ref {reference}, {I(offset)})";

    /// <summary>A causal convolution's taps, taps[c·k + j] = x(t − (k − 1 − j)·d)[c]: this step's input or its history in the state.</summary>
    private static void Taps(IndentedWriter w, CausalConvLayer c, Place source, Place taps, int stateOffset)
    {
        int channels = c.InputSize, k = c.KernelSize, steps = c.ReceptiveSteps;
        w.Comment($"Layer {c.Number}: CausalConv1D taps[c·{k} + j] = x(t − ({k - 1} − j)·{c.Dilation})[c], from this step's input or the history in state[{stateOffset}..{stateOffset + c.StateSize})");
        using (w.Block($"for (int c = 0; c < {I(channels)}; c++)"))
        {
            w.Line($"ref float tap = ref {taps.At($"c * {I(k)}")};");
            for (int j = 0; j < k; j++)
            {
                int back = (k - 1 - j) * c.Dilation;
                string value = back == 0 ? source.At("c") : Place.State(stateOffset + (steps - back) * channels).At("c");
                w.Line($"{Unsafe}.Add(ref tap, {I(j)}) = {value};");
            }
        }
    }
}

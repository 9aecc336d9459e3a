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

    /// <summary><c>static void NetGenStepVector256(float[] packed, input, state, output)</c>.</summary>
    public static void EmitStep(IndentedWriter w, NetworkSpec spec, StepPlan plan, VectorWidth width)
    {
        string V = width.Statics;
        int lanes = width.Lanes;
        // Regions are laid out again for this width (the same every time: the plan's regions are appended in layer order).
        var regions = new StepPlan();
        int input = regions.Region(spec.InputSize);
        w.Line($"/// <summary>One time step on {I(width.Bits)}-bit vectors of neurons: the step's outputs, and the next state written over <paramref name=\"state\"/>.</summary>");
        using (w.Block($"private static void {MethodName(width)}(float[] packed, {ReadOnlySpan} input, {Span} state, {Span} output)"))
        {
            var body = new IndentedWriter();
            var affines = new Queue<StepAffine>(plan.Affines);
            int source = input, sourceSize = spec.InputSize, stateOffset = 0;
            foreach (var layer in spec.Layers)
            {
                switch (layer)
                {
                    case DenseLayer d:
                    {
                        int z = regions.Region(d.Units);
                        Affine(body, width, affines.Dequeue(), source, z);
                        Activation(body, width, d.Activation, d.Number, z, d.Units);
                        source = z;
                        sourceSize = d.Units;
                        break;
                    }
                    case RecurrentLayer r:
                    {
                        int stride = StepPlan.Pad(r.HiddenSize), per = r.StatePerNeuron;
                        int gi = regions.Region(r.Gates * stride), gh = regions.Region(r.Gates * stride);
                        int previous = regions.Region(per * stride), next = regions.Region(per * stride);
                        body.Comment($"Layer {r.Number}: {r.Kind}({r.HiddenSize}), its previous state from state[{stateOffset}..{stateOffset + r.StateSize}) (h{(per > 1 ? ", then c" : "")}), padded with zeros");
                        for (int s = 0; s < per; s++)
                        {
                            body.Line($"state.Slice({I(stateOffset + s * r.HiddenSize)}, {I(r.HiddenSize)}).CopyTo(s.Slice({I(previous + s * stride)}, {I(r.HiddenSize)}));");
                            if (stride > r.HiddenSize) body.Line($"s.Slice({I(previous + s * stride + r.HiddenSize)}, {I(stride - r.HiddenSize)}).Clear();");
                        }
                        Affine(body, width, affines.Dequeue(), source, gi);
                        Affine(body, width, affines.Dequeue(), previous, gh);
                        Cell(body, width, r, gi, gh, previous, next, stride);
                        for (int s = 0; s < per; s++)
                        {
                            body.Line($"s.Slice({I(next + s * stride)}, {I(r.HiddenSize)}).CopyTo(state.Slice({I(stateOffset + s * r.HiddenSize)}, {I(r.HiddenSize)}));");
                        }
                        stateOffset += r.StateSize;
                        source = next;
                        sourceSize = r.HiddenSize;
                        break;
                    }
                    case CausalConvLayer c:
                    {
                        int taps = regions.Region(c.InputSize * c.KernelSize), z = regions.Region(c.OutChannels);
                        Taps(body, c, source, taps, stateOffset);
                        Affine(body, width, affines.Dequeue(), taps, z);
                        if (c.StateSize > 0)
                        {
                            body.Comment($"Layer {c.Number}: its history moves one step older; the newest slot takes this step's input");
                            if (c.ReceptiveSteps > 1) body.Line($"state.Slice({I(stateOffset + c.InputSize)}, {I(c.StateSize - c.InputSize)}).CopyTo(state.Slice({I(stateOffset)}, {I(c.StateSize - c.InputSize)}));");
                            body.Line($"s.Slice({I(source)}, {I(c.InputSize)}).CopyTo(state.Slice({I(stateOffset + c.StateSize - c.InputSize)}, {I(c.InputSize)}));");
                        }
                        Activation(body, width, c.Activation, c.Number, z, c.OutChannels);
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
            w.Line($"{Span} s = stackalloc float[{I(regions.ScratchLength)}];");
            w.Line($"ref float w = ref global::NetGen.Runtime.AlignedWeights.Start(packed);");
            w.Line($"ref float sr = ref {Marshal}.GetReference(s);");
            w.Line($"input.CopyTo(s.Slice({I(input)}, {I(spec.InputSize)}));");
            foreach (string line in body.ToString().Split('\n'))
            {
                if (line.Length > 0) w.Line(line.TrimEnd('\r'));
            }
            w.Line($"s.Slice({I(source)}, {I(sourceSize)}).CopyTo(output);");
        }
    }

    /// <summary>out = b + W·in over the packed map: passes of up to 8 vectors of rows, one broadcast input a column.</summary>
    private static void Affine(IndentedWriter w, VectorWidth width, StepAffine a, int input, int output)
    {
        string V = width.Statics, VT = width.Type;
        int vectors = a.PackedRows / width.Lanes;
        w.Comment($"{char.ToUpperInvariant(a.What[0])}{a.What.Substring(1)}: {a.PackedRows} rows (padded) × {a.Columns} inputs, {VectorsPerPass} vectors of rows a pass");
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
                w.Line($"ref float operand = ref {Unsafe}.Add(ref sr, {I(input)});");
                using (w.Block($"for (int c = 0; c < {I(a.Columns)}; c++)"))
                {
                    w.Line($"{VT} x = {V}.Create({Unsafe}.Add(ref operand, c));");
                    for (int v = 0; v < count; v++)
                    {
                        string load = v == 0 ? $"{V}.LoadUnsafe(ref column)" : $"{V}.LoadUnsafe(ref column, {I(v * width.Lanes)})";
                        w.Line($"acc{v} = {width.MultiplyAdd(load, "x", $"acc{v}")};");
                    }
                    w.Line($"column = ref {Unsafe}.Add(ref column, {I(a.PackedRows)});");
                }
                for (int v = 0; v < count; v++)
                {
                    w.Line($"{V}.StoreUnsafe(acc{v}, ref sr, {I(output + (first + v) * width.Lanes)});");
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
            PrintGraph(w, width, g, new Dictionary<int, string> { [z0] = "z" }, new[] { a0 }, new[] { "at" });
        }
    }

    /// <summary>A recurrent layer's cell on vectors of neurons: its <see cref="RecurrentLayer.Neuron"/> printed once.</summary>
    private static void Cell(IndentedWriter w, VectorWidth width, RecurrentLayer r, int gi, int gh, int previous, int next, int stride)
    {
        var g = new ExpressionGraph();
        var names = new Dictionary<int, string>();
        int Leaf(int index, string name)
        {
            int id = g.Input(index);
            names[id] = name;
            return id;
        }
        var rowsI = Enumerable.Range(0, r.Gates).Select(k => Leaf(k, "gi" + I(k))).ToArray();
        var rowsH = Enumerable.Range(0, r.Gates).Select(k => Leaf(r.Gates + k, "gh" + I(k))).ToArray();
        var before = Enumerable.Range(0, r.StatePerNeuron).Select(k => Leaf(2 * r.Gates + k, "prev" + I(k))).ToArray();
        var neuron = r.Neuron(g, 0, rowsI, rowsH, before);
        w.Comment($"Layer {r.Number}: the {r.Kind} cell on {width.Lanes} neurons at a time (the layer's definition, printed on vectors)");
        using (w.Block($"for (int v = 0; v < {I(stride)}; v += {I(width.Lanes)})"))
        {
            w.Line($"ref float gates = ref {Unsafe}.Add(ref sr, {I(gi)} + v);");
            w.Line($"ref float recurrent = ref {Unsafe}.Add(ref sr, {I(gh)} + v);");
            w.Line($"ref float old = ref {Unsafe}.Add(ref sr, {I(previous)} + v);");
            w.Line($"ref float fresh = ref {Unsafe}.Add(ref sr, {I(next)} + v);");
            for (int k = 0; k < r.Gates; k++) w.Line($"{width.Type} gi{I(k)} = {Load(width, "gates", k * stride)};");
            for (int k = 0; k < r.Gates; k++) w.Line($"{width.Type} gh{I(k)} = {Load(width, "recurrent", k * stride)};");
            for (int k = 0; k < r.StatePerNeuron; k++) w.Line($"{width.Type} prev{I(k)} = {Load(width, "old", k * stride)};");
            var targets = Enumerable.Range(0, r.StatePerNeuron).Select(k => k == 0 ? "fresh" : $"{Unsafe}.Add(ref fresh, {I(k * stride)})").ToArray();
            PrintGraph(w, width, g, names, neuron.Next, targets);
        }
    }

    private static string Load(VectorWidth width, string reference, int offset)
        => offset == 0 ? $"{width.Statics}.LoadUnsafe(ref {reference})" : $"{width.Statics}.LoadUnsafe(ref {reference}, {I(offset)})";

    /// <summary>Prints a small graph's statements on vectors (its named leaves are locals already) and stores each result at its target.</summary>
    private static void PrintGraph(IndentedWriter w, VectorWidth width, ExpressionGraph g, Dictionary<int, string> names, int[] results, string[] targets)
    {
        var network = new LoweredNetwork(g, results, g.Constant(0f), new Gradient(), new LayerLayout[0], 0);
        var schedule = KernelSchedule.Build(network, KernelKind.Forward);
        var printer = new ExpressionPrinter(schedule, new TileDialect(width), names);
        foreach (var statement in schedule.Statements)
        {
            switch (statement.Kind)
            {
                case StatementKind.Let when !names.ContainsKey(statement.Node):
                    w.Line($"{width.Type} {schedule.Reference(statement.Node)} = {printer.Definition(statement.Node)};");
                    break;
                case StatementKind.Let:
                    break;
                case StatementKind.StoreOutput:
                    w.Line($"{width.Statics}.StoreUnsafe({printer.Use(statement.Node)}, ref {targets[statement.Index]});");
                    break;
                default:
                    throw new System.InvalidOperationException($"Statement {statement.Kind} in a vector step expression.");
            }
        }
    }

    /// <summary>A causal convolution's taps, taps[c·k + j] = x(t − (k − 1 − j)·d)[c]: this step's input or its history in the state.</summary>
    private static void Taps(IndentedWriter w, CausalConvLayer c, int source, int taps, int stateOffset)
    {
        int channels = c.InputSize, k = c.KernelSize, steps = c.ReceptiveSteps;
        w.Comment($"Layer {c.Number}: CausalConv1D taps[c·{k} + j] = x(t − ({k - 1} − j)·{c.Dilation})[c], from this step's input or the history in state[{stateOffset}..{stateOffset + c.StateSize})");
        using (w.Block($"for (int c = 0; c < {I(channels)}; c++)"))
        {
            w.Line($"ref float tap = ref {Unsafe}.Add(ref sr, {I(taps)} + c * {I(k)});");
            for (int j = 0; j < k; j++)
            {
                int back = (k - 1 - j) * c.Dilation;
                string value = back == 0 ? $"{Unsafe}.Add(ref sr, {I(source)} + c)" : $"state[{I(stateOffset + (steps - back) * channels)} + c]";
                w.Line($"{Unsafe}.Add(ref tap, {I(j)}) = {value};");
            }
        }
    }
}

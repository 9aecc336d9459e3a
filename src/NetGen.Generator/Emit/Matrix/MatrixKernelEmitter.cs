using System.Globalization;
using NetGen.Generator.Model.Activations;

namespace NetGen.Generator.Emit.Matrix;

/// <summary>
/// The three products of each Dense layer over a block of samples, at one vector width, as register-blocked loops with
/// constant bounds (the layer sizes) and fully unrolled tiles (<see cref="MatrixTiles"/>):
/// <list type="bullet">
/// <item>forward: Z<sub>l</sub> = A<sub>l−1</sub>·W<sub>l</sub>ᵀ + b<sub>l</sub> and A<sub>l</sub> = f(Z<sub>l</sub>), reading
/// W<sub>l</sub>ᵀ from the packed copy (the one batch-1 Predict reads);</item>
/// <item>input gradient: δ<sub>l−1</sub> = (δ<sub>l</sub>·W<sub>l</sub>) ⊙ f′, reading W<sub>l</sub> from the parameters
/// and the chain-rule term from <see cref="ActivationAdjoint"/>, in place over Z<sub>l−1</sub>;</item>
/// <item>weight gradient: ∂W<sub>l</sub> += δ<sub>l</sub>ᵀ·A<sub>l−1</sub> and ∂b<sub>l</sub> += Σ δ<sub>l</sub>, each tile
/// of the gradient held in registers over all the block's samples and stored once.</item>
/// </list>
/// Every matrix is sample-major with rows padded to <see cref="NeuronLayout.RowAlignment"/> floats (the padding holds values
/// that nothing reads back). The maths is the network's graph; only the schedule is the matrices'.
/// </summary>
internal static class MatrixKernelEmitter
{
    private const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string ForwardName(MatrixLayer layer, VectorWidth width) => $"NetGenMatrixForward{layer.Source.Number}x{width.Bits}";

    public static string InputGradientName(MatrixLayer layer, VectorWidth width) => $"NetGenMatrixInputGradient{layer.Source.Number}x{width.Bits}";

    public static string WeightGradientName(MatrixLayer layer, VectorWidth width) => $"NetGenMatrixWeightGradient{layer.Source.Number}x{width.Bits}";

    public static string InputDeltaName(MatrixLayer layer, VectorWidth width) => $"NetGenMatrixInputDelta{layer.Source.Number}x{width.Bits}";

    private static int VectorsOf(int size, VectorWidth width) => (size + width.Lanes - 1) / width.Lanes;

    private static string At(string reference, string offset) => offset == "0" ? reference : $"{Unsafe}.Add(ref {reference}, {offset})";

    private static string Load(VectorWidth width, string reference, int offset) => $"{width.Statics}.LoadUnsafe(ref {reference}, {I(offset)})";

    private static string Store(VectorWidth width, string value, string reference, int offset) => $"{width.Statics}.StoreUnsafe({value}, ref {reference}, {I(offset)});";

    /// <summary>
    /// Forward product of one layer: <paramref name="hidden"/> layers store Z and A = f(Z), the output layer stores Z only
    /// (the loss head applies its activation per sample). W<sub>l</sub>ᵀ is read from the packed copy, which holds it in
    /// panels of <see cref="NeuronLayer.PanelWidth"/> neurons (<see cref="NeuronLayout"/>): a tile never straddles two
    /// panels, the full panels are looped over and a narrower last one is written after them.
    /// </summary>
    public static void EmitForward(IndentedWriter w, MatrixLayer layer, VectorWidth width, bool hidden)
    {
        var s = layer.Source;
        var neurons = layer.Neurons;
        int lanes = width.Lanes, used = VectorsOf(s.Units, width), panelVectors = NeuronLayer.PanelWidth / lanes;
        int fullPanels = used / panelVectors;
        string input = s.Number == 1 ? "x" : $"a{s.Number - 1}";
        var main = MatrixTiles.ForPanel(System.Math.Min(used, panelVectors), width);
        w.Line($"/// <summary>Layer {s.Number} forward over a block: z{s.Number} = {input}·W{s.Number}ᵀ + b{s.Number}{(hidden ? $", a{s.Number} = {s.Activation}(z{s.Number})" : " (the loss head applies the output activation)")}; tiles of {main.Rows} samples × {main.Vectors} vectors of {lanes} neurons.</summary>");
        string parameters = hidden ? "ref float w, ref float a, ref float z, ref float h, int rows" : "ref float w, ref float a, ref float z, int rows";
        using (w.Block($"private static void {ForwardName(layer, width)}({parameters})"))
        {
            if (fullPanels > 0)
            {
                w.Comment($"{fullPanels} panel(s) of {NeuronLayer.PanelWidth} neurons: rows of {NeuronLayer.PanelWidth} floats, {s.FanIn} rows a panel");
                using (w.Block($"for (int panel = 0; panel < {I(fullPanels)}; panel++)"))
                {
                    w.Line($"int p = panel * {I(NeuronLayer.PanelWidth)};   // the panel's first neuron");
                    w.Line($"ref float wp = ref {At("w", $"{I(neurons.PackedWeightOffset)} + panel * {I(NeuronLayer.PanelWidth * s.FanIn)}")};");
                    EmitForwardPanel(w, layer, width, hidden, panelVectors, NeuronLayer.PanelWidth, "p", input);
                }
            }
            int start = fullPanels * NeuronLayer.PanelWidth;
            int rest = used - fullPanels * panelVectors;
            if (rest > 0)
            {
                int row = neurons.PanelRow(start);
                using (w.Scope())
                {
                    w.Line($"const int p = {I(start)};   // the last panel: neurons {start}…, rows of {row} floats");
                    w.Line($"ref float wp = ref {At("w", I(neurons.PanelOffset(start)))};");
                    EmitForwardPanel(w, layer, width, hidden, rest, row, "p", input);
                }
            }
        }
    }

    /// <summary>The tiles of one panel: <paramref name="vectors"/> vectors of neurons from column <paramref name="panel"/>, W rows of <paramref name="panelRow"/> floats from <c>wp</c>.</summary>
    private static void EmitForwardPanel(IndentedWriter w, MatrixLayer layer, VectorWidth width, bool hidden, int vectors, int panelRow, string panel, string input)
    {
        var s = layer.Source;
        ForEachColumnTile(w, width, vectors, MatrixTiles.ForPanel(vectors, width), (tileShape, offset) =>
        {
            string column = $"{panel} + {offset}";
            using (w.Block($"for (int s = 0; s < rows; s += {tileShape.Rows})"))
            {
                w.Line($"ref float ai = ref {At("a", $"s * {I(layer.InputStride)}")};   // {input}[s, i], one input further each step (rows s + r at r·{layer.InputStride})");
                w.Comment($"Accumulators start at b{s.Number}[{column}…]");
                for (int k = 0; k < tileShape.Vectors; k++)
                {
                    w.Line($"{width.Type} b_{k} = {width.Statics}.LoadUnsafe(ref {At("w", $"{I(layer.Neurons.PackedBiasOffset)} + {column} + {I(k * width.Lanes)}")});");
                }
                DeclareAccumulators(w, width, tileShape, k => $"b_{k}");
                w.Line($"ref float wi = ref {At("wp", offset)};   // W{s.Number}ᵀ[i, {column}…], one panel row further each step");
                using (w.Block($"for (int i = 0; i < {I(s.FanIn)}; i++)"))
                {
                    MultiplyAddTile(w, width, tileShape, r => At("ai", I(r * layer.InputStride)), k => Load(width, "wi", k * width.Lanes));
                    w.Line($"ai = ref {At("ai", "1")};");
                    w.Line($"wi = ref {At("wi", I(panelRow))};");
                }
                for (int r = 0; r < tileShape.Rows; r++)
                {
                    w.Line($"ref float z_{r} = ref {At("z", $"(s + {r}) * {I(layer.OutputStride)} + {column}")};");
                    if (hidden) w.Line($"ref float h_{r} = ref {At("h", $"(s + {r}) * {I(layer.OutputStride)} + {column}")};");
                    for (int k = 0; k < tileShape.Vectors; k++)
                    {
                        w.Line(Store(width, $"c_{r}_{k}", $"z_{r}", k * width.Lanes));
                        if (hidden) w.Line(Store(width, Activation(s.Activation, $"c_{r}_{k}", width), $"h_{r}", k * width.Lanes));
                    }
                }
            }
        });
    }

    /// <summary>
    /// δ of the layer below, in place over its pre-activations: δ<sub>l−1</sub>[s, i] = f′·Σⱼ δ<sub>l</sub>[s, j]·W<sub>l</sub>[j, i].
    /// <paramref name="below"/> is the layer whose delta is computed.
    /// </summary>
    public static void EmitInputGradient(IndentedWriter w, MatrixLayer layer, MatrixLayer below, VectorWidth width)
    {
        var s = layer.Source;
        var activation = below.Source.Activation;
        var tile = MatrixTiles.For(System.Math.Max(1, s.FanIn / width.Lanes), width);
        w.Line($"/// <summary>Layer {s.Number} backward to layer {below.Source.Number}: δ{below.Source.Number} = (δ{s.Number}·W{s.Number}) ⊙ {activation}′(z{below.Source.Number}) over a block, written over z{below.Source.Number}; tiles of {tile.Rows} samples × {tile.Vectors} vectors of {width.Lanes} inputs.</summary>");
        EmitDeltaProduct(w, layer, activation, below.OutputStride, InputGradientName(layer, width), width);
    }

    /// <summary>
    /// The first layer's backward to the network's inputs (<c>BackwardBatch</c> with ∂L/∂x): ∂L/∂x[s, i] = Σⱼ δ<sub>1</sub>[s, j]·W<sub>1</sub>[j, i]
    /// (no activation below the inputs), into rows of <see cref="MatrixLayer.InputStride"/> floats at <c>z</c> (<c>h</c> is not read).
    /// </summary>
    public static void EmitInputDelta(IndentedWriter w, MatrixLayer layer, VectorWidth width)
    {
        var s = layer.Source;
        var tile = MatrixTiles.For(System.Math.Max(1, s.FanIn / width.Lanes), width);
        w.Line($"/// <summary>Layer {s.Number} backward to the inputs: ∂L/∂x = δ{s.Number}·W{s.Number} over a block, into rows of {layer.InputStride} floats; tiles of {tile.Rows} samples × {tile.Vectors} vectors of {width.Lanes} inputs.</summary>");
        EmitDeltaProduct(w, layer, Model.ActivationKind.Identity, layer.InputStride, InputDeltaName(layer, width), width);
    }

    /// <summary>
    /// (δ<sub>l</sub>·W<sub>l</sub>) ⊙ f′ of the values below over a block, written over <c>z</c> (rows of <paramref name="belowStride"/>
    /// floats; <c>h</c> holds f's outputs where the chain-rule term reads them).
    /// </summary>
    private static void EmitDeltaProduct(IndentedWriter w, MatrixLayer layer, Model.ActivationKind activation, int belowStride, string name, VectorWidth width)
    {
        var s = layer.Source;
        int whole = s.FanIn / width.Lanes, tail = s.FanIn % width.Lanes;
        var tile = MatrixTiles.For(System.Math.Max(1, whole), width);
        using (w.Block($"private static void {name}(ref float p, ref float d, ref float z, ref float h, int rows)"))
        {
            if (whole > 0)
            {
                ForEachColumnTile(w, width, whole, tile, (tileShape, column) =>
                {
                    using (w.Block($"for (int s = 0; s < rows; s += {tileShape.Rows})"))
                    {
                        w.Line($"ref float dj = ref {At("d", $"s * {I(layer.OutputStride)}")};   // δ{s.Number}[s, j], one neuron further each step (rows s + r at r·{layer.OutputStride})");
                        DeclareAccumulators(w, width, tileShape, k => $"{width.Type}.Zero");
                        w.Comment($"Every path from input i through the {s.Units} neurons of layer {s.Number}, summed");
                        w.Line($"ref float wj = ref {At("p", $"{I(s.WeightOffset)} + {column}")};   // W{s.Number}[j, {column}…], one row further each step");
                        using (w.Block($"for (int j = 0; j < {I(s.Units)}; j++)"))
                        {
                            MultiplyAddTile(w, width, tileShape, r => At("dj", I(r * layer.OutputStride)), k => Load(width, "wj", k * width.Lanes));
                            w.Line($"dj = ref {At("dj", "1")};");
                            w.Line($"wj = ref {At("wj", I(s.FanIn))};");
                        }
                        for (int r = 0; r < tileShape.Rows; r++)
                        {
                            w.Line($"ref float z_{r} = ref {At("z", $"(s + {r}) * {I(belowStride)} + {column}")};");
                            w.Line($"ref float h_{r} = ref {At("h", $"(s + {r}) * {I(belowStride)} + {column}")};");
                            for (int k = 0; k < tileShape.Vectors; k++)
                            {
                                w.Line(Store(width, Adjoint(activation, width, Load(width, $"z_{r}", k * width.Lanes), Load(width, $"h_{r}", k * width.Lanes), $"c_{r}_{k}"), $"z_{r}", k * width.Lanes));
                            }
                        }
                    }
                });
            }
            if (tail == 0) return;
            int first = whole * width.Lanes;
            w.Comment($"Inputs {first}…{s.FanIn - 1} do not fill a vector (a row of W{s.Number} has {s.FanIn}): summed one by one, then one vector step");
            w.Line($"global::System.Span<float> tail = stackalloc float[{I(width.Lanes)}];");
            w.Line("tail.Clear();");
            w.Line("ref float t = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(tail);");
            using (w.Block("for (int s = 0; s < rows; s++)"))
            {
                w.Line($"ref float ds = ref {At("d", $"s * {I(layer.OutputStride)}")};");
                using (w.Block($"for (int i = 0; i < {I(tail)}; i++)"))
                {
                    w.Line("float sum = 0f;");
                    w.Comment("Rounded as the vector multiply-adds round each lane, so every width gives the same bits");
                    w.Line($"for (int j = 0; j < {I(s.Units)}; j++) sum = {VectorWidth.MathAlias}.MultiplyAdd({At("ds", "j")}, {At("p", $"{I(s.WeightOffset)} + j * {I(s.FanIn)} + {I(first)} + i")}, sum);");
                    w.Line($"{At("t", "i")} = sum;");
                }
                w.Line($"ref float zs = ref {At("z", $"s * {I(belowStride)} + {I(first)}")};");
                w.Line($"ref float hs = ref {At("h", $"s * {I(belowStride)} + {I(first)}")};");
                w.Line(Store(width, Adjoint(activation, width, Load(width, "zs", 0), Load(width, "hs", 0), Load(width, "t", 0)), "zs", 0));
            }
        }
    }

    /// <summary>∂W<sub>l</sub>[j, i] += Σₛ δ<sub>l</sub>[s, j]·A<sub>l−1</sub>[s, i] and ∂b<sub>l</sub>[j] += Σₛ δ<sub>l</sub>[s, j] over the block's samples.</summary>
    public static void EmitWeightGradient(IndentedWriter w, MatrixLayer layer, VectorWidth width)
    {
        var s = layer.Source;
        int vectors = VectorsOf(s.FanIn, width);
        var tile = MatrixTiles.For(vectors, width);
        string input = s.Number == 1 ? "x" : $"a{s.Number - 1}";
        w.Line($"/// <summary>Layer {s.Number} weight gradient over a block: ∂W{s.Number} += δ{s.Number}ᵀ·{input}, ∂b{s.Number} += Σ δ{s.Number}; each tile of {tile.Rows} neurons × {tile.Vectors} vectors of {width.Lanes} inputs stays in registers over all the samples.</summary>");
        using (w.Block($"private static void {WeightGradientName(layer, width)}(ref float d, ref float a, ref float g, int count)"))
        {
            int fullRows = s.Units / tile.Rows * tile.Rows;
            if (fullRows > 0)
            {
                using (w.Block($"for (int j = 0; j < {I(fullRows)}; j += {tile.Rows})"))
                {
                    WeightGradientRowTile(w, layer, width, tile, vectors, "j");
                }
            }
            if (fullRows < s.Units)
            {
                using (w.Scope())
                {
                    w.Line($"const int j = {I(fullRows)};   // the last {s.Units - fullRows} neuron(s)");
                    WeightGradientRowTile(w, layer, width, tile.WithRows(s.Units - fullRows), vectors, "j");
                }
            }
            int outVectors = VectorsOf(s.Units, width);
            w.Comment($"∂b{s.Number} += Σₛ δ{s.Number}[s, :], {outVectors} vector(s)");
            for (int first = 0; first < outVectors; first += 8)
            {
                int count = System.Math.Min(8, outVectors - first);
                using (w.Scope())
                {
                    for (int k = first; k < first + count; k++)
                        w.Line($"{width.Type} c_{k} = {width.Statics}.LoadUnsafe(ref {At("g", $"{I(layer.BiasGradientOffset + k * width.Lanes)}")});");
                    using (w.Block("for (int s = 0; s < count; s++)"))
                    {
                        w.Line($"ref float ds = ref {At("d", $"s * {I(layer.OutputStride)}")};");
                        for (int k = first; k < first + count; k++) w.Line($"c_{k} += {Load(width, "ds", k * width.Lanes)};");
                    }
                    for (int k = first; k < first + count; k++)
                        w.Line($"{width.Statics}.StoreUnsafe(c_{k}, ref {At("g", $"{I(layer.BiasGradientOffset + k * width.Lanes)}")});");
                }
            }
        }
    }

    private static void WeightGradientRowTile(IndentedWriter w, MatrixLayer layer, VectorWidth width, MatrixTiles rows, int vectors, string j)
    {
        var s = layer.Source;
        ForEachColumnTile(w, width, vectors, rows, (tileShape, column) =>
        {
            var shape = tileShape.WithRows(rows.Rows);
            for (int r = 0; r < shape.Rows; r++)
                w.Line($"ref float g_{r} = ref {At("g", $"{I(layer.GradientOffset)} + ({j} + {r}) * {I(layer.InputStride)} + {column}")};");
            DeclareAccumulators(w, width, shape, null, r => $"g_{r}");
            w.Comment($"Every sample of the block: ∂W{s.Number}[{j} + r, {column}…] += δ{s.Number}[s, {j} + r]·a[s, {column}…]");
            w.Line($"ref float as_ = ref {At("a", column)};   // a[s, {column}…], one sample further each step");
            w.Line($"ref float ds = ref {At("d", j)};   // δ{s.Number}[s, {j}…]");
            using (w.Block("for (int s = 0; s < count; s++)"))
            {
                MultiplyAddTile(w, width, shape, r => At("ds", I(r)), k => Load(width, "as_", k * width.Lanes));
                w.Line($"as_ = ref {At("as_", I(layer.InputStride))};");
                w.Line($"ds = ref {At("ds", I(layer.OutputStride))};");
            }
            for (int r = 0; r < shape.Rows; r++)
            {
                for (int k = 0; k < shape.Vectors; k++) w.Line(Store(width, $"c_{r}_{k}", $"g_{r}", k * width.Lanes));
            }
        });
    }

    /// <summary>
    /// The tiles across a row of <paramref name="vectors"/> vectors: a loop over whole tiles (column offset <c>c</c>), then
    /// one narrower tile for the rest. <paramref name="body"/> writes one tile at the given column expression.
    /// </summary>
    private static void ForEachColumnTile(IndentedWriter w, VectorWidth width, int vectors, MatrixTiles tile, System.Action<MatrixTiles, string> body)
    {
        int whole = vectors / tile.Vectors, rest = vectors % tile.Vectors;
        int step = tile.Vectors;
        if (whole == 1)
        {
            using (w.Scope())
            {
                w.Line("const int c = 0;");
                body(tile, "c");
            }
        }
        else if (whole > 1)
        {
            using (w.Block($"for (int c = 0; c < {I(whole * step * width.Lanes)}; c += {I(step * width.Lanes)})"))
            {
                body(tile, "c");
            }
        }
        if (rest == 0) return;
        using (w.Scope())
        {
            w.Line($"const int c = {I(whole * step * width.Lanes)};   // the last {rest} vector(s) of the row");
            body(tile.Narrowed(rest), "c");
        }
    }

    /// <summary>Accumulators c_r_k: from <paramref name="start"/>(k), or loaded from the rows <paramref name="rowReference"/>(r).</summary>
    private static void DeclareAccumulators(IndentedWriter w, VectorWidth width, MatrixTiles tile, System.Func<int, string>? start, System.Func<int, string>? rowReference = null)
    {
        for (int r = 0; r < tile.Rows; r++)
        {
            var names = new System.Text.StringBuilder();
            for (int k = 0; k < tile.Vectors; k++)
            {
                string value = start is not null ? start(k) : Load(width, rowReference!(r), k * width.Lanes);
                names.Append(k == 0 ? "" : ", ").Append($"c_{r}_{k} = {value}");
            }
            w.Line($"{width.Type} {names};");
        }
    }

    /// <summary>One reduction step of a tile: broadcast each row's scalar, load each vector once, Rows·Vectors multiply-adds.</summary>
    private static void MultiplyAddTile(IndentedWriter w, VectorWidth width, MatrixTiles tile, System.Func<int, string> scalar, System.Func<int, string> vector)
    {
        for (int k = 0; k < tile.Vectors; k++) w.Line($"{width.Type} v_{k} = {vector(k)};");
        for (int r = 0; r < tile.Rows; r++)
        {
            w.Line($"{width.Type} e_{r} = {width.Statics}.Create({scalar(r)});");
            for (int k = 0; k < tile.Vectors; k++) w.Line($"c_{r}_{k} = {width.MultiplyAdd($"e_{r}", $"v_{k}", $"c_{r}_{k}")};");
        }
    }

    /// <summary>f(z) on one vector, from the activation op's lane spelling.</summary>
    private static string Activation(Model.ActivationKind activation, string z, VectorWidth width)
    {
        var op = ActivationTable.Of(activation).Op;
        return op is Graph.OpKind kind ? NeuronKernelEmitter.Activation(kind, z, width) : z;
    }

    private static string Adjoint(Model.ActivationKind activation, VectorWidth width, string z, string a, string u) =>
        ActivationAdjoint.Needed(activation) ? $"{ActivationAdjoint.MethodName(activation, width)}({z}, {a}, {u})" : u;
}

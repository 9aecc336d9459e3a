using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit.Matrix;

/// <summary>
/// The block methods that chain the layers' matrix kernels (forward, loss head, backward) at each width, the copy of the
/// padded gradient into parameter order, and the private struct through which NetGen's matrix batch loops
/// (<c>NetGen.Runtime.Matrix</c>, written once for every network) call them.
/// </summary>
internal static class MatrixDriverEmitter
{
    private const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
    private const string Marshal = "global::System.Runtime.InteropServices.MemoryMarshal";
    private const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    private const string Span = "global::System.Span<float>";
    private const string Runtime = "global::NetGen.Runtime.Matrix";

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The trainer and batch fields (created on first use).</summary>
    public static void EmitFields(IndentedWriter w, NetworkSpec spec)
    {
        w.Comment("NetGen's matrix batch loops over this network's matrix kernels (created on first use; see NetGenMatrixKernels).");
        if (spec.Trainable) w.Line($"private {Runtime}.MatrixTrainer<NetGenMatrixKernels>? _netgenMatrixTrainer;");
        w.Line($"private {Runtime}.MatrixBatch<NetGenMatrixKernels>? _netgenMatrixPredict;");
        if (spec.Trainable) w.Line($"private {Runtime}.MatrixBatch<NetGenMatrixKernels>? _netgenMatrixEvaluate;");
    }

    /// <summary>The condition under which the batch members take the matrix kernels (else the scalar kernel).</summary>
    public const string Condition = "global::NetGen.Runtime.SimdOptions.PreferredWidth != 0 && global::System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated";

    public static string PredictCall => $"(_netgenMatrixPredict ??= new {Runtime}.MatrixBatch<NetGenMatrixKernels>(new NetGenMatrixKernels(this), losses: false)).Predict(inputs, outputs, n)";

    public static string EvaluateCall => $"(_netgenMatrixEvaluate ??= new {Runtime}.MatrixBatch<NetGenMatrixKernels>(new NetGenMatrixKernels(this), losses: true)).Evaluate(inputs, targets, n)";

    /// <summary><c>BackwardBatch</c>'s call (<c>inputGradients</c> may be <c>default</c>).</summary>
    public static string BackwardCall(string inputGradients) => $"(_netgenMatrixTrainer ??= new {Runtime}.MatrixTrainer<NetGenMatrixKernels>(new NetGenMatrixKernels(this))).Backward(inputs, outputGradients, parameterGradient, {inputGradients}, n)";

    public static string GradientCall => $"(_netgenMatrixTrainer ??= new {Runtime}.MatrixTrainer<NetGenMatrixKernels>(new NetGenMatrixKernels(this))).Gradient(inputs, targets, gradient, n)";

    public static void Emit(IndentedWriter w, NetworkSpec spec, MatrixPlan plan, IReadOnlyList<VectorWidth> widths, KernelSchedule[] head)
    {
        EmitStruct(w, spec, plan, widths);
        if (spec.Trainable)
        {
            w.Line();
            EmitStoreGradient(w, plan, add: false);
            w.Line();
            EmitStoreGradient(w, plan, add: true);
        }
        int last = plan.Layers.Count - 1;
        var output = plan.Layers[last].Source;
        foreach (var schedule in spec.Trainable ? head.Append(LossHead.BackwardSchedule(output.Number, output.Units, output.Activation)) : head)
        {
            w.Line();
            LossHead.Emit(w, schedule, output.Number, spec.Deterministic);
        }
        foreach (var width in widths)
        {
            w.Line();
            EmitInputCopy(w, plan, width);
            w.Line();
            EmitForwardBlock(w, plan, width);
            if (spec.Trainable)
            {
                w.Line();
                EmitLossBlock(w, plan, width);
                w.Line();
                EmitGradientBlock(w, plan, width);
                w.Line();
                EmitBackwardBlock(w, plan, width);
            }
            for (int l = 0; l < plan.Layers.Count; l++)
            {
                w.Line();
                MatrixKernelEmitter.EmitForward(w, plan.Layers[l], width, hidden: l < last);
            }
            if (!spec.Trainable) continue;
            for (int l = last; l >= 0; l--)
            {
                w.Line();
                MatrixKernelEmitter.EmitWeightGradient(w, plan.Layers[l], width);
                if (l == 0)
                {
                    w.Line();
                    MatrixKernelEmitter.EmitInputDelta(w, plan.Layers[l], width);
                    continue;
                }
                w.Line();
                MatrixKernelEmitter.EmitInputGradient(w, plan.Layers[l], plan.Layers[l - 1], width);
            }
            foreach (var activation in plan.Layers.Take(last).Select(l => l.Source.Activation).Distinct().Where(ActivationAdjoint.Needed))
            {
                w.Line();
                ActivationAdjoint.Emit(w, activation, width);
            }
        }
    }

    private static void EmitStruct(IndentedWriter w, NetworkSpec spec, MatrixPlan plan, IReadOnlyList<VectorWidth> widths)
    {
        string c = spec.ClassName;
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// This network's matrix kernels and workspace sizes, for NetGen's matrix batch loops (<c>NetGen.Runtime.Matrix</c>): blocks of samples as");
        w.Line($"/// the rows of matrices, each row padded to a multiple of {NeuronLayout.RowAlignment} floats ({plan.RowFloats} floats of workspace per training row, {plan.ForwardRowFloats} per forward-only row).");
        w.Line("/// </summary>");
        using (w.Block($"private readonly struct NetGenMatrixKernels : {Runtime}.IMatrixKernels"))
        {
            w.Line($"private readonly {c} _network;");
            w.Line();
            w.Line($"public NetGenMatrixKernels({c} network) => _network = network;");
            w.Line();
            w.Line($"public int InputSize => {c}.InputSize;");
            w.Line($"public int OutputSize => {c}.OutputSize;");
            w.Line($"public long MultiplyAdds => {I(plan.MultiplyAdds)};");
            w.Line($"public int BlockRows => {I(MatrixPlan.BlockRows)};");
            w.Line($"public int WorkLength => {I(MatrixPlan.BlockRows * plan.RowFloats)};");
            w.Line($"public int ForwardRows => {I(plan.ForwardRows)};");
            w.Line($"public int ForwardWorkLength => {I(plan.ForwardRows * plan.ForwardRowFloats)};");
            w.Line($"public int GradientLength => {I(plan.GradientLength)};");
            w.Line();
            Dispatch(w, widths, $"public void ForwardBlock({ReadOnlySpan} inputs, {Span} outputs, int count, {Span} work)",
                width => $"NetGenForwardBlock{width.Bits}(_network._netgenPacked, inputs, outputs, count, work);");
            if (!spec.Trainable)
            {
                w.Line();
                w.Line($"public void LossBlock({ReadOnlySpan} inputs, {ReadOnlySpan} targets, int count, {Span} work, ref float loss) =>");
                w.Line("    throw new global::System.NotSupportedException(\"An inference-only network has no loss.\");");
                w.Line();
                w.Line($"public void GradientBlock({ReadOnlySpan} inputs, {ReadOnlySpan} targets, int count, {Span} work, {Span} gradient, ref float loss) =>");
                w.Line("    throw new global::System.NotSupportedException(\"An inference-only network has no gradient.\");");
                w.Line();
                w.Line($"public void StoreGradient({ReadOnlySpan} padded, {Span} gradient, float divisor) =>");
                w.Line("    throw new global::System.NotSupportedException(\"An inference-only network has no gradient.\");");
                w.Line();
                w.Line($"public void BackwardBlock({ReadOnlySpan} inputs, {ReadOnlySpan} outputGradients, int count, {Span} work, {Span} gradient, {Span} inputGradients) =>");
                w.Line("    throw new global::System.NotSupportedException(\"An inference-only network has no gradient.\");");
                w.Line();
                w.Line($"public void AddGradient({ReadOnlySpan} padded, {Span} gradient) =>");
                w.Line("    throw new global::System.NotSupportedException(\"An inference-only network has no gradient.\");");
                return;
            }
            w.Line();
            Dispatch(w, widths, $"public void LossBlock({ReadOnlySpan} inputs, {ReadOnlySpan} targets, int count, {Span} work, ref float loss)",
                width => $"NetGenLossBlock{width.Bits}(_network._netgenPacked, inputs, targets, count, work, ref loss);");
            w.Line();
            Dispatch(w, widths, $"public void GradientBlock({ReadOnlySpan} inputs, {ReadOnlySpan} targets, int count, {Span} work, {Span} gradient, ref float loss)",
                width => $"NetGenGradientBlock{width.Bits}(_network._netgenPacked, _network._netgenParameters, inputs, targets, count, work, gradient, ref loss);");
            w.Line();
            w.Line($"public void StoreGradient({ReadOnlySpan} padded, {Span} gradient, float divisor) => NetGenStoreGradient(padded, gradient, divisor);");
            w.Line();
            Dispatch(w, widths, $"public void BackwardBlock({ReadOnlySpan} inputs, {ReadOnlySpan} outputGradients, int count, {Span} work, {Span} gradient, {Span} inputGradients)",
                width => $"NetGenBackwardBlock{width.Bits}(_network._netgenPacked, _network._netgenParameters, inputs, outputGradients, count, work, gradient, inputGradients);");
            w.Line();
            w.Line($"public void AddGradient({ReadOnlySpan} padded, {Span} gradient) => NetGenAddGradient(padded, gradient);");
        }
    }

    /// <summary>A member calling the block method of the width <c>SimdOptions.PreferredWidth</c> picks (the widest emitted ≤ it).</summary>
    private static void Dispatch(IndentedWriter w, IReadOnlyList<VectorWidth> widths, string signature, System.Func<VectorWidth, string> call)
    {
        using (w.Block(signature))
        {
            var ordered = widths.OrderByDescending(x => x.Bits).ToArray();
            if (ordered.Length == 1)
            {
                w.Line(call(ordered[0]));
                return;
            }
            w.Line("int width = global::NetGen.Runtime.SimdOptions.PreferredWidth;");
            for (int i = 0; i < ordered.Length; i++)
            {
                if (i == ordered.Length - 1) w.Line($"else {call(ordered[i])}");
                else w.Line($"{(i == 0 ? "if" : "else if")} (width >= {ordered[i].Bits}) {call(ordered[i])}");
            }
        }
    }

    /// <summary>
    /// Writes the padded gradient into parameter order, divided by the batch size (<c>NetGenStoreGradient</c>), or adds it there
    /// (<c>NetGenAddGradient</c>, <c>BackwardBatch</c>): per layer the first FanIn floats of each padded row, then the biases.
    /// </summary>
    private static void EmitStoreGradient(IndentedWriter w, MatrixPlan plan, bool add)
    {
        string Copy(string padded, string target, int length) => add
            ? $"{Runtime}.MatrixRows.Add(gradient.Slice({target}, {I(length)}), padded.Slice({padded}, {I(length)}));"
            : $"{Runtime}.MatrixRows.Divide(padded.Slice({padded}, {I(length)}), gradient.Slice({target}, {I(length)}), divisor);";
        w.Line(add
            ? "/// <summary>Adds the padded gradient of the matrix kernels (per layer <c>[out, in padded]</c>, then the padded biases) into <paramref name=\"gradient\"/> in parameter order.</summary>"
            : "/// <summary>Writes the padded gradient of the matrix kernels (per layer <c>[out, in padded]</c>, then the padded biases) into <paramref name=\"gradient\"/> in parameter order, each value divided by <paramref name=\"divisor\"/>.</summary>");
        using (w.Block(add ? $"private static void NetGenAddGradient({ReadOnlySpan} padded, {Span} gradient)" : $"private static void NetGenStoreGradient({ReadOnlySpan} padded, {Span} gradient, float divisor)"))
        {
            foreach (var layer in plan.Layers)
            {
                var s = layer.Source;
                w.Comment($"Layer {s.Number}: ∂W{s.Number} ({s.Units} rows of {s.FanIn}), then ∂b{s.Number}");
                if (layer.InputStride == s.FanIn)
                {
                    w.Line(Copy(I(layer.GradientOffset), I(s.WeightOffset), s.Units * s.FanIn));
                }
                else
                {
                    w.Line($"for (int j = 0; j < {I(s.Units)}; j++) {Copy($"{I(layer.GradientOffset)} + j * {I(layer.InputStride)}", $"{I(s.WeightOffset)} + j * {I(s.FanIn)}", s.FanIn)}");
                }
                w.Line(Copy(I(layer.BiasGradientOffset), I(s.BiasOffset), s.Units));
            }
        }
    }

    /// <summary>
    /// The block's first matrix: the caller's rows themselves when the block is whole and its rows are whole vectors, else a
    /// copy into the workspace with the rows past <c>count</c> zero.
    /// </summary>
    private static void EmitInputCopy(IndentedWriter w, MatrixPlan plan, VectorWidth width)
    {
        w.Line("/// <summary>The block's input matrix: <paramref name=\"inputs\"/> itself when it can be read as one, else its copy, padded, at the start of <paramref name=\"work\"/>.</summary>");
        using (w.Block($"private static ref float NetGenMatrixInput{width.Bits}({ReadOnlySpan} inputs, int count, int rows, {Span} work)"))
        {
            if (!plan.CopyInputs)
            {
                w.Line($"if (count == rows) return ref {Marshal}.GetReference(inputs);");
            }
            w.Line($"{Span} copy = work.Slice(0, rows * {I(plan.InputStride)});");
            w.Line("copy.Clear();");
            w.Line($"for (int s = 0; s < count; s++) inputs.Slice(s * {I(plan.InputSize)}, {I(plan.InputSize)}).CopyTo(copy.Slice(s * {I(plan.InputStride)}));");
            w.Line($"return ref {Marshal}.GetReference(copy);");
        }
    }

    private static void Prologue(IndentedWriter w, MatrixPlan plan, VectorWidth width)
    {
        w.Line($"int rows = (count + {I(MatrixPlan.RowGranularity - 1)}) / {I(MatrixPlan.RowGranularity)} * {I(MatrixPlan.RowGranularity)};");
        w.Line("ref float w = ref global::NetGen.Runtime.AlignedWeights.Start(packed);   // the packed copy starts on a 64-byte boundary");
        w.Line($"ref float m = ref {Marshal}.GetReference(work);");
        w.Line($"ref float x = ref NetGenMatrixInput{width.Bits}(inputs, count, rows, work);");
    }

    private static string Region(MatrixPlan plan, int rowOffset) => $"ref {Unsafe}.Add(ref m, rows * {I(rowOffset)})";

    /// <summary>
    /// The forward products of every layer over the block's rows. Training blocks keep each layer's pre-activations and
    /// activations (the backward pass reads both); forward-only blocks write the layers' matrices into two regions in
    /// turn, pre-activations and activations in one (<see cref="MatrixPlan.ForwardRowOffset"/>).
    /// </summary>
    private static void ForwardLayers(IndentedWriter w, MatrixPlan plan, VectorWidth width, bool training)
    {
        for (int l = 0; l < plan.Layers.Count; l++)
        {
            var layer = plan.Layers[l];
            bool hidden = l < plan.Layers.Count - 1;
            string input = l == 0 ? "ref x" : Region(plan, training ? plan.SecondRowOffset(l - 1) : plan.ForwardRowOffset(l - 1));
            string z = Region(plan, training ? plan.PreActivationRowOffset(l) : plan.ForwardRowOffset(l));
            string outputs = !hidden ? z : training ? $"{z}, {Region(plan, plan.SecondRowOffset(l))}" : $"{z}, {z}";
            w.Line($"{MatrixKernelEmitter.ForwardName(layer, width)}(ref w, {input}, {outputs}, rows);");
        }
    }

    /// <summary>The head's rows: the output layer's pre-activations (<c>z</c>) or its deltas, in a training or a forward-only block.</summary>
    private static string HeadRow(MatrixPlan plan, string which, bool training)
    {
        int l = plan.Layers.Count - 1;
        int offset = training
            ? (which == "z" ? plan.PreActivationRowOffset(l) : plan.SecondRowOffset(l))
            : (which == "z" ? plan.ForwardRowOffset(l) : plan.ForwardDeltaRowOffset);
        int stride = plan.Layers[l].OutputStride;
        return $"work.Slice((rows * {I(offset)}) + s * {I(stride)}, {I(plan.OutputSize)})";
    }

    private static void EmitForwardBlock(IndentedWriter w, MatrixPlan plan, VectorWidth width)
    {
        w.Line($"/// <summary>Outputs of a block of <paramref name=\"count\"/> samples on {width.Bits}-bit vectors: every layer's forward product, then the output activation per sample.</summary>");
        using (w.Block($"private static void NetGenForwardBlock{width.Bits}(float[] packed, {ReadOnlySpan} inputs, {Span} outputs, int count, {Span} work)"))
        {
            Prologue(w, plan, width);
            ForwardLayers(w, plan, width, training: false);
            w.Line($"for (int s = 0; s < count; s++) {LossHead.ForwardName}({HeadRow(plan, "z", training: false)}, outputs.Slice(s * {I(plan.OutputSize)}, {I(plan.OutputSize)}));");
        }
    }

    private static void EmitLossBlock(IndentedWriter w, MatrixPlan plan, VectorWidth width)
    {
        w.Line($"/// <summary>Adds the losses of a block to <paramref name=\"loss\"/> on {width.Bits}-bit vectors: the loss head's gradient kernel (its deltas go to scratch), so each loss is the training kernels' bit for bit.</summary>");
        using (w.Block($"private static void NetGenLossBlock{width.Bits}(float[] packed, {ReadOnlySpan} inputs, {ReadOnlySpan} targets, int count, {Span} work, ref float loss)"))
        {
            Prologue(w, plan, width);
            ForwardLayers(w, plan, width, training: false);
            EmitHeadLoop(w, plan, training: false);
        }
    }

    private static void EmitHeadLoop(IndentedWriter w, MatrixPlan plan, bool training)
    {
        int l = plan.Layers.Count - 1;
        w.Comment($"Loss head, sample by sample: L and δ{plan.Layers[l].Source.Number} = ∂L/∂z{plan.Layers[l].Source.Number}");
        using (w.Block("for (int s = 0; s < count; s++)"))
        {
            w.Line($"{Span} delta = {HeadRow(plan, "d", training)};");
            w.Line("delta.Clear();");
            w.Line($"loss += {LossHead.GradientName}({HeadRow(plan, "z", training)}, targets.Slice(s * {I(plan.OutputSize)}, {I(plan.OutputSize)}), delta);");
        }
    }

    private static void EmitGradientBlock(IndentedWriter w, MatrixPlan plan, VectorWidth width)
    {
        w.Line($"/// <summary>One training block on {width.Bits}-bit vectors: forward, loss head, then backward layer by layer (weight gradient, then the delta of the layer below).</summary>");
        using (w.Block($"private static void NetGenGradientBlock{width.Bits}(float[] packed, float[] parameters, {ReadOnlySpan} inputs, {ReadOnlySpan} targets, int count, {Span} work, {Span} gradient, ref float loss)"))
        {
            TrainingPrologue(w, plan, width);
            EmitHeadLoop(w, plan, training: true);
            BackwardLayers(w, plan, width);
        }
    }

    /// <summary>
    /// One block of <c>BackwardBatch</c> on a width: the training block with the output activation's vector–Jacobian product of
    /// the caller's ∂L/∂y in place of the loss head, and, when asked, the first layer's product down to ∂L/∂x.
    /// </summary>
    private static void EmitBackwardBlock(IndentedWriter w, MatrixPlan plan, VectorWidth width)
    {
        int last = plan.Layers.Count - 1;
        var output = plan.Layers[last].Source;
        w.Line($"/// <summary>One block of BackwardBatch on {width.Bits}-bit vectors: forward, δ{output.Number} = (∂a/∂z{output.Number})ᵀ·∂L/∂y per sample, then backward layer by layer as the training block; ∂L/∂x when <paramref name=\"inputGradients\"/> is not empty.</summary>");
        using (w.Block($"private static void NetGenBackwardBlock{width.Bits}(float[] packed, float[] parameters, {ReadOnlySpan} inputs, {ReadOnlySpan} outputGradients, int count, {Span} work, {Span} gradient, {Span} inputGradients)"))
        {
            TrainingPrologue(w, plan, width);
            w.Comment($"The output activation's vector–Jacobian product, sample by sample: δ{output.Number} = (∂a/∂z{output.Number})ᵀ·∂L/∂y");
            using (w.Block("for (int s = 0; s < count; s++)"))
            {
                w.Line($"{Span} delta = {HeadRow(plan, "d", training: true)};");
                w.Line("delta.Clear();");
                w.Line($"{LossHead.BackwardName}({HeadRow(plan, "z", training: true)}, outputGradients.Slice(s * {I(plan.OutputSize)}, {I(plan.OutputSize)}), delta);");
            }
            BackwardLayers(w, plan, width);
            using (w.Block("if (!inputGradients.IsEmpty)"))
            {
                string deltas = last == 0 ? Region(plan, plan.SecondRowOffset(0)) : Region(plan, plan.PreActivationRowOffset(0));
                string dx = Region(plan, plan.InputGradientRowOffset);
                w.Line($"{MatrixKernelEmitter.InputDeltaName(plan.Layers[0], width)}(ref p, {deltas}, {dx}, {dx}, rows);");
                w.Line($"for (int s = 0; s < count; s++) work.Slice(rows * {I(plan.InputGradientRowOffset)} + s * {I(plan.InputStride)}, {I(plan.InputSize)}).CopyTo(inputGradients.Slice(s * {I(plan.InputSize)}, {I(plan.InputSize)}));");
            }
        }
    }

    /// <summary>A training block's start: the block's references (parameters <c>p</c>, padded gradient <c>g</c>) and every layer's forward product, pre-activations kept.</summary>
    private static void TrainingPrologue(IndentedWriter w, MatrixPlan plan, VectorWidth width)
    {
        Prologue(w, plan, width);
        w.Line($"ref float p = ref {Marshal}.GetArrayDataReference(parameters);");
        w.Line($"ref float g = ref {Marshal}.GetReference(gradient);");
        ForwardLayers(w, plan, width, training: true);
    }

    /// <summary>The backward pass over a block's layers, last first: each layer's weight gradient, then the delta of the layer below.</summary>
    private static void BackwardLayers(IndentedWriter w, MatrixPlan plan, VectorWidth width)
    {
        int last = plan.Layers.Count - 1;
        for (int l = last; l >= 0; l--)
        {
            var layer = plan.Layers[l];
            string deltas = l == last ? Region(plan, plan.SecondRowOffset(l)) : Region(plan, plan.PreActivationRowOffset(l));
            string inputs = l == 0 ? "ref x" : Region(plan, plan.SecondRowOffset(l - 1));
            w.Line($"{MatrixKernelEmitter.WeightGradientName(layer, width)}({deltas}, {inputs}, ref g, count);");
            if (l == 0) continue;
            w.Line($"{MatrixKernelEmitter.InputGradientName(layer, width)}(ref p, {deltas}, {Region(plan, plan.PreActivationRowOffset(l - 1))}, {Region(plan, plan.SecondRowOffset(l - 1))}, rows);");
        }
    }
}

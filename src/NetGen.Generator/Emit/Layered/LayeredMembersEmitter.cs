using System.Collections.Generic;
using NetGen.Generator.Emit.Matrix;
using NetGen.Generator.Model;
using NetGen.Generator.Model.Layers;
using static NetGen.Generator.Emit.Layered.LoopText;

namespace NetGen.Generator.Emit.Layered;

/// <summary>
/// The contract's members of a layered network, each a sequence of calls to the layers' loop methods: inference (one sample
/// at a time through buffers on the stack, BatchNorm with its running statistics) and training (blocks of samples through the
/// instance's workspace: forward, the loss head per sample, backward in reverse layer order, the optimizer step).
/// </summary>
internal static class LayeredMembersEmitter
{
    private const string Args = "global::NetGen.Runtime.NetworkArguments";

    /// <summary>Floats of inference scratch up to which it is on the stack (above: one array per thread, made once).</summary>
    private const int MaxStackFloats = 16384;

    public static void WriteInference(IndentedWriter w, LayeredPlan plan)
    {
        var spec = plan.Spec;
        w.Line();
        w.Line("/// <summary>Computes the outputs of one sample" + (plan.HasBatchNorm ? " (BatchNorm with its running statistics, as PyTorch's evaluation mode)" : "") + ". Allocates nothing; thread-safe.</summary>");
        w.Line("/// <param name=\"input\">The sample's <see cref=\"InputSize\"/> features" + (spec.InputShape is { IsShaped: true } shape ? $", row-major {shape}" : "") + ".</param>");
        w.Line("/// <param name=\"output\">Receives the <see cref=\"OutputSize\"/> outputs.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span does not have the expected length.</exception>");
        using (w.Block($"public void Predict({ReadOnlySpan} input, {Span} output)"))
        {
            w.Line($"{Args}.CheckLength(input.Length, InputSize, nameof(input));");
            w.Line($"{Args}.CheckLength(output.Length, OutputSize, nameof(output));");
            w.Line($"{Span} z = stackalloc float[OutputSize];");
            w.Line("NetGenLayerInfer(input, z);");
            w.Line($"{LossHead.ForwardName}(z, output);");
        }
        w.Line();
        w.Line("/// <summary>Computes the outputs of a batch of samples, each as <see cref=\"Predict\"/> does. Allocates nothing; thread-safe.</summary>");
        w.Line("/// <param name=\"inputs\">Row-major <c>[n, InputSize]</c> features.</param>");
        w.Line("/// <param name=\"outputs\">Receives row-major <c>[n, OutputSize]</c> outputs.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The lengths are not <c>n·InputSize</c> and <c>n·OutputSize</c> for one n.</exception>");
        using (w.Block($"public void PredictBatch({ReadOnlySpan} inputs, {Span} outputs)"))
        {
            w.Line($"int n = {Args}.CheckBatch(inputs.Length, InputSize, nameof(inputs), outputs.Length, OutputSize, nameof(outputs), allowEmpty: true);");
            w.Line($"{Span} z = stackalloc float[OutputSize];");
            using (w.Block("for (int i = 0; i < n; i++)"))
            {
                w.Line("NetGenLayerInfer(inputs.Slice(i * InputSize, InputSize), z);");
                w.Line($"{LossHead.ForwardName}(z, outputs.Slice(i * OutputSize, OutputSize));");
            }
        }
        WriteInfer(w, plan);
    }

    /// <summary><c>NetGenLayerInfer</c>: every layer in evaluation mode on one sample, the last layer's pre-activations out.</summary>
    private static void WriteInfer(IndentedWriter w, LayeredPlan plan)
    {
        var spec = plan.Spec;
        int poolIndex = 1;
        foreach (var step in plan.Steps) if (step.Layer is PoolLayer { Max: true }) poolIndex = System.Math.Max(poolIndex, step.Layer.OutputSize);
        int scratch = 2 * plan.Widest;
        bool stack = scratch + poolIndex <= MaxStackFloats;
        w.Line();
        if (!stack)
        {
            w.Comment("Inference scratch too large for the stack: one pair of arrays per thread, made on its first call.");
            w.Line("[global::System.ThreadStatic] private static float[]? _netgenLayerScratch;");
            w.Line("[global::System.ThreadStatic] private static int[]? _netgenLayerScratchIndex;");
            w.Line();
        }
        w.Line("/// <summary>One sample through every layer in evaluation mode; <paramref name=\"last\"/> receives the output layer's pre-activations (the loss head's input).</summary>");
        using (w.Block($"private void NetGenLayerInfer({ReadOnlySpan} input, {Span} last)"))
        {
            w.Line($"{ReadOnlySpan} p = _netgenParameters;");
            if (stack)
            {
                w.Line($"{Span} scratch = stackalloc float[{I(scratch)}];");
                w.Line($"{IndexSpan} index = stackalloc int[{I(poolIndex)}];");
            }
            else
            {
                w.Line($"float[] scratchArray = _netgenLayerScratch ??= new float[{I(scratch)}];");
                w.Line($"int[] indexArray = _netgenLayerScratchIndex ??= new int[{I(poolIndex)}];");
                w.Line($"{Span} scratch = scratchArray;");
                w.Line($"{IndexSpan} index = indexArray;");
            }
            if (plan.Steps.Exists(s => s.Layer is LayerNormLayer)) w.Line($"{Span} inverse = stackalloc float[1];");
            string current = "input";
            int half = 0;
            foreach (var step in plan.Steps)
            {
                var layer = step.Layer;
                if (layer is FlattenLayer)
                {
                    w.Comment($"Layer {layer.Number}: Flatten (the same values, read as one row).");
                    continue;
                }
                string dest = step.Last ? "last" : $"scratch.Slice({I(half * plan.Widest)}, {I(layer.OutputSize)})";
                string name = $"a{I(layer.Number)}";
                w.Comment(Describe(plan, step));
                if (!step.Last) w.Line($"{Span} {name} = {dest};");
                else name = "last";
                w.Line(ForwardCall(step, current, name, "1", inference: true) + ";");
                if (!step.Last && step.Activation != ActivationKind.Identity) w.Line($"{ActivationLoops.ForwardName(step.Activation)}({name}, {name});");
                current = name;
                half = 1 - half;
            }
        }
    }

    /// <summary>A comment naming the layer and its shapes.</summary>
    private static string Describe(LayeredPlan plan, LayeredStep step)
    {
        var layer = step.Layer;
        return $"Layer {layer.Number}: {LayeredPlan.Text(layer)} ← {LayeredNetworkEmitter.Source(plan, step)} → {LayeredPlan.ShapeOf(layer)}" + (step.Last && step.Activation != ActivationKind.Identity ? $" (its {step.Activation} is the loss head's)" : "");
    }

    /// <summary>The call of a layer's forward method on <paramref name="x"/> into <paramref name="z"/>.</summary>
    private static string ForwardCall(LayeredStep step, string x, string z, string n, bool inference, string index = "index", string normalised = "", string inverse = "inverse")
    {
        string method = Method(step, "Forward");
        switch (step.Layer)
        {
            case DenseLayer:
            case ConvLayer:
                return step.Packed ? $"{method}(p, _netgenLayerPacked, {x}, {z}, {n})" : $"{method}(p, {x}, {z}, {n})";
            case PoolLayer { Max: true }:
                return $"{method}({x}, {z}, {index}, {n})";
            case PoolLayer:
            case GlobalAvgPoolLayer:
                return $"{method}({x}, {z}, {n})";
            case LayerNormLayer:
                return $"{method}(p, {x}, {z}, {(inference ? z : normalised)}, {inverse}, {n})";
            case BatchNormLayer:
                return inference
                    ? $"{Method(step, "Inference")}(p, _netgenStatistics, {x}, {z}, {n})"
                    : $"{method}(p, _netgenStatistics, update, {x}, {z}, {normalised}, _netgenLayerBatch, {n})";
            default:
                throw new System.InvalidOperationException($"Layer kind {step.Layer.GetType().Name} has no forward call.");
        }
    }

    /// <summary>
    /// A BatchNorm over one value per channel (a flat input, or [C, 1]) needs two samples or more in training: with one, its
    /// variance is 0 and every value normalises to 0 (PyTorch refuses it too: "Expected more than 1 value per channel").
    /// </summary>
    /// <returns>True when the check always throws (a one-sample member): the caller writes nothing after it.</returns>
    private static bool WriteBatchOfOneCheck(IndentedWriter w, LayeredPlan plan, string count, string argument)
    {
        foreach (var step in plan.Steps)
        {
            if (step.Layer is BatchNormLayer norm && norm.Input.Positions == 1)
            {
                w.Line($"{(count == "1" ? "" : $"if ({count} < 2) ")}throw new global::System.ArgumentException(\"Layer {norm.Number} (BatchNorm over {norm.Channels} features) needs at least 2 samples in training: with one, each feature's batch variance is 0 (PyTorch refuses it too); train on batches of 2 or more.\", nameof({argument}));");
                return count == "1";
            }
        }
        return false;
    }

    public static void WriteTraining(IndentedWriter w, LayeredPlan plan)
    {
        var spec = plan.Spec;
        string mode = plan.HasBatchNorm ? " BatchNorm normalises with the batch's own statistics (PyTorch's training mode) and does not update the running ones." : "";
        w.Line();
        int slots = plan.HasBatchNorm ? 1 : MaxSlots;
        w.Comment(plan.HasBatchNorm
            ? "The training workspace (one: a batch with a BatchNorm is one block)."
            : $"The training workspaces: blocks of {LayeredPlan.BlockSamples} samples are dealt round-robin to up to {MaxSlots} slots, each with its own workspace and gradient.");
        w.Line($"private readonly NetGenLayerSlot[] _netgenLayerSlots = {{ {string.Join(", ", System.Linq.Enumerable.Repeat("new NetGenLayerSlot()", slots))} }};");
        if (plan.BatchStatisticsSize > 0) w.Line($"private readonly float[] _netgenLayerBatch = new float[{I(plan.BatchStatisticsSize)}];");
        w.Line();
        w.Line("/// <summary>Computes the loss of one sample and overwrites <paramref name=\"gradient\"/> with ∂L/∂θ." + mode + " Not thread-safe.</summary>");
        w.Line("/// <param name=\"input\">The sample's <see cref=\"InputSize\"/> features.</param>");
        w.Line("/// <param name=\"target\">The sample's <see cref=\"OutputSize\"/> targets.</param>");
        w.Line("/// <param name=\"gradient\">Receives the <see cref=\"ParameterCount\"/> partial derivatives, in <see cref=\"Parameters\"/> order.</param>");
        w.Line($"/// <returns>The sample's loss ({spec.Loss}).</returns>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span does not have the expected length.</exception>");
        NetworkClassEmitter.WriteTargetDoc(w, spec);
        using (w.Block($"public float Gradient({ReadOnlySpan} input, {ReadOnlySpan} target, {Span} gradient)"))
        {
            w.Line($"{Args}.CheckLength(input.Length, InputSize, nameof(input));");
            w.Line($"{Args}.CheckLength(target.Length, OutputSize, nameof(target));");
            NetworkClassEmitter.WriteTargetCheck(w, spec, "target");
            w.Line($"{Args}.CheckLength(gradient.Length, ParameterCount, nameof(gradient));");
            if (!WriteBatchOfOneCheck(w, plan, "1", "input")) w.Line("return NetGenBatchGradient(input, target, gradient, 1, update: false);");
        }
        w.Line();
        w.Line("/// <summary>Computes the mean loss of a batch and overwrites <paramref name=\"gradient\"/> with its gradient." + mode + " The workspace grows to the largest block seen (" + (plan.HasBatchNorm ? "the whole batch: BatchNorm's statistics are the batch's" : $"{LayeredPlan.BlockSamples} samples") + "); later calls allocate nothing. Not thread-safe.</summary>");
        w.Line("/// <param name=\"inputs\">Row-major <c>[n, InputSize]</c> features, n ≥ 1.</param>");
        w.Line("/// <param name=\"targets\">Row-major <c>[n, OutputSize]</c> targets.</param>");
        w.Line("/// <param name=\"gradient\">Receives the gradient of the mean loss (<see cref=\"ParameterCount\"/> values).</param>");
        w.Line("/// <returns>The mean of the samples' losses.</returns>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span does not have the expected length, or the batch is empty.</exception>");
        NetworkClassEmitter.WriteTargetDoc(w, spec);
        using (w.Block($"public float GradientBatch({ReadOnlySpan} inputs, {ReadOnlySpan} targets, {Span} gradient)"))
        {
            w.Line($"{Args}.CheckLength(gradient.Length, ParameterCount, nameof(gradient));");
            w.Line($"int n = {Args}.CheckBatch(inputs.Length, InputSize, nameof(inputs), targets.Length, OutputSize, nameof(targets), allowEmpty: false);");
            NetworkClassEmitter.WriteTargetCheck(w, spec, "targets");
            WriteBatchOfOneCheck(w, plan, "n", "inputs");
            w.Line("return NetGenBatchGradient(inputs, targets, gradient, n, update: false);");
        }
        string updates = plan.HasBatchNorm ? " BatchNorm uses the batch's statistics and updates its running statistics (momentum 0.1)." : "";
        w.Line();
        w.Line("/// <summary>Does one optimizer step on one sample." + updates + " Not thread-safe.</summary>");
        w.Line("/// <param name=\"input\">The sample's <see cref=\"InputSize\"/> features.</param>");
        w.Line("/// <param name=\"target\">The sample's <see cref=\"OutputSize\"/> targets.</param>");
        w.Line("/// <returns>The sample's loss before the step.</returns>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span does not have the expected length.</exception>");
        NetworkClassEmitter.WriteTargetDoc(w, spec);
        using (w.Block($"public float TrainStep({ReadOnlySpan} input, {ReadOnlySpan} target)"))
        {
            w.Line($"{Args}.CheckLength(input.Length, InputSize, nameof(input));");
            w.Line($"{Args}.CheckLength(target.Length, OutputSize, nameof(target));");
            NetworkClassEmitter.WriteTargetCheck(w, spec, "target");
            if (!WriteBatchOfOneCheck(w, plan, "1", "input"))
            {
                w.Line("float loss = NetGenBatchGradient(input, target, _netgenGradient, 1, update: true);");
                w.Line("NetGenApplyOptimizerStep();");
                w.Line("return loss;");
            }
        }
        w.Line();
        w.Line("/// <summary>Does one optimizer step on the mean loss of a batch." + updates + " Not thread-safe.</summary>");
        w.Line("/// <param name=\"inputs\">Row-major <c>[n, InputSize]</c> features, n ≥ 1.</param>");
        w.Line("/// <param name=\"targets\">Row-major <c>[n, OutputSize]</c> targets.</param>");
        w.Line("/// <returns>The batch's mean loss before the step.</returns>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span does not have the expected length, or the batch is empty.</exception>");
        NetworkClassEmitter.WriteTargetDoc(w, spec);
        using (w.Block($"public float TrainBatch({ReadOnlySpan} inputs, {ReadOnlySpan} targets)"))
        {
            w.Line($"int n = {Args}.CheckBatch(inputs.Length, InputSize, nameof(inputs), targets.Length, OutputSize, nameof(targets), allowEmpty: false);");
            NetworkClassEmitter.WriteTargetCheck(w, spec, "targets");
            WriteBatchOfOneCheck(w, plan, "n", "inputs");
            w.Line("float loss = NetGenBatchGradient(inputs, targets, _netgenGradient, n, update: true);");
            w.Line("NetGenApplyOptimizerStep();");
            w.Line("return loss;");
        }
        w.Line();
        w.Line("/// <summary>Computes the mean loss of a batch without changing anything" + (plan.HasBatchNorm ? ", BatchNorm with its running statistics (PyTorch's evaluation mode, as Predict)" : "") + ". Allocates nothing; thread-safe.</summary>");
        w.Line("/// <param name=\"inputs\">Row-major <c>[n, InputSize]</c> features, n ≥ 1.</param>");
        w.Line("/// <param name=\"targets\">Row-major <c>[n, OutputSize]</c> targets.</param>");
        w.Line("/// <returns>The mean of the samples' losses" + (plan.HasBatchNorm ? "" : " (what <see cref=\"GradientBatch\"/> returns for the same data)") + ".</returns>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span does not have the expected length, or the batch is empty.</exception>");
        NetworkClassEmitter.WriteTargetDoc(w, spec);
        using (w.Block($"public float Evaluate({ReadOnlySpan} inputs, {ReadOnlySpan} targets)"))
        {
            w.Line($"int n = {Args}.CheckBatch(inputs.Length, InputSize, nameof(inputs), targets.Length, OutputSize, nameof(targets), allowEmpty: false);");
            NetworkClassEmitter.WriteTargetCheck(w, spec, "targets");
            w.Line($"{Span} z = stackalloc float[OutputSize];");
            w.Line($"{Span} delta = stackalloc float[OutputSize];");
            w.Line("float total = 0f;");
            using (w.Block("for (int i = 0; i < n; i++)"))
            {
                w.Line("NetGenLayerInfer(inputs.Slice(i * InputSize, InputSize), z);");
                w.Comment("The loss head's loss; its gradient goes to a scratch row and is ignored.");
                w.Line("delta.Clear();");
                w.Line($"total += {LossHead.GradientName}(z, targets.Slice(i * OutputSize, OutputSize), delta);");
            }
            w.Line("return total / n;");
        }
        WriteBatchGradient(w, plan);
        WriteReserve(w, plan);
        WriteTrainBlock(w, plan);
        WriteBackwardMembers(w, plan);
    }

    /// <summary>
    /// <c>Backward</c>, <c>BackwardBatch</c>, <c>InputGradient</c> and <c>ApplyGradient</c>: blocks through slot 0's workspace (the
    /// training forward pass, the output activation's vector–Jacobian product, the layers' backward methods).
    /// </summary>
    private static void WriteBackwardMembers(IndentedWriter w, LayeredPlan plan)
    {
        var spec = plan.Spec;
        int block = LayeredPlan.BlockSamples;
        string note = plan.HasBatchNorm
            ? "BatchNorm normalises with the batch's own statistics (training mode, as Gradient), so for a batch this is the product of the batch's training-mode outputs; a BatchNorm over one value per channel needs 2 samples or more. Not thread-safe."
            : "Runs through the training workspace: not thread-safe.";
        // Blocks of samples through slot 0 (a BatchNorm network: the whole batch, one block).
        void Blocks(string n, string call)
        {
            if (plan.HasBatchNorm)
            {
                if (n != "1")
                {
                    w.Line($"if ({n} == 0) return;");
                    WriteBatchOfOneCheck(w, plan, n, "inputs");
                }
                w.Line("NetGenLayerSlot slot = _netgenLayerSlots[0];");
                w.Line($"NetGenLayerReserve(slot, {n});");
                w.Line(call.Replace("{start}", "0").Replace("{count}", n) + ";");
                return;
            }
            w.Line("NetGenLayerSlot slot = _netgenLayerSlots[0];");
            if (n == "1")
            {
                w.Line("NetGenLayerReserve(slot, 1);");
                w.Line(call.Replace("{start}", "0").Replace("{count}", "1") + ";");
                return;
            }
            w.Line($"NetGenLayerReserve(slot, {n} < {I(block)} ? {n} : {I(block)});");
            using (w.Block($"for (int start = 0; start < {n}; start += {I(block)})"))
            {
                w.Line($"int count = {n} - start < {I(block)} ? {n} - start : {I(block)};");
                w.Line(call.Replace("{start}", "start").Replace("{count}", "count") + ";");
            }
        }
        NetworkClassEmitter.WriteBackward(w, spec,
            (writer, x, dy, g) =>
            {
                if (x == "input")
                {
                    if (!WriteBatchOfOneCheck(writer, plan, "1", "input")) Blocks("1", $"NetGenLayerBackwardBlock(slot, {x}, {dy}, {g}, 1)");
                }
                else Blocks("n", $"NetGenLayerBackwardBlock(slot, inputs.Slice({{start}} * InputSize, {{count}} * InputSize), outputGradients.Slice({{start}} * OutputSize, {{count}} * OutputSize), {g}, {{count}})");
            },
            (writer, x, dy, g, dx) =>
            {
                if (x == "input")
                {
                    if (!WriteBatchOfOneCheck(writer, plan, "1", "input")) Blocks("1", $"NetGenLayerBackwardInputBlock(slot, {x}, {dy}, {g}, {dx}, 1)");
                }
                else Blocks("n", $"NetGenLayerBackwardInputBlock(slot, inputs.Slice({{start}} * InputSize, {{count}} * InputSize), outputGradients.Slice({{start}} * OutputSize, {{count}} * OutputSize), {g}, inputGradients.Slice({{start}} * InputSize, {{count}} * InputSize), {{count}})");
            },
            note, batchLoop: false);
        NetworkClassEmitter.WriteInputGradient(w, spec, (writer, x, t, dx) =>
        {
            if (WriteBatchOfOneCheck(writer, plan, "1", "input")) return;
            writer.Line("NetGenLayerSlot slot = _netgenLayerSlots[0];");
            writer.Line("NetGenLayerReserve(slot, 1);");
            writer.Comment("The parameter gradient goes to a scratch buffer that nothing reads.");
            writer.Line("global::System.Array.Clear(_netgenGradient, 0, ParameterCount);");
            writer.Line($"return NetGenLayerInputGradientBlock(slot, {x}, {t}, _netgenGradient, {dx}, 1);");
        }, plan.HasBatchNorm ? "BatchNorm normalises with the sample's own statistics (training mode, as Gradient). Not thread-safe." : "Runs through the training workspace: not thread-safe.");
        NetworkClassEmitter.WriteApplyGradient(w);
        WriteTrainBlock(w, plan, BlockMode.Backward);
        WriteTrainBlock(w, plan, BlockMode.BackwardInput);
        WriteTrainBlock(w, plan, BlockMode.InputGradient);
    }

    /// <summary>Workspaces a batch is split over (the blocks dealt round-robin): the partition depends on n only, so any thread count gives the same bits.</summary>
    private const int MaxSlots = 4;

    /// <summary>Multiply-adds of one batch from which its slots run on several threads.</summary>
    private const long ParallelMultiplyAdds = 1_000_000;

    private static void WriteBatchGradient(IndentedWriter w, LayeredPlan plan)
    {
        var spec = plan.Spec;
        int block = LayeredPlan.BlockSamples;
        w.Line();
        if (plan.HasBatchNorm)
        {
            w.Comment("Gradient of the batch's mean loss: the whole batch is one block (BatchNorm's statistics are the batch's), then divided by n.");
        }
        else
        {
            w.Comment($"Gradient of the batch's mean loss: blocks of {block} samples dealt round-robin to up to {MaxSlots} slots (each sums its blocks in order");
            w.Comment($"into its own gradient), slots added in slot order, then divided by n. The slots run on BatchParallelism.MaxThreads threads from 1,000,000 multiply-adds a batch;");
            w.Comment("the partition depends on n only, so the bits are the same on any number of threads.");
        }
        using (w.Block($"private float NetGenBatchGradient({ReadOnlySpan} inputs, {ReadOnlySpan} targets, {Span} gradient, int n, bool update)"))
        {
            w.Line("gradient.Clear();");
            w.Line("float total;");
            // One block (a BatchNorm network's whole batch, or a batch that fits a block): slot 0, straight into gradient.
            void OneBlock()
            {
                w.Line("NetGenLayerSlot slot = _netgenLayerSlots[0];");
                w.Line("NetGenLayerReserve(slot, n);");
                w.Line("total = NetGenLayerTrainBlock(slot, inputs, targets, gradient, n, update);");
            }
            if (plan.HasBatchNorm)
            {
                OneBlock();
            }
            else
            {
                using (w.Block($"if (n <= {I(block)})")) OneBlock();
                using (w.Block("else"))
                {
                    long macs = 0;
                    foreach (var layer in spec.Layers) macs += layer.MultiplyAdds;
                    w.Line($"int blocks = (n + {I(block - 1)}) / {I(block)};");
                    w.Line($"int slots = blocks < {I(MaxSlots)} ? blocks : {I(MaxSlots)};");
                    using (w.Block("for (int s = 0; s < slots; s++)"))
                    {
                        w.Line($"NetGenLayerReserve(_netgenLayerSlots[s], {I(block)});");
                        w.Line("_netgenLayerSlots[s].Loss = 0f;");
                        w.Line("global::System.Array.Clear(_netgenLayerSlots[s].Gradient, 0, ParameterCount);");
                    }
                    w.Line("int threads = global::NetGen.Runtime.Threading.BatchParallelism.MaxThreads;");
                    w.Line($"if (threads > 1 && (long)n * {macs}L >= {ParallelMultiplyAdds}L) global::NetGen.Runtime.Threading.ParallelRunner.Run(new NetGenLayerParts(this, n, slots), inputs, targets, default, slots);");
                    w.Line("else for (int s = 0; s < slots; s++) NetGenLayerRunSlot(s, slots, inputs, targets, n);");
                    w.Line("total = 0f;");
                    using (w.Block("for (int s = 0; s < slots; s++)"))
                    {
                        w.Line("float[] part = _netgenLayerSlots[s].Gradient;");
                        w.Line("for (int k = 0; k < gradient.Length; k++) gradient[k] += part[k];");
                        w.Line("total += _netgenLayerSlots[s].Loss;");
                    }
                }
            }
            w.Line("for (int k = 0; k < gradient.Length; k++) gradient[k] /= n;");
            w.Line("return total / n;");
        }
        if (!plan.HasBatchNorm)
        {
            w.Line();
            w.Comment("Slot `part`'s blocks of a batch (part, part + slots, …), summed in order into the slot's gradient and loss.");
            using (w.Block($"private void NetGenLayerRunSlot(int part, int slots, {ReadOnlySpan} inputs, {ReadOnlySpan} targets, int n)"))
            {
                w.Line("NetGenLayerSlot slot = _netgenLayerSlots[part];");
                using (w.Block($"for (int start = part * {I(block)}; start < n; start += slots * {I(block)})"))
                {
                    w.Line($"int count = n - start < {I(block)} ? n - start : {I(block)};");
                    w.Line("slot.Loss += NetGenLayerTrainBlock(slot, inputs.Slice(start * InputSize, count * InputSize), targets.Slice(start * OutputSize, count * OutputSize), slot.Gradient, count, false);");
                }
            }
            w.Line();
            w.Line("/// <summary>The slots of a batch for <c>NetGen.Runtime.Threading.ParallelRunner</c>: part k runs slot k's blocks.</summary>");
            using (w.Block("private readonly struct NetGenLayerParts : global::NetGen.Runtime.Threading.IParallelSpanBody"))
            {
                w.Line($"private readonly {spec.ClassName} _network;");
                w.Line("private readonly int _n, _slots;");
                w.Line();
                w.Line($"public NetGenLayerParts({spec.ClassName} network, int n, int slots)");
                w.Line("{");
                w.Line("    _network = network;");
                w.Line("    _n = n;");
                w.Line("    _slots = slots;");
                w.Line("}");
                w.Line();
                w.Line($"public void Run(int part, {ReadOnlySpan} inputs, {ReadOnlySpan} targets, {Span} unused) => _network.NetGenLayerRunSlot(part, _slots, inputs, targets, _n);");
            }
        }
    }

    private static void WriteReserve(IndentedWriter w, LayeredPlan plan)
    {
        w.Line();
        w.Comment($"A slot's training workspace for blocks of up to `samples` samples: {plan.PerSample} floats and {plan.IndexPerSample} ints a sample (layer outputs, pre-activations, x̂, unrolled windows, deltas, max-pool positions).");
        using (w.Block("private static void NetGenLayerReserve(NetGenLayerSlot slot, int samples)"))
        {
            w.Line("if (slot.Capacity >= samples) return;");
            w.Line($"slot.Work = new float[checked({I(plan.PerSample)} * samples)];");
            if (plan.IndexPerSample > 0) w.Line($"slot.Index = new int[checked({I(plan.IndexPerSample)} * samples)];");
            if (plan.PackedSize > 0) w.Line($"slot.Columns = new float[checked({I(System.Math.Max(plan.ConvColumns, plan.DenseUnits))} * samples)];");
            w.Line("slot.Capacity = samples;");
        }
        w.Line();
        w.Line("/// <summary>One training workspace: the block's values, max-pool positions and scratch, and (batches split over slots) its own gradient and loss.</summary>");
        using (w.Block("private sealed class NetGenLayerSlot"))
        {
            w.Line("public float[] Work = global::System.Array.Empty<float>();");
            w.Line("public int[] Index = global::System.Array.Empty<int>();");
            w.Line("public float[] Columns = global::System.Array.Empty<float>();");
            w.Line("public int Capacity;");
            if (!plan.HasBatchNorm)
            {
                w.Line("public readonly float[] Gradient = new float[ParameterCount];");
                w.Line("public float Loss;");
            }
        }
    }

    /// <summary>What a block method computes: the training members' loss and gradient, or a backward member's.</summary>
    private enum BlockMode
    {
        /// <summary><c>NetGenLayerTrainBlock</c>: loss head, ∂L/∂θ.</summary>
        Train,
        /// <summary><c>NetGenLayerBackwardBlock</c>: the head's vector–Jacobian product with ∂L/∂y, ∂L/∂θ.</summary>
        Backward,
        /// <summary><c>NetGenLayerBackwardInputBlock</c>: as <see cref="Backward"/>, and ∂L/∂x.</summary>
        BackwardInput,
        /// <summary><c>NetGenLayerInputGradientBlock</c>: loss head, ∂L/∂θ (into scratch) and ∂L/∂x.</summary>
        InputGradient,
    }

    private static void WriteTrainBlock(IndentedWriter w, LayeredPlan plan, BlockMode mode = BlockMode.Train)
    {
        var spec = plan.Spec;
        bool vjp = mode is BlockMode.Backward or BlockMode.BackwardInput;
        bool inputs = mode is BlockMode.BackwardInput or BlockMode.InputGradient;
        w.Line();
        switch (mode)
        {
            case BlockMode.Train:
                w.Comment("One block: the forward pass in training mode (every layer's values kept), the loss head per sample, the backward pass in reverse layer order.");
                w.Comment("Adds the block's summed gradient to g and returns its summed loss.");
                break;
            case BlockMode.InputGradient:
                w.Comment("InputGradient's block: as NetGenLayerTrainBlock (no running-statistics update), and ∂L/∂x written to dx; returns the summed loss.");
                break;
            default:
                w.Comment("Backward's block: the forward pass in training mode, the output activation's vector–Jacobian product with dy per sample, the backward pass;");
                w.Comment(mode == BlockMode.BackwardInput ? "adds the block's summed ∂L/∂θ to g and writes ∂L/∂x to dx." : "adds the block's summed ∂L/∂θ to g.");
                break;
        }
        string header = mode switch
        {
            BlockMode.Backward => $"private void NetGenLayerBackwardBlock(NetGenLayerSlot slot, {ReadOnlySpan} x, {ReadOnlySpan} t, {Span} g, int n)",
            BlockMode.BackwardInput => $"private void NetGenLayerBackwardInputBlock(NetGenLayerSlot slot, {ReadOnlySpan} x, {ReadOnlySpan} t, {Span} g, {Span} dx, int n)",
            BlockMode.InputGradient => $"private float NetGenLayerInputGradientBlock(NetGenLayerSlot slot, {ReadOnlySpan} x, {ReadOnlySpan} t, {Span} g, {Span} dx, int n)",
            _ => $"private float NetGenLayerTrainBlock(NetGenLayerSlot slot, {ReadOnlySpan} x, {ReadOnlySpan} t, {Span} g, int n, bool update)",
        };
        using (w.Block(header))
        {
            w.Line($"{ReadOnlySpan} p = _netgenParameters;");
            if (mode != BlockMode.Train && plan.HasBatchNorm) w.Line("bool update = false;");
            w.Line("int c = slot.Capacity;");
            w.Line($"{Span} work = slot.Work;");
            if (plan.IndexPerSample > 0) w.Line($"{IndexSpan} positions = slot.Index;");
            if (plan.PackedSize > 0)
            {
                w.Comment("Convolutions and Dense layers train as matrix products (256-bit tiles) where the processor has the vectors.");
                w.Line($"bool simd = {ChannelTiles.Condition};");
                w.Line($"{Span} columns = slot.Columns;");
            }

            // Forward.
            var values = new Dictionary<int, string>();
            string current = "x";
            foreach (var step in plan.Steps)
            {
                var layer = step.Layer;
                int size = layer.OutputSize;
                if (layer is FlattenLayer)
                {
                    w.Comment($"Layer {layer.Number}: Flatten (the same values, read as one row).");
                    values[step.Index] = current;
                    continue;
                }
                w.Comment(Describe(plan, step));
                string z = $"z{I(layer.Number)}";
                w.Line($"{Span} {z} = work.Slice({I(step.Pre)} * c, n * {I(size)});");
                string normalised = "", inverse = "inverse", index = "index";
                if (step.Normalised >= 0)
                {
                    normalised = $"h{I(layer.Number)}";
                    w.Line($"{Span} {normalised} = work.Slice({I(step.Normalised)} * c, n * {I(size)});");
                }
                if (step.Inverse >= 0)
                {
                    inverse = $"inv{I(layer.Number)}";
                    w.Line($"{Span} {inverse} = work.Slice({I(step.Inverse)} * c, n);");
                }
                if (step.IndexRegion >= 0)
                {
                    index = $"index{I(layer.Number)}";
                    w.Line($"{IndexSpan} {index} = positions.Slice({I(step.IndexRegion)} * c, n * {I(size)});");
                }
                string forward = ForwardCall(step, current, z, "n", inference: false, index, normalised, inverse) + ";";
                if (step.Packed)
                {
                    string gemm = step.Layer is ConvLayer
                        ? $"{Method(step, "TrainForward")}(p, _netgenLayerPacked, {current}, {z}, n, work.Slice({I(step.Saved)} * c, n * {I(GemmLoops.SavedColumns(step.Layer))}), columns);"
                        : $"{Method(step, "TrainForward")}(p, _netgenLayerPacked, {current}, {z}, n);";
                    w.Line($"if (simd) {gemm}");
                    w.Line("else " + forward);
                }
                else w.Line(forward);
                string value = z;
                if (step.Value != step.Pre)
                {
                    value = $"a{I(layer.Number)}";
                    w.Line($"{Span} {value} = work.Slice({I(step.Value)} * c, n * {I(size)});");
                    w.Line($"{ActivationLoops.ForwardName(step.Activation)}({z}, {value});");
                }
                values[step.Index] = value;
                current = value;
            }

            // Loss head.
            var last = plan.Steps[plan.Steps.Count - 1];
            string output = values[last.Index];
            w.Comment(vjp
                ? "Output activation per sample: ∂L/∂z of the output layer from the caller's ∂L/∂y in t (the first delta of the backward pass)."
                : "Loss head per sample: the loss and ∂L/∂z of the output layer (the first delta of the backward pass).");
            w.Line($"{Span} deltaA = work.Slice({I(plan.DeltaA)} * c, n * {I(plan.Widest)});");
            w.Line($"{Span} deltaB = work.Slice({I(plan.DeltaB)} * c, n * {I(plan.Widest)});");
            if (!vjp) w.Line("float loss = 0f;");
            using (w.Block("for (int s = 0; s < n; s++)"))
            {
                w.Line("deltaA.Slice(s * OutputSize, OutputSize).Clear();");
                w.Line(vjp
                    ? $"{LossHead.BackwardName}({output}.Slice(s * OutputSize, OutputSize), t.Slice(s * OutputSize, OutputSize), deltaA.Slice(s * OutputSize, OutputSize));"
                    : $"loss += {LossHead.GradientName}({output}.Slice(s * OutputSize, OutputSize), t.Slice(s * OutputSize, OutputSize), deltaA.Slice(s * OutputSize, OutputSize));");
            }

            // Backward.
            bool inA = true;
            for (int k = plan.Steps.Count - 1; k >= 0; k--)
            {
                var step = plan.Steps[k];
                var layer = step.Layer;
                if (layer is FlattenLayer) continue;
                if (!inputs && layer.ParameterCount == 0 && !step.NeedsInputGradient) break;
                // With ∂L/∂x asked for, the first layer that computes (flattens aside) writes the caller's dx; the first layer
                // with parameters runs its copy that computes its input adjoint.
                bool first = inputs && plan.Steps.GetRange(0, k).TrueForAll(before => before.Layer is FlattenLayer);
                if (inputs && LayerLoops.InputGradientStep(step) is { } withInput) step = withInput;
                string delta = inA ? "deltaA" : "deltaB", other = first ? "dx" : inA ? "deltaB" : "deltaA";
                w.Comment($"Layer {layer.Number} backward.");
                if (!step.Last && step.Activation != ActivationKind.Identity)
                {
                    w.Line($"{ActivationLoops.AdjointName(step.Activation)}(z{I(layer.Number)}, a{I(layer.Number)}, {delta}.Slice(0, n * {I(layer.OutputSize)}), {delta});");
                }
                string input = k == 0 ? "x" : values[k - 1];
                string dx = step.NeedsInputGradient || inputs ? other : $"{Span}.Empty";
                string call = layer switch
                {
                    DenseLayer or ConvLayer => $"{Method(step, "Backward")}(p, {input}, {delta}, g, {dx}, n)",
                    PoolLayer { Max: true } => $"{Method(step, "Backward")}(index{I(layer.Number)}, {delta}, {dx}, n)",
                    PoolLayer or GlobalAvgPoolLayer => $"{Method(step, "Backward")}({delta}, {dx}, n)",
                    LayerNormLayer => $"{Method(step, "Backward")}(p, h{I(layer.Number)}, inv{I(layer.Number)}, {delta}, g, {dx}, n)",
                    BatchNormLayer => $"{Method(step, "Backward")}(p, h{I(layer.Number)}, _netgenLayerBatch, {delta}, g, {dx}, n)",
                    _ => throw new System.InvalidOperationException($"Layer kind {layer.GetType().Name} has no backward call."),
                };
                if (step.Packed && step.Suffix.Length == 0)
                {
                    string gemm = layer is ConvLayer
                        ? $"{Method(step, "TrainBackward")}(p, work.Slice({I(step.Saved)} * c, n * {I(GemmLoops.SavedColumns(layer))}), {delta}, g, {dx}, n, columns)"
                        : $"{Method(step, "TrainBackward")}(p, {input}, {delta}, g, {dx}, n, columns)";
                    w.Line($"if (simd) {gemm};");
                    w.Line($"else {call};");
                }
                else w.Line(call + ";");
                if (!inputs && !step.NeedsInputGradient) break;
                inA = !inA;
            }
            if (!vjp) w.Line("return loss;");
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using NetGen.Generator.Emit.Matrix;
using NetGen.Generator.Model;
using NetGen.Generator.Model.Activations;
using NetGen.Generator.Model.Layers;

namespace NetGen.Generator.Emit.Layered;

/// <summary>
/// Writes the generated half of a layered network (a shaped input, or convolution, pooling, flatten or normalisation layers):
/// the contract's members (as every network has them) around one forward and one backward loop method per layer
/// (<see cref="LayerLoops"/>), the activations' loops and chain-rule terms (<see cref="ActivationLoops"/>), and the loss head
/// on the last layer's pre-activations (<see cref="LossHead"/>, derived like every network's).
/// </summary>
internal static class LayeredNetworkEmitter
{
    public static string Emit(NetworkSpec spec, CancellationToken token)
    {
        // The convolutions and Dense layers' forward passes run across output channels at 256 bits where the compilation has
        // the vector API (and the processor accelerates it); no lane, matrix or GPU paths.
        var width = spec.VectorWidths.Contains(256) ? new VectorWidth(256, spec.MultiplyAddEstimate) : null;
        var plan = LayeredPlan.Build(spec with { VectorWidths = new EquatableArray<int>(new int[0]), GpuKernels = false }, width);
        spec = plan.Spec;
        var last = plan.Steps[plan.Steps.Count - 1];
        var head = LossHead.Schedules(spec, last.Layer.Number, spec.OutputSize, last.Activation);
        token.ThrowIfCancellationRequested();

        var w = new IndentedWriter();
        var scopes = NetworkClassEmitter.WriteFileStart(w, spec);
        if (plan.Width is not null)
        {
            w.Comment("Short names for the SIMD code below.");
            w.Line($"using {VectorWidth.MathAlias} = global::NetGen.Runtime.VectorMath;");
            foreach (string alias in plan.Width.Aliases) w.Line(alias);
            w.Line();
        }
        foreach (var outer in spec.ContainingTypes) scopes.Add(w.Block($"partial {outer.Keyword} {outer.Name}"));

        LayeredSummary.Write(w, spec, plan);
        using (w.Block("partial class " + spec.ClassName + " : " + NetworkInterfaceEmitter.Interface(spec)))
        {
            NetworkClassEmitter.WriteState(w, spec, (int)spec.ParameterCountLong, null, plan.PackedSize == 0 ? null : writer =>
            {
                foreach (var step in plan.Steps) if (step.Packed) ChannelTiles.EmitRefresh(writer, step);
            });
            if (plan.PackedSize > 0)
            {
                w.Line();
                w.Comment("The SIMD forward passes' weights, each window element's weights for all output channels side by side (refreshed on every parameter write).");
                w.Line($"private readonly float[] _netgenLayerPacked = new float[{plan.PackedSize}];");
            }
            StatisticsEmitter.WriteMembers(w, spec);
            NetworkInterfaceEmitter.Write(w, spec);
            NetworkClassEmitter.WriteConstructors(w, spec);
            LayeredMembersEmitter.WriteInference(w, plan);
            if (spec.Trainable)
            {
                LayeredMembersEmitter.WriteTraining(w, plan);
                NetworkClassEmitter.WriteOptimizerStep(w, spec);
            }
            NetworkClassEmitter.WritePersistence(w, spec);
            SafetensorsEmitter.Write(w, spec);
            Onnx.OnnxExportEmitter.Write(w, spec);
            BakedWeightsEmitter.WriteData(w, spec);

            foreach (var step in plan.Steps)
            {
                token.ThrowIfCancellationRequested();
                LayerLoops.Emit(w, step, Source(plan, step), spec.Trainable, plan.Width);
            }
            foreach (var activation in plan.Steps.Where(s => !s.Last && s.Activation != ActivationKind.Identity).Select(s => s.Activation).Distinct().OrderBy(a => (int)a))
            {
                ActivationLoops.Emit(w, activation, spec.Trainable, plan.Width, spec.Deterministic);
            }
            foreach (var schedule in head)
            {
                w.Line();
                LossHead.Emit(w, schedule, last.Layer.Number, spec.Deterministic);
            }
            if (spec.Trainable)
            {
                w.Line();
                LossHead.Emit(w, LossHead.BackwardSchedule(last.Layer.Number, spec.OutputSize, last.Activation), last.Layer.Number, spec.Deterministic);
            }
        }
        for (int i = scopes.Count - 1; i >= 0; i--) scopes[i].Dispose();
        return w.ToString();
    }

    /// <summary>Where a layer's input comes from, for comments: <c>Input</c> or <c>layer 2 (Conv1D)</c>.</summary>
    public static string Source(LayeredPlan plan, LayeredStep step)
    {
        if (step.Index == 0) return "Input";
        var before = plan.Steps[step.Index - 1].Layer;
        string kind = before is ShapedLayer shaped ? shaped.KindName : "Dense";
        return $"layer {before.Number} ({kind})";
    }
}

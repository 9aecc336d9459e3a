using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Emit.Printing;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// The batch members' SIMD drivers. The loops (chunks of one sample per lane of <c>Vector&lt;float&gt;</c>, transposes,
/// sums over the lanes) live in the runtime (<c>NetGen.Runtime.Lanes.LaneBatch</c>); the generated class supplies its
/// sizes and lane kernels through a private struct. Samples that do not fill a chunk go through the scalar kernel.
/// </summary>
internal static class LaneDriverEmitter
{
    private const string ReadOnlySpan = "global::System.ReadOnlySpan";
    private const string Span = "global::System.Span";
    private const string VT = LaneDialect.Type;
    private const string Lanes = LaneDialect.Type + ".Count";
    private const string Batch = "global::NetGen.Runtime.Lanes.LaneBatch";

    /// <summary>The neuron-kernel (batch-1 Predict) widths of the compilation, widest first.</summary>
    public static IEnumerable<VectorWidth> Widths(NetworkSpec spec) => spec.VectorWidths.Select(bits => new VectorWidth(bits, spec.MultiplyAddEstimate)).OrderByDescending(w => w.Bits);

    /// <summary>
    /// <c>int done = …;</c>: runs the lane driver when SIMD is on (<c>SimdOptions.PreferredWidth</c> is not 0),
    /// <c>Vector&lt;float&gt;</c> is hardware-accelerated and the batch fills a chunk; else sets 0 (scalar only).
    /// </summary>
    public static void Dispatch(IndentedWriter w, bool lanes, string call)
    {
        w.Line("int done = 0;");
        if (!lanes) return;
        w.Line($"if (global::NetGen.Runtime.SimdOptions.PreferredWidth != 0 && {LaneDialect.Statics}.IsHardwareAccelerated && n >= {Lanes})");
        w.Line($"    done = {call};");
    }

    /// <summary>
    /// The batch members' SIMD part: a private struct giving NetGen's batch loops (<c>NetGen.Runtime.Lanes.LaneBatch</c>, in
    /// the runtime, written once for every network) this network's sizes and lane kernels, and three one-line drivers.
    /// </summary>
    public static void EmitDrivers(IndentedWriter w, NetworkSpec spec)
    {
        bool dropout = DropoutEmitter.MaskSize(spec) > 0;
        string kernels = dropout ? "new NetGenLaneKernels(this)" : "default(NetGenLaneKernels)";
        string c = spec.ClassName;
        w.Line();
        w.Line("/// <summary>This network's lane kernels and sizes, for NetGen's batch loops (<c>NetGen.Runtime.Lanes.LaneBatch</c>).</summary>");
        bool trainable = spec.Trainable;
        string contract = trainable ? "global::NetGen.Runtime.Lanes.ILaneKernels" : "global::NetGen.Runtime.Lanes.ILaneForward";
        using (w.Block($"private readonly struct NetGenLaneKernels : {contract}"))
        {
            if (dropout)
            {
                w.Line($"private readonly {c} _network;");
                w.Line();
                w.Line($"public NetGenLaneKernels({c} network) => _network = network;");
                w.Line();
            }
            w.Line($"public int InputSize => {c}.InputSize;");
            w.Line($"public int OutputSize => {c}.OutputSize;");
            w.Line();
            Member(w, "public void Forward", $"{ReadOnlySpan}<float> p, {ReadOnlySpan}<{VT}> x, {Span}<{VT}> y", $"{LaneKernelEmitter.MethodName(KernelKind.Forward)}(p, x, y);");
            if (trainable)
            {
                w.Line();
                w.Line($"public int ParameterCount => {c}.ParameterCount;");
                w.Line($"public int MaskSize => {DropoutEmitter.MaskSize(spec)};");
                w.Line();
                Member(w, $"public {VT} Gradient", $"{ReadOnlySpan}<float> p, {ReadOnlySpan}<{VT}> x, {ReadOnlySpan}<{VT}> t, {ReadOnlySpan}<{VT}> m, {Span}<{VT}> g",
                    $"{LaneKernelEmitter.MethodName(KernelKind.Gradient)}(p, x, t, {(dropout ? "m, " : "")}g);");
                w.Line();
                w.Line(dropout
                    ? $"public void DrawMask({Span}<float> mask) => _network.NetGenDrawMask(mask);"
                    : $"public void DrawMask({Span}<float> mask) {{ }}   // no dropout: never called");
            }
        }
        w.Line();
        w.Comment("PredictBatch, Evaluate and the batch gradient on Vector<float>.Count samples at once; each returns how many samples it did.");
        Member(w, "private int NetGenPredictBatchLanes", $"{ReadOnlySpan}<float> inputs, {Span}<float> outputs, int n",
            $"{Batch}.Predict({kernels}, _netgenParameters, inputs, outputs, n);");
        if (!trainable) return;   // inference-only: no loss or gradient drivers
        w.Line();
        Member(w, "private int NetGenEvaluateLanes", $"{ReadOnlySpan}<float> inputs, {ReadOnlySpan}<float> targets, int n, ref float total",
            $"{Batch}.Evaluate({kernels}, _netgenParameters, inputs, targets, n, ref _netgenLaneGradient, ref total);");
        w.Line();
        Member(w, "private int NetGenBatchGradientLanes", $"{ReadOnlySpan}<float> inputs, {ReadOnlySpan}<float> targets, {Span}<float> gradient, int n, ref float total",
            $"{Batch}.Gradient({kernels}, _netgenParameters, inputs, targets, gradient, n, ref _netgenLaneGradient, ref total);");
    }

    /// <summary>An expression-bodied member: on one line when it fits, else its signature (<see cref="IndentedWriter.Signature"/>) then the body.</summary>
    private static void Member(IndentedWriter w, string head, string parameters, string body)
    {
        if (head.Length + parameters.Length + body.Length + 16 <= IndentedWriter.MaxLine)
        {
            w.Line($"{head}({parameters}) => {body}");
            return;
        }
        w.Signature(head, parameters, " =>");
        w.Indent();
        w.Line(body);
        w.Outdent();
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Emit.Printing;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// The batch members' SIMD drivers: methods that walk the batch in chunks of one sample per lane of
/// <c>Vector&lt;float&gt;</c>, transpose each chunk into structure-of-arrays vectors, run the lane kernel, and transpose
/// back (outputs) or sum over the lanes (loss, gradient). Samples that do not fill a chunk go through the scalar kernel.
/// Written once for every width: <c>NetGenLanes.Count</c> is a constant to the JIT.
/// </summary>
internal static class LaneDriverEmitter
{
    private const string ReadOnlySpan = "global::System.ReadOnlySpan";
    private const string Span = "global::System.Span";
    private const string Marshal = "global::System.Runtime.InteropServices.MemoryMarshal";
    private const string VT = LaneDialect.Type;
    private const string Lanes = LaneDialect.Type + ".Count";

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
        w.Line($"if (global::NetGen.Runtime.SimdOptions.PreferredWidth != 0 && {LaneDialect.Statics}.IsHardwareAccelerated && n >= {Lanes}) done = {call};");
    }

    public static void EmitDrivers(IndentedWriter w, NetworkSpec spec)
    {
        w.Line();
        EmitPredict(w);
        w.Line();
        EmitEvaluate(w);
        w.Line();
        EmitGradient(w, DropoutEmitter.MaskSize(spec));
    }

    private static void Transpose(IndentedWriter w, string source, string target, string size)
    {
        using (w.Block($"for (int lane = 0; lane < {Lanes}; lane++)"))
        {
            w.Line($"{ReadOnlySpan}<float> row = {source}.Slice((first + lane) * {size}, {size});");
            w.Line($"for (int i = 0; i < {size}; i++) {target}[i * {Lanes} + lane] = row[i];");
        }
    }

    private static void Header(IndentedWriter w, bool targets)
    {
        w.Line($"{Span}<{VT}> x = stackalloc {VT}[InputSize];");
        w.Line($"{Span}<float> xf = {Marshal}.Cast<{VT}, float>(x);");
        if (targets)
        {
            w.Line($"{Span}<{VT}> t = stackalloc {VT}[OutputSize];");
            w.Line($"{Span}<float> tf = {Marshal}.Cast<{VT}, float>(t);");
        }
        w.Line($"{ReadOnlySpan}<float> p = _netgenParameters;");
        w.Line($"int chunks = n / {Lanes};");
    }

    private static void EmitPredict(IndentedWriter w)
    {
        w.Comment($"PredictBatch on Vector<float>.Count samples per vector; returns how many samples it did.");
        using (w.Block($"private int NetGenPredictBatchLanes({ReadOnlySpan}<float> inputs, {Span}<float> outputs, int n)"))
        {
            Header(w, targets: false);
            w.Line($"{Span}<{VT}> y = stackalloc {VT}[OutputSize];");
            w.Line($"{ReadOnlySpan}<float> yf = {Marshal}.Cast<{VT}, float>(y);");
            using (w.Block("for (int chunk = 0; chunk < chunks; chunk++)"))
            {
                w.Line($"int first = chunk * {Lanes};");
                Transpose(w, "inputs", "xf", "InputSize");
                w.Line($"{LaneKernelEmitter.MethodName(KernelKind.Forward)}(p, x, y);");
                using (w.Block($"for (int lane = 0; lane < {Lanes}; lane++)"))
                {
                    w.Line($"{Span}<float> row = outputs.Slice((first + lane) * OutputSize, OutputSize);");
                    w.Line($"for (int j = 0; j < OutputSize; j++) row[j] = yf[j * {Lanes} + lane];");
                }
            }
            w.Line($"return chunks * {Lanes};");
        }
    }

    private static void EmitEvaluate(IndentedWriter w)
    {
        w.Comment($"Evaluate on Vector<float>.Count samples per vector: adds their losses to total; returns how many samples it did.");
        using (w.Block($"private int NetGenEvaluateLanes({ReadOnlySpan}<float> inputs, {ReadOnlySpan}<float> targets, int n, ref float total)"))
        {
            Header(w, targets: true);
            w.Line($"{VT} losses = {VT}.Zero;");
            using (w.Block("for (int chunk = 0; chunk < chunks; chunk++)"))
            {
                w.Line($"int first = chunk * {Lanes};");
                Transpose(w, "inputs", "xf", "InputSize");
                Transpose(w, "targets", "tf", "OutputSize");
                w.Line($"losses += {LaneKernelEmitter.MethodName(KernelKind.Loss)}(p, x, t);");
            }
            w.Line($"total += {LaneDialect.Statics}.Sum(losses);");
            w.Line($"return chunks * {Lanes};");
        }
    }

    private static void EmitGradient(IndentedWriter w, int maskSize)
    {
        w.Comment($"Batch gradient on Vector<float>.Count samples per vector: per-lane sums in _netgenLaneGradient, then summed over the lanes into gradient.");
        using (w.Block($"private int NetGenBatchGradientLanes({ReadOnlySpan}<float> inputs, {ReadOnlySpan}<float> targets, {Span}<float> gradient, int n, ref float total)"))
        {
            Header(w, targets: true);
            w.Line($"if (_netgenLaneGradient is null || _netgenLaneGradient.Length < ParameterCount * {Lanes}) _netgenLaneGradient = new float[ParameterCount * {Lanes}];");
            w.Line($"{Span}<{VT}> g = {Marshal}.Cast<float, {VT}>(global::System.MemoryExtensions.AsSpan(_netgenLaneGradient, 0, ParameterCount * {Lanes}));");
            w.Line("g.Clear();");
            if (maskSize > 0)
            {
                w.Comment($"Dropout masks, drawn per sample in sample order (as the scalar path draws them) and transposed into lanes.");
                w.Line($"{Span}<{VT}> m = stackalloc {VT}[{maskSize}];");
                w.Line($"{Span}<float> mf = {Marshal}.Cast<{VT}, float>(m);");
                w.Line($"{Span}<float> mask = stackalloc float[{maskSize}];");
            }
            w.Line($"{VT} losses = {VT}.Zero;");
            using (w.Block("for (int chunk = 0; chunk < chunks; chunk++)"))
            {
                w.Line($"int first = chunk * {Lanes};");
                Transpose(w, "inputs", "xf", "InputSize");
                Transpose(w, "targets", "tf", "OutputSize");
                if (maskSize > 0)
                {
                    using (w.Block($"for (int lane = 0; lane < {Lanes}; lane++)"))
                    {
                        w.Line("NetGenDrawMask(mask);");
                        w.Line($"for (int k = 0; k < {maskSize}; k++) mf[k * {Lanes} + lane] = mask[k];");
                    }
                }
                w.Line($"losses += {LaneKernelEmitter.MethodName(KernelKind.Gradient)}(p, x, t, {(maskSize > 0 ? "m, " : "")}g);");
            }
            w.Line($"for (int k = 0; k < ParameterCount; k++) gradient[k] += {LaneDialect.Statics}.Sum(g[k]);");
            w.Line($"total += {LaneDialect.Statics}.Sum(losses);");
            w.Line($"return chunks * {Lanes};");
        }
    }
}

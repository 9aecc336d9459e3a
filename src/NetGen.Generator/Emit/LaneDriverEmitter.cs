using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// The batch members' SIMD drivers: per vector width, a method that walks the batch in chunks of one sample per
/// lane, transposes each chunk into structure-of-arrays vectors, runs the lane kernel, and transposes back
/// (outputs) or sums over the lanes (loss, gradient). Samples that do not fill a chunk go through the scalar
/// kernel. The width is chosen at run time by <c>NetGen.Runtime.SimdOptions.PreferredWidth</c>.
/// </summary>
internal static class LaneDriverEmitter
{
    private const string ReadOnlySpan = "global::System.ReadOnlySpan";
    private const string Span = "global::System.Span";
    private const string Marshal = "global::System.Runtime.InteropServices.MemoryMarshal";

    public static IEnumerable<VectorWidth> Widths(NetworkSpec spec) => spec.VectorWidths.Select(bits => new VectorWidth(bits, spec.MultiplyAddEstimate)).OrderByDescending(w => w.Bits);

    /// <summary>
    /// <c>int done = …;</c>: runs the widest preferred width whose chunk the batch fills, or sets 0 (scalar only).
    /// <paramref name="call"/> gives the driver call for one width.
    /// </summary>
    public static void Dispatch(IndentedWriter w, NetworkSpec spec, Func<VectorWidth, string> call)
    {
        w.Line("int done = 0;");
        if (spec.VectorWidths.Count == 0) return;
        w.Line("int width = global::NetGen.Runtime.SimdOptions.PreferredWidth;");
        bool first = true;
        foreach (var width in Widths(spec))
        {
            w.Line($"{(first ? "if" : "else if")} (width >= {width.Bits} && n >= {width.Lanes}) done = {call(width)};");
            first = false;
        }
    }

    public static void EmitDrivers(IndentedWriter w, NetworkSpec spec)
    {
        foreach (var width in Widths(spec))
        {
            w.Line();
            EmitPredict(w, width);
            if (!spec.Trainable) continue;   // inference-only: no loss or gradient drivers
            w.Line();
            EmitEvaluate(w, width);
            w.Line();
            EmitGradient(w, width, DropoutEmitter.MaskSize(spec));
        }
    }

    private static void Transpose(IndentedWriter w, VectorWidth width, string source, string target, string size)
    {
        using (w.Block($"for (int lane = 0; lane < {width.Lanes}; lane++)"))
        {
            w.Line($"{ReadOnlySpan}<float> row = {source}.Slice((first + lane) * {size}, {size});");
            w.Line($"for (int i = 0; i < {size}; i++) {target}[i * {width.Lanes} + lane] = row[i];");
        }
    }

    private static void Header(IndentedWriter w, VectorWidth width, bool targets)
    {
        string VT = width.Type;
        w.Line($"{Span}<{VT}> x = stackalloc {VT}[InputSize];");
        w.Line($"{Span}<float> xf = {Marshal}.Cast<{VT}, float>(x);");
        if (targets)
        {
            w.Line($"{Span}<{VT}> t = stackalloc {VT}[OutputSize];");
            w.Line($"{Span}<float> tf = {Marshal}.Cast<{VT}, float>(t);");
        }
        w.Line($"{ReadOnlySpan}<float> p = _netgenParameters;");
        w.Line($"int chunks = n / {width.Lanes};");
    }

    private static void EmitPredict(IndentedWriter w, VectorWidth width)
    {
        string VT = width.Type;
        w.Comment($"PredictBatch on {width.Lanes} samples per {width.Bits}-bit vector; returns how many samples it did.");
        using (w.Block($"private int NetGenPredictBatch{width.Suffix}({ReadOnlySpan}<float> inputs, {Span}<float> outputs, int n)"))
        {
            Header(w, width, targets: false);
            w.Line($"{Span}<{VT}> y = stackalloc {VT}[OutputSize];");
            w.Line($"{ReadOnlySpan}<float> yf = {Marshal}.Cast<{VT}, float>(y);");
            using (w.Block("for (int chunk = 0; chunk < chunks; chunk++)"))
            {
                w.Line($"int first = chunk * {width.Lanes};");
                Transpose(w, width, "inputs", "xf", "InputSize");
                w.Line($"{LaneKernelEmitter.MethodName(KernelKind.Forward, width)}(p, x, y);");
                using (w.Block($"for (int lane = 0; lane < {width.Lanes}; lane++)"))
                {
                    w.Line($"{Span}<float> row = outputs.Slice((first + lane) * OutputSize, OutputSize);");
                    w.Line($"for (int j = 0; j < OutputSize; j++) row[j] = yf[j * {width.Lanes} + lane];");
                }
            }
            w.Line($"return chunks * {width.Lanes};");
        }
    }

    private static void EmitEvaluate(IndentedWriter w, VectorWidth width)
    {
        string VT = width.Type;
        w.Comment($"Evaluate on {width.Lanes} samples per {width.Bits}-bit vector: adds their losses to total; returns how many samples it did.");
        using (w.Block($"private int NetGenEvaluate{width.Suffix}({ReadOnlySpan}<float> inputs, {ReadOnlySpan}<float> targets, int n, ref float total)"))
        {
            Header(w, width, targets: true);
            w.Line($"{VT} losses = {VT}.Zero;");
            using (w.Block("for (int chunk = 0; chunk < chunks; chunk++)"))
            {
                w.Line($"int first = chunk * {width.Lanes};");
                Transpose(w, width, "inputs", "xf", "InputSize");
                Transpose(w, width, "targets", "tf", "OutputSize");
                w.Line($"losses += {LaneKernelEmitter.MethodName(KernelKind.Loss, width)}(p, x, t);");
            }
            w.Line($"total += {width.Statics}.Sum(losses);");
            w.Line($"return chunks * {width.Lanes};");
        }
    }

    private static void EmitGradient(IndentedWriter w, VectorWidth width, int maskSize)
    {
        string VT = width.Type;
        w.Comment($"Batch gradient on {width.Lanes} samples per {width.Bits}-bit vector: per-lane sums in _netgenLaneGradient, then summed over the lanes into gradient.");
        using (w.Block($"private int NetGenBatchGradient{width.Suffix}({ReadOnlySpan}<float> inputs, {ReadOnlySpan}<float> targets, {Span}<float> gradient, int n, ref float total)"))
        {
            Header(w, width, targets: true);
            w.Line($"if (_netgenLaneGradient is null || _netgenLaneGradient.Length < ParameterCount * {width.Lanes}) _netgenLaneGradient = new float[ParameterCount * {width.Lanes}];");
            w.Line($"{Span}<{VT}> g = {Marshal}.Cast<float, {VT}>(global::System.MemoryExtensions.AsSpan(_netgenLaneGradient, 0, ParameterCount * {width.Lanes}));");
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
                w.Line($"int first = chunk * {width.Lanes};");
                Transpose(w, width, "inputs", "xf", "InputSize");
                Transpose(w, width, "targets", "tf", "OutputSize");
                if (maskSize > 0)
                {
                    using (w.Block($"for (int lane = 0; lane < {width.Lanes}; lane++)"))
                    {
                        w.Line("NetGenDrawMask(mask);");
                        w.Line($"for (int k = 0; k < {maskSize}; k++) mf[k * {width.Lanes} + lane] = mask[k];");
                    }
                }
                w.Line($"losses += {LaneKernelEmitter.MethodName(KernelKind.Gradient, width)}(p, x, t, {(maskSize > 0 ? "m, " : "")}g);");
            }
            w.Line($"for (int k = 0; k < ParameterCount; k++) gradient[k] += {width.Statics}.Sum(g[k]);");
            w.Line($"total += {width.Statics}.Sum(losses);");
            w.Line($"return chunks * {width.Lanes};");
        }
    }
}

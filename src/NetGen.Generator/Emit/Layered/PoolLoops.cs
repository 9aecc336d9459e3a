using NetGen.Generator.Model.Layers;
using static NetGen.Generator.Emit.Layered.LoopText;

namespace NetGen.Generator.Emit.Layered;

/// <summary>
/// Pooling as loops over a block of samples. Max: the largest value of each window, scanned row by row, the first largest
/// kept (its position recorded; the backward pass routes δ there, as PyTorch does). Average: the window's mean, δ/window
/// to every value. Global average: the mean of each channel, δ/positions to every value.
/// </summary>
internal static class PoolLoops
{
    /// <summary>Values of a max-pool window up to which it is written out (constant offsets, no branches).</summary>
    private const int UnrolledWindow = 16;

    public static void EmitForward(IndentedWriter w, LayeredStep step, PoolLayer pool, string source)
    {
        var input = pool.Input;
        var output = pool.Output;
        string what = pool.Max ? "y = the first largest x of the window (its position kept in index)" : $"y = (Σ window x) / {pool.WindowSize}";
        w.Line($"/// <summary>Layer {step.Index + 1}: {pool.AttributeText} ← {source} {input} → {output}: {what}, for each of <paramref name=\"n\"/> samples.</summary>");
        string index = pool.Max ? $", {IndexSpan} index" : "";
        using (w.Block($"private static void {Method(step, "Forward")}({ReadOnlySpan} x, {Span} y{index}, int n)"))
        using (w.Block("for (int s = 0; s < n; s++)"))
        {
            w.Line($"{ReadOnlySpan} xs = x.Slice(s * {I(input.Size)}, {I(input.Size)});");
            w.Line($"{Span} ys = y.Slice(s * {I(output.Size)}, {I(output.Size)});");
            using (w.Block($"for (int c = 0; c < {I(input.Channels)}; c++)"))
            using (w.Block($"for (int r = 0; r < {I(output.Height)}; r++)"))
            using (w.Block($"for (int q = 0; q < {I(output.Width)}; q++)"))
            {
                w.Line($"int first = (c * {I(input.Height)} + r * {I(pool.StrideHeight)}) * {I(input.Width)} + q * {I(pool.Stride)};");
                w.Line($"int at = (c * {I(output.Height)} + r) * {I(output.Width)} + q;");
                if (pool.Max)
                {
                    w.Line("int best = first;");
                    w.Line("float top = xs[first];");
                    if (pool.WindowSize <= UnrolledWindow)
                    {
                        // The window written out at constant offsets, branch-free: a strictly greater value takes over, so ties
                        // keep the first position (PyTorch's rule).
                        // (Span indexers: this loop is also the netstandard2.1 code, which has no Unsafe.)
                        for (int i = 0; i < pool.KernelHeight; i++)
                        {
                            for (int j = 0; j < pool.Kernel; j++)
                            {
                                if (i == 0 && j == 0) continue;
                                int offset = i * input.Width + j;
                                w.Line($"{{ float v = xs[first + {I(offset)}]; bool more = v > top; top = more ? v : top; best = more ? first + {I(offset)} : best; }}");
                            }
                        }
                    }
                    else
                    {
                        using (w.Block($"for (int i = 0; i < {I(pool.KernelHeight)}; i++)"))
                        using (w.Block($"for (int j = 0; j < {I(pool.Kernel)}; j++)"))
                        {
                            w.Line($"int k = first + i * {I(input.Width)} + j;");
                            w.Comment("Strictly greater: ties keep the first position (PyTorch's rule).");
                            w.Line("if (xs[k] > top) { top = xs[k]; best = k; }");
                        }
                    }
                    w.Line("ys[at] = top;");
                    w.Line($"index[s * {I(output.Size)} + at] = best;");
                }
                else
                {
                    w.Line("float sum = 0f;");
                    using (w.Block($"for (int i = 0; i < {I(pool.KernelHeight)}; i++)"))
                    {
                        w.Line($"for (int j = 0; j < {I(pool.Kernel)}; j++) sum += xs[first + i * {I(input.Width)} + j];");
                    }
                    w.Line($"ys[at] = sum / {I(pool.WindowSize)}f;");
                }
            }
        }
    }

    public static void EmitBackward(IndentedWriter w, LayeredStep step, PoolLayer pool)
    {
        var input = pool.Input;
        var output = pool.Output;
        if (pool.Max)
        {
            w.Line($"/// <summary>Layer {step.Index + 1} backward: ∂y/∂x is 1 at the window's chosen (first largest) position, 0 elsewhere: ∂L/∂x[index] += δ.</summary>");
            using (w.Block($"private static void {Method(step, "Backward")}({ReadOnlyIndexSpan} index, {ReadOnlySpan} delta, {Span} dx, int n)"))
            {
                w.Line($"dx.Slice(0, n * {I(input.Size)}).Clear();");
                using (w.Block("for (int s = 0; s < n; s++)"))
                {
                    w.Line($"{Span} dxs = dx.Slice(s * {I(input.Size)}, {I(input.Size)});");
                    w.Line($"for (int k = 0; k < {I(output.Size)}; k++) dxs[index[s * {I(output.Size)} + k]] += delta[s * {I(output.Size)} + k];");
                }
            }
            return;
        }
        w.Line($"/// <summary>Layer {step.Index + 1} backward: ∂y/∂x = 1/{pool.WindowSize} for each value of the window: ∂L/∂x += δ/{pool.WindowSize}.</summary>");
        using (w.Block($"private static void {Method(step, "Backward")}({ReadOnlySpan} delta, {Span} dx, int n)"))
        {
            w.Line($"dx.Slice(0, n * {I(input.Size)}).Clear();");
            using (w.Block("for (int s = 0; s < n; s++)"))
            {
                w.Line($"{Span} dxs = dx.Slice(s * {I(input.Size)}, {I(input.Size)});");
                using (w.Block($"for (int c = 0; c < {I(input.Channels)}; c++)"))
                using (w.Block($"for (int r = 0; r < {I(output.Height)}; r++)"))
                using (w.Block($"for (int q = 0; q < {I(output.Width)}; q++)"))
                {
                    w.Line($"float d = delta[s * {I(output.Size)} + (c * {I(output.Height)} + r) * {I(output.Width)} + q] / {I(pool.WindowSize)}f;");
                    w.Line($"int first = (c * {I(input.Height)} + r * {I(pool.StrideHeight)}) * {I(input.Width)} + q * {I(pool.Stride)};");
                    using (w.Block($"for (int i = 0; i < {I(pool.KernelHeight)}; i++)"))
                    {
                        w.Line($"for (int j = 0; j < {I(pool.Kernel)}; j++) dxs[first + i * {I(input.Width)} + j] += d;");
                    }
                }
            }
        }
    }

    public static void EmitGlobalForward(IndentedWriter w, LayeredStep step, GlobalAvgPoolLayer pool, string source)
    {
        var input = pool.Input;
        int positions = input.Positions, channels = input.Channels;
        w.Line($"/// <summary>Layer {step.Index + 1}: GlobalAvgPool ← {source} {input} → {pool.Output}: y[c] = (Σ positions x[c, …]) / {positions}, for each of <paramref name=\"n\"/> samples.</summary>");
        using (w.Block($"private static void {Method(step, "Forward")}({ReadOnlySpan} x, {Span} y, int n)"))
        using (w.Block("for (int s = 0; s < n; s++)"))
        using (w.Block($"for (int c = 0; c < {I(channels)}; c++)"))
        {
            w.Line($"{ReadOnlySpan} xc = x.Slice((s * {I(channels)} + c) * {I(positions)}, {I(positions)});");
            w.Line("float sum = 0f;");
            w.Line($"for (int k = 0; k < {I(positions)}; k++) sum += xc[k];");
            w.Line($"y[s * {I(channels)} + c] = sum / {I(positions)}f;");
        }
    }

    public static void EmitGlobalBackward(IndentedWriter w, LayeredStep step, GlobalAvgPoolLayer pool)
    {
        var input = pool.Input;
        int positions = input.Positions, channels = input.Channels;
        w.Line($"/// <summary>Layer {step.Index + 1} backward: ∂y[c]/∂x[c, k] = 1/{positions}: ∂L/∂x[c, k] = δ[c]/{positions}.</summary>");
        using (w.Block($"private static void {Method(step, "Backward")}({ReadOnlySpan} delta, {Span} dx, int n)"))
        using (w.Block("for (int s = 0; s < n; s++)"))
        using (w.Block($"for (int c = 0; c < {I(channels)}; c++)"))
        {
            w.Line($"dx.Slice((s * {I(channels)} + c) * {I(positions)}, {I(positions)}).Fill(delta[s * {I(channels)} + c] / {I(positions)}f);");
        }
    }
}

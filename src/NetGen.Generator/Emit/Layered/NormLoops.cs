using NetGen.Generator.Model.Layers;
using static NetGen.Generator.Emit.Layered.LoopText;

namespace NetGen.Generator.Emit.Layered;

/// <summary>
/// LayerNorm and BatchNorm as loops over a block of samples. Means and variances are summed in double (two passes: the mean,
/// then the squared deviations), the values in float. Their vector–Jacobian products, with x̂ the normalised values, γ the
/// weights and m the values each mean is taken over: ∂L/∂γ += Σ δ·x̂, ∂L/∂β += Σ δ,
/// ∂L/∂x = (γ/σ)·(δ − mean(δ) − x̂·mean(δ·x̂)) (the mean's and the variance's paths summed with the direct one).
/// </summary>
internal static class NormLoops
{
    public static void EmitLayerNormForward(IndentedWriter w, LayeredStep step, LayerNormLayer norm, string source)
    {
        int f = norm.Input.Size, go = step.ParameterOffset, bo = go + f;
        w.Line($"/// <summary>Layer {step.Index + 1}: {norm.AttributeText} ← {source} {norm.Input}: per sample μ = mean(x), σ² = mean((x − μ)²), x̂ = (x − μ)/√(σ² + 1e-5),");
        w.Line($"/// z = γ ⊙ x̂ + β (γ p[{go}..], β p[{bo}..]); x̂ and 1/√(σ² + ε) kept for the backward pass (<paramref name=\"normalised\"/> may be <paramref name=\"z\"/> itself).</summary>");
        using (w.Block($"private static void {Method(step, "Forward")}({ReadOnlySpan} p, {ReadOnlySpan} x, {Span} z, {Span} normalised, {Span} inverse, int n)"))
        using (w.Block("for (int s = 0; s < n; s++)"))
        {
            w.Line($"{ReadOnlySpan} xs = x.Slice(s * {I(f)}, {I(f)});");
            w.Line("double sum = 0d;");
            w.Line($"for (int i = 0; i < {I(f)}; i++) sum += xs[i];");
            w.Line($"float mean = (float)(sum / {I(f)});");
            w.Line("double squares = 0d;");
            w.Line($"for (int i = 0; i < {I(f)}; i++) {{ double d = xs[i] - mean; squares += d * d; }}");
            w.Line($"float inv = 1f / global::System.MathF.Sqrt((float)(squares / {I(f)}) + {F(LayerNormLayer.Epsilon)});");
            w.Line("inverse[s] = inv;");
            using (w.Block($"for (int i = 0; i < {I(f)}; i++)"))
            {
                w.Line("float h = (xs[i] - mean) * inv;");
                w.Line($"normalised[s * {I(f)} + i] = h;");
                w.Line($"z[s * {I(f)} + i] = p[{I(go)} + i] * h + p[{I(bo)} + i];");
            }
        }
    }

    public static void EmitLayerNormBackward(IndentedWriter w, LayeredStep step, LayerNormLayer norm)
    {
        int f = norm.Input.Size, go = step.ParameterOffset, bo = go + f;
        bool input = step.NeedsInputGradient;
        w.Line($"/// <summary>Layer {step.Index + 1} backward: ∂L/∂γ += δ·x̂, ∂L/∂β += δ{(input ? $", per sample with u = γ·δ: ∂L/∂x = (u − mean(u) − x̂·mean(u·x̂))/√(σ² + ε) (over its {f} values)" : "")}.</summary>");
        using (w.Block($"private static void {Method(step, "Backward")}({ReadOnlySpan} p, {ReadOnlySpan} normalised, {ReadOnlySpan} inverse, {ReadOnlySpan} delta, {Span} g, {Span} dx, int n)"))
        using (w.Block("for (int s = 0; s < n; s++)"))
        {
            w.Line($"{ReadOnlySpan} h = normalised.Slice(s * {I(f)}, {I(f)});");
            w.Line($"{ReadOnlySpan} d = delta.Slice(s * {I(f)}, {I(f)});");
            w.Line("double sumU = 0d, sumUh = 0d;");
            using (w.Block($"for (int i = 0; i < {I(f)}; i++)"))
            {
                w.Line($"g[{I(go)} + i] += d[i] * h[i];");
                w.Line($"g[{I(bo)} + i] += d[i];");
                w.Line($"float u = p[{I(go)} + i] * d[i];");
                w.Line("sumU += u;");
                w.Line("sumUh += u * h[i];");
            }
            if (input)
            {
                w.Line($"float meanU = (float)(sumU / {I(f)}), meanUh = (float)(sumUh / {I(f)});");
                w.Line("float inv = inverse[s];");
                w.Line($"for (int i = 0; i < {I(f)}; i++) dx[s * {I(f)} + i] = (p[{I(go)} + i] * d[i] - meanU - h[i] * meanUh) * inv;");
            }
        }
    }

    public static void EmitBatchNormForward(IndentedWriter w, LayeredStep step, BatchNormLayer norm, string source)
    {
        int c = norm.Channels, positions = norm.Input.Positions, f = norm.Input.Size, go = step.ParameterOffset, bo = go + c;
        int rm = step.StatisticsOffset, rv = rm + c, count = rv + c;
        string over = positions == 1 ? "the block's samples" : $"the block's samples and the {positions} positions";
        w.Line($"/// <summary>Layer {step.Index + 1}: {norm.AttributeText} ({norm.ModuleName}, training mode) ← {source} {norm.Input}: per channel over {over},");
        w.Line($"/// μ_B = mean(x), σ²_B = mean((x − μ_B)²), x̂ = (x − μ_B)/√(σ²_B + 1e-5), z = γ·x̂ + β (γ p[{go}..], β p[{bo}..]). μ_B and 1/√(σ²_B + ε)");
        w.Line($"/// go to <paramref name=\"batch\"/>; with <paramref name=\"update\"/> the running statistics (r[{rm}..], r[{rv}..]) move by momentum 0.1 (the variance unbiased) and r[{count}] counts the batch.</summary>");
        using (w.Block($"private static void {Method(step, "Forward")}({ReadOnlySpan} p, {Span} running, bool update, {ReadOnlySpan} x, {Span} z, {Span} normalised, {Span} batch, int n)"))
        {
            w.Line($"int m = n * {I(positions)};");
            using (w.Block($"for (int c = 0; c < {I(c)}; c++)"))
            {
                w.Line("double sum = 0d;");
                Positions(w, positions, f, "sum += x[k];");
                w.Line("float mean = (float)(sum / m);");
                w.Line("double squares = 0d;");
                Positions(w, positions, f, "{ double d = x[k] - mean; squares += d * d; }");
                w.Line("double variance = squares / m;");
                w.Line($"float inv = 1f / global::System.MathF.Sqrt((float)variance + {F(BatchNormLayer.Epsilon)});");
                w.Line($"batch[{I(step.BatchStatistics)} + 2 * c] = mean;");
                w.Line($"batch[{I(step.BatchStatistics)} + 2 * c + 1] = inv;");
                using (w.Block("if (update)"))
                {
                    w.Comment("PyTorch's running statistics: the unbiased variance m/(m − 1)·σ²_B (σ²_B itself for a single value).");
                    w.Line("double unbiased = m > 1 ? variance * m / (m - 1) : variance;");
                    w.Line($"running[{I(rm)} + c] = {F(1f - BatchNormLayer.Momentum)} * running[{I(rm)} + c] + {F(BatchNormLayer.Momentum)} * mean;");
                    w.Line($"running[{I(rv)} + c] = {F(1f - BatchNormLayer.Momentum)} * running[{I(rv)} + c] + {F(BatchNormLayer.Momentum)} * (float)unbiased;");
                }
                w.Line($"float gamma = p[{I(go)} + c], beta = p[{I(bo)} + c];");
                Positions(w, positions, f, "{ float h = (x[k] - mean) * inv; normalised[k] = h; z[k] = gamma * h + beta; }");
            }
            w.Line($"if (update) running[{I(count)}] += 1f;");
        }
    }

    public static void EmitBatchNormInference(IndentedWriter w, LayeredStep step, BatchNormLayer norm, string source)
    {
        int c = norm.Channels, positions = norm.Input.Positions, f = norm.Input.Size, go = step.ParameterOffset, bo = go + c;
        int rm = step.StatisticsOffset, rv = rm + c;
        w.Line($"/// <summary>Layer {step.Index + 1}: {norm.AttributeText} ({norm.ModuleName}, evaluation mode) ← {source} {norm.Input}: per channel");
        w.Line($"/// z = γ·(x − μ)/√(σ² + 1e-5) + β with the running statistics μ = r[{rm}..], σ² = r[{rv}..], for each of <paramref name=\"n\"/> samples.</summary>");
        using (w.Block($"private static void {Method(step, "Inference")}({ReadOnlySpan} p, {ReadOnlySpan} running, {ReadOnlySpan} x, {Span} z, int n)"))
        using (w.Block($"for (int c = 0; c < {I(c)}; c++)"))
        {
            w.Line($"float scale = p[{I(go)} + c] / global::System.MathF.Sqrt(running[{I(rv)} + c] + {F(BatchNormLayer.Epsilon)});");
            w.Line($"float mean = running[{I(rm)} + c], beta = p[{I(bo)} + c];");
            Positions(w, positions, f, "z[k] = (x[k] - mean) * scale + beta;");
        }
    }

    public static void EmitBatchNormBackward(IndentedWriter w, LayeredStep step, BatchNormLayer norm)
    {
        int c = norm.Channels, positions = norm.Input.Positions, f = norm.Input.Size, go = step.ParameterOffset, bo = go + c;
        bool input = step.NeedsInputGradient;
        w.Line($"/// <summary>Layer {step.Index + 1} backward through the batch statistics: ∂L/∂γ += Σ δ·x̂, ∂L/∂β += Σ δ (over the block and the positions)");
        if (input) w.Line("/// and ∂L/∂x = γ/(m·√(σ²_B + ε))·(m·δ − Σδ − x̂·Σ(δ·x̂)), every path through μ_B and σ²_B summed.");
        w.Line("/// </summary>");
        using (w.Block($"private static void {Method(step, "Backward")}({ReadOnlySpan} p, {ReadOnlySpan} normalised, {ReadOnlySpan} batch, {ReadOnlySpan} delta, {Span} g, {Span} dx, int n)"))
        {
            w.Line($"int m = n * {I(positions)};");
            using (w.Block($"for (int c = 0; c < {I(c)}; c++)"))
            {
                w.Line("double sumD = 0d, sumDh = 0d;");
                Positions(w, positions, f, "{ sumD += delta[k]; sumDh += delta[k] * normalised[k]; }");
                w.Line($"g[{I(go)} + c] += (float)sumDh;");
                w.Line($"g[{I(bo)} + c] += (float)sumD;");
                if (input)
                {
                    w.Line($"float scale = p[{I(go)} + c] * batch[{I(step.BatchStatistics)} + 2 * c + 1] / m;");
                    w.Line("float d0 = (float)sumD, d1 = (float)sumDh;");
                    Positions(w, positions, f, "dx[k] = scale * (m * delta[k] - d0 - normalised[k] * d1);");
                }
            }
        }
    }

    /// <summary>Loops over the block's samples and channel <c>c</c>'s positions with <c>k</c> the flat index.</summary>
    private static void Positions(IndentedWriter w, int positions, int size, string body)
    {
        using (w.Block("for (int s = 0; s < n; s++)"))
        {
            if (positions == 1)
            {
                w.Line($"int k = s * {I(size)} + c;");
                w.Line(body);
                return;
            }
            w.Line($"int start = s * {I(size)} + c * {I(positions)};");
            w.Line($"for (int k = start; k < start + {I(positions)}; k++) {body}");
        }
    }
}

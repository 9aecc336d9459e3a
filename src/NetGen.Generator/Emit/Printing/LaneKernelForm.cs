using NetGen.Generator.Graph;

namespace NetGen.Generator.Emit.Printing;

/// <summary>
/// Lane kernels: the scalar kernel's schedule on <c>Vector&lt;float&gt;.Count</c> samples at once. Inputs, targets and outputs
/// are structure-of-arrays spans of vectors (<c>x[i]</c> holds feature i of every sample in the chunk); the gradient is
/// accumulated per lane into <c>g</c> and summed over the lanes by the driver.
/// </summary>
internal sealed class LaneKernelForm : KernelForm
{
    private const string ReadOnlySpan = "global::System.ReadOnlySpan";
    private const string Span = "global::System.Span";
    private const string VT = LaneDialect.Type;
    private readonly LaneDialect _dialect;

    public LaneKernelForm(LaneDialect dialect) => _dialect = dialect;

    public override string Name(KernelKind kind) => Named("NetGen", kind, "Lanes");

    public override string ReturnType(KernelKind kind) => kind == KernelKind.Forward ? "void" : VT;

    public override string Parameters(KernelSchedule k, bool part)
    {
        string p = $"{ReadOnlySpan}<float> p", x = $"{ReadOnlySpan}<{VT}> x", t = $"{ReadOnlySpan}<{VT}> t";
        string s = part ? $"{Span}<{VT}> s, " : "";
        string mask = k.MaskSize > 0 ? $"{ReadOnlySpan}<{VT}> m, " : "";
        return k.Kind switch
        {
            KernelKind.Forward => $"{p}, {x}, {mask}{s}{Span}<{VT}> y",
            KernelKind.Gradient => $"{p}, {x}, {t}, {mask}{s}{Span}<{VT}> g",
            _ => throw new System.InvalidOperationException($"Kernel kind {k.Kind} has no signature."),
        };
    }

    /// <summary>The scratch vectors crossing parts; a split kernel whose parts share none still passes an empty <c>s</c>.</summary>
    public override string? ScratchDeclaration(KernelSchedule k) =>
        k.ScratchSize > 0 ? $"{Span}<{VT}> s = stackalloc {VT}[{k.ScratchSize}];" : k.PartCount > 1 ? $"{Span}<{VT}> s = {Span}<{VT}>.Empty;" : null;

    public override string Scratch(int slot) => $"s[{slot}]";

    public override string Gradient(int index) => $"g[{index}]";

    public override int TermsPerLine => 16;

    public override bool OneTermPerLine => true;

    private string Fma(string a, string b, string c) => _dialect.MultiplyAdd(a, b, c)!;

    public override void Macro(IndentedWriter w, KernelSchedule k, Node node)
    {
        var b = node.Block!;
        var region = k.RegionOf(node.Id);
        var operand = k.VectorOf(node.Args);
        if (node.Kind == OpKind.MatVec)
        {
            using (w.Block($"for (int row = 0; row < {b.Rows}; row++)"))
            {
                w.Line($"{ReadOnlySpan}<float> weights = p.Slice({b.WeightOffset} + row * {b.Columns}, {b.Columns});");
                w.Line($"{ReadOnlySpan}<{VT}> inputs = {operand.Slice(b.Columns)};");
                if (b.Columns >= 8)
                {
                    // Four partial sums (column c feeds sum c mod 4): four independent multiply-add chains instead of
                    // one chain as long as the row, so the FMA latency is hidden.
                    w.Line($"{VT} acc0 = {_dialect.Broadcast($"p[{b.BiasOffset} + row]")}, acc1 = {VT}.Zero, acc2 = {VT}.Zero, acc3 = {VT}.Zero;");
                    w.Line("int col = 0;");
                    using (w.Block("for (; col + 4 <= weights.Length; col += 4)"))
                    {
                        for (int c = 0; c < 4; c++)
                        {
                            string at = c == 0 ? "col" : $"col + {c}";
                            w.Line($"acc{c} = {Fma(_dialect.Broadcast($"weights[{at}]"), $"inputs[{at}]", $"acc{c}")};");
                        }
                    }
                    w.Line($"for (; col < weights.Length; col++) acc0 = {Fma(_dialect.Broadcast("weights[col]"), "inputs[col]", "acc0")};");
                    w.Line($"{region.At("row")} = (acc0 + acc1) + (acc2 + acc3);");
                }
                else
                {
                    w.Line($"{VT} acc = {_dialect.Broadcast($"p[{b.BiasOffset} + row]")};");
                    w.Line($"for (int col = 0; col < weights.Length; col++) acc = {Fma(_dialect.Broadcast("weights[col]"), "inputs[col]", "acc")};");
                    w.Line($"{region.At("row")} = acc;");
                }
            }
            return;
        }
        w.Comment($"∂L/∂a = Wᵀ·δ for the {b.Columns} inputs of the looped layer (every path through its {b.Rows} neurons summed)");
        using (w.Scope())
        {
            w.Line($"{Span}<{VT}> adjoint = s.Slice({region.RegionStart}, {b.Columns});");
            w.Line("adjoint.Clear();");
            using (w.Block($"for (int row = 0; row < {b.Rows}; row++)"))
            {
                w.Line($"{VT} delta = {operand.At("row")};");
                w.Line($"{ReadOnlySpan}<float> weights = p.Slice({b.WeightOffset} + row * {b.Columns}, {b.Columns});");
                w.Line($"for (int col = 0; col < weights.Length; col++) adjoint[col] = {Fma(_dialect.Broadcast("weights[col]"), "delta", "adjoint[col]")};");
            }
        }
    }

    public override void GradientBlock(IndentedWriter w, KernelSchedule k, GradientBlock block)
    {
        var b = block.Block;
        var deltas = k.VectorOf(block.Deltas);
        var inputs = k.VectorOf(block.Inputs);
        w.Comment($"∂L/∂W[row, col] = δ[row]·a[col] for the {b.Rows}×{b.Columns} weights at p[{b.WeightOffset}..], per lane");
        using (w.Block($"for (int row = 0; row < {b.Rows}; row++)"))
        {
            w.Line($"{VT} delta = {deltas.At("row")};");
            w.Line($"{Span}<{VT}> gradients = g.Slice({b.WeightOffset} + row * {b.Columns}, {b.Columns});");
            w.Line($"{ReadOnlySpan}<{VT}> inputs = {inputs.Slice(b.Columns)};");
            w.Line($"for (int col = 0; col < gradients.Length; col++) gradients[col] = {Fma("delta", "inputs[col]", "gradients[col]")};");
        }
    }
}

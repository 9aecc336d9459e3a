using NetGen.Generator.Graph;

namespace NetGen.Generator.Emit.Printing;

/// <summary>Scalar kernels: spans of floats, one sample, scratch on the stack.</summary>
internal class ScalarKernelForm : KernelForm
{
    private const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    private const string Span = "global::System.Span<float>";

    public override string Name(KernelKind kind) => Named("NetGen", kind, "Kernel");

    public override string ReturnType(KernelKind kind) => kind is KernelKind.Forward or KernelKind.Backward or KernelKind.BackwardInput ? "void" : "float";

    public override string Parameters(KernelSchedule k, bool part)
    {
        string s = part ? $"{Span} s, " : "";
        string mask = k.MaskSize > 0 ? $"{ReadOnlySpan} m, " : "";
        return k.Kind switch
        {
            KernelKind.Forward => $"{ReadOnlySpan} p, {ReadOnlySpan} x, {mask}{s}{Span} y",
            KernelKind.Gradient => $"{ReadOnlySpan} p, {ReadOnlySpan} x, {ReadOnlySpan} t, {mask}{s}{Span} g",
            KernelKind.Backward => $"{ReadOnlySpan} p, {ReadOnlySpan} x, {ReadOnlySpan} t, {s}{Span} g",
            KernelKind.BackwardInput => $"{ReadOnlySpan} p, {ReadOnlySpan} x, {ReadOnlySpan} t, {s}{Span} g, {Span} dx",
            KernelKind.InputGradient => $"{ReadOnlySpan} p, {ReadOnlySpan} x, {ReadOnlySpan} t, {s}{Span} dx",
            _ => throw new System.InvalidOperationException($"Kernel kind {k.Kind} has no signature."),
        };
    }

    /// <summary>The scratch values crossing parts; a split kernel whose parts share none still passes an empty <c>s</c>.</summary>
    public override string? ScratchDeclaration(KernelSchedule k) =>
        k.ScratchSize > 0 ? $"{Span} s = stackalloc float[{k.ScratchSize}];" : k.PartCount > 1 ? $"{Span} s = {Span}.Empty;" : null;

    public override string Scratch(int slot) => $"s[{slot}]";

    public override string Gradient(int index) => $"g[{index}]";

    public override int TermsPerLine => 32;

    public override bool NamesParameters => true;

    public override void Macro(IndentedWriter w, KernelSchedule k, Node node)
    {
        var b = node.Block!;
        var region = k.RegionOf(node.Id);
        var operand = k.VectorOf(node.Args);
        if (node.Kind == OpKind.MatVec)
        {
            using (w.Block($"for (int row = 0; row < {b.Rows}; row++)"))
            {
                w.Line($"{ReadOnlySpan} weights = p.Slice({b.WeightOffset} + row * {b.Columns}, {b.Columns});");
                w.Line($"{ReadOnlySpan} inputs = {operand.Slice(b.Columns)};");
                w.Line($"float acc = p[{b.BiasOffset} + row];");
                w.Line("for (int col = 0; col < weights.Length; col++) acc += weights[col] * inputs[col];");
                w.Line($"{region.At("row")} = acc;");
            }
            return;
        }

        // Wᵀ·δ: the adjoint of the matvec's input, accumulated row by row (contiguous reads of W).
        w.Comment($"∂L/∂a = Wᵀ·δ for the {b.Columns} inputs of the looped layer (every path through its {b.Rows} neurons summed)");
        using (w.Scope())
        {
            w.Line($"{Span} adjoint = s.Slice({region.RegionStart}, {b.Columns});");
            w.Line("adjoint.Clear();");
            using (w.Block($"for (int row = 0; row < {b.Rows}; row++)"))
            {
                w.Line($"float delta = {operand.At("row")};");
                w.Line($"{ReadOnlySpan} weights = p.Slice({b.WeightOffset} + row * {b.Columns}, {b.Columns});");
                w.Line("for (int col = 0; col < weights.Length; col++) adjoint[col] += weights[col] * delta;");
            }
        }
    }

    public override void GradientBlock(IndentedWriter w, KernelSchedule k, GradientBlock block)
    {
        var b = block.Block;
        var deltas = k.VectorOf(block.Deltas);
        var inputs = k.VectorOf(block.Inputs);
        w.Comment($"∂L/∂W[row, col] = δ[row]·a[col] for the {b.Rows}×{b.Columns} weights at p[{b.WeightOffset}..]");
        using (w.Block($"for (int row = 0; row < {b.Rows}; row++)"))
        {
            w.Line($"float delta = {deltas.At("row")};");
            w.Line($"{Span} gradients = g.Slice({b.WeightOffset} + row * {b.Columns}, {b.Columns});");
            w.Line($"{ReadOnlySpan} inputs = {inputs.Slice(b.Columns)};");
            w.Line("for (int col = 0; col < gradients.Length; col++) gradients[col] += delta * inputs[col];");
        }
    }
}

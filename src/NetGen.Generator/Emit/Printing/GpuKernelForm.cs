using NetGen.Generator.Emit.Gpu;
using NetGen.Generator.Graph;

namespace NetGen.Generator.Emit.Printing;

/// <summary>
/// The per-sample device functions the ILGPU kernels call: views (<c>ArrayView&lt;float&gt;</c>) instead of spans, no
/// <c>stackalloc</c> (scratch values live in the thread's column of a device buffer, see <see cref="GpuScratch"/>), the
/// gradient accumulated into the thread's column of the gradient-slot buffer, and loops that index views directly.
/// </summary>
internal sealed class GpuKernelForm : KernelForm
{
    /// <summary>The view type of every buffer.</summary>
    public const string View = "global::ILGPU.ArrayView<float>";

    public override string Name(KernelKind kind) => kind switch
    {
        KernelKind.Forward => "NetGenGpuForward",
        KernelKind.Gradient => "NetGenGpuGradient",
        _ => throw new System.InvalidOperationException($"No device function for the {kind} kernel."),
    };

    public override string ReturnType(KernelKind kind) => kind == KernelKind.Forward ? "void" : "float";

    public override string Parameters(KernelSchedule k, bool part) => Parameters(k.Kind, k.MaskSize > 0);

    /// <summary>Parameters of a per-sample function and its parts.</summary>
    public static string Parameters(KernelKind kind, bool mask) => kind == KernelKind.Forward
        ? $"{View} p, {View} x, {View} y, {View} s, int so, int ss"
        : $"{View} p, {View} x, {View} t, {(mask ? View + " m, " : "")}{View} g, {View} s, int go, int gs, int so, int ss";

    public override string Arguments(KernelSchedule k) => k.Kind == KernelKind.Forward
        ? "p, x, y, s, so, ss"
        : k.MaskSize > 0 ? "p, x, t, m, g, s, go, gs, so, ss" : "p, x, t, g, s, go, gs, so, ss";

    public override string? ScratchDeclaration(KernelSchedule k) => null;

    public override string Scratch(int slot) => GpuScratch.At("s", slot);

    public override string Gradient(int index) => GpuScratch.At("g", index);

    public override int TermsPerLine => 32;

    public override void Macro(IndentedWriter w, KernelSchedule k, Node node)
    {
        var b = node.Block!;
        var region = k.RegionOf(node.Id);
        var operand = k.VectorOf(node.Args);
        if (node.Kind == OpKind.MatVec)
        {
            using (w.Block($"for (int row = 0; row < {b.Rows}; row++)"))
            {
                w.Line($"int weights = {b.WeightOffset} + row * {b.Columns};");
                w.Line($"float acc = p[{b.BiasOffset} + row];");
                w.Line($"for (int col = 0; col < {b.Columns}; col++) acc += p[weights + col] * {GpuScratch.At(operand, "col")};");
                w.Line($"{GpuScratch.At(region, "row")} = acc;");
            }
            return;
        }

        // Wᵀ·δ: the adjoint of the matvec's input, accumulated row by row (contiguous reads of W).
        w.Comment($"∂L/∂a = Wᵀ·δ for the {b.Columns} inputs of the looped layer (every path through its {b.Rows} neurons summed)");
        w.Line($"for (int col = 0; col < {b.Columns}; col++) {GpuScratch.At(region, "col")} = 0f;");
        using (w.Block($"for (int row = 0; row < {b.Rows}; row++)"))
        {
            w.Line($"float delta = {GpuScratch.At(operand, "row")};");
            w.Line($"int weights = {b.WeightOffset} + row * {b.Columns};");
            w.Line($"for (int col = 0; col < {b.Columns}; col++) {GpuScratch.At(region, "col")} += p[weights + col] * delta;");
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
            w.Line($"float delta = {GpuScratch.At(deltas, "row")};");
            w.Line($"int weights = {b.WeightOffset} + row * {b.Columns};");
            w.Line($"for (int col = 0; col < {b.Columns}; col++) g[go + (weights + col) * gs] += delta * {GpuScratch.At(inputs, "col")};");
        }
    }
}

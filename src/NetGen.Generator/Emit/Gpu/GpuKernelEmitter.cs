using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Emit.Printing;
using NetGen.Generator.Graph;

namespace NetGen.Generator.Emit.Gpu;

/// <summary>
/// Prints the per-sample forward and forward + backward functions that the ILGPU kernels call, from the same
/// <see cref="KernelSchedule"/> (and so the same derived graph) as <see cref="ScalarKernelEmitter"/>. Differences
/// from the scalar dialect: views (<c>ArrayView&lt;float&gt;</c>) instead of spans, no <c>stackalloc</c> (the scratch
/// values live in the thread's column of a device buffer, see <see cref="GpuScratch"/>), the gradient is accumulated
/// into the thread's column of the gradient-slot buffer, and loops index views directly (no slices).
/// </summary>
internal static class GpuKernelEmitter
{
    public const string View = "global::ILGPU.ArrayView<float>";

    /// <summary>Sums longer than this are written as several statements (keeps expressions shallow).</summary>
    private const int TermsPerLine = 32;

    public static string MethodName(KernelKind kind) => kind == KernelKind.Forward ? "NetGenGpuForward" : "NetGenGpuGradient";

    /// <summary>Parameters of a per-sample function and its parts.</summary>
    public static string Parameters(KernelKind kind, bool mask) => kind == KernelKind.Forward
        ? $"{View} p, {View} x, {View} y, {View} s, int so, int ss"
        : $"{View} p, {View} x, {View} t, {(mask ? View + " m, " : "")}{View} g, {View} s, int go, int gs, int so, int ss";

    private static string Arguments(KernelKind kind, bool mask) => kind == KernelKind.Forward ? "p, x, y, s, so, ss" : mask ? "p, x, t, m, g, s, go, gs, so, ss" : "p, x, t, g, s, go, gs, so, ss";

    public static void Emit(IndentedWriter w, KernelSchedule k)
    {
        string name = MethodName(k.Kind);
        string returns = k.Kind == KernelKind.Forward ? "void" : "float";
        var writer = new ExpressionPrinter(k, GpuDialect.Instance);
        string what = k.Kind == KernelKind.Forward
            ? "Forward pass of one sample on the device: <c>y = f(x)</c>."
            : "Loss of one sample on the device; adds its gradient <c>∂L/∂p</c> to the thread's gradient slot <c>g[go + i·gs]</c>"
                + (k.MaskSize > 0 ? " (dropout mask <c>m</c>, drawn on the host)." : ".");
        w.Line($"/// <summary>{what} Printed from the same schedule as the scalar kernel; scratch values live in <c>s[so + i·ss]</c>.</summary>");
        using (w.Block($"private static {returns} {name}({Parameters(k.Kind, k.MaskSize > 0)})"))
        {
            if (k.PartCount == 1)
            {
                EmitStatements(w, k, writer, k.Statements);
            }
            else
            {
                w.Comment($"Split into {k.PartCount} parts like the scalar kernel (ILGPU inlines them; the CPU accelerator's JIT keeps optimising each).");
                for (int part = 1; part <= k.PartCount; part++)
                {
                    string call = $"{name}Part{part}({Arguments(k.Kind, k.MaskSize > 0)});";
                    w.Line(part == k.PartCount && returns == "float" ? "return " + call : call);
                }
            }
        }
        if (k.PartCount == 1) return;
        for (int part = 0; part < k.PartCount; part++)
        {
            bool last = part == k.PartCount - 1;
            w.Line();
            w.Line($"/// <summary>Part {part + 1} of {k.PartCount} of <see cref=\"{name}\"/>.</summary>");
            using (w.Block($"private static {(last ? returns : "void")} {name}Part{part + 1}({Parameters(k.Kind, k.MaskSize > 0)})"))
            {
                EmitStatements(w, k, writer, k.Statements.Where(s => s.Chunk == part));
            }
        }
    }

    private static void EmitStatements(IndentedWriter w, KernelSchedule k, ExpressionPrinter e, IEnumerable<Statement> statements)
    {
        var g = k.Graph;
        string? lastComment = null;
        foreach (var s in statements)
        {
            string? comment = s.Kind is StatementKind.Let or StatementKind.Macro ? g.CommentOf(s.Node) : null;
            if (comment is not null && comment != lastComment)
            {
                w.Comment(comment);
                lastComment = comment;
            }
            switch (s.Kind)
            {
                case StatementKind.Let:
                    EmitLet(w, k, e, s.Node);
                    break;
                case StatementKind.Macro:
                    EmitMacro(w, k, g[s.Node]);
                    break;
                case StatementKind.CopyVector:
                    w.Comment($"Gather {s.Nodes!.Length} values into scratch {s.Region}..{s.Region + s.Nodes.Length - 1} for the loops that read them");
                    for (int i = 0; i < s.Nodes.Length; i++) w.Line($"{GpuScratch.At("s", s.Region + i)} = {e.Use(s.Nodes[i])};");
                    break;
                case StatementKind.StoreOutput:
                    w.Line($"y[{s.Index}] = {e.Use(s.Node)};");
                    break;
                case StatementKind.AccumulateGradient:
                    w.Line($"{GpuScratch.At("g", s.Index)} += {e.Use(s.Node)};");
                    break;
                case StatementKind.AccumulateBlock:
                    EmitGradientBlock(w, k, s.Block!);
                    break;
                case StatementKind.Return:
                    w.Line($"return {e.Use(s.Node)};");
                    break;
            }
        }
    }

    private static void EmitLet(IndentedWriter w, KernelSchedule k, ExpressionPrinter e, int id)
    {
        var node = k.Graph[id];
        bool spilled = k.IsSpilled(id);
        string target = e.Reference(id);
        string declare = spilled ? target : "float " + target;
        const string MathF = "global::System.MathF";

        if (node.Kind == OpKind.LogSumExp)
        {
            // logsumexp(z) = m + log Σ exp(zᵢ − m) with m = max zᵢ, so that no exp overflows.
            string max = k.IdentifierOf(id) + "_max";
            w.Line($"float {max} = {e.Use(node.Args[0])};");
            for (int i = 1; i < node.Args.Length; i++) w.Line($"{max} = {e.Dialect.Max(max, e.Use(node.Args[i]))};");
            string sum = k.IdentifierOf(id) + "_sum";
            w.Line($"float {sum} = {e.Dialect.Call(OpKind.Exp, $"{e.Use(node.Args[0])} - {max}")};");
            for (int i = 1; i < node.Args.Length; i++) w.Line($"{sum} += {e.Dialect.Call(OpKind.Exp, $"{e.Use(node.Args[i])} - {max}")};");
            w.Line($"{declare} = {max} + {MathF}.Log({sum});");
            return;
        }

        if (node.Kind == OpKind.Sum && node.Args.Length > TermsPerLine)
        {
            w.Line($"{declare} = {e.SumText(node.Args, 0, TermsPerLine, null).Text};");
            for (int from = TermsPerLine; from < node.Args.Length; from += TermsPerLine)
            {
                int to = System.Math.Min(node.Args.Length, from + TermsPerLine);
                w.Line($"{target} = {target} + {e.SumText(node.Args, from, to, null).Text.TrimStart()};".Replace("+ - ", "- "));
            }
            return;
        }

        w.Line($"{declare} = {e.Definition(id)};");
    }

    private static void EmitMacro(IndentedWriter w, KernelSchedule k, Node node)
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

    private static void EmitGradientBlock(IndentedWriter w, KernelSchedule k, GradientBlock block)
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

using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Emit.Printing;
using NetGen.Generator.Graph;

namespace NetGen.Generator.Emit;

/// <summary>
/// Prints one kernel (forward, loss, or loss + gradient) as straight-line scalar C#: one method, or an entry
/// method and parts when the kernel is long. Every block is preceded by a comment naming the layer, the
/// neuron and the chain-rule term it computes.
/// </summary>
internal static class ScalarKernelEmitter
{
    private const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    private const string Span = "global::System.Span<float>";

    /// <summary>Sums longer than this are written as several statements (keeps expressions shallow for the compiler).</summary>
    private const int TermsPerLine = 32;

    public static string MethodName(KernelKind kind) => kind switch
    {
        KernelKind.Forward => "NetGenForwardKernel",
        KernelKind.Loss => "NetGenLossKernel",
        _ => "NetGenGradientKernel",
    };

    public static void Emit(IndentedWriter w, KernelSchedule k, string summary)
    {
        string name = MethodName(k.Kind);
        string returns = k.Kind == KernelKind.Forward ? "void" : "float";
        string parameters = k.Kind switch
        {
            KernelKind.Forward => $"{ReadOnlySpan} p, {ReadOnlySpan} x, {Span} y",
            KernelKind.Loss => $"{ReadOnlySpan} p, {ReadOnlySpan} x, {ReadOnlySpan} t",
            _ => $"{ReadOnlySpan} p, {ReadOnlySpan} x, {ReadOnlySpan} t, {MaskParameter(k)}{Span} g",
        };
        string arguments = k.Kind switch
        {
            KernelKind.Forward => "p, x, s, y",
            KernelKind.Loss => "p, x, t, s",
            _ => k.MaskSize > 0 ? "p, x, t, m, s, g" : "p, x, t, s, g",
        };
        string partParameters = k.Kind switch
        {
            KernelKind.Forward => $"{ReadOnlySpan} p, {ReadOnlySpan} x, {Span} s, {Span} y",
            KernelKind.Loss => $"{ReadOnlySpan} p, {ReadOnlySpan} x, {ReadOnlySpan} t, {Span} s",
            _ => $"{ReadOnlySpan} p, {ReadOnlySpan} x, {ReadOnlySpan} t, {MaskParameter(k)}{Span} s, {Span} g",
        };
        var writer = new ExpressionPrinter(k, ScalarDialect.Instance);

        w.Line("/// <summary>" + summary + "</summary>");
        using (w.Block($"private static {returns} {name}({parameters})"))
        {
            if (k.ScratchSize > 0) w.Line($"{Span} s = stackalloc float[{k.ScratchSize}];");
            if (k.PartCount == 1)
            {
                EmitStatements(w, k, writer, k.Statements);
            }
            else
            {
                w.Comment($"Split into {k.PartCount} parts so that every method stays within the JIT's optimisation limits; values crossing parts live in s.");
                for (int part = 1; part <= k.PartCount; part++)
                {
                    bool last = part == k.PartCount;
                    string call = $"{name}Part{part}({arguments});";
                    w.Line(last && returns == "float" ? "return " + call : call);
                }
            }
        }

        if (k.PartCount == 1) return;
        for (int part = 0; part < k.PartCount; part++)
        {
            bool last = part == k.PartCount - 1;
            w.Line();
            w.Line($"/// <summary>Part {part + 1} of {k.PartCount} of <see cref=\"{name}\"/>.</summary>");
            using (w.Block($"private static {(last ? returns : "void")} {name}Part{part + 1}({partParameters})"))
            {
                EmitStatements(w, k, writer, k.Statements.Where(s => s.Chunk == part));
            }
        }
    }

    /// <summary>The dropout mask parameter of a training kernel, or nothing for a network without dropout.</summary>
    private static string MaskParameter(KernelSchedule k) => k.MaskSize > 0 ? $"{ReadOnlySpan} m, " : "";

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
                    w.Comment($"Gather {s.Nodes!.Length} values into s[{s.Region}..{s.Region + s.Nodes.Length - 1}] for the loops that read them");
                    for (int i = 0; i < s.Nodes.Length; i++) w.Line($"s[{s.Region + i}] = {e.Use(s.Nodes[i])};");
                    break;
                case StatementKind.StoreOutput:
                    w.Line($"y[{s.Index}] = {e.Use(s.Node)};");
                    break;
                case StatementKind.AccumulateGradient:
                    w.Line($"g[{s.Index}] += {e.Use(s.Node)};   // ∂L/∂{ParameterName(g, s.Index)}");
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

    private static string ParameterName(ExpressionGraph g, int index)
    {
        int? id = g.FindParameter(index);
        return id is int p && g.LabelOf(p) is { } label ? label.Display : $"p[{index}]";
    }

    private static void EmitLet(IndentedWriter w, KernelSchedule k, ExpressionPrinter e, int id)
    {
        var node = k.Graph[id];
        bool spilled = k.IsSpilled(id);
        string target = spilled ? k.Reference(id) : k.IdentifierOf(id);
        string declare = spilled ? target : "float " + target;

        if (node.Kind == OpKind.LogSumExp)
        {
            // logsumexp(z) = m + log Σ exp(zᵢ − m) with m = max zᵢ, so that no exp overflows.
            string max = k.IdentifierOf(id) + "_max";
            w.Line($"float {max} = {e.Use(node.Args[0])};");
            for (int i = 1; i < node.Args.Length; i++) w.Line($"{max} = {e.Dialect.Max(max, e.Use(node.Args[i]))};");
            string sum = k.IdentifierOf(id) + "_sum";
            w.Line($"float {sum} = {e.Dialect.Call(OpKind.Exp, $"{e.Use(node.Args[0])} - {max}")};");
            for (int i = 1; i < node.Args.Length; i++) w.Line($"{sum} += {e.Dialect.Call(OpKind.Exp, $"{e.Use(node.Args[i])} - {max}")};");
            w.Line($"{declare} = {max} + global::System.MathF.Log({sum});");
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

    private static void EmitGradientBlock(IndentedWriter w, KernelSchedule k, GradientBlock block)
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

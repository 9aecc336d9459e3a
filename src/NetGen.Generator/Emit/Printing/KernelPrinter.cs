using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Graph;

namespace NetGen.Generator.Emit.Printing;

/// <summary>
/// Prints one kernel (forward, loss, or loss + gradient) from its <see cref="KernelSchedule"/> in one
/// <see cref="Dialect"/>: one method, or an entry method and parts when the kernel is long. The statement order, the
/// comments (layer, neuron, chain-rule term), the split into parts, the max-shifted logsumexp and the long sums are
/// written here once for every backend; the dialect supplies signatures, where values are stored, and the loops of
/// layers past the unroll budget.
/// </summary>
internal static class KernelPrinter
{
    /// <summary>Prints the kernel's method (and its parts) with <paramref name="summary"/> as its documentation.</summary>
    public static void Emit(IndentedWriter w, KernelSchedule k, Dialect dialect, string summary)
    {
        var kernel = dialect.Kernel;
        string name = k.Name ?? kernel.Name(k.Kind);
        string returns = kernel.ReturnType(k.Kind);
        var printer = new ExpressionPrinter(k, dialect);

        w.Line("/// <summary>" + summary + "</summary>");
        using (Signature(w, $"private static {returns} {name}", kernel.Parameters(k, part: false)))
        {
            string? scratch = kernel.ScratchDeclaration(k);
            if (scratch is not null) w.Line(scratch);
            if (k.PartCount == 1)
            {
                EmitStatements(w, k, printer, k.Statements);
            }
            else
            {
                w.Comment($"Split into {k.PartCount} parts so that every method stays within the JIT's optimisation limits; values crossing parts live in s.");
                for (int part = 1; part <= k.PartCount; part++)
                {
                    string call = $"{name}Part{part}({kernel.Arguments(k)});";
                    w.Line(part == k.PartCount && returns != "void" ? "return " + call : call);
                }
            }
        }

        if (k.PartCount == 1) return;
        for (int part = 0; part < k.PartCount; part++)
        {
            bool last = part == k.PartCount - 1;
            w.Line();
            w.Line($"/// <summary>Part {part + 1} of {k.PartCount} of <see cref=\"{name}\"/>.</summary>");
            using (Signature(w, $"private static {(last ? returns : "void")} {name}Part{part + 1}", kernel.Parameters(k, part: true)))
            {
                EmitStatements(w, k, printer, k.Statements.Where(s => s.Chunk == part));
            }
        }
    }

    /// <summary>The method's header (<see cref="IndentedWriter.Signature"/>) and its opening brace.</summary>
    private static System.IDisposable Signature(IndentedWriter w, string head, string parameters)
    {
        w.Signature(head, parameters, "");
        return w.Scope();
    }

    private static void EmitStatements(IndentedWriter w, KernelSchedule k, ExpressionPrinter e, IEnumerable<Statement> statements)
    {
        var g = k.Graph;
        var kernel = e.Dialect.Kernel;
        string? lastComment = null;
        foreach (var s in statements)
        {
            string? comment = s.Kind is StatementKind.Let or StatementKind.Macro ? g.CommentOf(s.Node) : null;
            if (comment is not null && !kernel.NamesParameters)
            {
                // Per layer: the first comment of a block, shortened; the scalar kernel has the rest.
                string key = CommentSummary.Key(comment);
                if (key != lastComment) w.Comment(CommentSummary.Shorten(comment));
                lastComment = key;
            }
            else if (comment is not null && comment != lastComment)
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
                    kernel.Macro(w, k, g[s.Node]);
                    break;
                case StatementKind.CopyVector:
                    w.Comment($"Gather {s.Nodes!.Length} values into scratch {s.Region}..{s.Region + s.Nodes.Length - 1} for the loops that read them");
                    for (int i = 0; i < s.Nodes.Length; i++) w.Line($"{kernel.Scratch(s.Region + i)} = {e.Use(s.Nodes[i])};");
                    break;
                case StatementKind.StoreOutput:
                    w.Line($"y[{s.Index}] = {e.Use(s.Node)};");
                    break;
                case StatementKind.AccumulateGradient:
                    w.Line(kernel.NamesParameters ? AccumulateGradient(k, e, s) + "   // ∂L/∂" + ParameterName(g, s.Index) : AccumulateGradient(k, e, s));
                    break;
                case StatementKind.AccumulateBlock:
                    kernel.GradientBlock(w, k, s.Block!);
                    break;
                case StatementKind.StoreInputGradient:
                    w.Line($"dx[{s.Index}] = {e.Use(s.Node)};");
                    break;
                case StatementKind.Return:
                    w.Line($"return {e.Use(s.Node)};");
                    break;
                default:
                    throw new System.InvalidOperationException($"Statement kind {s.Kind} is not printed.");
            }
        }
    }

    /// <summary>
    /// <c>g[i] += value</c>. Not fused into a multiply-add even where the dialect fuses sums: these read-modify-writes of
    /// memory are bound by loads and stores, and a multiply then an add is half the text of a multiply-add call.
    /// </summary>
    private static string AccumulateGradient(KernelSchedule k, ExpressionPrinter e, Statement s) =>
        $"{e.Dialect.Kernel.Gradient(s.Index)} += {e.Use(s.Node)};";

    private static string ParameterName(ExpressionGraph g, int index)
    {
        int? id = g.FindParameter(index);
        return id is int p && g.LabelOf(p) is { } label ? label.Display : $"p[{index}]";
    }

    private static void EmitLet(IndentedWriter w, KernelSchedule k, ExpressionPrinter e, int id)
    {
        var node = k.Graph[id];
        var d = e.Dialect;
        string target = e.Reference(id);
        string declare = k.IsSpilled(id) ? target : d.ValueType + " " + target;

        if (node.Kind == OpKind.LogSumExp)
        {
            // logsumexp(z) = m + log Σ exp(zᵢ − m) with m = max zᵢ, so that no exp overflows.
            string max = k.IdentifierOf(id) + "_max", sum = k.IdentifierOf(id) + "_sum";
            w.Line($"{d.ValueType} {max} = {e.Use(node.Args[0])};");
            for (int i = 1; i < node.Args.Length; i++) w.Line($"{max} = {d.Max(max, e.Use(node.Args[i]))};");
            w.Line($"{d.ValueType} {sum} = {d.Call(OpKind.Exp, $"{e.Use(node.Args[0])} - {max}")};");
            for (int i = 1; i < node.Args.Length; i++) w.Line($"{sum} += {d.Call(OpKind.Exp, $"{e.Use(node.Args[i])} - {max}")};");
            w.Line($"{declare} = {max} + {d.Log(sum)};");
            return;
        }

        if (node.Kind == OpKind.Sum && node.Args.Length > 1 && d.Kernel.OneTermPerLine)
        {
            // Two multiply-adds (or adds) a line, into a local; a value crossing kernel parts is stored once at the end.
            string local = k.IdentifierOf(id);
            w.Line($"{d.ValueType} {local} = {e.SumText(node.Args, 0, 1, null).Text};");
            for (int i = 1; i < node.Args.Length; i += 2)
            {
                w.Line($"{local} = {e.SumText(node.Args, i, System.Math.Min(i + 2, node.Args.Length), local).Text};");
            }
            if (k.IsSpilled(id)) w.Line($"{target} = {local};");
            return;
        }

        int perLine = d.Kernel.TermsPerLine;
        if (node.Kind == OpKind.Sum && node.Args.Length > perLine)
        {
            // Long sums as several statements (keeps expressions shallow for the compiler), still left to right.
            w.Line($"{declare} = {e.SumText(node.Args, 0, perLine, null).Text};");
            for (int from = perLine; from < node.Args.Length; from += perLine)
            {
                int to = System.Math.Min(node.Args.Length, from + perLine);
                w.Line($"{target} = {e.SumText(node.Args, from, to, target).Text};");
            }
            return;
        }

        w.Line($"{declare} = {e.Definition(id)};");
    }
}

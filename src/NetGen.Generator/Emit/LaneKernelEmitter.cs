using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Emit.Printing;
using NetGen.Generator.Graph;

namespace NetGen.Generator.Emit;

/// <summary>
/// Prints one kernel in lane form: the same schedule (and so the same derived graph) as the scalar kernel, computed on
/// <c>Vector&lt;float&gt;.Count</c> samples at once, one per vector lane, written once for every width (see <see cref="LaneDialect"/>). Inputs, targets and outputs
/// are structure-of-arrays spans of vectors (<c>x[i]</c> holds feature i of every sample in the chunk); the
/// gradient is accumulated per lane into <c>g</c> and summed over the lanes by the caller.
/// </summary>
internal static class LaneKernelEmitter
{
    private const string ReadOnlySpan = "global::System.ReadOnlySpan";
    private const string Span = "global::System.Span";
    private const string Math = LaneDialect.MathAlias;
    private const int TermsPerLine = 16;

    public static string MethodName(KernelKind kind) => kind switch
    {
        KernelKind.Forward => "NetGenForwardLanes",
        KernelKind.Loss => "NetGenLossLanes",
        _ => "NetGenGradientLanes",
    };

    public static void Emit(IndentedWriter w, KernelSchedule k, LaneDialect width)
    {
        string VT = LaneDialect.Type;
        string name = MethodName(k.Kind);
        string returns = k.Kind == KernelKind.Forward ? "void" : VT;
        string p = $"{ReadOnlySpan}<float> p";
        string x = $"{ReadOnlySpan}<{VT}> x", t = $"{ReadOnlySpan}<{VT}> t", s = $"{Span}<{VT}> s";
        string mask = k.MaskSize > 0 ? $"{ReadOnlySpan}<{VT}> m, " : "";
        string parameters = k.Kind switch
        {
            KernelKind.Forward => $"{p}, {x}, {Span}<{VT}> y",
            KernelKind.Loss => $"{p}, {x}, {t}",
            _ => $"{p}, {x}, {t}, {mask}{Span}<{VT}> g",
        };
        string partParameters = k.Kind switch
        {
            KernelKind.Forward => $"{p}, {x}, {s}, {Span}<{VT}> y",
            KernelKind.Loss => $"{p}, {x}, {t}, {s}",
            _ => $"{p}, {x}, {t}, {mask}{s}, {Span}<{VT}> g",
        };
        string arguments = k.Kind switch
        {
            KernelKind.Forward => "p, x, s, y",
            KernelKind.Loss => "p, x, t, s",
            _ => k.MaskSize > 0 ? "p, x, t, m, s, g" : "p, x, t, s, g",
        };
        var writer = new ExpressionPrinter(k, width);

        w.Line($"/// <summary>{ScalarKernelEmitter.MethodName(k.Kind)} on <c>Vector&lt;float&gt;.Count</c> samples at once, one per lane.</summary>");
        using (w.Block($"private static {returns} {name}({parameters})"))
        {
            if (k.ScratchSize > 0) w.Line($"{Span}<{VT}> s = stackalloc {VT}[{k.ScratchSize}];");
            if (k.PartCount == 1)
            {
                EmitStatements(w, k, writer, width, k.Statements);
            }
            else
            {
                for (int part = 1; part <= k.PartCount; part++)
                {
                    string call = $"{name}Part{part}({arguments});";
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
            using (w.Block($"private static {(last ? returns : "void")} {name}Part{part + 1}({partParameters})"))
            {
                EmitStatements(w, k, writer, width, k.Statements.Where(st => st.Chunk == part));
            }
        }
    }

    private static void EmitStatements(IndentedWriter w, KernelSchedule k, ExpressionPrinter e, LaneDialect width, IEnumerable<Statement> statements)
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
                    EmitLet(w, k, e, width, s.Node);
                    break;
                case StatementKind.Macro:
                    EmitMacro(w, k, e, width, g[s.Node]);
                    break;
                case StatementKind.CopyVector:
                    for (int i = 0; i < s.Nodes!.Length; i++) w.Line($"s[{s.Region + i}] = {e.Use(s.Nodes[i])};");
                    break;
                case StatementKind.StoreOutput:
                    w.Line($"y[{s.Index}] = {e.Use(s.Node)};");
                    break;
                case StatementKind.AccumulateGradient:
                    var node = g[s.Node];
                    string update = !k.IsMaterialized(s.Node) && node.Kind == OpKind.Multiply
                        ? $"g[{s.Index}] = {width.MultiplyAdd(e.Use(node.Args[0]), e.Use(node.Args[1]), $"g[{s.Index}]")};"
                        : $"g[{s.Index}] += {e.Use(s.Node)};";
                    w.Line(update);
                    break;
                case StatementKind.AccumulateBlock:
                    EmitGradientBlock(w, k, width, s.Block!);
                    break;
                case StatementKind.Return:
                    w.Line($"return {e.Use(s.Node)};");
                    break;
            }
        }
    }

    private static void EmitLet(IndentedWriter w, KernelSchedule k, ExpressionPrinter e, LaneDialect width, int id)
    {
        var node = k.Graph[id];
        bool spilled = k.IsSpilled(id);
        string target = spilled ? k.Reference(id) : k.IdentifierOf(id);
        string declare = spilled ? target : LaneDialect.Type + " " + target;
        string V = LaneDialect.Statics;

        if (node.Kind == OpKind.LogSumExp)
        {
            string max = k.IdentifierOf(id) + "_max", sum = k.IdentifierOf(id) + "_sum";
            w.Line($"{LaneDialect.Type} {max} = {e.Use(node.Args[0])};");
            for (int i = 1; i < node.Args.Length; i++) w.Line($"{max} = {V}.Max({max}, {e.Use(node.Args[i])});");
            w.Line($"{LaneDialect.Type} {sum} = {Math}.Exp({e.Use(node.Args[0])} - {max});");
            for (int i = 1; i < node.Args.Length; i++) w.Line($"{sum} += {Math}.Exp({e.Use(node.Args[i])} - {max});");
            w.Line($"{declare} = {max} + {Math}.Log({sum});");
            return;
        }
        if (node.Kind == OpKind.Sum && node.Args.Length > TermsPerLine)
        {
            w.Line($"{declare} = {e.SumText(node.Args, 0, TermsPerLine, null).Text};");
            for (int from = TermsPerLine; from < node.Args.Length; from += TermsPerLine)
            {
                int to = System.Math.Min(node.Args.Length, from + TermsPerLine);
                w.Line($"{target} = {e.SumText(node.Args, from, to, target).Text};");
            }
            return;
        }
        w.Line($"{declare} = {e.Definition(id)};");
    }

    private static void EmitMacro(IndentedWriter w, KernelSchedule k, ExpressionPrinter e, LaneDialect width, Node node)
    {
        var b = node.Block!;
        var region = k.RegionOf(node.Id);
        var operand = k.VectorOf(node.Args);
        string VT = LaneDialect.Type;
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
                    w.Line($"{VT} acc0 = {width.Broadcast($"p[{b.BiasOffset} + row]")}, acc1 = {VT}.Zero, acc2 = {VT}.Zero, acc3 = {VT}.Zero;");
                    w.Line("int col = 0;");
                    using (w.Block("for (; col + 4 <= weights.Length; col += 4)"))
                    {
                        for (int c = 0; c < 4; c++)
                        {
                            string at = c == 0 ? "col" : $"col + {c}";
                            w.Line($"acc{c} = {width.MultiplyAdd(width.Broadcast($"weights[{at}]"), $"inputs[{at}]", $"acc{c}")};");
                        }
                    }
                    w.Line($"for (; col < weights.Length; col++) acc0 = {width.MultiplyAdd(width.Broadcast("weights[col]"), "inputs[col]", "acc0")};");
                    w.Line($"{region.At("row")} = (acc0 + acc1) + (acc2 + acc3);");
                }
                else
                {
                    w.Line($"{VT} acc = {width.Broadcast($"p[{b.BiasOffset} + row]")};");
                    w.Line($"for (int col = 0; col < weights.Length; col++) acc = {width.MultiplyAdd(width.Broadcast("weights[col]"), "inputs[col]", "acc")};");
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
                w.Line($"for (int col = 0; col < weights.Length; col++) adjoint[col] = {width.MultiplyAdd(width.Broadcast("weights[col]"), "delta", "adjoint[col]")};");
            }
        }
    }

    private static void EmitGradientBlock(IndentedWriter w, KernelSchedule k, LaneDialect width, GradientBlock block)
    {
        var b = block.Block;
        var deltas = k.VectorOf(block.Deltas);
        var inputs = k.VectorOf(block.Inputs);
        string VT = LaneDialect.Type;
        w.Comment($"∂L/∂W[row, col] = δ[row]·a[col] for the {b.Rows}×{b.Columns} weights at p[{b.WeightOffset}..], per lane");
        using (w.Block($"for (int row = 0; row < {b.Rows}; row++)"))
        {
            w.Line($"{VT} delta = {deltas.At("row")};");
            w.Line($"{Span}<{VT}> gradients = g.Slice({b.WeightOffset} + row * {b.Columns}, {b.Columns});");
            w.Line($"{ReadOnlySpan}<{VT}> inputs = {inputs.Slice(b.Columns)};");
            w.Line($"for (int col = 0; col < gradients.Length; col++) gradients[col] = {width.MultiplyAdd("delta", "inputs[col]", "gradients[col]")};");
        }
    }
}

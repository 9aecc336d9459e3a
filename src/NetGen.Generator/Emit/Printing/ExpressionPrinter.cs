using System.Text;
using NetGen.Generator.Graph;
using NetGen.Generator.Graph.Ops;

namespace NetGen.Generator.Emit.Printing;

/// <summary>
/// Prints graph nodes as C# expressions in one <see cref="Dialect"/>: materialized nodes by reference, the rest inlined
/// from the ops' spellings (<see cref="OpTable"/>), with only the parentheses that keep the graph's evaluation order.
/// Precedence levels: 1 additive, 2 multiplicative, 3 unary, 4 primary. The one expression printer of every backend.
/// </summary>
internal sealed class ExpressionPrinter
{
    private readonly KernelSchedule _schedule;
    private readonly ExpressionGraph _graph;
    private readonly System.Collections.Generic.IReadOnlyDictionary<int, string>? _names;

    /// <param name="schedule">The kernel's schedule (which nodes are materialized, and where).</param>
    /// <param name="dialect">The backend.</param>
    /// <param name="names">
    /// Nodes printed as a given name wherever they are used (the matrix kernels' per-element adjoints name the values they
    /// already hold: z, a and the incoming δ); null for none.
    /// </param>
    public ExpressionPrinter(KernelSchedule schedule, Dialect dialect, System.Collections.Generic.IReadOnlyDictionary<int, string>? names = null)
    {
        _schedule = schedule;
        _graph = schedule.Graph;
        Dialect = dialect;
        _names = names;
    }

    /// <summary>The dialect printed in.</summary>
    public Dialect Dialect { get; }

    /// <summary>The expression of a node (its definition, even when the node itself is materialized).</summary>
    public string Definition(int id) => Print(id, 0, definition: true).Text;

    /// <summary>A reference to a node where it is used.</summary>
    public string Use(int id) => Print(id, 0, definition: false).Text;

    /// <summary>Where a materialized node lives.</summary>
    public string Reference(int id) => Dialect.Reference(_schedule, id);

    public (string Text, int Level) Print(int id, int minLevel, bool definition = false)
    {
        var (text, level) = Raw(id, definition);
        return level < minLevel ? ("(" + text + ")", 4) : (text, level);
    }

    private (string Text, int Level) Raw(int id, bool definition)
    {
        var node = _graph[id];
        if (_names is not null && _names.TryGetValue(id, out string? name)) return (name, 4);
        if (!definition && _schedule.IsMaterialized(id) && !node.IsMacro) return (Reference(id), 4);
        var op = OpTable.Of(node.Kind);
        switch (op.Shape)
        {
            case OpShape.Leaf:
                return node.Kind == OpKind.Constant ? Dialect.Constant(node.Value) : (Dialect.Leaf(node), 4);
            case OpShape.Element:
                return (Dialect.Element(_schedule, node.Args[0], node.Index), 4);
            case OpShape.Sum:
                return SumText(node.Args, 0, node.Args.Length, null);
            case OpShape.Spelled:
                var spelling = Dialect.SpellingOf(op)
                    ?? throw new System.InvalidOperationException($"{node.Kind} has no {Dialect.Name} spelling (NG0099).");
                string text = SpellingText.Fill(Dialect.Tokens(spelling.Template), (index, level, guard) =>
                {
                    var (argument, _) = Print(node.Args[index], level);
                    return guard && argument.StartsWith("-", System.StringComparison.Ordinal) ? "(" + argument + ")" : argument;
                });
                return (text, spelling.Level);
            default:
                // Statements and macros are written by the kernel printer; reaching here is a bug, not a value.
                throw new System.InvalidOperationException($"{node.Kind} is a statement of its own, not an expression.");
        }
    }

    /// <summary>
    /// Terms <paramref name="from"/>…<paramref name="to"/> of a sum, left to right, added to <paramref name="start"/> (or
    /// starting from the first term). Where the dialect fuses multiply-adds, a product term becomes one into the running
    /// sum; elsewhere subtractions are written as such.
    /// </summary>
    public (string Text, int Level) SumText(int[] terms, int from, int to, string? start)
    {
        return !Dialect.FusesMultiplyAdd && start is null
            ? (PlainSum(terms, from, to), 1)
            : FusedSum(terms, from, to, start);
    }

    private string PlainSum(int[] terms, int from, int to)
    {
        var text = new StringBuilder();
        for (int i = from; i < to; i++)
        {
            var term = _graph[terms[i]];
            bool first = i == from;
            if (!first && !_schedule.IsMaterialized(terms[i]) && term.Kind == OpKind.Negate)
            {
                text.Append(" - ").Append(Print(term.Args[0], 2).Text);
            }
            else if (!first && term.Kind == OpKind.Constant && term.Value < 0)
            {
                text.Append(" - ").Append(FloatLiteral.Format(-term.Value));
            }
            else
            {
                if (!first) text.Append(" + ");
                text.Append(Print(terms[i], first ? 1 : 2).Text);
            }
        }
        return text.ToString();
    }

    private (string Text, int Level) FusedSum(int[] terms, int from, int to, string? start)
    {
        string? acc = start;
        int level = 4;
        for (int i = from; i < to; i++)
        {
            var term = _graph[terms[i]];
            bool inline = !_schedule.IsMaterialized(terms[i]);
            if (acc is null)
            {
                var first = Print(terms[i], 1);
                acc = first.Text;
                level = first.Level;
                continue;
            }
            string? fused = inline && term.Kind == OpKind.Multiply ? Dialect.MultiplyAdd(Use(term.Args[0]), Use(term.Args[1]), acc) : null;
            if (fused is not null)
            {
                acc = fused;
                level = 4;
            }
            else if (inline && term.Kind == OpKind.Negate)
            {
                acc = $"{Parenthesized(acc, level, 1)} - {Print(term.Args[0], 2).Text}";
                level = 1;
            }
            else
            {
                acc = $"{Parenthesized(acc, level, 1)} + {Print(terms[i], 2).Text}";
                level = 1;
            }
        }
        return (acc ?? Dialect.Constant(0f).Text, level);
    }

    private static string Parenthesized(string text, int level, int minLevel) => level < minLevel ? "(" + text + ")" : text;
}

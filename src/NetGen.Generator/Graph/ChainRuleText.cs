using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NetGen.Generator.Graph;

/// <summary>Writes the chain-rule term of an adjoint and expressions in math notation, for the comments of the emitted code.</summary>
internal static class ChainRuleText
{
    private const int MaxShownPaths = 3;

    /// <summary><c>∂L/∂a1[0] = ∂L/∂z2[0]·w2[0,0] + ∂L/∂z2[1]·w2[1,0]</c>, abbreviated past a few paths.</summary>
    public static string Describe(ExpressionGraph graph, string target, IReadOnlyList<(int ConsumerAdjoint, int Local)> paths)
    {
        var shown = paths.Select(p => Path(graph, p.ConsumerAdjoint, p.Local)).ToList();
        var kept = shown.Count <= MaxShownPaths + 1 ? shown : shown.Take(MaxShownPaths).Concat(new[] { "…", shown[shown.Count - 1] }).ToList();
        string body = kept[0];
        for (int i = 1; i < kept.Count; i++)
        {
            body += kept[i].StartsWith("−", System.StringComparison.Ordinal) ? " − " + kept[i].Substring(1) : " + " + kept[i];
        }
        string count = paths.Count == 1 ? "1 path" : paths.Count.ToString(CultureInfo.InvariantCulture) + " paths summed";
        return $"{target} = {body}   ({count})";
    }

    private static string Path(ExpressionGraph graph, int consumerAdjoint, int local)
    {
        if (consumerAdjoint < 0) return Format(graph, local, 0);
        string head = Format(graph, consumerAdjoint, 0);
        if (graph[local].IsConstant(1f)) return head;
        if (graph[local].IsConstant(-1f)) return "−" + head;
        if (graph[consumerAdjoint].IsConstant(1f)) return Format(graph, local, 1);
        return head + "·" + Format(graph, local, 1, parenthesizeSums: true);
    }

    /// <summary>An expression in math notation, using display names of labelled nodes.</summary>
    public static string Format(ExpressionGraph graph, int id, int depth, bool parenthesizeSums = false)
    {
        var node = graph[id];
        var label = graph.LabelOf(id);
        if (label is not null) return label.Display;
        if (depth > 3) return "…";
        string F(int i, bool paren = true) => Format(graph, node.Args[i], depth + 1, paren);
        string text = node.Kind switch
        {
            OpKind.Constant => node.Value.ToString("G6", CultureInfo.InvariantCulture),
            OpKind.Input => $"x[{node.Index}]",
            OpKind.Target => $"t[{node.Index}]",
            OpKind.Mask => $"m[{node.Index}]",
            OpKind.Parameter => $"p[{node.Index}]",
            OpKind.Sum => node.Args.Length <= 4
                ? string.Join(" + ", node.Args.Select(a => Format(graph, a, depth + 1, true)))
                : $"Σ({node.Args.Length} terms)",
            OpKind.Element when graph[node.Args[0]].Kind == OpKind.TransposedMatVec => $"(Wᵀ·δ)[{node.Index}]",
            OpKind.Element => $"z[{node.Index}]",
            _ => Notation(Ops.OpTable.Of(node.Kind).Display, node.Args.Length, F),
        };
        bool isSum = node.Kind is OpKind.Sum or OpKind.Subtract;
        return parenthesizeSums && isSum ? "(" + text + ")" : text;
    }

    /// <summary>Fills an op's notation template: <c>{i}</c> argument i parenthesised when a sum, <c>{ia}</c> bare.</summary>
    private static string Notation(string template, int arity, System.Func<int, bool, string> argument)
    {
        string text = template;
        for (int i = 0; i < arity && i < 4; i++)
        {
            string bare = "{" + i.ToString(CultureInfo.InvariantCulture) + "a}", wrapped = "{" + i.ToString(CultureInfo.InvariantCulture) + "}";
            if (text.Contains(bare)) text = text.Replace(bare, argument(i, false));
            if (text.Contains(wrapped)) text = text.Replace(wrapped, argument(i, true));
        }
        return text;
    }
}

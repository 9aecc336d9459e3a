using System.Text;
using NetGen.Generator.Graph;

namespace NetGen.Generator.Emit;

/// <summary>
/// Prints graph nodes as vector expressions in which every lane is one sample: parameters are broadcast, inputs
/// and targets are read from structure-of-arrays spans, products feeding sums become fused multiply-adds, and
/// activations call NetGen's vectorised math. The same schedule as the scalar code decides what is a local.
/// </summary>
internal sealed class LaneExpressionWriter
{
    private const string Math = VectorWidth.MathAlias;
    private readonly KernelSchedule _schedule;
    private readonly ExpressionGraph _graph;
    private readonly VectorWidth _width;

    public LaneExpressionWriter(KernelSchedule schedule, VectorWidth width)
    {
        _schedule = schedule;
        _graph = schedule.Graph;
        _width = width;
    }

    private string V => _width.Statics;

    private string VT => _width.Type;

    public string Definition(int id) => Print(id, 0, definition: true).Text;

    public string Use(int id) => Print(id, 0, definition: false).Text;

    public string Broadcast(string scalar) => $"{V}.Create({scalar})";

    public (string Text, int Level) Print(int id, int minLevel, bool definition = false)
    {
        var (text, level) = Raw(id, definition);
        return level < minLevel ? ("(" + text + ")", 4) : (text, level);
    }

    private (string Text, int Level) Raw(int id, bool definition)
    {
        var node = _graph[id];
        if (!definition && _schedule.IsMaterialized(id) && !node.IsMacro) return (_schedule.Reference(id), 4);
        int[] a = node.Args;
        string Z = VT + ".Zero", One = VT + ".One";
        switch (node.Kind)
        {
            case OpKind.Constant:
                return node.Value == 0f ? (Z, 4) : node.Value == 1f ? (One, 4) : (Broadcast(FloatLiteral.Format(node.Value)), 4);
            case OpKind.Input: return ($"x[{node.Index}]", 4);
            case OpKind.Target: return ($"t[{node.Index}]", 4);
            case OpKind.Mask: return ($"m[{node.Index}]", 4);
            case OpKind.Parameter: return (Broadcast($"p[{node.Index}]"), 4);
            case OpKind.Element: return (_schedule.RegionOf(a[0]).At(node.Index), 4);
            case OpKind.Sum: return SumText(a, 0, a.Length, null);
            case OpKind.Multiply: return (Print(a[0], 2).Text + " * " + Print(a[1], 3).Text, 2);
            case OpKind.Divide: return (Print(a[0], 2).Text + " / " + Print(a[1], 3).Text, 2);
            case OpKind.Subtract: return (Print(a[0], 1).Text + " - " + Print(a[1], 2).Text, 1);
            case OpKind.Negate: return ("-" + Print(a[0], 4).Text, 3);
            case OpKind.Square:
                string x = Print(a[0], 3).Text;
                return (x + " * " + x, 2);
            case OpKind.Exp: return ($"{Math}.Exp({Use(a[0])})", 4);
            case OpKind.ClampedLog: return ($"{Math}.ClampedLog({Use(a[0])})", 4);
            case OpKind.Sigmoid: return ($"{Math}.Sigmoid({Use(a[0])})", 4);
            case OpKind.Tanh: return ($"{Math}.Tanh({Use(a[0])})", 4);
            case OpKind.Relu: return ($"{V}.Max({Use(a[0])}, {Z})", 4);
            case OpKind.LeakyRelu:
                string v = Use(a[0]);
                return ($"{V}.ConditionalSelect({V}.GreaterThan({v}, {Z}), {v}, {v} * {Broadcast("0.01f")})", 4);
            case OpKind.ReluStep: return ($"{V}.ConditionalSelect({V}.GreaterThan({Use(a[0])}, {Z}), {One}, {Z})", 4);
            case OpKind.LeakyReluStep: return ($"{V}.ConditionalSelect({V}.GreaterThan({Use(a[0])}, {Z}), {One}, {Broadcast("0.01f")})", 4);
            case OpKind.SigmoidBinaryCrossEntropy: return ($"{Math}.SigmoidBinaryCrossEntropy({Use(a[0])}, {Use(a[1])})", 4);
            default: return (Z + " /* " + node.Kind + " */", 4);
        }
    }

    /// <summary>
    /// Terms <paramref name="from"/>…<paramref name="to"/> of a sum, left to right, added to <paramref name="start"/>
    /// (or starting from the first term); a product term becomes a fused multiply-add into the running sum.
    /// </summary>
    public (string Text, int Level) SumText(int[] terms, int from, int to, string? start)
    {
        string? acc = start;
        int level = start is null ? 4 : 4;
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
            if (inline && term.Kind == OpKind.Multiply)
            {
                acc = _width.MultiplyAdd(Use(term.Args[0]), Use(term.Args[1]), acc);
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
        return (acc ?? VT + ".Zero", level);
    }

    private static string Parenthesized(string text, int level, int minLevel) => level < minLevel ? "(" + text + ")" : text;
}

using NetGen.Generator.Graph;

namespace NetGen.Generator.Emit.Gpu;

/// <summary>
/// Prints graph nodes as C# that ILGPU compiles: the scalar dialect of <see cref="ScalarExpressionWriter"/> (same
/// parentheses, same evaluation order, so the CPU accelerator computes the same floats as the scalar kernel), with
/// spilled values and macro regions read from the thread's column of the scratch view (<see cref="GpuScratch"/>).
/// <c>MathF</c> calls are mapped by ILGPU to its math intrinsics (a context created with <c>EnableAlgorithms()</c>
/// supplies exp, log and tanh on CUDA and OpenCL).
/// </summary>
internal sealed class GpuExpressionWriter
{
    private const string MathF = "global::System.MathF";
    private readonly KernelSchedule _schedule;
    private readonly ExpressionGraph _graph;

    public GpuExpressionWriter(KernelSchedule schedule)
    {
        _schedule = schedule;
        _graph = schedule.Graph;
    }

    /// <summary>The expression of a node (its definition, even when the node itself is materialized).</summary>
    public string Definition(int id) => Print(id, 0, definition: true).Text;

    /// <summary>A reference to a node where it is used.</summary>
    public string Use(int id) => Print(id, 0, definition: false).Text;

    /// <summary>Where a materialized node lives: its local, or its scratch slot when it crosses parts.</summary>
    public string Reference(int id) => _schedule.IsSpilled(id) ? GpuScratch.At("s", _schedule.SpillSlot(id)) : _schedule.IdentifierOf(id);

    private (string Text, int Level) Print(int id, int minLevel, bool definition = false)
    {
        var (text, level) = Raw(id, definition);
        return level < minLevel ? ("(" + text + ")", 4) : (text, level);
    }

    private (string Text, int Level) Raw(int id, bool definition)
    {
        var node = _graph[id];
        if (!definition && _schedule.IsMaterialized(id) && !node.IsMacro) return (Reference(id), 4);
        int[] a = node.Args;
        switch (node.Kind)
        {
            case OpKind.Constant:
                string literal = FloatLiteral.Format(node.Value);
                return (literal, literal.StartsWith("-", System.StringComparison.Ordinal) ? 3 : 4);
            case OpKind.Input: return ($"x[{node.Index}]", 4);
            case OpKind.Target: return ($"t[{node.Index}]", 4);
            case OpKind.Parameter: return ($"p[{node.Index}]", 4);
            case OpKind.Mask: return ($"m[{node.Index}]", 4);
            case OpKind.Element: return (GpuScratch.At(_schedule.RegionOf(a[0]), node.Index), 4);
            case OpKind.Sum: return (SumText(a, 0, a.Length), 1);
            case OpKind.Multiply: return (Print(a[0], 2).Text + " * " + Print(a[1], 3).Text, 2);
            case OpKind.Divide: return (Print(a[0], 2).Text + " / " + Print(a[1], 3).Text, 2);
            case OpKind.Subtract: return (Print(a[0], 1).Text + " - " + Print(a[1], 2).Text, 1);
            case OpKind.Negate:
                string operand = Print(a[0], 3).Text;
                return ("-" + (operand.StartsWith("-", System.StringComparison.Ordinal) ? "(" + operand + ")" : operand), 3);
            case OpKind.Square:
                string x = Print(a[0], 3).Text;
                return (x + " * " + x, 2);
            case OpKind.Exp: return ($"{MathF}.Exp({Use(a[0])})", 4);
            case OpKind.ClampedLog: return ($"{MathF}.Max({MathF}.Log({Use(a[0])}), -100f)", 4);
            case OpKind.Sigmoid: return ($"1f / (1f + {MathF}.Exp(-{Print(a[0], 3).Text}))", 2);
            case OpKind.Tanh: return ($"{MathF}.Tanh({Use(a[0])})", 4);
            case OpKind.Relu: return ($"{MathF}.Max({Use(a[0])}, 0f)", 4);
            case OpKind.LeakyRelu:
                string v = Print(a[0], 3).Text;
                return ($"({v} > 0f ? {v} : 0.01f * {v})", 4);
            case OpKind.ReluStep: return ($"({Print(a[0], 2).Text} > 0f ? 1f : 0f)", 4);
            case OpKind.LeakyReluStep: return ($"({Print(a[0], 2).Text} > 0f ? 1f : 0.01f)", 4);
            case OpKind.SigmoidBinaryCrossEntropy:
                // A plain static method of the runtime: ILGPU compiles (and inlines) it like the kernel's own code.
                return ($"global::NetGen.Runtime.ScalarMath.SigmoidBinaryCrossEntropy({Use(a[0])}, {Use(a[1])})", 4);
            default:
                // LogSumExp and macros are statements of their own (see GpuKernelEmitter).
                return ("0f /* " + node.Kind.ToString() + " */", 4);
        }
    }

    /// <summary>
    /// Whether every node of <paramref name="graph"/> is an operation this writer (and <see cref="GpuKernelEmitter"/>)
    /// prints. An operation added later (to the graph, for the CPU emitters) makes the generator leave the GPU code out
    /// rather than print something wrong.
    /// </summary>
    public static bool Supports(ExpressionGraph graph)
    {
        for (int id = 0; id < graph.Count; id++)
        {
            switch (graph[id].Kind)
            {
                case OpKind.Constant: case OpKind.Input: case OpKind.Target: case OpKind.Parameter: case OpKind.Element: case OpKind.Mask:
                case OpKind.Sum: case OpKind.Multiply: case OpKind.Divide: case OpKind.Subtract: case OpKind.Negate:
                case OpKind.Square: case OpKind.Exp: case OpKind.ClampedLog: case OpKind.Sigmoid: case OpKind.Tanh:
                case OpKind.Relu: case OpKind.LeakyRelu: case OpKind.ReluStep: case OpKind.LeakyReluStep:
                case OpKind.SigmoidBinaryCrossEntropy: case OpKind.LogSumExp: case OpKind.MatVec: case OpKind.TransposedMatVec:
                    continue;
                default:
                    return false;
            }
        }
        return true;
    }

    /// <summary>Terms <paramref name="from"/>…<paramref name="to"/> of a sum, left to right, subtractions written as such.</summary>
    public string SumText(int[] terms, int from, int to)
    {
        var text = new System.Text.StringBuilder();
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
}

using System;

namespace NetGen.Generator.Graph.Ops;

/// <summary>∂node/∂(argument <c>argument</c>) as a graph node.</summary>
internal delegate int DerivativeRule(ExpressionGraph graph, Node node, int argument);

/// <summary>
/// Everything about one operation, in one place: its forward rule in double precision (constant folding and the test
/// reference), its local derivative (composed by <see cref="ReverseModeDifferentiator"/> by the chain rule), its cost (for
/// splitting kernels), its math notation (the comments of the emitted code) and its spelling in every dialect. The
/// entries live in <see cref="OpTable"/>.
/// </summary>
internal sealed class OpDefinition
{
    public OpDefinition(OpKind kind, OpShape shape, string display)
    {
        Kind = kind;
        Shape = shape;
        Display = display;
    }

    public OpKind Kind { get; }

    public OpShape Shape { get; }

    /// <summary>Math notation, <c>{0}</c>/<c>{1}</c> the arguments (parenthesised when sums), <c>{0a}</c> an argument written bare.</summary>
    public string Display { get; }

    /// <summary>The forward value in double precision, or null for leaves and macros.</summary>
    public Func<double[], double>? Evaluate { get; init; }

    /// <summary>The local derivative, or null when the op only ever appears in adjoints (a derivative is never differentiated again).</summary>
    public DerivativeRule? Derivative { get; init; }

    /// <summary>Rough IL bytes of the op printed inline (without its arguments).</summary>
    public int Cost { get; init; } = 3;

    /// <summary>The printed form holds a conditional expression (counted against the JIT's basic-block limit).</summary>
    public bool Branches { get; init; }

    /// <summary>The printed form repeats an argument, so the arguments are computed into locals first.</summary>
    public bool RepeatsOperand { get; init; }

    /// <summary>Scalar C#; also what ILGPU compiles (its dialect differs in where values are stored, not in the ops).</summary>
    public Spelling? Scalar { get; init; }

    /// <summary>Lanes: one sample per lane of <c>System.Numerics.Vector&lt;float&gt;</c>.</summary>
    public Spelling? Lanes { get; init; }
}

using System;
using NetGen.Reference;

namespace NetGen.Generator.Graph.Ops;

/// <summary>
/// The definition of every <see cref="OpKind"/>, written once. Everything else (the differentiator, constant folding, the
/// kernel schedule's costs, the comments, every dialect's printer) reads this table. An op without a spelling in some
/// dialect cannot be printed there: <see cref="MissingSpellings"/> lists such gaps and the generator reports NG0099
/// instead of printing wrong code; a test checks that the table is complete.
/// </summary>
internal static class OpTable
{
    private static readonly OpDefinition[] Definitions = Build();

    /// <summary>The definition of <paramref name="kind"/>.</summary>
    public static OpDefinition Of(OpKind kind)
    {
        int index = (int)kind;
        if (index < 0 || index >= Definitions.Length || Definitions[index] is null)
            throw new InvalidOperationException($"Operation {kind} has no definition in OpTable.");
        return Definitions[index];
    }

    /// <summary>Forward value of a scalar operation in double precision (constant folding, the test reference).</summary>
    public static double Evaluate(OpKind kind, double[] arguments) =>
        (Of(kind).Evaluate ?? throw new InvalidOperationException($"Operation {kind} has no forward value."))(arguments);

    /// <summary>∂node/∂(argument <paramref name="argument"/>) as a graph node, from the op's rule.</summary>
    public static int LocalDerivative(ExpressionGraph graph, int nodeId, int argument)
    {
        var node = graph[nodeId];
        var rule = Of(node.Kind).Derivative ?? throw new InvalidOperationException($"Operation {node.Kind} has no derivative rule (it only appears in adjoints).");
        return rule(graph, node, argument);
    }

    /// <summary>Ops printed from spellings that lack one for some dialect (empty when the table is complete).</summary>
    public static string MissingSpellings()
    {
        var missing = new System.Text.StringBuilder();
        foreach (OpKind kind in Enum.GetValues(typeof(OpKind)))
        {
            int index = (int)kind;
            if (index >= Definitions.Length || Definitions[index] is null)
            {
                missing.Append(kind).Append(" (no definition) ");
                continue;
            }
            var d = Definitions[index];
            if (d.Shape != OpShape.Spelled) continue;
            if (d.Scalar is null) missing.Append(kind).Append(" (scalar) ");
            if (d.Lanes is null) missing.Append(kind).Append(" (lanes) ");
        }
        return missing.ToString().TrimEnd();
    }

    private static OpDefinition[] Build()
    {
        var table = new OpDefinition[Enum.GetValues(typeof(OpKind)).Length];
        void Add(OpDefinition d) => table[(int)d.Kind] = d;

        // ---- leaves: the dialects write them ----
        Add(new OpDefinition(OpKind.Constant, OpShape.Leaf, "c"));
        Add(new OpDefinition(OpKind.Input, OpShape.Leaf, "x"));
        Add(new OpDefinition(OpKind.Target, OpShape.Leaf, "t"));
        Add(new OpDefinition(OpKind.Mask, OpShape.Leaf, "m"));
        Add(new OpDefinition(OpKind.Parameter, OpShape.Leaf, "p"));

        // ---- arithmetic ----
        Add(new OpDefinition(OpKind.Sum, OpShape.Sum, "Σ")
        {
            Evaluate = a => { double s = 0; foreach (double v in a) s += v; return s; },
            Derivative = (g, n, i) => g.Constant(1f),
        });
        Add(Arithmetic(OpKind.Multiply, "{0}·{1}", "{0:2} * {1:3}", 2,
            a => a[0] * a[1],
            (g, n, i) => i == 0 ? n.Args[1] : n.Args[0]));
        Add(Arithmetic(OpKind.Negate, "−{0}", "-{0:3-}", 3,
            a => -a[0],
            (g, n, i) => g.Constant(-1f)));
        Add(Arithmetic(OpKind.Subtract, "{0a} − {1}", "{0:1} - {1:2}", 1,
            a => a[0] - a[1],
            (g, n, i) => g.Constant(i == 0 ? 1f : -1f)));
        Add(Arithmetic(OpKind.Divide, "{0}/{1}", "{0:2} / {1:3}", 2,
            a => a[0] / a[1],
            (g, n, i) => i == 0 ? g.Divide(g.Constant(1f), n.Args[1]) : g.Negate(g.Divide(n.Id, n.Args[1]))));
        Add(Arithmetic(OpKind.Square, "{0}²", "{0:3} * {0:3}", 2,
            a => a[0] * a[0],
            (g, n, i) => g.Multiply(g.Constant(2f), n.Args[0]), repeats: true));

        // ---- functions ----
        Add(new OpDefinition(OpKind.Exp, OpShape.Spelled, "exp({0a})")
        {
            Evaluate = a => Math.Exp(a[0]),
            Derivative = (g, n, i) => n.Id,   // (eˣ)' = eˣ: the node itself
            Cost = 12,
            Scalar = new Spelling("{F}.Exp({0})"),
            Lanes = new Spelling("{M}.Exp({0})"),
        });
        Add(new OpDefinition(OpKind.ClampedLog, OpShape.Spelled, "log({0a})")
        {
            Evaluate = a => Math.Max(Math.Log(a[0]), -100.0),
            Derivative = (g, n, i) => g.Divide(g.Constant(1f), n.Args[0]),
            Cost = 12,
            Scalar = new Spelling("{F}.Max({F}.Log({0}), -100f)"),
            Lanes = new Spelling("{M}.ClampedLog({0})"),
        });
        Add(new OpDefinition(OpKind.Sigmoid, OpShape.Spelled, "σ({0a})")
        {
            Evaluate = a => ActivationMath.Sigmoid(a[0]),
            Derivative = (g, n, i) => g.Multiply(n.Id, g.Subtract(g.Constant(1f), n.Id)),   // σ' = σ·(1 − σ), from the output
            Cost = 12,
            Scalar = new Spelling("1f / (1f + {F}.Exp(-{0:3}))", 2),
            Lanes = new Spelling("{M}.Sigmoid({0})"),
        });
        Add(new OpDefinition(OpKind.Tanh, OpShape.Spelled, "tanh({0a})")
        {
            Evaluate = a => Math.Tanh(a[0]),
            Derivative = (g, n, i) => g.Subtract(g.Constant(1f), g.Unary(OpKind.Square, n.Id)),   // tanh' = 1 − tanh², from the output
            Cost = 12,
            Scalar = new Spelling("{F}.Tanh({0})"),
            Lanes = new Spelling("{M}.Tanh({0})"),
        });
        Add(new OpDefinition(OpKind.Relu, OpShape.Spelled, "relu({0a})")
        {
            Evaluate = a => ActivationMath.Relu(a[0]),
            Derivative = (g, n, i) => g.Unary(OpKind.ReluStep, n.Args[0]),
            Cost = 12,
            Scalar = new Spelling("{F}.Max({0}, 0f)"),
            Lanes = new Spelling("{V}.Max({0}, {VT}.Zero)"),
        });
        Add(new OpDefinition(OpKind.LeakyRelu, OpShape.Spelled, "leaky_relu({0a})")
        {
            Evaluate = a => ActivationMath.LeakyRelu(a[0]),
            Derivative = (g, n, i) => g.Unary(OpKind.LeakyReluStep, n.Args[0]),
            Branches = true,
            RepeatsOperand = true,
            Scalar = new Spelling("({0:3} > 0f ? {0:3} : 0.01f * {0:3})"),
            Lanes = new Spelling("{V}.ConditionalSelect({V}.GreaterThan({0}, {VT}.Zero), {0}, {0} * {K:0.01f})"),
        });
        Add(new OpDefinition(OpKind.ReluStep, OpShape.Spelled, "[{0a} > 0]")
        {
            Evaluate = a => ActivationMath.ReluDerivative(a[0]),
            Derivative = (g, n, i) => g.Constant(0f),
            Branches = true,
            Scalar = new Spelling("({0:2} > 0f ? 1f : 0f)"),
            Lanes = new Spelling("{V}.ConditionalSelect({V}.GreaterThan({0}, {VT}.Zero), {VT}.One, {VT}.Zero)"),
        });
        Add(new OpDefinition(OpKind.LeakyReluStep, OpShape.Spelled, "({0a} > 0 ? 1 : 0.01)")
        {
            Evaluate = a => ActivationMath.LeakyReluDerivative(a[0]),
            Derivative = (g, n, i) => g.Constant(0f),
            Branches = true,
            Scalar = new Spelling("({0:2} > 0f ? 1f : 0.01f)"),
            Lanes = new Spelling("{V}.ConditionalSelect({V}.GreaterThan({0}, {VT}.Zero), {VT}.One, {K:0.01f})"),
        });

        // ---- the activations of the architecture issue: a forward op and its derivative op each, printed as calls ----
        AddActivation(table, OpKind.Silu, OpKind.SiluDerivative, "silu", ActivationMath.Silu, ActivationMath.SiluDerivative);
        AddActivation(table, OpKind.Gelu, OpKind.GeluDerivative, "gelu", ActivationMath.Gelu, ActivationMath.GeluDerivative);
        AddActivation(table, OpKind.GeluTanh, OpKind.GeluTanhDerivative, "gelu_tanh", ActivationMath.GeluTanh, ActivationMath.GeluTanhDerivative);
        AddActivation(table, OpKind.Elu, OpKind.EluDerivative, "elu", ActivationMath.Elu, ActivationMath.EluDerivative);
        AddActivation(table, OpKind.Softplus, OpKind.SoftplusDerivative, "softplus", ActivationMath.Softplus, ActivationMath.SoftplusDerivative);
        AddActivation(table, OpKind.Mish, OpKind.MishDerivative, "mish", ActivationMath.Mish, ActivationMath.MishDerivative);
        AddActivation(table, OpKind.HardSigmoid, OpKind.HardSigmoidDerivative, "hardsigmoid", ActivationMath.HardSigmoid, ActivationMath.HardSigmoidDerivative);
        AddActivation(table, OpKind.HardSwish, OpKind.HardSwishDerivative, "hardswish", ActivationMath.HardSwish, ActivationMath.HardSwishDerivative);

        // ---- reductions and losses ----
        Add(new OpDefinition(OpKind.LogSumExp, OpShape.Statement, "logsumexp(…)")
        {
            Evaluate = a =>
            {
                double max = double.NegativeInfinity;
                foreach (double v in a) max = Math.Max(max, v);
                double s = 0;
                foreach (double v in a) s += Math.Exp(v - max);
                return max + Math.Log(s);
            },
            Derivative = (g, n, i) => g.Unary(OpKind.Exp, g.Subtract(n.Args[i], n.Id)),   // ∂lse/∂zᵢ = softmaxᵢ
            RepeatsOperand = true,
        });
        Add(new OpDefinition(OpKind.SigmoidBinaryCrossEntropy, OpShape.Spelled, "bce(σ({0a}), {1a})")
        {
            Evaluate = a => -(a[1] * Math.Max(-ActivationMath.Log1PExp(-a[0]), -100.0) + (1.0 - a[1]) * Math.Max(-ActivationMath.Log1PExp(a[0]), -100.0)),
            // Fused sigmoid + BCE: ∂/∂z = σ(z) − t (the σ(z) node is the network's output, shared).
            Derivative = (g, n, i) => i == 0 ? g.Subtract(g.Unary(OpKind.Sigmoid, n.Args[0]), n.Args[1]) : g.Negate(n.Args[0]),
            Cost = 80,
            RepeatsOperand = true,
            Scalar = new Spelling("{S}.SigmoidBinaryCrossEntropy({0}, {1})"),
            Lanes = new Spelling("{M}.SigmoidBinaryCrossEntropy({0}, {1})"),
        });

        // ---- the regression losses' elementwise terms (δ = 1 for Huber) and their derivatives, PyTorch's kinks ----
        Add(new OpDefinition(OpKind.Abs, OpShape.Spelled, "|{0a}|")
        {
            Evaluate = a => Math.Abs(a[0]),
            Derivative = (g, n, i) => g.Unary(OpKind.Sign, n.Args[0]),
            Scalar = new Spelling("{F}.Abs({0})"),
            Lanes = new Spelling("{V}.Abs({0})"),
        });
        Add(new OpDefinition(OpKind.Sign, OpShape.Spelled, "sign({0a})")
        {
            Evaluate = a => a[0] > 0 ? 1.0 : a[0] < 0 ? -1.0 : 0.0,
            Derivative = (g, n, i) => g.Constant(0f),
            Branches = true,
            RepeatsOperand = true,
            Scalar = new Spelling("({0:2} > 0f ? 1f : {0:2} < 0f ? -1f : 0f)"),
            Lanes = new Spelling("{V}.ConditionalSelect({V}.GreaterThan({0}, {VT}.Zero), {VT}.One, {VT}.Zero) - {V}.ConditionalSelect({V}.LessThan({0}, {VT}.Zero), {VT}.One, {VT}.Zero)", 1),
        });
        Add(new OpDefinition(OpKind.Huber, OpShape.Spelled, "huber({0a})")
        {
            Evaluate = a => Math.Abs(a[0]) < 1.0 ? 0.5 * a[0] * a[0] : Math.Abs(a[0]) - 0.5,
            Derivative = (g, n, i) => g.Unary(OpKind.HuberDerivative, n.Args[0]),
            Branches = true,
            RepeatsOperand = true,
            Cost = 8,
            Scalar = new Spelling("({F}.Abs({0}) < 1f ? 0.5f * {0:2} * {0:3} : {F}.Abs({0}) - 0.5f)"),
            Lanes = new Spelling("{V}.ConditionalSelect({V}.LessThan({V}.Abs({0}), {VT}.One), {K:0.5f} * {0:2} * {0:3}, {V}.Abs({0}) - {K:0.5f})"),
        });
        Add(new OpDefinition(OpKind.HuberDerivative, OpShape.Spelled, "huber'({0a})")
        {
            Evaluate = a => Math.Min(Math.Max(a[0], -1.0), 1.0),
            Derivative = (g, n, i) => g.Constant(0f),
            RepeatsOperand = false,
            Scalar = new Spelling("{F}.Min({F}.Max({0}, -1f), 1f)"),
            Lanes = new Spelling("{V}.Min({V}.Max({0}, -{VT}.One), {VT}.One)"),
        });

        // ---- loops past the unroll budget (their vector–Jacobian product is MatVecRules) ----
        Add(new OpDefinition(OpKind.MatVec, OpShape.Macro, "W·a + b"));
        Add(new OpDefinition(OpKind.TransposedMatVec, OpShape.Macro, "Wᵀ·δ"));
        Add(new OpDefinition(OpKind.Element, OpShape.Element, "z"));
        return table;
    }

    /// <summary>
    /// An activation as two ops: <paramref name="forward"/> f(x) and <paramref name="derivative"/> f'(x) of the same input,
    /// printed as calls of NetGen's scalar (and ILGPU) and vector math of those names.
    /// </summary>
    private static void AddActivation(OpDefinition[] table, OpKind forward, OpKind derivative, string display, Func<double, double> f, Func<double, double> df)
    {
        string name = forward.ToString();
        table[(int)forward] = new OpDefinition(forward, OpShape.Spelled, display + "({0a})")
        {
            Evaluate = a => f(a[0]),
            Derivative = (g, n, i) => g.Unary(derivative, n.Args[0]),
            Cost = 12,
            Scalar = new Spelling("{S}." + name + "({0})"),
            Lanes = new Spelling("{M}." + name + "({0})"),
        };
        table[(int)derivative] = new OpDefinition(derivative, OpShape.Spelled, display + "'({0a})")
        {
            Evaluate = a => df(a[0]),
            Cost = 12,
            Scalar = new Spelling("{S}." + name + "Derivative({0})"),
            Lanes = new Spelling("{M}." + name + "Derivative({0})"),
        };
    }

    /// <summary>An operator written the same way in every dialect (vectors have the operators too).</summary>
    private static OpDefinition Arithmetic(OpKind kind, string display, string template, int level, Func<double[], double> evaluate, DerivativeRule derivative, bool repeats = false) =>
        new OpDefinition(kind, OpShape.Spelled, display)
        {
            Evaluate = evaluate,
            Derivative = derivative,
            RepeatsOperand = repeats,
            Scalar = new Spelling(template, level),
            Lanes = new Spelling(template, level),
        };
}

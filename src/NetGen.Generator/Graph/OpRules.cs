using System;
using System.Collections.Generic;

namespace NetGen.Generator.Graph;

/// <summary>
/// The forward rule and the local derivative of every operation, side by side and written once. The
/// differentiator composes the local derivatives by the chain rule; the emitters only print the graph.
/// Adding an operation means adding its case here (and how each emitter spells it).
/// </summary>
internal static class OpRules
{
    /// <summary>Forward value of a scalar operation in double precision (constant folding, reference evaluation in tests).</summary>
    public static double Evaluate(OpKind kind, double[] a) => kind switch
    {
        OpKind.Sum => SumOf(a),
        OpKind.Multiply => a[0] * a[1],
        OpKind.Negate => -a[0],
        OpKind.Subtract => a[0] - a[1],
        OpKind.Divide => a[0] / a[1],
        OpKind.Square => a[0] * a[0],
        OpKind.Exp => Math.Exp(a[0]),
        OpKind.ClampedLog => Math.Max(Math.Log(a[0]), -100.0),
        OpKind.Sigmoid => 1.0 / (1.0 + Math.Exp(-a[0])),
        OpKind.Tanh => Math.Tanh(a[0]),
        OpKind.Relu => a[0] > 0 ? a[0] : 0.0,
        OpKind.LeakyRelu => a[0] > 0 ? a[0] : 0.01 * a[0],
        OpKind.ReluStep => a[0] > 0 ? 1.0 : 0.0,
        OpKind.LeakyReluStep => a[0] > 0 ? 1.0 : 0.01,
        OpKind.LogSumExp => LogSumExpOf(a),
        OpKind.SigmoidBinaryCrossEntropy =>
            -(a[1] * Math.Max(-Softplus(-a[0]), -100.0) + (1.0 - a[1]) * Math.Max(-Softplus(a[0]), -100.0)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a scalar operation"),
    };

    /// <summary>
    /// ∂node/∂(argument <paramref name="argument"/>) as a graph node, reusing forward values where the
    /// derivative is expressed by them: σ' = σ·(1 − σ), tanh' = 1 − tanh², (eˣ)' = eˣ, ∂lse/∂xᵢ = softmaxᵢ.
    /// </summary>
    public static int LocalDerivative(ExpressionGraph g, int nodeId, int argument)
    {
        var node = g[nodeId];
        int[] a = node.Args;
        return node.Kind switch
        {
            OpKind.Sum => g.Constant(1f),
            OpKind.Multiply => argument == 0 ? a[1] : a[0],
            OpKind.Negate => g.Constant(-1f),
            OpKind.Subtract => g.Constant(argument == 0 ? 1f : -1f),
            OpKind.Divide => argument == 0 ? g.Divide(g.Constant(1f), a[1]) : g.Negate(g.Divide(nodeId, a[1])),
            OpKind.Square => g.Multiply(g.Constant(2f), a[0]),
            OpKind.Exp => nodeId,
            OpKind.ClampedLog => g.Divide(g.Constant(1f), a[0]),
            OpKind.Sigmoid => g.Multiply(nodeId, g.Subtract(g.Constant(1f), nodeId)),
            OpKind.Tanh => g.Subtract(g.Constant(1f), g.Unary(OpKind.Square, nodeId)),
            OpKind.Relu => g.Unary(OpKind.ReluStep, a[0]),
            OpKind.LeakyRelu => g.Unary(OpKind.LeakyReluStep, a[0]),
            OpKind.ReluStep or OpKind.LeakyReluStep => g.Constant(0f),
            OpKind.LogSumExp => g.Unary(OpKind.Exp, g.Subtract(a[argument], nodeId)),
            // Fused sigmoid + BCE: ∂/∂z = σ(z) − t (the σ(z) node is the network's output, shared).
            OpKind.SigmoidBinaryCrossEntropy => argument == 0
                ? g.Subtract(g.Unary(OpKind.Sigmoid, a[0]), a[1])
                : g.Negate(a[0]),
            _ => throw new ArgumentOutOfRangeException(nameof(nodeId), node.Kind, "no scalar derivative rule"),
        };
    }

    /// <summary>
    /// Vector–Jacobian product of <c>z = W·a + b</c> (a <see cref="OpKind.MatVec"/> macro) for the adjoint
    /// <paramref name="deltas"/> = ∂L/∂z: ∂L/∂b = δ, ∂L/∂W = δ ⊗ a (a loop block), ∂L/∂a = Wᵀ·δ.
    /// </summary>
    public static MatVecAdjoint MatVecVectorJacobian(ExpressionGraph g, int macroId, int[] deltas, bool needInputAdjoint)
    {
        var node = g[macroId];
        var block = node.Block!;
        var biasGradients = new List<KeyValuePair<int, int>>();
        for (int j = 0; j < block.Rows; j++) biasGradients.Add(new KeyValuePair<int, int>(block.BiasOffset + j, deltas[j]));
        var weights = new GradientBlock(block, deltas, node.Args);
        int[]? inputAdjoints = null;
        if (needInputAdjoint)
        {
            int transposed = g.TransposedMatVec(block, deltas);
            inputAdjoints = new int[block.Columns];
            for (int i = 0; i < block.Columns; i++) inputAdjoints[i] = g.Element(transposed, i);
        }
        return new MatVecAdjoint(biasGradients, weights, inputAdjoints);
    }

    private static double SumOf(double[] a)
    {
        double s = 0;
        foreach (double v in a) s += v;
        return s;
    }

    private static double LogSumExpOf(double[] a)
    {
        double max = double.NegativeInfinity;
        foreach (double v in a) max = Math.Max(max, v);
        double s = 0;
        foreach (double v in a) s += Math.Exp(v - max);
        return max + Math.Log(s);
    }

    /// <summary>log(1 + eˣ) without overflow.</summary>
    public static double Softplus(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));
}

/// <summary>∂L/∂W of a looped Dense layer: <c>g[W + j·Columns + i] += Deltas[j] · Inputs[i]</c>, emitted as a loop.</summary>
internal sealed record GradientBlock(DenseBlock Block, int[] Deltas, int[] Inputs);

/// <summary>The pieces of a matvec's vector–Jacobian product.</summary>
internal sealed record MatVecAdjoint(List<KeyValuePair<int, int>> BiasGradients, GradientBlock Weights, int[]? InputAdjoints);

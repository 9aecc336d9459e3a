using System.Collections.Generic;
using NetGen.Generator.Graph;
using NetGen.Generator.Model;
using Xunit;

namespace NetGen.Generator.Tests.Graph;

/// <summary>
/// The fused loss gradients: softmax + cross-entropy gives ∂L/∂zⱼ = softmaxⱼ·Σt − tⱼ and sigmoid + binary
/// cross-entropy gives ∂L/∂zⱼ = (σ(zⱼ) − tⱼ)/n, both built on the network's own output nodes (no logs, no division).
/// </summary>
public sealed class FusedLossGradientTests
{
    [Theory]
    [InlineData(4096)]
    [InlineData(0)]
    public void SoftmaxCrossEntropy_AdjointOfLogit_IsSoftmaxTimesTargetSumMinusTarget(int unrollLimit)
    {
        var spec = NetworkSpecs.Create(3, LossKind.CrossEntropy, unrollLimit, (4, ActivationKind.Tanh), (3, ActivationKind.Softmax));
        var network = NetworkLowering.Lower(spec);
        var g = network.Graph;
        double[] x = { 0.3, -0.7, 1.1 };
        double[] t = { 0.2, 0.5, 0.7 }; // Σt = 1.4: the Σt factor is visible
        double[] p = Parameters(network.ParameterCount);
        var values = GraphEvaluator.Evaluate(g, x, t, p);
        double targetSum = 0;
        foreach (double v in t) targetSum += v;

        for (int j = 0; j < network.Outputs.Length; j++)
        {
            int output = network.Outputs[j];
            Assert.Equal(OpKind.Exp, g[output].Kind); // softmaxⱼ = exp(zⱼ − logsumexp(z))
            int logit = g[g[output].Args[0]].Args[0];
            int adjoint = network.Gradient.Adjoints[logit];

            Assert.Equal(values[output] * targetSum - t[j], values[adjoint], tolerance: 1e-12);
            Assert.Contains(output, Reached(g, adjoint));
        }
        AssertNoKind(g, OpKind.ClampedLog);
        AssertNoKind(g, OpKind.Divide);
    }

    [Theory]
    [InlineData(4096)]
    [InlineData(0)]
    public void SigmoidBinaryCrossEntropy_AdjointOfLogit_IsSigmoidMinusTargetOverN(int unrollLimit)
    {
        var spec = NetworkSpecs.Create(2, LossKind.BinaryCrossEntropy, unrollLimit, (3, ActivationKind.Relu), (4, ActivationKind.Sigmoid));
        var network = NetworkLowering.Lower(spec);
        var g = network.Graph;
        double[] x = { 0.9, -0.4 };
        double[] t = { 0, 1, 0.3, 0.8 };
        double[] p = Parameters(network.ParameterCount);
        var values = GraphEvaluator.Evaluate(g, x, t, p);
        int n = network.Outputs.Length;

        for (int j = 0; j < n; j++)
        {
            int output = network.Outputs[j];
            Assert.Equal(OpKind.Sigmoid, g[output].Kind);
            int logit = g[output].Args[0];
            int adjoint = network.Gradient.Adjoints[logit];

            Assert.Equal((values[output] - t[j]) / n, values[adjoint], tolerance: 1e-7); // 1/n is a float constant
            Assert.Contains(output, Reached(g, adjoint));
        }
        AssertNoKind(g, OpKind.ClampedLog);
        AssertNoKind(g, OpKind.Divide);
    }

    private static double[] Parameters(int count)
    {
        var p = new double[count];
        for (int k = 0; k < count; k++) p[k] = 0.9 * System.Math.Sin(1.7 * k + 0.3);
        return p;
    }

    private static HashSet<int> Reached(ExpressionGraph g, int root)
    {
        var seen = new HashSet<int>();
        var stack = new Stack<int>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            int id = stack.Pop();
            if (!seen.Add(id)) continue;
            foreach (int a in g[id].Args) stack.Push(a);
        }
        return seen;
    }

    private static void AssertNoKind(ExpressionGraph g, OpKind kind)
    {
        foreach (var node in g.Nodes) Assert.False(node.Kind == kind, $"node {node.Id} is a {kind}; the fused loss should need none");
    }
}

using NetGen.Generator.Graph.Ops;
using NetGen.Generator.Graph;
using Xunit;

namespace NetGen.Generator.Tests.Graph;

/// <summary>Local derivatives expressed through the forward node: σ' = σ(1 − σ), tanh' = 1 − tanh², (eˣ)' = eˣ.</summary>
public sealed class DerivativeReuseTests
{
    [Fact]
    public void SigmoidDerivative_IsNodeTimesOneMinusNode()
    {
        var g = new ExpressionGraph();
        int sigmoid = g.Unary(OpKind.Sigmoid, g.Multiply(g.Parameter(0), g.Input(0)));

        int derivative = OpTable.LocalDerivative(g, sigmoid, 0);

        var product = g[derivative];
        Assert.Equal(OpKind.Multiply, product.Kind);
        Assert.Equal(sigmoid, product.Args[0]);
        var oneMinus = g[product.Args[1]];
        Assert.Equal(OpKind.Subtract, oneMinus.Kind);
        Assert.True(g[oneMinus.Args[0]].IsConstant(1f));
        Assert.Equal(sigmoid, oneMinus.Args[1]);
        Assert.Equal(derivative, g.Multiply(sigmoid, g.Subtract(g.Constant(1f), sigmoid)));
    }

    [Fact]
    public void TanhDerivative_IsOneMinusNodeSquared()
    {
        var g = new ExpressionGraph();
        int tanh = g.Unary(OpKind.Tanh, g.Parameter(0));

        int derivative = OpTable.LocalDerivative(g, tanh, 0);

        var difference = g[derivative];
        Assert.Equal(OpKind.Subtract, difference.Kind);
        Assert.True(g[difference.Args[0]].IsConstant(1f));
        var square = g[difference.Args[1]];
        Assert.Equal(OpKind.Square, square.Kind);
        Assert.Equal(tanh, square.Args[0]);
    }

    [Fact]
    public void ExpDerivative_IsTheNodeItself()
    {
        var g = new ExpressionGraph();
        int exp = g.Unary(OpKind.Exp, g.Parameter(0));
        Assert.Equal(exp, OpTable.LocalDerivative(g, exp, 0));
    }

    [Fact]
    public void DifferentiatingASigmoid_CreatesNoSecondSigmoidOrExp()
    {
        // ∂σ(p0·x0)/∂p0 = σ·(1 − σ)·x0: the backward pass must reuse the forward σ, not recompute it.
        var g = new ExpressionGraph();
        int sigmoid = g.Unary(OpKind.Sigmoid, g.Multiply(g.Parameter(0), g.Input(0)));

        ReverseModeDifferentiator.Differentiate(g, sigmoid);

        int sigmoids = 0, exps = 0;
        foreach (var node in g.Nodes)
        {
            if (node.Kind == OpKind.Sigmoid) sigmoids++;
            if (node.Kind == OpKind.Exp) exps++;
        }
        Assert.Equal(1, sigmoids);
        Assert.Equal(0, exps);
    }

    [Fact]
    public void ReluDerivative_IsTheStepOfItsArgument()
    {
        var g = new ExpressionGraph();
        int z = g.Add(g.Parameter(0), g.Input(0));
        int relu = g.Unary(OpKind.Relu, z);
        int leaky = g.Unary(OpKind.LeakyRelu, z);

        var step = g[OpTable.LocalDerivative(g, relu, 0)];
        var leakyStep = g[OpTable.LocalDerivative(g, leaky, 0)];

        Assert.Equal(OpKind.ReluStep, step.Kind);
        Assert.Equal(z, step.Args[0]);
        Assert.Equal(OpKind.LeakyReluStep, leakyStep.Kind);
        Assert.Equal(z, leakyStep.Args[0]);
        Assert.Equal(0.0, OpTable.Evaluate(OpKind.ReluStep, new[] { 0.0 }));
        Assert.Equal(0.01, OpTable.Evaluate(OpKind.LeakyReluStep, new[] { 0.0 }));
    }
}

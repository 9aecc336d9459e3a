using NetGen.Generator.Graph;
using Xunit;

namespace NetGen.Generator.Tests.Graph;

/// <summary>
/// Reverse-mode gradients of small hand-built graphs (every scalar op, parameters reached by several paths)
/// against central finite differences, for both ∂f/∂p and ∂f/∂x.
/// </summary>
public sealed class HandBuiltGraphGradientTests
{
    [Fact]
    public void SigmoidTimesTanh_ParameterReachedByTwoPaths()
    {
        // f = σ(p0·x0 + p1) · tanh(p0)
        var g = new ExpressionGraph();
        int p0 = g.Parameter(0), p1 = g.Parameter(1), x0 = g.Input(0);
        int f = g.Multiply(g.Unary(OpKind.Sigmoid, g.Add(g.Multiply(p0, x0), p1)), g.Unary(OpKind.Tanh, p0));

        GradientCheck.AssertGradientsMatch(g, f, x: new[] { 0.7 }, t: new double[0], p: new[] { 0.4, -0.3 });
    }

    [Fact]
    public void SquaredErrorPlusExp()
    {
        // f = (p0 − t0)² + exp(p1·p0)
        var g = new ExpressionGraph();
        int p0 = g.Parameter(0), p1 = g.Parameter(1), t0 = g.Target(0);
        int f = g.Add(g.Unary(OpKind.Square, g.Subtract(p0, t0)), g.Unary(OpKind.Exp, g.Multiply(p1, p0)));

        GradientCheck.AssertGradientsMatch(g, f, x: new double[0], t: new[] { 0.25 }, p: new[] { 0.9, -0.6 });
    }

    [Fact]
    public void Divide_ParameterInNumeratorAndDenominator()
    {
        // f = (p0 + x0) / (p1 + p0·p0) + x1 / p1
        var g = new ExpressionGraph();
        int p0 = g.Parameter(0), p1 = g.Parameter(1), x0 = g.Input(0), x1 = g.Input(1);
        int f = g.Add(
            g.Divide(g.Add(p0, x0), g.Add(p1, g.Multiply(p0, p0))),
            g.Divide(x1, p1));

        GradientCheck.AssertGradientsMatch(g, f, x: new[] { 0.3, -1.2 }, t: new double[0], p: new[] { 0.8, 1.5 });
    }

    [Fact]
    public void NegateAndSubtract()
    {
        // f = −((p0 − x0)·(x1 − p1)) + (−p2 − p0)
        var g = new ExpressionGraph();
        int p0 = g.Parameter(0), p1 = g.Parameter(1), p2 = g.Parameter(2), x0 = g.Input(0), x1 = g.Input(1);
        int f = g.Add(
            g.Negate(g.Multiply(g.Subtract(p0, x0), g.Subtract(x1, p1))),
            g.Subtract(g.Negate(p2), p0));

        GradientCheck.AssertGradientsMatch(g, f, x: new[] { 0.5, -0.4 }, t: new double[0], p: new[] { 1.1, 0.2, -0.7 });
    }

    [Theory]
    [InlineData(0.9, 0.2)]    // both rectifiers on their positive side
    [InlineData(-0.9, 1.9)]   // both on their negative side
    [InlineData(0.9, 1.9)]    // mixed
    public void ReluAndLeakyRelu_AwayFromZero(double x0Value, double x1Value)
    {
        // f = relu(p0·x0 + p1) + leaky_relu(p0 − x1)·p2
        var g = new ExpressionGraph();
        int p0 = g.Parameter(0), p1 = g.Parameter(1), p2 = g.Parameter(2), x0 = g.Input(0), x1 = g.Input(1);
        int f = g.Add(
            g.Unary(OpKind.Relu, g.Add(g.Multiply(p0, x0), p1)),
            g.Multiply(g.Unary(OpKind.LeakyRelu, g.Subtract(p0, x1)), p2));

        GradientCheck.AssertGradientsMatch(g, f, x: new[] { x0Value, x1Value }, t: new double[0], p: new[] { 0.8, 0.1, -1.3 });
    }

    [Fact]
    public void LogSumExp_OverSharedTerms()
    {
        // f = logsumexp(p0·x0, p1·x1, p0·p1, p2) · x2
        var g = new ExpressionGraph();
        int p0 = g.Parameter(0), p1 = g.Parameter(1), p2 = g.Parameter(2);
        int x0 = g.Input(0), x1 = g.Input(1), x2 = g.Input(2);
        int lse = g.LogSumExp(new[] { g.Multiply(p0, x0), g.Multiply(p1, x1), g.Multiply(p0, p1), p2 });
        int f = g.Multiply(lse, x2);

        GradientCheck.AssertGradientsMatch(g, f, x: new[] { 0.5, -2.0, 1.5 }, t: new double[0], p: new[] { 1.2, 0.3, -0.4 });
    }

    [Fact]
    public void SigmoidBinaryCrossEntropy_BothArguments()
    {
        // f = bce(σ(p0·x0 + p1), t0) + bce(σ(p2), σ(p0)): the second term differentiates the target argument too.
        var g = new ExpressionGraph();
        int p0 = g.Parameter(0), p1 = g.Parameter(1), p2 = g.Parameter(2), x0 = g.Input(0), t0 = g.Target(0);
        int f = g.Add(
            g.SigmoidBinaryCrossEntropy(g.Add(g.Multiply(p0, x0), p1), t0),
            g.SigmoidBinaryCrossEntropy(p2, g.Unary(OpKind.Sigmoid, p0)));

        GradientCheck.AssertGradientsMatch(g, f, x: new[] { 1.3 }, t: new[] { 0.3 }, p: new[] { 0.6, -0.2, 0.9 });
    }

    [Fact]
    public void ClampedLog_AwayFromTheClamp()
    {
        // f = log(σ(p0·x0)) + log(p1·p1 + x1)
        var g = new ExpressionGraph();
        int p0 = g.Parameter(0), p1 = g.Parameter(1), x0 = g.Input(0), x1 = g.Input(1);
        int f = g.Add(
            g.Unary(OpKind.ClampedLog, g.Unary(OpKind.Sigmoid, g.Multiply(p0, x0))),
            g.Unary(OpKind.ClampedLog, g.Add(g.Multiply(p1, p1), x1)));

        GradientCheck.AssertGradientsMatch(g, f, x: new[] { -0.8, 0.5 }, t: new double[0], p: new[] { 0.7, 1.4 });
    }

    [Fact]
    public void SharedSubexpression_ManyPathsSummed()
    {
        // u = p0·x0; f = u·u + u² + exp(u)·u + tanh(tanh(u))
        var g = new ExpressionGraph();
        int p0 = g.Parameter(0), x0 = g.Input(0);
        int u = g.Multiply(p0, x0);
        int f = g.Sum(new[]
        {
            g.Multiply(u, u),
            g.Unary(OpKind.Square, u),
            g.Multiply(g.Unary(OpKind.Exp, u), u),
            g.Unary(OpKind.Tanh, g.Unary(OpKind.Tanh, u)),
        });

        GradientCheck.AssertGradientsMatch(g, f, x: new[] { 0.6 }, t: new double[0], p: new[] { -0.9 });
    }

    [Fact]
    public void ConstantFactors_FoldedThroughProducts()
    {
        // f = 2·(3·p0) + (−1)·p1·x0 − 0.5·(p0 − 4)
        var g = new ExpressionGraph();
        int p0 = g.Parameter(0), p1 = g.Parameter(1), x0 = g.Input(0);
        int f = g.Sum(new[]
        {
            g.Multiply(g.Constant(2f), g.Multiply(g.Constant(3f), p0)),
            g.Multiply(g.Constant(-1f), g.Multiply(p1, x0)),
            g.Negate(g.Multiply(g.Constant(0.5f), g.Subtract(p0, g.Constant(4f)))),
        });

        GradientCheck.AssertGradientsMatch(g, f, x: new[] { 1.7 }, t: new double[0], p: new[] { 0.3, -0.8 });
    }

    [Fact]
    public void ParameterTheOutputDoesNotReach_HasNoGradientEntry()
    {
        var g = new ExpressionGraph();
        int p0 = g.Parameter(0);
        int unused = g.Parameter(1);
        int f = g.Unary(OpKind.Square, p0);
        g.Unary(OpKind.Exp, unused); // a node off the output's path

        var gradient = ReverseModeDifferentiator.Differentiate(g, f, differentiateInputs: true);

        Assert.True(gradient.Parameters.ContainsKey(0));
        Assert.False(gradient.Parameters.ContainsKey(1));
        GradientCheck.AssertGradientsMatch(g, f, x: new double[0], t: new double[0], p: new[] { 0.4, 2.0 });
    }
}

using NetGen.Generator.Graph;
using Xunit;

namespace NetGen.Generator.Tests.Graph;

/// <summary>The simplifications the graph's constructors apply as they build: folding, identities, interning.</summary>
public sealed class SimplificationTests
{
    [Fact]
    public void SumOfConstants_FoldsToOneConstant()
    {
        var g = new ExpressionGraph();
        int sum = g.Sum(new[] { g.Constant(1.5f), g.Constant(2f), g.Constant(-0.25f) });

        Assert.Equal(OpKind.Constant, g[sum].Kind);
        Assert.Equal(3.25f, g[sum].Value);
    }

    [Fact]
    public void SumWithSomeConstants_KeepsOneFoldedConstant()
    {
        var g = new ExpressionGraph();
        int x = g.Input(0), y = g.Input(1);
        int sum = g.Sum(new[] { g.Constant(1f), x, g.Constant(2f), y });

        Assert.Equal(OpKind.Sum, g[sum].Kind);
        Assert.Equal(3, g[sum].Args.Length);
        Assert.Equal(1, CountConstants(g, g[sum].Args));
        Assert.Equal(3f, g[g[sum].Args[0]].Value);
    }

    [Fact]
    public void ArithmeticOnConstants_Folds()
    {
        var g = new ExpressionGraph();
        Assert.True(g[g.Multiply(g.Constant(3f), g.Constant(-2f))].IsConstant(-6f));
        Assert.True(g[g.Subtract(g.Constant(3f), g.Constant(5f))].IsConstant(-2f));
        Assert.True(g[g.Divide(g.Constant(3f), g.Constant(4f))].IsConstant(0.75f));
        Assert.True(g[g.Negate(g.Constant(2f))].IsConstant(-2f));
        Assert.True(g[g.Unary(OpKind.Square, g.Constant(3f))].IsConstant(9f));
        Assert.True(g[g.Unary(OpKind.ReluStep, g.Constant(-1f))].IsConstant(0f));
    }

    [Fact]
    public void TimesOne_IsTheOperand()
    {
        var g = new ExpressionGraph();
        int x = g.Input(0);
        Assert.Equal(x, g.Multiply(x, g.Constant(1f)));
        Assert.Equal(x, g.Multiply(g.Constant(1f), x));
        Assert.Equal(x, g.Divide(x, g.Constant(1f)));
    }

    [Fact]
    public void TimesZero_IsZero()
    {
        var g = new ExpressionGraph();
        int x = g.Unary(OpKind.Exp, g.Input(0));
        Assert.True(g[g.Multiply(x, g.Constant(0f))].IsConstant(0f));
        Assert.True(g[g.Multiply(g.Constant(0f), x)].IsConstant(0f));
        Assert.True(g[g.Divide(g.Constant(0f), x)].IsConstant(0f));
    }

    [Fact]
    public void PlusZero_IsTheOperand()
    {
        var g = new ExpressionGraph();
        int x = g.Input(0);
        Assert.Equal(x, g.Add(x, g.Constant(0f)));
        Assert.Equal(x, g.Add(g.Constant(0f), x));
        Assert.Equal(x, g.Subtract(x, g.Constant(0f)));
        Assert.Equal(x, g.Sum(new[] { g.Constant(0f), x, g.Constant(0f) }));
    }

    [Fact]
    public void DoubleNegation_IsTheOperand()
    {
        var g = new ExpressionGraph();
        int x = g.Parameter(3);
        Assert.Equal(x, g.Negate(g.Negate(x)));
        Assert.Equal(x, g.Multiply(g.Constant(-1f), g.Negate(x)));
    }

    [Fact]
    public void ZeroMinusX_IsNegation_AndXMinusX_IsZero()
    {
        var g = new ExpressionGraph();
        int x = g.Input(0);
        int negated = g.Subtract(g.Constant(0f), x);
        Assert.Equal(OpKind.Negate, g[negated].Kind);
        Assert.Equal(x, g[negated].Args[0]);
        Assert.True(g[g.Subtract(x, x)].IsConstant(0f));
    }

    [Fact]
    public void NestedConstantFactors_Combine()
    {
        var g = new ExpressionGraph();
        int x = g.Input(0);
        int product = g.Multiply(g.Constant(2f), g.Multiply(g.Constant(3f), x));

        Assert.Equal(OpKind.Multiply, g[product].Kind);
        Assert.True(g[g[product].Args[0]].IsConstant(6f));
        Assert.Equal(x, g[product].Args[1]);
    }

    [Fact]
    public void BuildingTheSameExpressionTwice_ReturnsTheSameId()
    {
        var g = new ExpressionGraph();
        int Build() => g.Unary(OpKind.Sigmoid, g.Sum(new[] { g.Parameter(2), g.Multiply(g.Parameter(0), g.Input(0)), g.Multiply(g.Parameter(1), g.Input(1)) }));

        int first = Build();
        int count = g.Count;
        int second = Build();

        Assert.Equal(first, second);
        Assert.Equal(count, g.Count);
    }

    [Fact]
    public void Interning_DistinguishesConstantsByValue_AndLeavesByIndex()
    {
        var g = new ExpressionGraph();
        Assert.NotEqual(g.Constant(1f), g.Constant(2f));
        Assert.Equal(g.Constant(0.1f), g.Constant(0.1f));
        Assert.NotEqual(g.Input(0), g.Input(1));
        Assert.NotEqual(g.Input(0), g.Parameter(0));
        Assert.NotEqual(g.Input(0), g.Target(0));
    }

    [Fact]
    public void NodeIds_AreTopological()
    {
        var g = new ExpressionGraph();
        int z = g.Add(g.Multiply(g.Parameter(0), g.Input(0)), g.Parameter(1));
        int f = g.Multiply(g.Unary(OpKind.Tanh, z), g.Unary(OpKind.Exp, z));
        ReverseModeDifferentiator.Differentiate(g, f, differentiateInputs: true);

        foreach (var node in g.Nodes)
        {
            foreach (int a in node.Args) Assert.True(a < node.Id, $"node {node.Id} ({node.Kind}) reads node {a}");
        }
    }

    private static int CountConstants(ExpressionGraph g, int[] ids)
    {
        int n = 0;
        foreach (int id in ids) if (g[id].Kind == OpKind.Constant) n++;
        return n;
    }
}

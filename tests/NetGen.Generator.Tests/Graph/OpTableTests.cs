using System;
using System.Linq;
using NetGen.Generator.Emit.Printing;
using NetGen.Generator.Graph;
using NetGen.Generator.Graph.Ops;
using NetGen.Generator.Model;
using NetGen.Generator.Model.Activations;
using Xunit;

namespace NetGen.Generator.Tests.Graph;

/// <summary>
/// The op and activation tables are complete and consistent: every op has a definition and every spelling its shape
/// needs, every activation a definition, and each activation's derivative op is the derivative of its forward op
/// (central differences of the double-precision forward values, away from the kinks).
/// </summary>
public sealed class OpTableTests
{
    [Fact]
    public void EveryOp_HasADefinition_AndEverySpelling()
    {
        Assert.Equal("", OpTable.MissingSpellings());
        foreach (OpKind kind in Enum.GetValues(typeof(OpKind)))
        {
            var op = OpTable.Of(kind);
            Assert.Equal(kind, op.Kind);
            if (op.Shape == OpShape.Spelled)
            {
                Assert.NotNull(ScalarDialect.Instance.SpellingOf(op));
                Assert.NotNull(GpuDialect.Instance.SpellingOf(op));
                Assert.NotNull(new LaneDialect(estimate: true).SpellingOf(op));
                Assert.NotNull(op.Evaluate);
            }
        }
    }

    [Fact]
    public void EveryActivation_HasADefinition_WithAnOpWhenElementwise()
    {
        foreach (ActivationKind kind in Enum.GetValues(typeof(ActivationKind)))
        {
            var definition = ActivationTable.Of(kind);
            Assert.Equal(kind, definition.Kind);
            Assert.Equal(definition.Shape == ActivationShape.Elementwise, definition.Op is not null);
            Assert.Equal(kind != ActivationKind.Identity, definition.PyTorchModule.StartsWith("nn.", StringComparison.Ordinal));
        }
    }

    public static TheoryData<int> Elementwise() =>
        new(Enum.GetValues(typeof(ActivationKind)).Cast<ActivationKind>().Where(k => ActivationTable.Of(k).Shape == ActivationShape.Elementwise).Select(k => (int)k));

    /// <summary>
    /// The derivative the differentiator builds for f(z), evaluated in double, equals (f(z+h) − f(z−h))/2h of the forward
    /// rule: catches a derivative written for the wrong function, a wrong sign or a wrong constant in the table.
    /// </summary>
    [Theory]
    [MemberData(nameof(Elementwise))]
    public void DerivativeRule_IsTheDerivativeOfTheForwardRule(int activationValue)
    {
        var activation = (ActivationKind)activationValue;
        var op = ActivationTable.Of(activation).Op!.Value;
        foreach (double z in new[] { -7.5, -3.7, -2.9, -1.3, -0.4, 0.3, 0.9, 1.7, 2.6, 3.4, 6.1, 19.5, 21.0 })
        {
            var g = new ExpressionGraph();
            int x = g.Input(0);
            int f = g.Unary(op, x);
            int derivative = OpTable.LocalDerivative(g, f, 0);
            double analytic = Evaluate(g, derivative, z);
            const double h = 1e-6;
            double numeric = (OpTable.Evaluate(op, new[] { z + h }) - OpTable.Evaluate(op, new[] { z - h })) / (2 * h);
            Assert.True(Math.Abs(analytic - numeric) <= 1e-6 * Math.Max(1, Math.Abs(numeric)), $"{activation}'({z}) = {analytic}, central difference {numeric}");
        }
    }

    /// <summary>
    /// The regression losses' elementwise ops (Huber with δ = 1, |·|): their derivative rule is the central difference away
    /// from the kinks, and at the kinks it is PyTorch's: sign(0) = 0, Huber'(±1) = ±1 (the clamp).
    /// </summary>
    [Theory]
    [InlineData((int)OpKind.Huber)]
    [InlineData((int)OpKind.Abs)]
    public void LossOps_DerivativeRule_IsTheDerivative_AndPyTorchsAtTheKinks(int opValue)
    {
        var op = (OpKind)opValue;
        foreach (double z in new[] { -3.5, -1.2, -0.7, -0.1, 0.2, 0.6, 1.4, 2.8 })
        {
            var g = new ExpressionGraph();
            int f = g.Unary(op, g.Input(0));
            double analytic = Evaluate(g, OpTable.LocalDerivative(g, f, 0), z);
            const double h = 1e-6;
            double numeric = (OpTable.Evaluate(op, new[] { z + h }) - OpTable.Evaluate(op, new[] { z - h })) / (2 * h);
            Assert.True(Math.Abs(analytic - numeric) <= 1e-6 * Math.Max(1, Math.Abs(numeric)), $"{op}'({z}) = {analytic}, central difference {numeric}");
        }
        Assert.Equal(0.0, OpTable.Evaluate(OpKind.Sign, new[] { 0.0 }));
        Assert.Equal(-1.0, OpTable.Evaluate(OpKind.Sign, new[] { -1e-30 }));
        Assert.Equal(1.0, OpTable.Evaluate(OpKind.HuberDerivative, new[] { 1.0 }));
        Assert.Equal(-1.0, OpTable.Evaluate(OpKind.HuberDerivative, new[] { -1.0 }));
        Assert.Equal(0.5, OpTable.Evaluate(OpKind.Huber, new[] { -1.0 }));
        Assert.Equal(0.125, OpTable.Evaluate(OpKind.Huber, new[] { 0.5 }));
        Assert.Equal(2.5, OpTable.Evaluate(OpKind.Huber, new[] { 3.0 }));
    }

    /// <summary>Forward values of the activations at a few points, from their closed forms written out here.</summary>
    [Theory]
    [InlineData((int)ActivationKind.Silu, 1.0, 0.7310585786300049)]
    [InlineData((int)ActivationKind.Gelu, 1.0, 0.8413447460685429)]
    [InlineData((int)ActivationKind.GeluTanh, 1.0, 0.8411919906082768)]
    [InlineData((int)ActivationKind.Elu, -1.0, -0.6321205588285577)]
    [InlineData((int)ActivationKind.Softplus, 0.0, 0.6931471805599453)]
    [InlineData((int)ActivationKind.Softplus, 25.0, 25.0)]
    [InlineData((int)ActivationKind.Mish, 1.0, 0.8650983882673103)]
    [InlineData((int)ActivationKind.HardSigmoid, 1.5, 0.75)]
    [InlineData((int)ActivationKind.HardSwish, 1.5, 1.125)]
    public void ForwardRule_MatchesTheClosedForm(int activationValue, double z, double expected)
    {
        var activation = (ActivationKind)activationValue;
        double actual = OpTable.Evaluate(ActivationTable.Of(activation).Op!.Value, new[] { z });
        Assert.Equal(expected, actual, 12);
    }

    /// <summary>At the kinks the derivative is what PyTorch's autograd gives.</summary>
    [Theory]
    [InlineData((int)ActivationKind.Relu, 0.0, 0.0)]
    [InlineData((int)ActivationKind.LeakyRelu, 0.0, 0.01)]
    [InlineData((int)ActivationKind.Elu, 0.0, 1.0)]
    [InlineData((int)ActivationKind.HardSigmoid, -3.0, 0.0)]
    [InlineData((int)ActivationKind.HardSigmoid, 3.0, 0.0)]
    [InlineData((int)ActivationKind.HardSwish, -3.0, -0.5)]
    [InlineData((int)ActivationKind.HardSwish, 3.0, 1.5)]
    [InlineData((int)ActivationKind.Softplus, 20.0, 0.9999999979388463)]
    [InlineData((int)ActivationKind.Softplus, 20.5, 1.0)]
    public void DerivativeAtKinks_IsPyTorchs(int activationValue, double z, double expected)
    {
        var activation = (ActivationKind)activationValue;
        var g = new ExpressionGraph();
        int f = g.Unary(ActivationTable.Of(activation).Op!.Value, g.Input(0));
        Assert.Equal(expected, Evaluate(g, OpTable.LocalDerivative(g, f, 0), z), 12);
    }

    private static double Evaluate(ExpressionGraph g, int node, double input) =>
        GraphEvaluator.Evaluate(g, new[] { input }, Array.Empty<double>(), Array.Empty<double>())[node];
}

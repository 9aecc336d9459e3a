using System;
using NetGen.Reference;

namespace NetGen.Tests.Activations.Math;

/// <summary>
/// The double-precision reference itself: erf against independent values (CPython's math.erf/erfc), every function
/// against PyTorch's literal formula, every derivative against central differences, PyTorch autograd's values at the
/// kinks, and the integer dispatch.
/// </summary>
public sealed class ActivationMathTests
{
    // x, erf x, erfc x (CPython 3 math.erf and math.erfc).
    private static readonly double[,] ErfTable =
    {
        { 1e-10, 1.1283791670955126e-10, 0.999999999887162 },
        { 0.01, 0.011283415555849616, 0.9887165844441503 },
        { 0.1, 0.1124629160182849, 0.8875370839817152 },
        { 0.25, 0.2763263901682369, 0.7236736098317631 },
        { 0.46875, 0.49261347321793797, 0.507386526782062 },
        { 0.5, 0.5204998778130465, 0.4795001221869535 },
        { 0.75, 0.7111556336535151, 0.28884436634648486 },
        { 1, 0.8427007929497149, 0.15729920705028513 },
        { 1.5, 0.9661051464753108, 0.033894853524689274 },
        { 2, 0.9953222650189527, 0.004677734981047265 },
        { 2.5, 0.999593047982555, 0.0004069520174449589 },
        { 3, 0.9999779095030014, 2.2090496998585438e-05 },
        { 3.5, 0.9999992569016276, 7.430983723414128e-07 },
        { 4, 0.9999999845827421, 1.541725790028002e-08 },
        { 4.5, 0.9999999998033839, 1.9661604415428873e-10 },
        { 5, 0.9999999999984626, 1.5374597944280351e-12 },
        { 6, 1.0, 2.1519736712498916e-17 },
    };

    private static void Near(double expected, double actual, double tolerance, string what) =>
        Assert.True(System.Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected:R}, got {actual:R}");

    [Fact]
    public void Erf_MatchesIndependentValuesWithinFourUlps()
    {
        for (int i = 0; i < ErfTable.GetLength(0); i++)
        {
            double x = ErfTable[i, 0], erf = ErfTable[i, 1], erfc = ErfTable[i, 2];
            Near(erf, ActivationMath.Erf(x), 4 * Ulp(erf), $"erf({x})");
            Near(-erf, ActivationMath.Erf(-x), 4 * Ulp(erf), $"erf({-x})");
            Near(erfc, ActivationMath.Erfc(x), 4 * Ulp(erfc), $"erfc({x})");
            Near(2 - erfc, ActivationMath.Erfc(-x), 4 * Ulp(2 - erfc), $"erfc({-x})");
        }

        Assert.Equal(1.0, ActivationMath.Erf(double.PositiveInfinity));
        Assert.Equal(-1.0, ActivationMath.Erf(double.NegativeInfinity));
        Assert.True(double.IsNaN(ActivationMath.Erf(double.NaN)));
    }

    private static double Ulp(double v) => System.Math.BitIncrement(System.Math.Abs(v)) - System.Math.Abs(v);

    // PyTorch's formulas as written in its kernels (with their cancellation), on [−12, 12].
    [Fact]
    public void Functions_MatchPyTorchsLiteralFormulas()
    {
        const double beta = 0.79788456080286535588, kappa = 0.044715;
        for (double x = -12; x <= 12; x += 1.0 / 64)
        {
            double sp = System.Math.Log(1 + System.Math.Exp(x));
            double s = 1 / (1 + System.Math.Exp(-x));
            double inner = beta * (x + kappa * x * x * x), t = System.Math.Tanh(inner);
            double tol = 1e-15 * System.Math.Max(1, System.Math.Abs(x));
            Near(x * s, ActivationMath.Silu(x), tol, $"Silu({x})");
            Near(s * (1 + x * (1 - s)), ActivationMath.SiluDerivative(x), tol, $"SiluDerivative({x})");
            Near(0.5 * x * (1 + ActivationMath.Erf(x / System.Math.Sqrt(2))), ActivationMath.Gelu(x), tol, $"Gelu({x})");
            double cdf = 0.5 * (1 + ActivationMath.Erf(x / System.Math.Sqrt(2)));
            double pdf = System.Math.Exp(-0.5 * x * x) / System.Math.Sqrt(2 * System.Math.PI);
            Near(cdf + x * pdf, ActivationMath.GeluDerivative(x), tol, $"GeluDerivative({x})");
            Near(0.5 * x * (1 + t), ActivationMath.GeluTanh(x), tol, $"GeluTanh({x})");
            double geluTanhGrad = 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * beta * (1 + 3 * kappa * x * x);
            Near(geluTanhGrad, ActivationMath.GeluTanhDerivative(x), 1e-14 * System.Math.Max(1, x * x), $"GeluTanhDerivative({x})");
            Near(x > 0 ? x : System.Math.Exp(x) - 1, ActivationMath.Elu(x), tol, $"Elu({x})");
            Near(x > 0 ? 1 : System.Math.Exp(x), ActivationMath.EluDerivative(x), 0, $"EluDerivative({x})");
            Near(sp, ActivationMath.Softplus(x), tol, $"Softplus({x})");
            Near(s, ActivationMath.SoftplusDerivative(x), 1e-16, $"SoftplusDerivative({x})");
            Near(x * System.Math.Tanh(sp), ActivationMath.Mish(x), tol, $"Mish({x})");
            double ts = System.Math.Tanh(sp);
            Near(ts + x * s * (1 - ts * ts), ActivationMath.MishDerivative(x), tol, $"MishDerivative({x})");
            Near(System.Math.Min(System.Math.Max(x + 3, 0), 6) / 6, ActivationMath.HardSigmoid(x), 0, $"HardSigmoid({x})");
            Near(x * System.Math.Min(System.Math.Max(x + 3, 0), 6) / 6, ActivationMath.HardSwish(x), 0, $"HardSwish({x})");
        }
    }

    // Away from the kinks each derivative is the slope of its function.
    [Fact]
    public void Derivatives_MatchCentralDifferences()
    {
        const double h = 1e-5;
        foreach (int a in new[] { 0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13 })
        {
            for (double x = -8.0078125; x <= 8; x += 1.0 / 32)
            {
                double slope = (ActivationMath.Apply(a, x + h) - ActivationMath.Apply(a, x - h)) / (2 * h);
                double d = ActivationMath.Derivative(a, x);
                Near(slope, d, 1e-7 * System.Math.Max(1, System.Math.Abs(d)), $"activation {a} at {x}");
            }
        }
    }

    // PyTorch autograd's values at the kinks and thresholds.
    [Fact]
    public void Derivatives_TakePyTorchsValuesAtTheKinks()
    {
        Assert.Equal(0.0, ActivationMath.ReluDerivative(0));
        Assert.Equal(0.01, ActivationMath.LeakyReluDerivative(0));
        Assert.Equal(0.01, ActivationMath.LeakyReluDerivative(-0.0));
        Assert.Equal(1.0, ActivationMath.EluDerivative(0));
        Assert.Equal(1.0, ActivationMath.EluDerivative(1e-300));
        Assert.Equal(0.0, ActivationMath.HardSigmoidDerivative(-3));
        Assert.Equal(0.0, ActivationMath.HardSigmoidDerivative(3));
        Assert.Equal(1.0 / 6, ActivationMath.HardSigmoidDerivative(System.Math.BitIncrement(-3.0)));
        Assert.Equal(1.0 / 6, ActivationMath.HardSigmoidDerivative(System.Math.BitDecrement(3.0)));
        Assert.Equal(0.0, ActivationMath.HardSwishDerivative(System.Math.BitDecrement(-3.0)));
        Assert.Equal(-0.5, ActivationMath.HardSwishDerivative(-3));
        Assert.Equal(1.5, ActivationMath.HardSwishDerivative(3));
        Assert.Equal(1.0, ActivationMath.HardSwishDerivative(System.Math.BitIncrement(3.0)));
        Assert.Equal(1.0, ActivationMath.HardSwishDerivative(double.NaN));
        Assert.Equal(0.0, ActivationMath.HardSigmoidDerivative(double.NaN));
        Assert.Equal(0.0, ActivationMath.ReluDerivative(double.NaN));
        Assert.Equal(1 / (1 + System.Math.Exp(-20.0)), ActivationMath.SoftplusDerivative(20));
        Assert.Equal(1.0, ActivationMath.SoftplusDerivative(System.Math.BitIncrement(20.0)));
        Assert.Equal(20 + System.Math.Log(1 + System.Math.Exp(-20.0)), ActivationMath.Softplus(20), 15);
        Assert.Equal(System.Math.BitIncrement(20.0), ActivationMath.Softplus(System.Math.BitIncrement(20.0)));
        Assert.Equal(0.5, ActivationMath.GeluDerivative(0));
        Assert.Equal(0.5, ActivationMath.GeluTanhDerivative(0));
        Assert.Equal(0.5, ActivationMath.SiluDerivative(0));
        Assert.Equal(0.6, ActivationMath.MishDerivative(0), 15);
    }

    [Fact]
    public void ApplyAndDerivative_DispatchOnTheEnumValues()
    {
        Assert.Equal(1.5, ActivationMath.Apply((int)Activation.Identity, 1.5));
        Assert.Equal(1.0, ActivationMath.Derivative((int)Activation.Identity, 1.5));
        (Activation a, Func<double, double> f, Func<double, double> d)[] cases =
        {
            (Activation.Sigmoid, ActivationMath.Sigmoid, ActivationMath.SigmoidDerivative),
            (Activation.Tanh, ActivationMath.Tanh, ActivationMath.TanhDerivative),
            (Activation.Relu, ActivationMath.Relu, ActivationMath.ReluDerivative),
            (Activation.LeakyRelu, ActivationMath.LeakyRelu, ActivationMath.LeakyReluDerivative),
            (Activation.Silu, ActivationMath.Silu, ActivationMath.SiluDerivative),
            (Activation.Gelu, ActivationMath.Gelu, ActivationMath.GeluDerivative),
            (Activation.GeluTanh, ActivationMath.GeluTanh, ActivationMath.GeluTanhDerivative),
            (Activation.Elu, ActivationMath.Elu, ActivationMath.EluDerivative),
            (Activation.Softplus, ActivationMath.Softplus, ActivationMath.SoftplusDerivative),
            (Activation.Mish, ActivationMath.Mish, ActivationMath.MishDerivative),
            (Activation.HardSigmoid, ActivationMath.HardSigmoid, ActivationMath.HardSigmoidDerivative),
            (Activation.HardSwish, ActivationMath.HardSwish, ActivationMath.HardSwishDerivative),
        };
        Assert.Equal(12, cases.Length);
        foreach ((Activation a, Func<double, double> f, Func<double, double> d) in cases)
        {
            foreach (double x in new[] { -2.5, -0.25, 0, 0.75, 2.5 })
            {
                Assert.Equal(f(x), ActivationMath.Apply((int)a, x));
                Assert.Equal(d(x), ActivationMath.Derivative((int)a, x));
            }
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(-1)]
    [InlineData(14)]
    public void ApplyAndDerivative_RejectSoftmaxAndUnknownValues(int activation)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ActivationMath.Apply(activation, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => ActivationMath.Derivative(activation, 0.5));
    }
}

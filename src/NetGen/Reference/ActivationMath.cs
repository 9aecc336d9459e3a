using System;

namespace NetGen.Reference;

/// <summary>
/// The activations and their derivatives in double precision, with PyTorch's definitions (placeholder; replaced by the
/// full reference when merged).
/// </summary>
internal static class ActivationMath
{
    private const double Sqrt2 = 1.4142135623730951;
    private const double SqrtTwoOverPi = 0.7978845608028654;
    private const double InvSqrtTwoPi = 0.3989422804014327;

    public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));
    public static double SigmoidDerivative(double x) { double s = Sigmoid(x); return s * (1 - s); }
    public static double Tanh(double x) => Math.Tanh(x);
    public static double TanhDerivative(double x) { double t = Math.Tanh(x); return 1 - t * t; }
    public static double Relu(double x) => x > 0 ? x : 0.0;
    public static double ReluDerivative(double x) => x > 0 ? 1.0 : 0.0;
    public static double LeakyRelu(double x) => x > 0 ? x : 0.01 * x;
    public static double LeakyReluDerivative(double x) => x > 0 ? 1.0 : 0.01;
    public static double Silu(double x) => x * Sigmoid(x);
    public static double SiluDerivative(double x) { double s = Sigmoid(x); return s * (1 + x * (1 - s)); }
    public static double Gelu(double x) => 0.5 * x * (1 + Erf(x / Sqrt2));
    public static double GeluDerivative(double x) => 0.5 * (1 + Erf(x / Sqrt2)) + x * InvSqrtTwoPi * Math.Exp(-0.5 * x * x);
    public static double GeluTanh(double x) => 0.5 * x * (1 + Math.Tanh(SqrtTwoOverPi * (x + 0.044715 * x * x * x)));
    public static double GeluTanhDerivative(double x)
    {
        double t = Math.Tanh(SqrtTwoOverPi * (x + 0.044715 * x * x * x));
        return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * SqrtTwoOverPi * (1 + 3 * 0.044715 * x * x);
    }
    public static double Elu(double x) => x > 0 ? x : Math.Exp(x) - 1;
    public static double EluDerivative(double x) => x > 0 ? 1.0 : Math.Exp(x);
    public static double Softplus(double x) => x > 20 ? x : Math.Log(1 + Math.Exp(x));
    public static double SoftplusDerivative(double x) => x > 20 ? 1.0 : Sigmoid(x);
    public static double Mish(double x) => x * Math.Tanh(Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x))));
    public static double MishDerivative(double x)
    {
        double t = Math.Tanh(Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x))));
        return t + x * Sigmoid(x) * (1 - t * t);
    }
    public static double HardSigmoid(double x) => x <= -3 ? 0.0 : x >= 3 ? 1.0 : x / 6 + 0.5;
    public static double HardSigmoidDerivative(double x) => x > -3 && x < 3 ? 1.0 / 6 : 0.0;
    public static double HardSwish(double x) => x <= -3 ? 0.0 : x >= 3 ? x : x * (x + 3) / 6;
    public static double HardSwishDerivative(double x) => x < -3 ? 0.0 : x <= 3 ? x / 3 + 0.5 : 1.0;

    /// <summary>erf(x) (Abramowitz–Stegun 7.1.26 placeholder).</summary>
    public static double Erf(double x)
    {
        double t = 1 / (1 + 0.3275911 * Math.Abs(x));
        double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return x < 0 ? -y : y;
    }
}

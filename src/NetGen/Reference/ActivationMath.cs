using System;

namespace NetGen.Reference
{
    /// <summary>
    /// The elementwise activations and their derivatives in double precision, with PyTorch's definitions and the
    /// values PyTorch's autograd gives at the kinks. It is the reference the float code is measured against, and the
    /// runtime's double-precision forward pass (<c>DoubleReference</c>) uses it. The generator compiles the same file
    /// (netstandard2.0), so it keeps to plain C# 7.3 and <see cref="Math"/>.
    /// </summary>
    /// <remarks>
    /// Where PyTorch's formula cancels (1 + erf(x/√2) for negative x, 1 + tanh(u), eˣ − 1 near 0), the value here is
    /// computed without the cancellation: the same function, closer to the exact value than PyTorch's double results
    /// by at most a few units in their last place.
    /// </remarks>
    internal static class ActivationMath
    {
        private const int Identity = 0;
        private const int SigmoidId = 1;
        private const int TanhId = 2;
        private const int ReluId = 3;
        private const int LeakyReluId = 4;
        private const int SiluId = 6;
        private const int GeluId = 7;
        private const int GeluTanhId = 8;
        private const int EluId = 9;
        private const int SoftplusId = 10;
        private const int MishId = 11;
        private const int HardSigmoidId = 12;
        private const int HardSwishId = 13;

        /// <summary>LeakyReLU's negative slope (PyTorch's default).</summary>
        public const double LeakyReluSlope = 0.01;

        /// <summary>Softplus's threshold (PyTorch's default, β = 1): above it softplus(x) is x.</summary>
        public const double SoftplusThreshold = 20;

        /// <summary>GELU-tanh's √(2/π) (PyTorch's kBeta = √2·(2/√π)·½).</summary>
        public const double GeluTanhBeta = 0.79788456080286535588;

        /// <summary>GELU-tanh's cubic coefficient (PyTorch's kKappa).</summary>
        public const double GeluTanhKappa = 0.044715;

        private const double Sqrt1Over2 = 0.70710678118654752440;
        private const double OneOverSqrt2Pi = 0.39894228040143267794;
        private const double OneOverSqrtPi = 0.56418958354775628695;

        // W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969) 631–637, as in
        // his CALERF: erf on |x| ≤ 0.46875, erfc on 0.46875 < |x| ≤ 4 and on |x| > 4 (about 2 ulps).
        private const double ErfSmall = 0.46875;
        private const double A0 = 3.16112374387056560e00, A1 = 1.13864154151050156e02, A2 = 3.77485237685302021e02;
        private const double A3 = 3.20937758913846947e03, A4 = 1.85777706184603153e-1;
        private const double B0 = 2.36012909523441209e01, B1 = 2.44024637934444173e02, B2 = 1.28261652607737228e03;
        private const double B3 = 2.84423683343917062e03;
        private const double C0 = 5.64188496988670089e-1, C1 = 8.88314979438837594e00, C2 = 6.61191906371416295e01;
        private const double C3 = 2.98635138197400131e02, C4 = 8.81952221241769090e02, C5 = 1.71204761263407058e03;
        private const double C6 = 2.05107837782607147e03, C7 = 1.23033935479799725e03, C8 = 2.15311535474403846e-8;
        private const double D0 = 1.57449261107098347e01, D1 = 1.17693950891312499e02, D2 = 5.37181101862009858e02;
        private const double D3 = 1.62138957456669019e03, D4 = 3.29079923573345963e03, D5 = 4.36261909014324716e03;
        private const double D6 = 3.43936767414372164e03, D7 = 1.23033935480374942e03;
        private const double P0 = 3.05326634961232344e-1, P1 = 3.60344899949804439e-1, P2 = 1.25781726111229246e-1;
        private const double P3 = 1.60837851487422766e-2, P4 = 6.58749161529837803e-4, P5 = 1.63153871373020978e-2;
        private const double Q0 = 2.56852019228982242e00, Q1 = 1.87295284992346725e00, Q2 = 5.27905102951428412e-1;
        private const double Q3 = 6.05183413124413191e-2, Q4 = 2.33520497626869185e-3;

        /// <summary>
        /// Applies the elementwise activation whose <c>NetGen.Activation</c> value is <paramref name="activation"/>.
        /// </summary>
        /// <param name="activation">The activation's integer value (Identity = 0 … HardSwish = 13), not Softmax.</param>
        /// <param name="x">The pre-activation.</param>
        /// <returns>The activation of <paramref name="x"/>.</returns>
        /// <exception cref="ArgumentOutOfRangeException">Softmax (not elementwise) or an unknown value.</exception>
        public static double Apply(int activation, double x)
        {
            switch (activation)
            {
                case Identity: return x;
                case SigmoidId: return Sigmoid(x);
                case TanhId: return Tanh(x);
                case ReluId: return Relu(x);
                case LeakyReluId: return LeakyRelu(x);
                case SiluId: return Silu(x);
                case GeluId: return Gelu(x);
                case GeluTanhId: return GeluTanh(x);
                case EluId: return Elu(x);
                case SoftplusId: return Softplus(x);
                case MishId: return Mish(x);
                case HardSigmoidId: return HardSigmoid(x);
                case HardSwishId: return HardSwish(x);
                default: throw NotElementwise(activation);
            }
        }

        /// <summary>
        /// The derivative, with respect to its input, of the elementwise activation whose <c>NetGen.Activation</c>
        /// value is <paramref name="activation"/>, PyTorch autograd's value at the kinks.
        /// </summary>
        /// <param name="activation">The activation's integer value (Identity = 0 … HardSwish = 13), not Softmax.</param>
        /// <param name="x">The pre-activation.</param>
        /// <returns>The derivative at <paramref name="x"/>.</returns>
        /// <exception cref="ArgumentOutOfRangeException">Softmax (not elementwise) or an unknown value.</exception>
        public static double Derivative(int activation, double x)
        {
            switch (activation)
            {
                case Identity: return 1;
                case SigmoidId: return SigmoidDerivative(x);
                case TanhId: return TanhDerivative(x);
                case ReluId: return ReluDerivative(x);
                case LeakyReluId: return LeakyReluDerivative(x);
                case SiluId: return SiluDerivative(x);
                case GeluId: return GeluDerivative(x);
                case GeluTanhId: return GeluTanhDerivative(x);
                case EluId: return EluDerivative(x);
                case SoftplusId: return SoftplusDerivative(x);
                case MishId: return MishDerivative(x);
                case HardSigmoidId: return HardSigmoidDerivative(x);
                case HardSwishId: return HardSwishDerivative(x);
                default: throw NotElementwise(activation);
            }
        }

        private static ArgumentOutOfRangeException NotElementwise(int activation) =>
            new ArgumentOutOfRangeException(
                nameof(activation), activation, "Not an elementwise activation (Softmax = 5 and unknown values have no scalar form).");

        /// <summary>The logistic sigmoid 1/(1 + e^−x).</summary>
        /// <param name="x">The input.</param>
        /// <returns>σ(x).</returns>
        public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

        /// <summary>σ′(x) = σ(x)·(1 − σ(x)).</summary>
        /// <param name="x">The input.</param>
        /// <returns>σ′(x).</returns>
        public static double SigmoidDerivative(double x)
        {
            double s = Sigmoid(x);
            return s * (1 - s);
        }

        /// <summary>The hyperbolic tangent.</summary>
        /// <param name="x">The input.</param>
        /// <returns>tanh x.</returns>
        public static double Tanh(double x) => Math.Tanh(x);

        /// <summary>tanh′(x) = 1 − tanh²(x).</summary>
        /// <param name="x">The input.</param>
        /// <returns>1 − tanh²(x).</returns>
        public static double TanhDerivative(double x)
        {
            double t = Math.Tanh(x);
            return 1 - t * t;
        }

        /// <summary>max(0, x); NaN gives NaN.</summary>
        /// <param name="x">The input.</param>
        /// <returns>ReLU(x).</returns>
        public static double Relu(double x) => x > 0 ? x : (double.IsNaN(x) ? x : 0);

        /// <summary>1 for x &gt; 0, otherwise 0 (0 at the kink, as PyTorch).</summary>
        /// <param name="x">The input.</param>
        /// <returns>ReLU′(x).</returns>
        public static double ReluDerivative(double x) => x > 0 ? 1 : 0;

        /// <summary>x for x &gt; 0, otherwise 0.01·x.</summary>
        /// <param name="x">The input.</param>
        /// <returns>LeakyReLU(x).</returns>
        public static double LeakyRelu(double x) => x > 0 ? x : LeakyReluSlope * x;

        /// <summary>1 for x &gt; 0, otherwise 0.01 (0.01 at the kink, as PyTorch).</summary>
        /// <param name="x">The input.</param>
        /// <returns>LeakyReLU′(x).</returns>
        public static double LeakyReluDerivative(double x) => x > 0 ? 1 : LeakyReluSlope;

        /// <summary>SiLU x·σ(x).</summary>
        /// <param name="x">The input.</param>
        /// <returns>SiLU(x).</returns>
        public static double Silu(double x) => x / (1 + Math.Exp(-x));

        /// <summary>SiLU′(x) = σ(x)·(1 + x·(1 − σ(x))).</summary>
        /// <param name="x">The input.</param>
        /// <returns>SiLU′(x).</returns>
        public static double SiluDerivative(double x)
        {
            double s = Sigmoid(x);
            return s * (1 + x * (1 - s));
        }

        /// <summary>GELU x·Φ(x), Φ the standard normal distribution function (PyTorch <c>approximate='none'</c>).</summary>
        /// <param name="x">The input.</param>
        /// <returns>GELU(x).</returns>
        public static double Gelu(double x) => x * NormalCdf(x);

        /// <summary>GELU′(x) = Φ(x) + x·φ(x), φ the standard normal density.</summary>
        /// <param name="x">The input.</param>
        /// <returns>GELU′(x).</returns>
        public static double GeluDerivative(double x) => NormalCdf(x) + x * OneOverSqrt2Pi * Math.Exp(-0.5 * x * x);

        /// <summary>
        /// GELU's tanh form x/2·(1 + tanh(u)), u = √(2/π)·(x + 0.044715·x³) (PyTorch <c>approximate='tanh'</c>), computed
        /// as x·σ(2u) (the same value: 1 + tanh u = 2σ(2u)).
        /// </summary>
        /// <param name="x">The input.</param>
        /// <returns>GELU-tanh(x).</returns>
        public static double GeluTanh(double x) => x / (1 + Math.Exp(-2 * GeluTanhInner(x)));

        /// <summary>
        /// PyTorch's derivative of GELU-tanh: ½(1 + t) + ½x·(1 − t²)·√(2/π)·(1 + 3·0.044715·x²), t = tanh(u), computed
        /// with ½(1 + t) = σ(2u) and 1 − t² = 4σ(2u)(1 − σ(2u)).
        /// </summary>
        /// <param name="x">The input.</param>
        /// <returns>The derivative at <paramref name="x"/>.</returns>
        public static double GeluTanhDerivative(double x)
        {
            double e = Math.Exp(-2 * GeluTanhInner(x));
            double s = 1 / (1 + e);
            double oneMinusS = e / (1 + e);
            if (double.IsInfinity(e)) oneMinusS = 1;
            return s + 2 * x * s * oneMinusS * GeluTanhBeta * (1 + 3 * GeluTanhKappa * x * x);
        }

        private static double GeluTanhInner(double x) => GeluTanhBeta * (x + GeluTanhKappa * x * x * x);

        /// <summary>ELU with α = 1: x for x &gt; 0, otherwise eˣ − 1.</summary>
        /// <param name="x">The input.</param>
        /// <returns>ELU(x).</returns>
        public static double Elu(double x) => x > 0 ? x : ExpMinusOne(x);

        /// <summary>ELU′: 1 for x &gt; 0, otherwise eˣ (1 at the kink, as PyTorch).</summary>
        /// <param name="x">The input.</param>
        /// <returns>ELU′(x).</returns>
        public static double EluDerivative(double x) => x > 0 ? 1 : Math.Exp(x);

        /// <summary>Softplus with β = 1 and threshold 20: x for x &gt; 20, otherwise log(1 + eˣ).</summary>
        /// <param name="x">The input.</param>
        /// <returns>softplus(x).</returns>
        public static double Softplus(double x) => x > SoftplusThreshold ? x : Log1PExp(x);

        /// <summary>Softplus′: 1 for x &gt; 20, otherwise σ(x).</summary>
        /// <param name="x">The input.</param>
        /// <returns>softplus′(x).</returns>
        public static double SoftplusDerivative(double x) => x > SoftplusThreshold ? 1 : Sigmoid(x);

        /// <summary>Mish x·tanh(log(1 + eˣ)) (no threshold, as PyTorch).</summary>
        /// <param name="x">The input.</param>
        /// <returns>Mish(x).</returns>
        public static double Mish(double x) => x * Math.Tanh(Log1PExp(x));

        /// <summary>Mish′(x) = tanh(sp) + x·σ(x)·(1 − tanh²(sp)), sp = log(1 + eˣ).</summary>
        /// <param name="x">The input.</param>
        /// <returns>Mish′(x).</returns>
        public static double MishDerivative(double x)
        {
            double t = Math.Tanh(Log1PExp(x));
            return t + x * Sigmoid(x) * (1 - t * t);
        }

        /// <summary>min(max(x + 3, 0), 6)/6, as PyTorch computes it.</summary>
        /// <param name="x">The input.</param>
        /// <returns>HardSigmoid(x).</returns>
        public static double HardSigmoid(double x) => Clamp06(x + 3) / 6;

        /// <summary>1/6 for −3 &lt; x &lt; 3, 0 elsewhere, kinks included (PyTorch).</summary>
        /// <param name="x">The input.</param>
        /// <returns>HardSigmoid′(x).</returns>
        public static double HardSigmoidDerivative(double x) => x > -3 && x < 3 ? 1.0 / 6 : 0;

        /// <summary>x·min(max(x + 3, 0), 6)/6, as PyTorch computes it.</summary>
        /// <param name="x">The input.</param>
        /// <returns>HardSwish(x).</returns>
        public static double HardSwish(double x) => x * Clamp06(x + 3) / 6;

        /// <summary>PyTorch's HardSwish backward: 0 for x &lt; −3, x/3 + ½ for x ≤ 3, otherwise 1 (so NaN gives 1).</summary>
        /// <param name="x">The input.</param>
        /// <returns>HardSwish′(x).</returns>
        public static double HardSwishDerivative(double x) => x < -3 ? 0 : x <= 3 ? x / 3 + 0.5 : 1;

        private static double Clamp06(double v) => double.IsNaN(v) ? v : Math.Min(Math.Max(v, 0), 6);

        /// <summary>The error function, within about 2 ulps (Cody's rational approximations); odd, ±1 beyond ±6.</summary>
        /// <param name="x">The input.</param>
        /// <returns>erf x.</returns>
        public static double Erf(double x)
        {
            double y = Math.Abs(x);
            if (double.IsNaN(x)) return x;
            if (y <= ErfSmall) return ErfNearZero(x);
            double r = 0.5 - ErfcPositive(y) + 0.5;
            return x < 0 ? -r : r;
        }

        /// <summary>The complementary error function 1 − erf x, without cancellation for large x.</summary>
        /// <param name="x">The input.</param>
        /// <returns>erfc x.</returns>
        public static double Erfc(double x)
        {
            double y = Math.Abs(x);
            if (double.IsNaN(x)) return x;
            if (y <= ErfSmall) return 1 - ErfNearZero(x);
            double c = ErfcPositive(y);
            return x < 0 ? 2 - c : c;
        }

        /// <summary>Φ(x) = ½·erfc(−x/√2).</summary>
        private static double NormalCdf(double x) => 0.5 * Erfc(-x * Sqrt1Over2);

        private static double ErfNearZero(double x)
        {
            double z = x * x;
            double n = A4 * z, d = z;
            n = (n + A0) * z; d = (d + B0) * z;
            n = (n + A1) * z; d = (d + B1) * z;
            n = (n + A2) * z; d = (d + B2) * z;
            return x * (n + A3) / (d + B3);
        }

        // erfc y for y > 0.46875.
        private static double ErfcPositive(double y)
        {
            double r;
            if (y <= 4)
            {
                double n = C8 * y, d = y;
                n = (n + C0) * y; d = (d + D0) * y;
                n = (n + C1) * y; d = (d + D1) * y;
                n = (n + C2) * y; d = (d + D2) * y;
                n = (n + C3) * y; d = (d + D3) * y;
                n = (n + C4) * y; d = (d + D4) * y;
                n = (n + C5) * y; d = (d + D5) * y;
                n = (n + C6) * y; d = (d + D6) * y;
                r = (n + C7) / (d + D7);
            }
            else
            {
                if (y >= 27) return 0;
                double z = 1 / (y * y);
                double n = P5 * z, d = z;
                n = (n + P0) * z; d = (d + Q0) * z;
                n = (n + P1) * z; d = (d + Q1) * z;
                n = (n + P2) * z; d = (d + Q2) * z;
                n = (n + P3) * z; d = (d + Q3) * z;
                r = z * (n + P4) / (d + Q4);
                r = (OneOverSqrtPi - r) / y;
            }

            // e^(−y²) as e^(−s²)·e^(−(y − s)(y + s)), s = y rounded down to 1/16 (s² exact).
            double s = Math.Floor(y * 16) / 16;
            return Math.Exp(-s * s) * Math.Exp(-(y - s) * (y + s)) * r;
        }

        // eˣ − 1 without cancellation near 0 (Kahan's trick: (u − 1)·x/log u is exact to a few ulps).
        private static double ExpMinusOne(double x)
        {
            if (x < -0.5 || x > 0.5) return Math.Exp(x) - 1;
            double u = Math.Exp(x);
            if (u == 1) return x;
            return (u - 1) * x / Math.Log(u);
        }

        /// <summary>log(1 + eˣ) without overflow, and without cancellation for negative x (softplus without its threshold).</summary>
        public static double Log1PExp(double x)
        {
            if (double.IsNaN(x)) return x;
            double u = Math.Exp(-Math.Abs(x));
            double w = 1 + u;
            double log1p = w == 1 ? u : Math.Log(w) * u / (w - 1);
            return Math.Max(x, 0) + log1p;
        }
    }
}

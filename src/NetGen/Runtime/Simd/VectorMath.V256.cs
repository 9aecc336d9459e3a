#if NET8_0_OR_GREATER
// Vector256 overloads: the only written source of the lane functions. The build derives the Vector128 and Vector512
// overloads from this text (NetGen.csproj, target NetGenDeriveVectorWidths: "Vector256" replaced by "Vector128" and
// "Vector512", written under obj/), so everything here must read right at every width.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using static NetGen.Runtime.ErfCoefficients;

namespace NetGen.Runtime;

public static partial class VectorMath
{
    /// <summary>
    /// eˣ in each lane: relative error below 3e-7 (measured ≈ 1 ulp), +∞ above ln(float.MaxValue) ≈ 88.7228,
    /// subnormal results within one subnormal step and 0 below about −103.97, e^−∞ = 0, NaN propagated.
    /// </summary>
    /// <param name="x">The exponents.</param>
    /// <returns>eˣ.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        // Clamp (NaN passes through), then n = round(x·log2 e) by the 1.5·2^23 shift, r = x − n·ln 2 in two parts.
        x = MinOrNaN(Vector256.Create(ExpUpperClamp), MaxOrNaN(Vector256.Create(ExpLowerClamp), x));
        Vector256<float> shifted = MultiplyAdd(x, Vector256.Create(Log2E), Vector256.Create(RoundingShift));
        Vector256<float> n = shifted - Vector256.Create(RoundingShift);
        Vector256<int> k = shifted.AsInt32() - Vector256.Create(RoundingShiftBits);
        Vector256<float> r = MultiplyAdd(n, Vector256.Create(-Ln2High), x);
        r = MultiplyAdd(n, Vector256.Create(-Ln2Low), r);

        // eʳ ≈ 1 + r + r²·P(r).
        Vector256<float> p = MultiplyAdd(Vector256.Create(ExpP0), r, Vector256.Create(ExpP1));
        p = MultiplyAdd(p, r, Vector256.Create(ExpP2));
        p = MultiplyAdd(p, r, Vector256.Create(ExpP3));
        p = MultiplyAdd(p, r, Vector256.Create(ExpP4));
        p = MultiplyAdd(p, r, Vector256.Create(ExpP5));
        Vector256<float> y = MultiplyAdd(p, r * r, r) + Vector256.Create(1f);

        // y·2^n as y·2^(n/2)·2^(n − n/2): both factors are normal floats for n in [-159, 128], and the last multiply
        // rounds once, to +∞ or into the subnormals where the true result lies there.
        Vector256<int> k1 = Vector256.ShiftRightArithmetic(k, 1);
        Vector256<int> k2 = k - k1;
        Vector256<float> scale1 = Vector256.ShiftLeft(k1 + Vector256.Create(127), 23).AsSingle();
        Vector256<float> scale2 = Vector256.ShiftLeft(k2 + Vector256.Create(127), 23).AsSingle();
        return y * scale1 * scale2;
    }

    /// <summary>
    /// The natural logarithm in each lane: relative error below 3e-7 for positive inputs (subnormals included);
    /// log ±0 = −∞, log +∞ = +∞, negative inputs and NaN give NaN.
    /// </summary>
    /// <param name="x">The arguments.</param>
    /// <returns>ln x.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log(Vector256<float> x)
    {
        // Subnormals are scaled by 2^23 first so that the exponent field reads right.
        Vector256<float> subnormal = Vector256.LessThan(x, Vector256.Create(MinNormal));
        Vector256<int> bits = Vector256.ConditionalSelect(subnormal, x * Vector256.Create(TwoPow23), x).AsInt32();

        // x = m·2^e with m in [0.5, 1); where m < √½ use 2m and e − 1, so that f = m − 1 lies in [√½ − 1, √2 − 1).
        Vector256<float> m = ((bits & Vector256.Create(MantissaMask)) | Vector256.Create(HalfBits)).AsSingle();
        Vector256<float> low = Vector256.LessThan(m, Vector256.Create(SqrtHalf));
        Vector256<int> e = Vector256.ShiftRightLogical(bits, 23) - Vector256.Create(126) + low.AsInt32();
        Vector256<float> f = m + (m & low) - Vector256.Create(1f);
        Vector256<float> fe = Vector256.ConvertToSingle(e) - (subnormal & Vector256.Create(23f));

        // log(1 + f) ≈ f − f²/2 + f³·P(f), then + e·ln 2 in two parts.
        Vector256<float> z = f * f;
        Vector256<float> p = MultiplyAdd(Vector256.Create(LogP0), f, Vector256.Create(LogP1));
        p = MultiplyAdd(p, f, Vector256.Create(LogP2));
        p = MultiplyAdd(p, f, Vector256.Create(LogP3));
        p = MultiplyAdd(p, f, Vector256.Create(LogP4));
        p = MultiplyAdd(p, f, Vector256.Create(LogP5));
        p = MultiplyAdd(p, f, Vector256.Create(LogP6));
        p = MultiplyAdd(p, f, Vector256.Create(LogP7));
        p = MultiplyAdd(p, f, Vector256.Create(LogP8));
        Vector256<float> y = p * f * z;
        y = MultiplyAdd(fe, Vector256.Create(Ln2Low), y);
        y = MultiplyAdd(z, Vector256.Create(-0.5f), y);
        Vector256<float> result = MultiplyAdd(fe, Vector256.Create(Ln2High), f + y);

        // +∞ → +∞; negative or NaN → NaN (all bits set); ±0 → −∞.
        result = Vector256.ConditionalSelect(
            Vector256.Equals(x, Vector256.Create(float.PositiveInfinity)), x, result);
        result |= ~Vector256.GreaterThanOrEqual(x, Vector256<float>.Zero);
        return Vector256.ConditionalSelect(
            Vector256.Equals(x, Vector256<float>.Zero), Vector256.Create(float.NegativeInfinity), result);
    }

    /// <summary>
    /// The hyperbolic tangent in each lane: absolute error below 2e-7 and relative error below 2e-7 (measured on every
    /// float: 1.1e-7 and 1.5e-7), odd, |tanh x| ≤ 1, exactly x for |x| &lt; 2⁻¹³ (subnormals included), exactly ±1 for
    /// |x| ≥ 9.1, NaN propagated. One division, no exp.
    /// </summary>
    /// <param name="x">The arguments.</param>
    /// <returns>tanh x.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x)
    {
        // On a = min(|x|, 10) (NaN passes through), x's sign put back at the end (so tanh(−x) = −tanh(x) exactly, and
        // tanh(−0) = −0). t = n/d ≈ tanh(a/2) with n = a + a·z·P(z), d = 2 + z·Q(z), z = a², and tanh a = 2nd/(n² + d²)
        // (the double-angle formula), written so that the rounding errors of n and d are damped:
        // a ≥ 1: tanh a = 1 − (d − n)²/(n² + d²);
        // a < 1: tanh a = a − a·z·(d·(Q − 2P) + (1 + z·P)²)/(n² + d²), the same fraction with a·(n² + d²) − 2nd
        // expanded (a − tanh a is small there, and a·z underflows to 0 for tiny a).
        Vector256<float> one = Vector256.Create(1f);
        Vector256<float> a = MinOrNaN(Vector256.Create(TanhClamp), Vector256.Abs(x));
        Vector256<float> z = a * a;
        Vector256<float> az = a * z;
        Vector256<float> p = MultiplyAdd(Vector256.Create(TanhP2), z, Vector256.Create(TanhP1));
        Vector256<float> q = MultiplyAdd(Vector256.Create(TanhQ3), z, Vector256.Create(TanhQ2));
        q = MultiplyAdd(q, z, Vector256.Create(TanhQ1));
        Vector256<float> n = MultiplyAdd(az, p, a);
        Vector256<float> d = MultiplyAdd(q, z, Vector256.Create(2f));
        Vector256<float> sumOfSquares = MultiplyAdd(n, n, d * d);

        Vector256<float> b = d - n;
        Vector256<float> pz = MultiplyAdd(p, z, one);
        Vector256<float> h = MultiplyAdd(d, MultiplyAdd(p, Vector256.Create(-2f), q), pz * pz);
        Vector256<float> numerator = Vector256.ConditionalSelect(Vector256.LessThan(a, one), az * h, b * b);
        Vector256<float> magnitude = MinOrNaN(one, a) - numerator / sumOfSquares;
        return magnitude | (x & Vector256.Create(-0f));
    }

    /// <summary>
    /// The logistic sigmoid 1/(1 + e^−x) in each lane: absolute error below 2e-7 (measured on every float: 1.2e-7),
    /// 0 ≤ σ ≤ 1, exactly ½ at 0, 1 for x ≥ 18, 0 for x &lt; −20 and at −∞, NaN propagated. One division, no exp. The
    /// bound is absolute: the relative error grows as σ(x) shrinks (below 4e-7 for x ≥ −2, about 1e-6 at −5, 1e-4 at
    /// −10 and 2e-2 at −15; near −20, where σ is 2e-9, only the absolute error, below 1e-8, holds).
    /// </summary>
    /// <param name="x">The arguments.</param>
    /// <returns>σ(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x)
    {
        // σ(x) = (1 + tanh(x/2))/2 = (d + n)²/((d + n)² + (d − n)²) with n/d ≈ tanh(x/4): Tanh's n and d at a = x/2
        // (here twice them, their coefficients scaled by powers of 2, so the same bits), odd and even in x, so no |x|.
        // Errors of n and d are damped by 1 − σ near 1 and vanish with d + n near 0; the clamp to [−20, 20] keeps the
        // rational in its range (NaN passes through), and below −20 the result is set to 0 (σ(−20) ≈ 2e-9).
        Vector256<float> xc = MinOrNaN(Vector256.Create(SigmoidClamp), MaxOrNaN(Vector256.Create(-SigmoidClamp), x));
        Vector256<float> z = xc * xc;
        Vector256<float> p = MultiplyAdd(Vector256.Create(SigmoidP2), z, Vector256.Create(SigmoidP1));
        Vector256<float> q = MultiplyAdd(Vector256.Create(SigmoidQ3), z, Vector256.Create(SigmoidQ2));
        q = MultiplyAdd(q, z, Vector256.Create(SigmoidQ1));
        Vector256<float> n = MultiplyAdd(xc * z, p, xc);
        Vector256<float> d = MultiplyAdd(q, z, Vector256.Create(4f));
        Vector256<float> sum = d + n;
        Vector256<float> difference = d - n;
        Vector256<float> sumSquared = sum * sum;
        Vector256<float> result = sumSquared / MultiplyAdd(difference, difference, sumSquared);
        return Vector256.AndNot(result, Vector256.LessThan(x, Vector256.Create(-SigmoidClamp)));
    }

    /// <summary>
    /// Binary cross-entropy of a sigmoid output computed from its logit, lane by lane, as
    /// <see cref="ScalarMath.SigmoidBinaryCrossEntropy(float, float)"/>: −(t·max(−softplus(−z), −100) +
    /// (1 − t)·max(−softplus(z), −100)), PyTorch's <c>BCELoss</c> on σ(z) with each log clamped at −100.
    /// </summary>
    /// <param name="logit">The pre-activations z of the output.</param>
    /// <param name="target">The targets t, usually in [0, 1].</param>
    /// <returns>The loss terms.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SigmoidBinaryCrossEntropy(Vector256<float> logit, Vector256<float> target)
    {
        // softplus(±z) = max(±z, 0) + log(1 + e^−|z|): one exp and one log serve both.
        Vector256<float> one = Vector256.Create(1f);
        Vector256<float> log1pExp = Log(one + Exp(-Vector256.Abs(logit)));
        Vector256<float> softplusPositive = MaxOrNaN(Vector256<float>.Zero, logit) + log1pExp;
        Vector256<float> softplusNegative = MaxOrNaN(Vector256<float>.Zero, -logit) + log1pExp;
        Vector256<float> logY = MaxOrNaN(Vector256.Create(LogClamp), -softplusNegative);
        Vector256<float> logNotY = MaxOrNaN(Vector256.Create(LogClamp), -softplusPositive);
        return -(target * logY + (one - target) * logNotY);
    }

    /// <summary>
    /// max(ln x, −100) in each lane (the clamp of PyTorch's <c>BCELoss</c>): −100 for 0 and for x below about
    /// 3.7e-44, NaN for negative x and NaN.
    /// </summary>
    /// <param name="x">The arguments.</param>
    /// <returns>max(ln x, −100).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ClampedLog(Vector256<float> x) => MaxOrNaN(Vector256.Create(LogClamp), Log(x));

    /// <summary>ReLU max(0, x) in each lane (PyTorch); NaN propagated.</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>ReLU(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Relu(Vector256<float> x) => MaxOrNaN(Vector256<float>.Zero, x);

    /// <summary>ReLU′ in each lane: 1 for x &gt; 0, otherwise 0 (0 at the kink and for NaN, as PyTorch).</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>1 or 0.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ReluStep(Vector256<float> x) =>
        Vector256.GreaterThan(x, Vector256<float>.Zero) & Vector256.Create(1f);

    /// <summary>LeakyReLU in each lane: x for x &gt; 0, otherwise 0.01·x (PyTorch's default slope); NaN propagated.</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>LeakyReLU(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LeakyRelu(Vector256<float> x) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), x, x * Vector256.Create(LeakyReluSlope));

    /// <summary>LeakyReLU′ in each lane: 1 for x &gt; 0, otherwise 0.01 (0.01 at the kink, as PyTorch).</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>1 or 0.01.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LeakyReluStep(Vector256<float> x) =>
        Vector256.ConditionalSelect(
            Vector256.GreaterThan(x, Vector256<float>.Zero), Vector256.Create(1f), Vector256.Create(LeakyReluSlope));

    /// <summary>SiLU x/(1 + e^−x) in each lane, as <see cref="ScalarMath.Silu(float)"/>.</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>SiLU(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Silu(Vector256<float> x) => x / (Vector256.Create(1f) + Exp(-x));

    /// <summary>SiLU′ σ(x)·(1 + x·(1 − σ(x))) in each lane, as <see cref="ScalarMath.SiluDerivative(float)"/>.</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>SiLU′(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SiluDerivative(Vector256<float> x)
    {
        Vector256<float> one = Vector256.Create(1f);
        Vector256<float> e = Exp(-x);
        Vector256<float> s = one / (one + e);
        Vector256<float> oneMinusS = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), one - s, e * s);
        return s * (one + x * oneMinusS);
    }

    /// <summary>GELU x·Φ(x) (exact form) in each lane, as <see cref="ScalarMath.Gelu(float)"/>.</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>GELU(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Gelu(Vector256<float> x)
    {
        Vector256<float> xc = MinOrNaN(Vector256.Create(NormalClamp), MaxOrNaN(Vector256.Create(-NormalClamp), x));
        return x * NormalCdf(xc, GaussianExp(xc));
    }

    /// <summary>GELU′ Φ(x) + x·φ(x) in each lane, as <see cref="ScalarMath.GeluDerivative(float)"/>.</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>GELU′(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> GeluDerivative(Vector256<float> x)
    {
        Vector256<float> xc = MinOrNaN(Vector256.Create(NormalClamp), MaxOrNaN(Vector256.Create(-NormalClamp), x));
        Vector256<float> g = GaussianExp(xc);
        return NormalCdf(xc, g) + x * (g * Vector256.Create(OneOverSqrt2Pi));
    }

    /// <summary>GELU's tanh form, computed as x·σ(2u), in each lane, as <see cref="ScalarMath.GeluTanh(float)"/>.</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>GELU-tanh(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> GeluTanh(Vector256<float> x)
    {
        Vector256<float> one = Vector256.Create(1f);
        Vector256<float> u = Vector256.Create(GeluTanhBeta) * x * (one + Vector256.Create(GeluTanhKappa) * x * x);
        return x / (one + Exp(Vector256.Create(-2f) * u));
    }

    /// <summary>PyTorch's GELU-tanh derivative in each lane, as <see cref="ScalarMath.GeluTanhDerivative(float)"/>.</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>The derivatives.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> GeluTanhDerivative(Vector256<float> x)
    {
        Vector256<float> one = Vector256.Create(1f);
        Vector256<float> x2 = x * x;
        Vector256<float> u = Vector256.Create(GeluTanhBeta) * x * (one + Vector256.Create(GeluTanhKappa) * x2);
        Vector256<float> e = Exp(Vector256.Create(-2f) * u);
        Vector256<float> s = one / (one + e);
        Vector256<float> oneMinusS = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), one - s, e * s);
        Vector256<float> slope = Vector256.Create(GeluTanhBeta) * (one + Vector256.Create(3f * GeluTanhKappa) * x2);
        return s + Vector256.Create(2f) * x * s * oneMinusS * slope;
    }

    /// <summary>ELU (α = 1) in each lane: x for x &gt; 0, otherwise eˣ − 1, as <see cref="ScalarMath.Elu(float)"/>.</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>ELU(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Elu(Vector256<float> x)
    {
        // eˣ − 1 near 0: its Taylor series to x⁹ (as ScalarMath).
        Vector256<float> p = MultiplyAdd(Vector256.Create(1f / 362880f), x, Vector256.Create(1f / 40320f));
        p = MultiplyAdd(p, x, Vector256.Create(1f / 5040f));
        p = MultiplyAdd(p, x, Vector256.Create(1f / 720f));
        p = MultiplyAdd(p, x, Vector256.Create(1f / 120f));
        p = MultiplyAdd(p, x, Vector256.Create(1f / 24f));
        p = MultiplyAdd(p, x, Vector256.Create(1f / 6f));
        p = MultiplyAdd(p, x, Vector256.Create(0.5f));
        p = MultiplyAdd(p, x, Vector256.Create(1f));
        Vector256<float> series = p * x;
        Vector256<float> negative = Vector256.ConditionalSelect(
            Vector256.LessThan(x, Vector256.Create(ExpMinusOneSeries)), Exp(x) - Vector256.Create(1f), series);
        return Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), x, negative);
    }

    /// <summary>ELU′ in each lane: 1 for x &gt; 0, otherwise eˣ (1 at 0, as PyTorch).</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>ELU′(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> EluDerivative(Vector256<float> x) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), Vector256.Create(1f), Exp(x));

    /// <summary>
    /// Softplus with β = 1 and threshold 20 in each lane (PyTorch <c>nn.Softplus()</c>): x for x &gt; 20, otherwise
    /// max(x, 0) + log1p(e^−|x|), as <see cref="ScalarMath.Softplus(float)"/>: within a few ulps, accurate for negative
    /// x too; softplus(+∞) = +∞, softplus(−∞) = 0, NaN propagated.
    /// </summary>
    /// <param name="x">The arguments.</param>
    /// <returns>softplus(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Softplus(Vector256<float> x)
    {
        // log1p(u) = log(w)·u/(w − 1), w = 1 + u rounded (Goldberg), and u itself where w rounds to 1.
        Vector256<float> one = Vector256.Create(1f);
        Vector256<float> u = Exp(-Vector256.Abs(x));
        Vector256<float> w = one + u;
        Vector256<float> log1p = Vector256.ConditionalSelect(Vector256.Equals(w, one), u, Log(w) * u / (w - one));
        Vector256<float> result = MaxOrNaN(Vector256<float>.Zero, x) + log1p;
        return Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(SoftplusThreshold)), x, result);
    }

    /// <summary>Softplus′ in each lane: 1 for x &gt; 20, otherwise σ(x) (PyTorch).</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>softplus′(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SoftplusDerivative(Vector256<float> x)
    {
        Vector256<float> one = Vector256.Create(1f);
        return Vector256.ConditionalSelect(
            Vector256.GreaterThan(x, Vector256.Create(SoftplusThreshold)), one, one / (one + Exp(-x)));
    }

    /// <summary>Mish x·tanh(log(1 + eˣ)) in each lane, as <see cref="ScalarMath.Mish(float)"/>.</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>Mish(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Mish(Vector256<float> x)
    {
        Vector256<float> threshold = Vector256.Create(SoftplusThreshold);
        Vector256<float> e = Exp(MinOrNaN(threshold, x));
        Vector256<float> n = e * (e + Vector256.Create(2f));
        return Vector256.ConditionalSelect(Vector256.GreaterThan(x, threshold), x, x * (n / (n + Vector256.Create(2f))));
    }

    /// <summary>Mish′ tanh(sp) + x·σ(x)·(1 − tanh²(sp)) in each lane, as <see cref="ScalarMath.MishDerivative(float)"/>.</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>Mish′(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MishDerivative(Vector256<float> x)
    {
        Vector256<float> one = Vector256.Create(1f);
        Vector256<float> threshold = Vector256.Create(SoftplusThreshold);
        Vector256<float> e = Exp(MinOrNaN(threshold, x));
        Vector256<float> n = e * (e + Vector256.Create(2f));
        Vector256<float> d = n + Vector256.Create(2f);
        Vector256<float> t = n / d;
        Vector256<float> oneMinusT2 = Vector256.Create(4f) * (n + one) / (d * d);
        Vector256<float> s = e / (one + e);
        return Vector256.ConditionalSelect(Vector256.GreaterThan(x, threshold), one, t + x * s * oneMinusT2);
    }

    /// <summary>The hard sigmoid min(max(x + 3, 0), 6)/6 in each lane (PyTorch); NaN propagated.</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>HardSigmoid(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> HardSigmoid(Vector256<float> x) =>
        MinOrNaN(Vector256.Create(6f), MaxOrNaN(Vector256<float>.Zero, x + Vector256.Create(3f))) / Vector256.Create(6f);

    /// <summary>HardSigmoid′ in each lane: 1/6 for −3 &lt; x &lt; 3, 0 elsewhere (kinks and NaN included), as PyTorch.</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>1/6 or 0.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> HardSigmoidDerivative(Vector256<float> x) =>
        Vector256.GreaterThan(x, Vector256.Create(-3f)) & Vector256.LessThan(x, Vector256.Create(3f))
            & Vector256.Create(1f / 6f);

    /// <summary>The hard swish x·min(max(x + 3, 0), 6)/6 in each lane (PyTorch); NaN propagated.</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>HardSwish(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> HardSwish(Vector256<float> x) =>
        x * MinOrNaN(Vector256.Create(6f), MaxOrNaN(Vector256<float>.Zero, x + Vector256.Create(3f))) / Vector256.Create(6f);

    /// <summary>
    /// PyTorch's HardSwish backward in each lane: 0 for x &lt; −3, x/3 + ½ for −3 ≤ x ≤ 3, otherwise 1 (NaN gives 1,
    /// as <see cref="ScalarMath.HardSwishDerivative(float)"/>).
    /// </summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>HardSwish′(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> HardSwishDerivative(Vector256<float> x)
    {
        Vector256<float> middle = x / Vector256.Create(3f) + Vector256.Create(0.5f);
        Vector256<float> upper = Vector256.ConditionalSelect(
            Vector256.LessThanOrEqual(x, Vector256.Create(3f)), middle, Vector256.Create(1f));
        return Vector256.AndNot(upper, Vector256.LessThan(x, Vector256.Create(-3f)));
    }

    /// <summary>
    /// The error function in each lane (Cody's rational approximations, as <see cref="ScalarMath.Erf(float)"/>): within
    /// a few ulps, odd, ±1 beyond about ±3.9, NaN propagated.
    /// </summary>
    /// <param name="x">The arguments.</param>
    /// <returns>erf x.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Erf(Vector256<float> x)
    {
        Vector256<float> one = Vector256.Create(1f);
        Vector256<float> ax = Vector256.Abs(x);
        Vector256<float> y = MinOrNaN(Vector256.Create(ErfClamp), ax);
        Vector256<float> hi = y * y;
        Vector256<float> g = Exp(-hi) * (one - SquareLow(y, hi));
        Vector256<float> large = (one - g * ErfcRatio(y)) | (x & Vector256.Create(-0f));
        return Vector256.ConditionalSelect(Vector256.LessThanOrEqual(ax, Vector256.Create(ErfSmall)), ErfNearZero(x), large);
    }

    // e^(−x²/2), x² taken exactly as hi + lo.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> GaussianExp(Vector256<float> x)
    {
        Vector256<float> hi = x * x;
        Vector256<float> half = Vector256.Create(0.5f);
        return Exp(-half * hi) * (Vector256.Create(1f) - half * SquareLow(x, hi));
    }

    // Φ(x) = ½·erfc(t), t = −x/√2, given g = e^(−x²/2).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> NormalCdf(Vector256<float> x, Vector256<float> g)
    {
        Vector256<float> half = Vector256.Create(0.5f);
        Vector256<float> t = -x * Vector256.Create(Sqrt1Over2);
        Vector256<float> at = Vector256.Abs(t);
        Vector256<float> c = half * g * ErfcRatio(at);
        Vector256<float> large = Vector256.ConditionalSelect(Vector256.LessThan(t, Vector256<float>.Zero), Vector256.Create(1f) - c, c);
        Vector256<float> small = half - half * ErfNearZero(t);
        return Vector256.ConditionalSelect(Vector256.LessThanOrEqual(at, Vector256.Create(ErfSmall)), small, large);
    }

    // The low part of y·y = hi + lo (Dekker's split into 12-bit halves; not fused, so that every machine rounds alike).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> SquareLow(Vector256<float> y, Vector256<float> hi)
    {
        Vector256<float> c = Vector256.Create(DekkerSplit) * y;
        Vector256<float> yh = c - (c - y);
        Vector256<float> yl = y - yh;
        return yh * yh - hi + Vector256.Create(2f) * yh * yl + yl * yl;
    }

    // erf x = x·A(x²)/B(x²) for |x| ≤ 0.46875.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ErfNearZero(Vector256<float> x)
    {
        Vector256<float> z = x * x;
        Vector256<float> n = (((Vector256.Create(ErfA4) * z + Vector256.Create(ErfA0)) * z + Vector256.Create(ErfA1)) * z
            + Vector256.Create(ErfA2)) * z + Vector256.Create(ErfA3);
        Vector256<float> d = (((z + Vector256.Create(ErfB0)) * z + Vector256.Create(ErfB1)) * z + Vector256.Create(ErfB2)) * z
            + Vector256.Create(ErfB3);
        return x * n / d;
    }

    // erfc(y)·e^(y²) for y > 0.46875: the middle rational up to 4, the tail's above.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ErfcRatio(Vector256<float> y)
    {
        Vector256<float> n = Vector256.Create(ErfC8) * y + Vector256.Create(ErfC0);
        n = n * y + Vector256.Create(ErfC1);
        n = n * y + Vector256.Create(ErfC2);
        n = n * y + Vector256.Create(ErfC3);
        n = n * y + Vector256.Create(ErfC4);
        n = n * y + Vector256.Create(ErfC5);
        n = n * y + Vector256.Create(ErfC6);
        n = n * y + Vector256.Create(ErfC7);
        Vector256<float> d = y + Vector256.Create(ErfD0);
        d = d * y + Vector256.Create(ErfD1);
        d = d * y + Vector256.Create(ErfD2);
        d = d * y + Vector256.Create(ErfD3);
        d = d * y + Vector256.Create(ErfD4);
        d = d * y + Vector256.Create(ErfD5);
        d = d * y + Vector256.Create(ErfD6);
        d = d * y + Vector256.Create(ErfD7);
        Vector256<float> z = Vector256.Create(1f) / (y * y);
        Vector256<float> p = Vector256.Create(ErfP5) * z + Vector256.Create(ErfP0);
        p = p * z + Vector256.Create(ErfP1);
        p = p * z + Vector256.Create(ErfP2);
        p = p * z + Vector256.Create(ErfP3);
        p = p * z + Vector256.Create(ErfP4);
        Vector256<float> q = z + Vector256.Create(ErfQ0);
        q = q * z + Vector256.Create(ErfQ1);
        q = q * z + Vector256.Create(ErfQ2);
        q = q * z + Vector256.Create(ErfQ3);
        q = q * z + Vector256.Create(ErfQ4);
        Vector256<float> tail = (Vector256.Create(OneOverSqrtPi) - z * p / q) / y;
        return Vector256.ConditionalSelect(Vector256.LessThanOrEqual(y, Vector256.Create(ErfcMiddle)), n / d, tail);
    }
}
#endif

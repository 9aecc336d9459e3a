#if NET8_0_OR_GREATER
// Vector256 overloads. VectorMath.V128.cs and VectorMath.V512.cs are the same text with the width replaced; change
// all three together.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

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
    /// The hyperbolic tangent in each lane: absolute error below 2e-7, odd, exactly ±1 for |x| ≥ 9.1, NaN propagated.
    /// </summary>
    /// <param name="x">The arguments.</param>
    /// <returns>tanh x.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x)
    {
        // Both parts on |x|, x's sign put back at the end (so tanh(−x) = −tanh(x) exactly, and tanh(−0) = −0).
        // |x| ≥ 0.625: 1 − 2/(e^{2|x|} + 1) (e^{2|x|} = +∞ gives exactly 1).
        Vector256<float> ax = Vector256.Abs(x);
        Vector256<float> one = Vector256.Create(1f);
        Vector256<float> large = one - Vector256.Create(2f) / (Exp(ax + ax) + one);

        // |x| < 0.625: |x| + |x|³·P(x²).
        Vector256<float> z = ax * ax;
        Vector256<float> p = MultiplyAdd(Vector256.Create(TanhP0), z, Vector256.Create(TanhP1));
        p = MultiplyAdd(p, z, Vector256.Create(TanhP2));
        p = MultiplyAdd(p, z, Vector256.Create(TanhP3));
        p = MultiplyAdd(p, z, Vector256.Create(TanhP4));
        Vector256<float> small = MultiplyAdd(p * z, ax, ax);

        Vector256<float> magnitude =
            Vector256.ConditionalSelect(Vector256.LessThan(ax, Vector256.Create(TanhSmall)), small, large);
        return magnitude | (x & Vector256.Create(-0f));
    }

    /// <summary>
    /// The logistic sigmoid 1/(1 + e^−x) in each lane: absolute error below 2e-7, exactly 0 at −∞ and 1 at +∞ (and
    /// for large |x|), NaN propagated.
    /// </summary>
    /// <param name="x">The arguments.</param>
    /// <returns>σ(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x)
    {
        Vector256<float> one = Vector256.Create(1f);
        return one / (one + Exp(-x));
    }

    /// <summary>
    /// softplus(x) = log(1 + eˣ) in each lane, computed as max(x, 0) + log(1 + e^−|x|) so that it never overflows:
    /// absolute error below 4e-7·max(1, |x|); softplus(+∞) = +∞, softplus(−∞) = 0, NaN propagated.
    /// </summary>
    /// <param name="x">The arguments.</param>
    /// <returns>softplus(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Softplus(Vector256<float> x)
    {
        Vector256<float> log1pExp = Log(Vector256.Create(1f) + Exp(-Vector256.Abs(x)));
        return MaxOrNaN(Vector256<float>.Zero, x) + log1pExp;
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
}
#endif

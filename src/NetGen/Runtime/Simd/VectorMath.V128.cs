#if NET8_0_OR_GREATER
// Vector128 overloads. VectorMath.V256.cs and VectorMath.V512.cs are the same text with the width replaced; change
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
    public static Vector128<float> Exp(Vector128<float> x)
    {
        // Clamp (NaN passes through), then n = round(x·log2 e) by the 1.5·2^23 shift, r = x − n·ln 2 in two parts.
        x = MinOrNaN(Vector128.Create(ExpUpperClamp), MaxOrNaN(Vector128.Create(ExpLowerClamp), x));
        Vector128<float> shifted = MultiplyAdd(x, Vector128.Create(Log2E), Vector128.Create(RoundingShift));
        Vector128<float> n = shifted - Vector128.Create(RoundingShift);
        Vector128<int> k = shifted.AsInt32() - Vector128.Create(RoundingShiftBits);
        Vector128<float> r = MultiplyAdd(n, Vector128.Create(-Ln2High), x);
        r = MultiplyAdd(n, Vector128.Create(-Ln2Low), r);

        // eʳ ≈ 1 + r + r²·P(r).
        Vector128<float> p = MultiplyAdd(Vector128.Create(ExpP0), r, Vector128.Create(ExpP1));
        p = MultiplyAdd(p, r, Vector128.Create(ExpP2));
        p = MultiplyAdd(p, r, Vector128.Create(ExpP3));
        p = MultiplyAdd(p, r, Vector128.Create(ExpP4));
        p = MultiplyAdd(p, r, Vector128.Create(ExpP5));
        Vector128<float> y = MultiplyAdd(p, r * r, r) + Vector128.Create(1f);

        // y·2^n as y·2^(n/2)·2^(n − n/2): both factors are normal floats for n in [-159, 128], and the last multiply
        // rounds once, to +∞ or into the subnormals where the true result lies there.
        Vector128<int> k1 = Vector128.ShiftRightArithmetic(k, 1);
        Vector128<int> k2 = k - k1;
        Vector128<float> scale1 = Vector128.ShiftLeft(k1 + Vector128.Create(127), 23).AsSingle();
        Vector128<float> scale2 = Vector128.ShiftLeft(k2 + Vector128.Create(127), 23).AsSingle();
        return y * scale1 * scale2;
    }

    /// <summary>
    /// The natural logarithm in each lane: relative error below 3e-7 for positive inputs (subnormals included);
    /// log ±0 = −∞, log +∞ = +∞, negative inputs and NaN give NaN.
    /// </summary>
    /// <param name="x">The arguments.</param>
    /// <returns>ln x.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Log(Vector128<float> x)
    {
        // Subnormals are scaled by 2^23 first so that the exponent field reads right.
        Vector128<float> subnormal = Vector128.LessThan(x, Vector128.Create(MinNormal));
        Vector128<int> bits = Vector128.ConditionalSelect(subnormal, x * Vector128.Create(TwoPow23), x).AsInt32();

        // x = m·2^e with m in [0.5, 1); where m < √½ use 2m and e − 1, so that f = m − 1 lies in [√½ − 1, √2 − 1).
        Vector128<float> m = ((bits & Vector128.Create(MantissaMask)) | Vector128.Create(HalfBits)).AsSingle();
        Vector128<float> low = Vector128.LessThan(m, Vector128.Create(SqrtHalf));
        Vector128<int> e = Vector128.ShiftRightLogical(bits, 23) - Vector128.Create(126) + low.AsInt32();
        Vector128<float> f = m + (m & low) - Vector128.Create(1f);
        Vector128<float> fe = Vector128.ConvertToSingle(e) - (subnormal & Vector128.Create(23f));

        // log(1 + f) ≈ f − f²/2 + f³·P(f), then + e·ln 2 in two parts.
        Vector128<float> z = f * f;
        Vector128<float> p = MultiplyAdd(Vector128.Create(LogP0), f, Vector128.Create(LogP1));
        p = MultiplyAdd(p, f, Vector128.Create(LogP2));
        p = MultiplyAdd(p, f, Vector128.Create(LogP3));
        p = MultiplyAdd(p, f, Vector128.Create(LogP4));
        p = MultiplyAdd(p, f, Vector128.Create(LogP5));
        p = MultiplyAdd(p, f, Vector128.Create(LogP6));
        p = MultiplyAdd(p, f, Vector128.Create(LogP7));
        p = MultiplyAdd(p, f, Vector128.Create(LogP8));
        Vector128<float> y = p * f * z;
        y = MultiplyAdd(fe, Vector128.Create(Ln2Low), y);
        y = MultiplyAdd(z, Vector128.Create(-0.5f), y);
        Vector128<float> result = MultiplyAdd(fe, Vector128.Create(Ln2High), f + y);

        // +∞ → +∞; negative or NaN → NaN (all bits set); ±0 → −∞.
        result = Vector128.ConditionalSelect(
            Vector128.Equals(x, Vector128.Create(float.PositiveInfinity)), x, result);
        result |= ~Vector128.GreaterThanOrEqual(x, Vector128<float>.Zero);
        return Vector128.ConditionalSelect(
            Vector128.Equals(x, Vector128<float>.Zero), Vector128.Create(float.NegativeInfinity), result);
    }

    /// <summary>
    /// The hyperbolic tangent in each lane: absolute error below 2e-7, odd, exactly ±1 for |x| ≥ 9.1, NaN propagated.
    /// </summary>
    /// <param name="x">The arguments.</param>
    /// <returns>tanh x.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Tanh(Vector128<float> x)
    {
        // Both parts on |x|, x's sign put back at the end (so tanh(−x) = −tanh(x) exactly, and tanh(−0) = −0).
        // |x| ≥ 0.625: 1 − 2/(e^{2|x|} + 1) (e^{2|x|} = +∞ gives exactly 1).
        Vector128<float> ax = Vector128.Abs(x);
        Vector128<float> one = Vector128.Create(1f);
        Vector128<float> large = one - Vector128.Create(2f) / (Exp(ax + ax) + one);

        // |x| < 0.625: |x| + |x|³·P(x²).
        Vector128<float> z = ax * ax;
        Vector128<float> p = MultiplyAdd(Vector128.Create(TanhP0), z, Vector128.Create(TanhP1));
        p = MultiplyAdd(p, z, Vector128.Create(TanhP2));
        p = MultiplyAdd(p, z, Vector128.Create(TanhP3));
        p = MultiplyAdd(p, z, Vector128.Create(TanhP4));
        Vector128<float> small = MultiplyAdd(p * z, ax, ax);

        Vector128<float> magnitude =
            Vector128.ConditionalSelect(Vector128.LessThan(ax, Vector128.Create(TanhSmall)), small, large);
        return magnitude | (x & Vector128.Create(-0f));
    }

    /// <summary>
    /// The logistic sigmoid 1/(1 + e^−x) in each lane: absolute error below 2e-7, exactly 0 at −∞ and 1 at +∞ (and
    /// for large |x|), NaN propagated.
    /// </summary>
    /// <param name="x">The arguments.</param>
    /// <returns>σ(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sigmoid(Vector128<float> x)
    {
        Vector128<float> one = Vector128.Create(1f);
        return one / (one + Exp(-x));
    }

    /// <summary>
    /// softplus(x) = log(1 + eˣ) in each lane, computed as max(x, 0) + log(1 + e^−|x|) so that it never overflows:
    /// absolute error below 4e-7·max(1, |x|); softplus(+∞) = +∞, softplus(−∞) = 0, NaN propagated.
    /// </summary>
    /// <param name="x">The arguments.</param>
    /// <returns>softplus(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Softplus(Vector128<float> x)
    {
        Vector128<float> log1pExp = Log(Vector128.Create(1f) + Exp(-Vector128.Abs(x)));
        return MaxOrNaN(Vector128<float>.Zero, x) + log1pExp;
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
    public static Vector128<float> SigmoidBinaryCrossEntropy(Vector128<float> logit, Vector128<float> target)
    {
        // softplus(±z) = max(±z, 0) + log(1 + e^−|z|): one exp and one log serve both.
        Vector128<float> one = Vector128.Create(1f);
        Vector128<float> log1pExp = Log(one + Exp(-Vector128.Abs(logit)));
        Vector128<float> softplusPositive = MaxOrNaN(Vector128<float>.Zero, logit) + log1pExp;
        Vector128<float> softplusNegative = MaxOrNaN(Vector128<float>.Zero, -logit) + log1pExp;
        Vector128<float> logY = MaxOrNaN(Vector128.Create(LogClamp), -softplusNegative);
        Vector128<float> logNotY = MaxOrNaN(Vector128.Create(LogClamp), -softplusPositive);
        return -(target * logY + (one - target) * logNotY);
    }

    /// <summary>
    /// max(ln x, −100) in each lane (the clamp of PyTorch's <c>BCELoss</c>): −100 for 0 and for x below about
    /// 3.7e-44, NaN for negative x and NaN.
    /// </summary>
    /// <param name="x">The arguments.</param>
    /// <returns>max(ln x, −100).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ClampedLog(Vector128<float> x) => MaxOrNaN(Vector128.Create(LogClamp), Log(x));
}
#endif

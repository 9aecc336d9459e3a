using System;
using System.ComponentModel;

namespace NetGen.Runtime;

/// <summary>
/// NetGen's own exponential, logarithm and hyperbolic tangent for <c>[Network(…, Deterministic = true)]</c>: each is a
/// fixed sequence of IEEE 754 double operations (a range reduction, a polynomial, one rounding to float at the end), so
/// it gives the same bits on every processor, operating system and runtime, unlike <see cref="MathF"/>, whose results
/// come from the platform's C library and differ between them in the last bit. No fused multiply-add, no table, no
/// intrinsic whose result the hardware may choose. Accuracy: below 0.51 ulp of the float result (the double
/// computation has a relative error near 1e-15, then one rounding to float); see <c>docs/determinism.md</c>.
/// For generated code; not part of NetGen's public contract.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DeterministicMath
{
    private const double Log2E = 1.4426950408889634;
    // fdlibm's split of ln 2: Ln2Hi has 32 trailing zero bits, so k·Ln2Hi is exact for |k| < 2^20.
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double Ln2 = 0.69314718055994530942;
    private const double Sqrt2 = 1.4142135623730951;
    // Below this |x|, tanh x rounds to x in float (x³/3 is under a quarter ulp).
    private const float TanhTiny = 1.0f / 8192f;
    // Above this |x|, tanh x rounds to ±1 in float (1 − tanh x = 2/(e^2x + 1) < 2⁻²⁵).
    private const float TanhSaturation = 9.5f;
    private const float TanhSeriesLimit = 0.625f;

    /// <summary>eˣ in float: exactly rounded except within about 1e-15 relative of a halfway case. NaN gives NaN, +∞ gives +∞, −∞ gives +0.</summary>
    /// <param name="x">The exponent.</param>
    /// <returns>eˣ rounded to float (+∞ above about 88.72, 0 below about −103.97).</returns>
    public static float Exp(float x)
    {
        if (float.IsNaN(x)) return x;
        if (x > 89f) return float.PositiveInfinity;
        if (x < -104f) return 0f;
        // The double result is within float's range or just outside it; the conversion rounds it once (to ∞ above
        // float.MaxValue, to a subnormal or 0 below float's normal range).
        return (float)ExpDouble(x);
    }

    /// <summary>The natural logarithm in float: exactly rounded except within about 1e-15 relative of a halfway case. log 0 = −∞, log x &lt; 0 = NaN, log +∞ = +∞.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>ln x rounded to float.</returns>
    public static float Log(float x)
    {
        if (!(x > 0f)) return x == 0f ? float.NegativeInfinity : float.NaN;
        if (float.IsPositiveInfinity(x)) return x;
        // Every positive float, subnormals included, is a normal double: x = m·2^e with m in [1, 2).
        long bits = BitConverter.DoubleToInt64Bits(x);
        int e = (int)(bits >> 52) - 1023;
        double m = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        if (m > Sqrt2)
        {
            m *= 0.5;
            e++;
        }

        // ln m = 2·atanh(s), s = (m − 1)/(m + 1) = f/(2 + f), |s| ≤ 0.1716: the odd series to s¹⁵ (remainder below 4e-14 relative).
        double f = m - 1.0;
        double s = f / (2.0 + f);
        double s2 = s * s;
        double series = 1.0 / 15.0;
        series = series * s2 + 1.0 / 13.0;
        series = series * s2 + 1.0 / 11.0;
        series = series * s2 + 1.0 / 9.0;
        series = series * s2 + 1.0 / 7.0;
        series = series * s2 + 1.0 / 5.0;
        series = series * s2 + 1.0 / 3.0;
        series = series * s2 + 1.0;
        return (float)(e * Ln2 + 2.0 * s * series);
    }

    /// <summary>The hyperbolic tangent in float: odd, ±1 beyond ±9.5, x itself below 2⁻¹³, NaN for NaN.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>tanh x rounded to float.</returns>
    public static float Tanh(float x)
    {
        if (float.IsNaN(x)) return x;
        float a = Math.Abs(x);
        if (a < TanhTiny) return x;
        double t;
        if (a > TanhSaturation)
        {
            t = 1.0;
        }
        else if (a < TanhSeriesLimit)
        {
            // tanh a = (e^2a − 1)/(e^2a + 1) with e^2a − 1 from its own series (no cancellation near 0).
            double u = ExpMinusOneSmall(2.0 * a);
            t = u / (u + 2.0);
        }
        else
        {
            t = 1.0 - 2.0 / (ExpDouble(2.0 * a) + 1.0);
        }

        float r = (float)t;
        return x < 0f ? -r : r;
    }

    /// <summary>max(a, b) as <see cref="MathF.Max(float, float)"/> defines it in .NET (IEEE 754-2019 maximum: NaN if either is NaN, +0 above −0): exact, so the same everywhere.</summary>
    /// <param name="a">The first value.</param>
    /// <param name="b">The second value.</param>
    /// <returns>The larger value.</returns>
    public static float Max(float a, float b) => MathF.Max(a, b);

    /// <summary>min(a, b) as <see cref="MathF.Min(float, float)"/> defines it in .NET (NaN if either is NaN, −0 below +0): exact.</summary>
    /// <param name="a">The first value.</param>
    /// <param name="b">The second value.</param>
    /// <returns>The smaller value.</returns>
    public static float Min(float a, float b) => MathF.Min(a, b);

    /// <summary>|x| (clears the sign bit): exact.</summary>
    /// <param name="x">The value.</param>
    /// <returns>|x|.</returns>
    public static float Abs(float x) => Math.Abs(x);

    /// <summary>The square root, correctly rounded by IEEE 754 on every processor (so the same bits everywhere).</summary>
    /// <param name="x">The value.</param>
    /// <returns>√x.</returns>
    public static float Sqrt(float x) => MathF.Sqrt(x);

    /// <summary>
    /// bⁿ for a whole n ≥ 0 by binary exponentiation: a fixed sequence of double multiplications (at most 2·63), so the
    /// same bits everywhere (<see cref="Math.Pow(double, double)"/> is the C library's). Adam's bias corrections in a
    /// deterministic network. Relative error below about n double ulps (each squaring doubles it): for β^t with β &lt; 1 an
    /// absolute error below 1e-13, far below float's.
    /// </summary>
    /// <param name="b">The base.</param>
    /// <param name="n">The exponent (0 gives 1; a negative exponent is treated as 0).</param>
    /// <returns>bⁿ.</returns>
    public static double Pow(double b, long n)
    {
        double result = 1.0;
        double square = b;
        while (n > 0)
        {
            if ((n & 1) != 0) result *= square;
            n >>= 1;
            if (n > 0) square *= square;
        }

        return result;
    }

    // eˣ in double for −745 < x < 709 (NetGen calls it for |x| ≤ 104): x = k·ln 2 + r, |r| ≤ ½ ln 2, e^r from its Taylor
    // series to r¹² (remainder below 2e-16 relative), scaled by 2^k built from its bits (exact).
    internal static double ExpDouble(double x)
    {
        double k = Math.Floor(x * Log2E + 0.5);
        double r = (x - k * Ln2Hi) - k * Ln2Lo;
        double p = 1.0 / 479001600.0;
        p = p * r + 1.0 / 39916800.0;
        p = p * r + 1.0 / 3628800.0;
        p = p * r + 1.0 / 362880.0;
        p = p * r + 1.0 / 40320.0;
        p = p * r + 1.0 / 5040.0;
        p = p * r + 1.0 / 720.0;
        p = p * r + 1.0 / 120.0;
        p = p * r + 1.0 / 24.0;
        p = p * r + 1.0 / 6.0;
        p = p * r + 0.5;
        p = p * r + 1.0;
        p = p * r + 1.0;
        int n = (int)k;
        // 2^n as a double; two factors so that n down to −1074 and up to 1023 stay exact.
        int half = n / 2;
        return p * Scale(half) * Scale(n - half);
    }

    // eᵘ − 1 for 0 ≤ u ≤ 1.25: its Taylor series to u¹⁸ (remainder below 6e-16 relative), by Horner.
    internal static double ExpMinusOneSmall(double u)
    {
        double p = 1.0 / 6402373705728000.0;
        p = p * u + 1.0 / 355687428096000.0;
        p = p * u + 1.0 / 20922789888000.0;
        p = p * u + 1.0 / 1307674368000.0;
        p = p * u + 1.0 / 87178291200.0;
        p = p * u + 1.0 / 6227020800.0;
        p = p * u + 1.0 / 479001600.0;
        p = p * u + 1.0 / 39916800.0;
        p = p * u + 1.0 / 3628800.0;
        p = p * u + 1.0 / 362880.0;
        p = p * u + 1.0 / 40320.0;
        p = p * u + 1.0 / 5040.0;
        p = p * u + 1.0 / 720.0;
        p = p * u + 1.0 / 120.0;
        p = p * u + 1.0 / 24.0;
        p = p * u + 1.0 / 6.0;
        p = p * u + 0.5;
        p = p * u + 1.0;
        return p * u;
    }

    // 2^n for −1022 ≤ n ≤ 1023, from its bits.
    private static double Scale(int n) => BitConverter.Int64BitsToDouble((long)(n + 1023) << 52);
}

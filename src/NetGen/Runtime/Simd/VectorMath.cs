#if NET8_0_OR_GREATER
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using static NetGen.Runtime.ErfCoefficients;

namespace NetGen.Runtime;

/// <summary>
/// Lane-wise float math on <see cref="Vector128{T}"/>, <see cref="Vector256{T}"/> and <see cref="Vector512{T}"/>
/// for the SIMD code NetGen generates (one sample per lane). Every function is branch-free and allocation-free, and
/// gives the same algorithm on every width: <c>Exp</c> and <c>Log</c> within 3e-7 relative error, <c>Tanh</c> within
/// 2e-7 relative error, <c>Sigmoid</c> within 2e-7 absolute error, NaN in gives NaN out (docs/simd-accuracy.md lists the
/// measured errors).
/// For generated code; not part of NetGen's public contract.
/// </summary>
/// <remarks>
/// <c>Exp</c> and <c>Log</c> are Cephes' single-precision algorithms (Moshier): exponent extraction or Cody–Waite range
/// reduction followed by a short polynomial. <c>Tanh</c> and <c>Sigmoid</c> are one rational function of degree 5/6
/// (an approximation of tanh(x/2)) put through the double-angle formula, one division and no exponential
/// (docs/simd.md, "Tanh and sigmoid"). Multiply-adds inside them are fused where the processor has FMA, so the last bit
/// can differ between machines with and without FMA (both are within the documented bounds).
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class VectorMath
{
    // exp: x is clamped to [ExpLowerClamp, ExpUpperClamp] so that n = round(x·log2 e) stays in [-159, 128] and 2^n
    // can be applied in two steps of normal powers of two (the result still rounds to +∞ above ln(float.MaxValue) and
    // through the subnormals to 0 below about -103.97).
    private const float ExpUpperClamp = 89f;
    private const float ExpLowerClamp = -110f;
    private const float Log2E = 1.44269504088896341f;
    // 1.5·2^23: adding it rounds a float of magnitude below 2^22 to an integer, which its low mantissa bits then hold.
    private const float RoundingShift = 12582912f;
    private const int RoundingShiftBits = 0x4B400000;
    // ln 2 = Ln2High + Ln2Low; Ln2High has 9 significant bits, so n·Ln2High is exact for |n| < 2^15.
    private const float Ln2High = 0.693359375f;
    private const float Ln2Low = -2.12194440e-4f;
    // Cephes expf: eʳ ≈ 1 + r + r²·P(r) on |r| ≤ ln2/2.
    private const float ExpP0 = 1.9875691500e-4f;
    private const float ExpP1 = 1.3981999507e-3f;
    private const float ExpP2 = 8.3334519073e-3f;
    private const float ExpP3 = 4.1665795894e-2f;
    private const float ExpP4 = 1.6666665459e-1f;
    private const float ExpP5 = 5.0000001201e-1f;

    // log: x = m·2^e with m in [√½, √2); log x = f − f²/2 + f³·P(f) + e·ln 2 with f = m − 1 (Cephes logf).
    private const float MinNormal = 1.17549435e-38f;
    private const float TwoPow23 = 8388608f;
    private const int MantissaMask = 0x007FFFFF;
    private const int HalfBits = 0x3F000000;
    private const float SqrtHalf = 0.707106781186547524f;
    private const float LogP0 = 7.0376836292e-2f;
    private const float LogP1 = -1.1514610310e-1f;
    private const float LogP2 = 1.1676998740e-1f;
    private const float LogP3 = -1.2420140846e-1f;
    private const float LogP4 = 1.4249322787e-1f;
    private const float LogP5 = -1.6668057665e-1f;
    private const float LogP6 = 2.0000714765e-1f;
    private const float LogP7 = -2.4999993993e-1f;
    private const float LogP8 = 3.3333331174e-1f;

    // tanh: t = n/d ≈ tanh(a/2) on a in [0, TanhClamp], n = a·(1 + z·(TanhP1 + z·TanhP2)), d = 2 + z·(TanhQ1 +
    // z·(TanhQ2 + z·TanhQ3)), z = a²: a rational of degree 5/6 in a, minimax (Lawson) for the relative error it gives
    // tanh a = 2t/(1 + t²), refitted coefficient by coefficient after rounding each to float (scripts/fit-tanh-rational.py
    // prints them). At TanhClamp, 1 − tanh is 4e-9, so the clamped lanes round to exactly 1.
    private const float TanhClamp = 10f;
    private const float TanhP1 = 0.0297422335f;
    private const float TanhP2 = 0.000113565162f;
    private const float TanhQ1 = 0.226151049f;
    private const float TanhQ2 = 0.00240647001f;
    private const float TanhQ3 = 2.42866417e-6f;

    // sigmoid: Tanh's n and d at a = x/2, doubled: n = x·(1 + z·(SigmoidP1 + z·SigmoidP2)), d = 4 + z·(SigmoidQ1 +
    // z·(SigmoidQ2 + z·SigmoidQ3)), z = x² (every factor a power of 2, so exact).
    private const float SigmoidClamp = 2 * TanhClamp;
    private const float SigmoidP1 = TanhP1 / 4;
    private const float SigmoidP2 = TanhP2 / 16;
    private const float SigmoidQ1 = TanhQ1 / 2;
    private const float SigmoidQ2 = TanhQ2 / 8;
    private const float SigmoidQ3 = TanhQ3 / 32;

    // The clamp PyTorch's BCELoss applies to each log.
    private const float LogClamp = -100f;

    // The activations (PyTorch's definitions; ScalarMath computes the same formulas, ActivationMath is the reference).
    private const float LeakyReluSlope = 0.01f;
    private const float SoftplusThreshold = 20f;
    private const float GeluTanhBeta = 0.797884560802865356f;
    private const float GeluTanhKappa = 0.044715f;
    private const float Sqrt1Over2 = 0.707106781186547524f;
    private const float OneOverSqrt2Pi = 0.398942280401432678f;
    private const float DekkerSplit = 4097f;
    // Beyond these erf is ±1 and Φ is 0 or 1 in float; the clamps keep the squares finite.
    private const float ErfClamp = 10f;
    private const float NormalClamp = 14.5f;
    private const float ExpMinusOneSeries = -0.5f;

    /// <summary>
    /// a·b + c on one float, rounded as <see cref="MultiplyAdd(Vector128{float}, Vector128{float}, Vector128{float})"/> rounds
    /// each lane on this processor: fused (one rounding) where it has FMA (x86 FMA3 or Arm64 AdvSimd), otherwise a multiply
    /// and an add. The matrix kernels sum the inputs that do not fill a vector with it, so that every width gives the same bits.
    /// </summary>
    /// <param name="a">The first factor.</param>
    /// <param name="b">The second factor.</param>
    /// <param name="c">The addend.</param>
    /// <returns>a·b + c.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplyAdd(float a, float b, float c) =>
        Fma.IsSupported || AdvSimd.IsSupported ? global::System.MathF.FusedMultiplyAdd(a, b, c) : a * b + c;

    /// <summary>
    /// a·b + c in each lane, fused (one rounding) where the processor has FMA (x86 FMA3 or Arm64 AdvSimd), otherwise
    /// a multiply and an add.
    /// </summary>
    /// <param name="a">The first factor.</param>
    /// <param name="b">The second factor.</param>
    /// <param name="c">The addend.</param>
    /// <returns>a·b + c.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c)
    {
        if (Fma.IsSupported)
        {
            return Fma.MultiplyAdd(a, b, c);
        }

        if (AdvSimd.IsSupported)
        {
            return AdvSimd.FusedMultiplyAdd(c, a, b);
        }

        return a * b + c;
    }

    /// <summary>
    /// a·b + c in each lane, fused (one rounding) where the processor has FMA (x86 FMA3; on Arm64 as two fused
    /// 128-bit halves), otherwise a multiply and an add.
    /// </summary>
    /// <param name="a">The first factor.</param>
    /// <param name="b">The second factor.</param>
    /// <param name="c">The addend.</param>
    /// <returns>a·b + c.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c)
    {
        if (Fma.IsSupported)
        {
            return Fma.MultiplyAdd(a, b, c);
        }

        if (AdvSimd.IsSupported)
        {
            return Vector256.Create(
                AdvSimd.FusedMultiplyAdd(c.GetLower(), a.GetLower(), b.GetLower()),
                AdvSimd.FusedMultiplyAdd(c.GetUpper(), a.GetUpper(), b.GetUpper()));
        }

        return a * b + c;
    }

    /// <summary>
    /// a·b + c in each lane, fused (one rounding) where the processor has FMA (AVX-512F; without it, as two fused
    /// halves on x86 FMA3 or Arm64 AdvSimd, so every width rounds alike), otherwise a multiply and an add.
    /// </summary>
    /// <param name="a">The first factor.</param>
    /// <param name="b">The second factor.</param>
    /// <param name="c">The addend.</param>
    /// <returns>a·b + c.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c)
    {
        if (Avx512F.IsSupported)
        {
            return Avx512F.FusedMultiplyAdd(a, b, c);
        }

        if (Fma.IsSupported || AdvSimd.IsSupported)
        {
            return Vector512.Create(
                MultiplyAdd(a.GetLower(), b.GetLower(), c.GetLower()),
                MultiplyAdd(a.GetUpper(), b.GetUpper(), c.GetUpper()));
        }

        return a * b + c;
    }

    // max(bound, x) and min(bound, x) with x's NaN passed through: x86 maxps/minps return their second operand when
    // either is NaN, Arm64 fmax/fmin and .NET 9+'s Vector*.Max/Min propagate NaN, and .NET 8's software fallback
    // (left > right ? left : right) returns right. The x86 instructions are used directly because .NET 9+'s
    // Vector*.Max/Min add IEEE 754:2019 fix-ups there.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> MaxOrNaN(Vector128<float> bound, Vector128<float> x) =>
        Sse.IsSupported ? Sse.Max(bound, x) : Vector128.Max(bound, x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> MinOrNaN(Vector128<float> bound, Vector128<float> x) =>
        Sse.IsSupported ? Sse.Min(bound, x) : Vector128.Min(bound, x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> MaxOrNaN(Vector256<float> bound, Vector256<float> x) =>
        Avx.IsSupported ? Avx.Max(bound, x) : Vector256.Max(bound, x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> MinOrNaN(Vector256<float> bound, Vector256<float> x) =>
        Avx.IsSupported ? Avx.Min(bound, x) : Vector256.Min(bound, x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> MaxOrNaN(Vector512<float> bound, Vector512<float> x) =>
        Avx512F.IsSupported ? Avx512F.Max(bound, x) : Vector512.Max(bound, x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> MinOrNaN(Vector512<float> bound, Vector512<float> x) =>
        Avx512F.IsSupported ? Avx512F.Min(bound, x) : Vector512.Min(bound, x);
}
#endif

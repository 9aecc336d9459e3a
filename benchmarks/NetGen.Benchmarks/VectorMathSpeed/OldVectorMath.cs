using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using NetGen.Runtime;

namespace NetGen.Benchmarks.VectorMathSpeed;

/// <summary>
/// The Vector256 <c>Tanh</c> and <c>Sigmoid</c> of <c>NetGen.Runtime.VectorMath</c> before issue 15 (commit c3babed),
/// copied with the <c>Exp</c> they call, as the baseline of <see cref="VectorMathSpeedBenchmarks"/>: tanh as
/// 1 − 2/(e^{2|x|} + 1) above 0.625 and Cephes' x + x³·P(x²) below (both computed, then blended), sigmoid as
/// 1/(1 + e^−x). The multiply-add is today's <see cref="VectorMath.MultiplyAdd(Vector256{float}, Vector256{float}, Vector256{float})"/>,
/// unchanged since.
/// </summary>
public static class OldVectorMath
{
    private const float ExpUpperClamp = 89f;
    private const float ExpLowerClamp = -110f;
    private const float Log2E = 1.44269504088896341f;
    private const float RoundingShift = 12582912f;
    private const int RoundingShiftBits = 0x4B400000;
    private const float Ln2High = 0.693359375f;
    private const float Ln2Low = -2.12194440e-4f;
    private const float ExpP0 = 1.9875691500e-4f;
    private const float ExpP1 = 1.3981999507e-3f;
    private const float ExpP2 = 8.3334519073e-3f;
    private const float ExpP3 = 4.1665795894e-2f;
    private const float ExpP4 = 1.6666665459e-1f;
    private const float ExpP5 = 5.0000001201e-1f;
    private const float TanhSmall = 0.625f;
    private const float TanhP0 = -5.70498872745e-3f;
    private const float TanhP1 = 2.06390887954e-2f;
    private const float TanhP2 = -5.37397155531e-2f;
    private const float TanhP3 = 1.33314422036e-1f;
    private const float TanhP4 = -3.33332819422e-1f;

    /// <summary>The old eˣ (Cephes expf with Cody–Waite reduction and a two-step 2ⁿ scaling).</summary>
    /// <param name="x">The exponents.</param>
    /// <returns>eˣ.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        x = MinOrNaN(Vector256.Create(ExpUpperClamp), MaxOrNaN(Vector256.Create(ExpLowerClamp), x));
        Vector256<float> shifted = VectorMath.MultiplyAdd(x, Vector256.Create(Log2E), Vector256.Create(RoundingShift));
        Vector256<float> n = shifted - Vector256.Create(RoundingShift);
        Vector256<int> k = shifted.AsInt32() - Vector256.Create(RoundingShiftBits);
        Vector256<float> r = VectorMath.MultiplyAdd(n, Vector256.Create(-Ln2High), x);
        r = VectorMath.MultiplyAdd(n, Vector256.Create(-Ln2Low), r);
        Vector256<float> p = VectorMath.MultiplyAdd(Vector256.Create(ExpP0), r, Vector256.Create(ExpP1));
        p = VectorMath.MultiplyAdd(p, r, Vector256.Create(ExpP2));
        p = VectorMath.MultiplyAdd(p, r, Vector256.Create(ExpP3));
        p = VectorMath.MultiplyAdd(p, r, Vector256.Create(ExpP4));
        p = VectorMath.MultiplyAdd(p, r, Vector256.Create(ExpP5));
        Vector256<float> y = VectorMath.MultiplyAdd(p, r * r, r) + Vector256.Create(1f);
        Vector256<int> k1 = Vector256.ShiftRightArithmetic(k, 1);
        Vector256<int> k2 = k - k1;
        Vector256<float> scale1 = Vector256.ShiftLeft(k1 + Vector256.Create(127), 23).AsSingle();
        Vector256<float> scale2 = Vector256.ShiftLeft(k2 + Vector256.Create(127), 23).AsSingle();
        return y * scale1 * scale2;
    }

    /// <summary>The old hyperbolic tangent (absolute error below 2e-7).</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>tanh x.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x)
    {
        Vector256<float> ax = Vector256.Abs(x);
        Vector256<float> one = Vector256.Create(1f);
        Vector256<float> large = one - Vector256.Create(2f) / (Exp(ax + ax) + one);
        Vector256<float> z = ax * ax;
        Vector256<float> p = VectorMath.MultiplyAdd(Vector256.Create(TanhP0), z, Vector256.Create(TanhP1));
        p = VectorMath.MultiplyAdd(p, z, Vector256.Create(TanhP2));
        p = VectorMath.MultiplyAdd(p, z, Vector256.Create(TanhP3));
        p = VectorMath.MultiplyAdd(p, z, Vector256.Create(TanhP4));
        Vector256<float> small = VectorMath.MultiplyAdd(p * z, ax, ax);
        Vector256<float> magnitude =
            Vector256.ConditionalSelect(Vector256.LessThan(ax, Vector256.Create(TanhSmall)), small, large);
        return magnitude | (x & Vector256.Create(-0f));
    }

    /// <summary>The old logistic sigmoid 1/(1 + e^−x) (absolute error below 2e-7, relative below 3e-7).</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>σ(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x)
    {
        Vector256<float> one = Vector256.Create(1f);
        return one / (one + Exp(-x));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> MaxOrNaN(Vector256<float> bound, Vector256<float> x) =>
        Avx.IsSupported ? Avx.Max(bound, x) : Vector256.Max(bound, x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> MinOrNaN(Vector256<float> bound, Vector256<float> x) =>
        Avx.IsSupported ? Avx.Min(bound, x) : Vector256.Min(bound, x);
}

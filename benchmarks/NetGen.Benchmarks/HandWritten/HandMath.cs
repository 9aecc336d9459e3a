using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Benchmarks.HandWritten;

/// <summary>
/// The vector math of the hand-written baselines, on <see cref="Vector256{T}"/>: a fused multiply-add where the
/// processor has FMA (else a multiply then an add), a rational tanh, a Cephes-style exp and the sigmoid built on it.
/// </summary>
public static class HandMath
{
    /// <summary>a·b + c: one <c>vfmadd</c> where FMA is supported, else a multiply then an add.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MulAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : a * b + c;

    /// <summary>c − a·b: one <c>vfnmadd</c> where FMA is supported.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> NegMulAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        Fma.IsSupported ? Fma.MultiplyAddNegated(a, b, c) : c - a * b;

    /// <summary>
    /// tanh as the rational function of Eigen's <c>ptanh_float</c> (odd degree-13 numerator over even degree-6
    /// denominator on [−7.905, 7.905], clamped outside, where tanh is ±1 in float): a few ulp, one division. The
    /// numerator is evaluated in Estrin form (x², x⁴ and x⁸ in parallel) to shorten the latency chain of batch-1 code.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x)
    {
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(-7.90531110763549805f)), Vector256.Create(7.90531110763549805f));
        Vector256<float> x2 = x * x;
        Vector256<float> x4 = x2 * x2;

        // p(y) = a1 + a3·y + a5·y² + a7·y³ + a9·y⁴ + a11·y⁵ + a13·y⁶ with y = x².
        Vector256<float> p01 = MulAdd(x2, Vector256.Create(6.37261928875436e-04f), Vector256.Create(4.89352455891786e-03f));
        Vector256<float> p23 = MulAdd(x2, Vector256.Create(5.12229709037114e-08f), Vector256.Create(1.48572235717979e-05f));
        Vector256<float> p45 = MulAdd(x2, Vector256.Create(2.00018790482477e-13f), Vector256.Create(-8.60467152213735e-11f));
        Vector256<float> p46 = MulAdd(x4, Vector256.Create(-2.76076847742355e-16f), p45);
        Vector256<float> p03 = MulAdd(x4, p23, p01);
        Vector256<float> p = x * MulAdd(x4 * x4, p46, p03);

        // q(y) = b0 + b2·y + b4·y² + b6·y³.
        Vector256<float> q01 = MulAdd(x2, Vector256.Create(2.26843463243900e-03f), Vector256.Create(4.89352518554385e-03f));
        Vector256<float> q23 = MulAdd(x2, Vector256.Create(1.19825839466702e-06f), Vector256.Create(1.18534705686654e-04f));
        Vector256<float> q = MulAdd(x4, q23, q01);
        return p / q;
    }

    /// <summary>
    /// eˣ (Cephes <c>expf</c>): x = n·ln 2 + r with |r| ≤ ln 2 / 2, a degree-6 polynomial for eʳ, 2ⁿ through the exponent
    /// bits. Inputs are clamped to [−87.3, 88.3] (no infinities, no subnormals); about 1 ulp.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(-87.3f)), Vector256.Create(88.3f));
        Vector256<float> n = Vector256.Round(x * Vector256.Create(1.44269504088896341f));
        Vector256<float> r = NegMulAdd(n, Vector256.Create(0.693359375f), x);
        r = NegMulAdd(n, Vector256.Create(-2.12194440e-4f), r);
        Vector256<float> p = MulAdd(Vector256.Create(1.9875691500E-4f), r, Vector256.Create(1.3981999507E-3f));
        p = MulAdd(p, r, Vector256.Create(8.3334519073E-3f));
        p = MulAdd(p, r, Vector256.Create(4.1665795894E-2f));
        p = MulAdd(p, r, Vector256.Create(1.6666665459E-1f));
        p = MulAdd(p, r, Vector256.Create(5.0000001201E-1f));
        p = MulAdd(p, r * r, r + Vector256<float>.One);
        Vector256<int> bits = (Vector256.ConvertToInt32(n) + Vector256.Create(127)) << 23;
        return p * bits.AsSingle();
    }

    /// <summary>σ(x) = 1 / (1 + e^(−x)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x) => Vector256<float>.One / (Vector256<float>.One + Exp(-x));

    /// <summary>ReLU, max(x, 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Relu(Vector256<float> x) => Vector256.Max(x, Vector256<float>.Zero);
}

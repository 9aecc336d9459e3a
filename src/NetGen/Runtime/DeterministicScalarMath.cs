using System;
using System.ComponentModel;
using static NetGen.Runtime.ErfCoefficients;
using MathF = NetGen.Runtime.DeterministicMath;

namespace NetGen.Runtime;

/// <summary>
/// <see cref="ScalarMath"/> for <c>[Network(…, Deterministic = true)]</c>: the same functions, the same operations in the
/// same order, with <see cref="DeterministicMath"/>'s exp and log instead of the platform's <see cref="System.MathF"/>
/// (the <c>MathF</c> alias above), so every result is the same bits on every machine. This file is ScalarMath.cs with
/// this header; <c>DeterministicMathTests.DeterministicScalarMath_IsScalarMathWithTheDeterministicAlias</c> checks that
/// the two stay the same text. For generated code; not part of NetGen's public contract.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DeterministicScalarMath
{
    /// <summary>
    /// Binary cross-entropy of a sigmoid output computed from its logit, as PyTorch's <c>BCELoss</c> on
    /// <c>sigmoid(logit)</c>: −(t·log σ(z) + (1 − t)·log(1 − σ(z))) with each log clamped at −100. The logs are
    /// computed as −softplus(∓z), so they stay accurate where σ(z) rounds to 0 or 1 in float.
    /// </summary>
    /// <param name="logit">The pre-activation z of the output.</param>
    /// <param name="target">The target t, usually in [0, 1].</param>
    /// <returns>The loss term of this output.</returns>
    public static float SigmoidBinaryCrossEntropy(float logit, float target)
    {
        float logY = MathF.Max(-StableSoftplus(-logit), -100f);
        float logNotY = MathF.Max(-StableSoftplus(logit), -100f);
        return -(target * logY + (1f - target) * logNotY);
    }


    // The log(1 + eˣ) of the loss: max(x, 0) + log(1 + e^−|x|), no threshold (BCE's numerics, kept as they were).
    private static float StableSoftplus(float x) => MathF.Max(x, 0f) + MathF.Log(1f + MathF.Exp(-MathF.Abs(x)));

    // The activations below follow PyTorch's definitions and its autograd's derivatives, kinks included; the double
    // reference is NetGen.Reference.ActivationMath. They are compiled for GPUs too (ILGPU), so they use only
    // arithmetic, comparisons, MathF.Exp/Log/Tanh/Max/Min/Abs and constants.
    private const float SoftplusThreshold = 20f;
    private const float GeluTanhBeta = 0.797884560802865356f;
    private const float GeluTanhKappa = 0.044715f;
    private const float Sqrt1Over2 = 0.707106781186547524f;
    private const float OneOverSqrt2Pi = 0.398942280401432678f;
    private const float DekkerSplit = 4097f;
    // Beyond these erf is ±1 and Φ is 0 or 1 in float; the clamps keep the squares finite.
    private const float ErfClamp = 10f;
    private const float NormalClamp = 14.5f;


    /// <summary>SiLU x·σ(x) = x/(1 + e^−x) (PyTorch <c>nn.SiLU</c>).</summary>
    /// <param name="x">The pre-activation.</param>
    /// <returns>SiLU(x).</returns>
    public static float Silu(float x) => x / (1f + MathF.Exp(-x));

    /// <summary>SiLU′(x) = σ(x)·(1 + x·(1 − σ(x))), with 1 − σ(x) computed as e^−x·σ(x) for x ≥ 0 (no cancellation).</summary>
    /// <param name="x">The pre-activation.</param>
    /// <returns>SiLU′(x).</returns>
    public static float SiluDerivative(float x)
    {
        float e = MathF.Exp(-x);
        float s = 1f / (1f + e);
        float oneMinusS = x < 0f ? 1f - s : e * s;
        return s * (1f + x * oneMinusS);
    }

    /// <summary>GELU x·Φ(x) (PyTorch <c>nn.GELU()</c>, exact form), Φ from erfc without cancellation.</summary>
    /// <param name="x">The pre-activation.</param>
    /// <returns>GELU(x).</returns>
    public static float Gelu(float x)
    {
        float xc = MathF.Min(MathF.Max(x, -NormalClamp), NormalClamp);
        return x * NormalCdf(xc, GaussianExp(xc));
    }

    /// <summary>GELU′(x) = Φ(x) + x·φ(x), φ the standard normal density.</summary>
    /// <param name="x">The pre-activation.</param>
    /// <returns>GELU′(x).</returns>
    public static float GeluDerivative(float x)
    {
        float xc = MathF.Min(MathF.Max(x, -NormalClamp), NormalClamp);
        float g = GaussianExp(xc);
        return NormalCdf(xc, g) + x * (g * OneOverSqrt2Pi);
    }

    /// <summary>
    /// GELU's tanh form x/2·(1 + tanh(u)), u = √(2/π)·(x + 0.044715·x³) (PyTorch <c>approximate='tanh'</c>), computed as
    /// x·σ(2u), the same value without the cancellation of 1 + tanh u for negative x.
    /// </summary>
    /// <param name="x">The pre-activation.</param>
    /// <returns>GELU-tanh(x).</returns>
    public static float GeluTanh(float x)
    {
        float u = GeluTanhBeta * x * (1f + GeluTanhKappa * x * x);
        return x / (1f + MathF.Exp(-2f * u));
    }

    /// <summary>
    /// PyTorch's GELU-tanh derivative ½(1 + t) + ½x·(1 − t²)·√(2/π)·(1 + 3·0.044715·x²), t = tanh u, computed with
    /// ½(1 + t) = σ(2u) and 1 − t² = 4σ(2u)(1 − σ(2u)).
    /// </summary>
    /// <param name="x">The pre-activation.</param>
    /// <returns>The derivative at <paramref name="x"/>.</returns>
    public static float GeluTanhDerivative(float x)
    {
        float x2 = x * x;
        float u = GeluTanhBeta * x * (1f + GeluTanhKappa * x2);
        float e = MathF.Exp(-2f * u);
        float s = 1f / (1f + e);
        float oneMinusS = x < 0f ? 1f - s : e * s;
        return s + 2f * x * s * oneMinusS * (GeluTanhBeta * (1f + 3f * GeluTanhKappa * x2));
    }

    /// <summary>ELU with α = 1: x for x &gt; 0, otherwise eˣ − 1 (accurate near 0) (PyTorch <c>nn.ELU()</c>).</summary>
    /// <param name="x">The pre-activation.</param>
    /// <returns>ELU(x).</returns>
    public static float Elu(float x) => x > 0f ? x : (x < -0.5f ? MathF.Exp(x) - 1f : ExpMinusOneNearZero(x));

    /// <summary>ELU′: 1 for x &gt; 0, otherwise eˣ (1 at 0, as PyTorch).</summary>
    /// <param name="x">The pre-activation.</param>
    /// <returns>ELU′(x).</returns>
    public static float EluDerivative(float x) => x > 0f ? 1f : MathF.Exp(x);

    /// <summary>
    /// Softplus with β = 1 and threshold 20 (PyTorch <c>nn.Softplus()</c>): x for x &gt; 20, otherwise log(1 + eˣ),
    /// computed as max(x, 0) + log1p(e^−|x|) (no overflow, accurate for negative x).
    /// </summary>
    /// <param name="x">The pre-activation.</param>
    /// <returns>softplus(x).</returns>
    public static float Softplus(float x) =>
        x > SoftplusThreshold ? x : MathF.Max(x, 0f) + LogOnePlus(MathF.Exp(-MathF.Abs(x)));

    /// <summary>Softplus′: 1 for x &gt; 20, otherwise σ(x) (PyTorch).</summary>
    /// <param name="x">The pre-activation.</param>
    /// <returns>softplus′(x).</returns>
    public static float SoftplusDerivative(float x) => x > SoftplusThreshold ? 1f : 1f / (1f + MathF.Exp(-x));

    /// <summary>
    /// Mish x·tanh(log(1 + eˣ)) (PyTorch <c>nn.Mish</c>), computed as x·n/(n + 2) with n = eˣ(eˣ + 2) (that is
    /// tanh(log(1 + eˣ))); x itself above 20, where the tanh is 1 in float.
    /// </summary>
    /// <param name="x">The pre-activation.</param>
    /// <returns>Mish(x).</returns>
    public static float Mish(float x)
    {
        float e = MathF.Exp(MathF.Min(x, SoftplusThreshold));
        float n = e * (e + 2f);
        return x > SoftplusThreshold ? x : x * (n / (n + 2f));
    }

    /// <summary>
    /// Mish′(x) = tanh(sp) + x·σ(x)·(1 − tanh²(sp)), sp = log(1 + eˣ) (PyTorch's backward), with tanh(sp) = n/(n + 2)
    /// and 1 − tanh²(sp) = 4(n + 1)/(n + 2)², n = eˣ(eˣ + 2); 1 above 20.
    /// </summary>
    /// <param name="x">The pre-activation.</param>
    /// <returns>Mish′(x).</returns>
    public static float MishDerivative(float x)
    {
        float e = MathF.Exp(MathF.Min(x, SoftplusThreshold));
        float n = e * (e + 2f);
        float d = n + 2f;
        float t = n / d;
        float oneMinusT2 = 4f * (n + 1f) / (d * d);
        float s = e / (1f + e);
        return x > SoftplusThreshold ? 1f : t + x * s * oneMinusT2;
    }

    /// <summary>The hard sigmoid min(max(x + 3, 0), 6)/6, as PyTorch computes it (<c>nn.Hardsigmoid</c>).</summary>
    /// <param name="x">The pre-activation.</param>
    /// <returns>HardSigmoid(x).</returns>
    public static float HardSigmoid(float x) => MathF.Min(MathF.Max(x + 3f, 0f), 6f) / 6f;

    /// <summary>HardSigmoid′: 1/6 for −3 &lt; x &lt; 3, 0 elsewhere, kinks (and NaN) included, as PyTorch.</summary>
    /// <param name="x">The pre-activation.</param>
    /// <returns>HardSigmoid′(x).</returns>
    public static float HardSigmoidDerivative(float x) => x > -3f && x < 3f ? 1f / 6f : 0f;

    /// <summary>The hard swish x·min(max(x + 3, 0), 6)/6, as PyTorch computes it (<c>nn.Hardswish</c>).</summary>
    /// <param name="x">The pre-activation.</param>
    /// <returns>HardSwish(x).</returns>
    public static float HardSwish(float x) => x * MathF.Min(MathF.Max(x + 3f, 0f), 6f) / 6f;

    /// <summary>
    /// PyTorch's HardSwish backward: 0 for x &lt; −3, x/3 + ½ for −3 ≤ x ≤ 3, otherwise 1 (NaN gives 1, as PyTorch).
    /// </summary>
    /// <param name="x">The pre-activation.</param>
    /// <returns>HardSwish′(x).</returns>
    public static float HardSwishDerivative(float x) => x < -3f ? 0f : x <= 3f ? x / 3f + 0.5f : 1f;

    /// <summary>The error function (Cody's rational approximations in float): a few ulps; odd; ±1 beyond ±3.9.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>erf x.</returns>
    public static float Erf(float x)
    {
        float y = MathF.Min(MathF.Abs(x), ErfClamp);
        float hi = y * y;
        float g = MathF.Exp(-hi) * (1f - SquareLow(y, hi));
        float r = 1f - g * ErfcRatio(y);
        return MathF.Abs(x) <= ErfSmall ? ErfNearZero(x) : (x < 0f ? -r : r);
    }

    // e^(−x²/2) with x² taken exactly as hi + lo (so that the exponential is not off by x²·2⁻²⁴ relative).
    private static float GaussianExp(float x)
    {
        float hi = x * x;
        return MathF.Exp(-0.5f * hi) * (1f - 0.5f * SquareLow(x, hi));
    }

    // Φ(x) = ½·erfc(t), t = −x/√2, given g = e^(−x²/2) = e^(−t²).
    private static float NormalCdf(float x, float g)
    {
        float t = -x * Sqrt1Over2;
        float at = MathF.Abs(t);
        float c = 0.5f * g * ErfcRatio(at);
        return at <= ErfSmall ? 0.5f - 0.5f * ErfNearZero(t) : (t < 0f ? 1f - c : c);
    }

    // The low part of y·y = hi + lo (Dekker: y split into halves of 12 bits), for |y| below 2^60.
    private static float SquareLow(float y, float hi)
    {
        float c = DekkerSplit * y;
        float yh = c - (c - y);
        float yl = y - yh;
        return yh * yh - hi + 2f * yh * yl + yl * yl;
    }

    // erf x = x·A(x²)/B(x²) for |x| ≤ 0.46875.
    private static float ErfNearZero(float x)
    {
        float z = x * x;
        float n = ((ErfA4 * z + ErfA0) * z + ErfA1) * z + ErfA2;
        float d = ((z + ErfB0) * z + ErfB1) * z + ErfB2;
        return x * (n * z + ErfA3) / (d * z + ErfB3);
    }

    // erfc(y)·e^(y²) for y > 0.46875.
    private static float ErfcRatio(float y)
    {
        float n = ((((((ErfC8 * y + ErfC0) * y + ErfC1) * y + ErfC2) * y + ErfC3) * y + ErfC4) * y + ErfC5) * y + ErfC6;
        float d = ((((((y + ErfD0) * y + ErfD1) * y + ErfD2) * y + ErfD3) * y + ErfD4) * y + ErfD5) * y + ErfD6;
        float middle = (n * y + ErfC7) / (d * y + ErfD7);
        float z = 1f / (y * y);
        float p = (((ErfP5 * z + ErfP0) * z + ErfP1) * z + ErfP2) * z + ErfP3;
        float q = (((z + ErfQ0) * z + ErfQ1) * z + ErfQ2) * z + ErfQ3;
        float tail = (OneOverSqrtPi - z * (p * z + ErfP4) / (q * z + ErfQ4)) / y;
        return y <= ErfcMiddle ? middle : tail;
    }

    // eˣ − 1 for −0.5 ≤ x ≤ 0: its Taylor series to x⁹ (remainder below 3e-9 relative).
    private static float ExpMinusOneNearZero(float x) =>
        x * (1f + x * (1f / 2f + x * (1f / 6f + x * (1f / 24f + x * (1f / 120f + x * (1f / 720f
            + x * (1f / 5040f + x * (1f / 40320f + x * (1f / 362880f)))))))));

    // log(1 + u) for 0 ≤ u ≤ 1 without losing u's low bits (Goldberg: log(w)·u/(w − 1), w = 1 + u rounded).
    private static float LogOnePlus(float u)
    {
        float w = 1f + u;
        return w == 1f ? u : MathF.Log(w) * u / (w - 1f);
    }
}

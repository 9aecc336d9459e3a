using System;
using System.Linq;
using System.IO;
using NetGen.Runtime;
using Xunit;

namespace NetGen.Tests.Determinism;

/// <summary>
/// NetGen's deterministic exp, log and tanh (<see cref="DeterministicMath"/>) against <see cref="Math"/> in double over
/// wide ranges (every float exponent, the extremes, subnormals), their special values (NaN, ±∞, ±0), monotonicity, and the
/// deterministic copy of <see cref="ScalarMath"/>.
/// </summary>
public sealed class DeterministicMathTests
{
    // The double computation is within about 1e-15 relative, then rounded once: the float result is the correctly
    // rounded one except next to a halfway case, so the bound is just above half an ulp.
    private const double MaxUlps = 0.501;

    [Fact]
    public void Exp_IsWithinHalfAnUlp_OverEveryExponentRange()
    {
        double worst = 0;
        // Evenly spaced over the whole finite range it can return, plus the overflow and underflow edges.
        for (int i = 0; i <= 2_000_000; i++)
        {
            float x = -104f + 193f * i / 2_000_000f;
            worst = Math.Max(worst, Ulps(DeterministicMath.Exp(x), Math.Exp(x)));
        }
        // Every float in [−1, 1] whose bits are multiples of 64 (tiny arguments, where eˣ is 1 + x).
        for (int bits = 0; bits < 0x3F800000; bits += 64)
        {
            float x = BitConverter.Int32BitsToSingle(bits);
            worst = Math.Max(worst, Ulps(DeterministicMath.Exp(x), Math.Exp(x)));
            worst = Math.Max(worst, Ulps(DeterministicMath.Exp(-x), Math.Exp(-x)));
        }
        Assert.True(worst <= MaxUlps, $"Exp: {worst} ulps");
    }

    [Fact]
    public void Exp_SpecialValuesAndEdges()
    {
        Assert.True(float.IsNaN(DeterministicMath.Exp(float.NaN)));
        Assert.Equal(float.PositiveInfinity, DeterministicMath.Exp(float.PositiveInfinity));
        Assert.Equal(0f, DeterministicMath.Exp(float.NegativeInfinity));
        Assert.Equal(1f, DeterministicMath.Exp(0f));
        Assert.Equal(1f, DeterministicMath.Exp(-0f));
        Assert.Equal(float.PositiveInfinity, DeterministicMath.Exp(88.7229f));
        Assert.Equal((float)Math.Exp(88.72283f), DeterministicMath.Exp(88.72283f));   // the largest finite result
        Assert.Equal(float.Epsilon, DeterministicMath.Exp(-103.9f));                  // a subnormal result, rounded once
        Assert.Equal(0f, DeterministicMath.Exp(-104f));
        Assert.Equal(0f, DeterministicMath.Exp(float.MinValue));
        Assert.Equal(float.PositiveInfinity, DeterministicMath.Exp(float.MaxValue));
        for (float x = -103f; x < 88f; x += 0.37f) Assert.Equal((float)Math.Exp(x), DeterministicMath.Exp(x));
    }

    [Fact]
    public void Log_IsWithinHalfAnUlp_OverEveryFloat()
    {
        double worst = 0;
        // Every 509th positive finite float bit pattern: all exponents, subnormals included.
        for (long bits = 1; bits < 0x7F800000L; bits += 509)
        {
            float x = BitConverter.Int32BitsToSingle((int)bits);
            worst = Math.Max(worst, Ulps(DeterministicMath.Log(x), Math.Log(x)));
        }
        // Every float in [0.5, 2] whose bits are multiples of 8 (around 1, where log x is small).
        for (int bits = 0x3F000000; bits <= 0x40000000; bits += 8)
        {
            float x = BitConverter.Int32BitsToSingle(bits);
            worst = Math.Max(worst, Ulps(DeterministicMath.Log(x), Math.Log(x)));
        }
        Assert.True(worst <= MaxUlps, $"Log: {worst} ulps");
    }

    [Fact]
    public void Log_SpecialValues()
    {
        Assert.True(float.IsNaN(DeterministicMath.Log(float.NaN)));
        Assert.True(float.IsNaN(DeterministicMath.Log(-1f)));
        Assert.True(float.IsNaN(DeterministicMath.Log(float.NegativeInfinity)));
        Assert.True(float.IsNaN(DeterministicMath.Log(-float.Epsilon)));
        Assert.Equal(float.NegativeInfinity, DeterministicMath.Log(0f));
        Assert.Equal(float.NegativeInfinity, DeterministicMath.Log(-0f));
        Assert.Equal(float.PositiveInfinity, DeterministicMath.Log(float.PositiveInfinity));
        Assert.Equal(0f, DeterministicMath.Log(1f));
        Assert.Equal((float)Math.Log(float.Epsilon), DeterministicMath.Log(float.Epsilon));
        Assert.Equal((float)Math.Log(float.MaxValue), DeterministicMath.Log(float.MaxValue));
        Assert.Equal((float)Math.Log(2.0), DeterministicMath.Log(2f));
    }

    [Fact]
    public void Tanh_IsWithinHalfAnUlp_OverWideRanges()
    {
        double worst = 0;
        for (int i = 0; i <= 2_000_000; i++)
        {
            float x = -12f + 24f * i / 2_000_000f;
            worst = Math.Max(worst, Ulps(DeterministicMath.Tanh(x), Math.Tanh(x)));
        }
        // Every positive float below 12 whose bits are multiples of 64 (subnormals to saturation), and its negation.
        for (int bits = 1; bits < 0x41400000; bits += 64)
        {
            float x = BitConverter.Int32BitsToSingle(bits);
            worst = Math.Max(worst, Ulps(DeterministicMath.Tanh(x), Math.Tanh(x)));
            worst = Math.Max(worst, Ulps(DeterministicMath.Tanh(-x), Math.Tanh(-x)));
        }
        Assert.True(worst <= MaxUlps, $"Tanh: {worst} ulps");
    }

    [Fact]
    public void Tanh_SpecialValuesAndOddness()
    {
        Assert.True(float.IsNaN(DeterministicMath.Tanh(float.NaN)));
        Assert.Equal(1f, DeterministicMath.Tanh(float.PositiveInfinity));
        Assert.Equal(-1f, DeterministicMath.Tanh(float.NegativeInfinity));
        Assert.Equal(1f, DeterministicMath.Tanh(float.MaxValue));
        Assert.Equal(0, BitConverter.SingleToInt32Bits(DeterministicMath.Tanh(0f)));
        Assert.Equal(BitConverter.SingleToInt32Bits(-0f), BitConverter.SingleToInt32Bits(DeterministicMath.Tanh(-0f)));
        Assert.Equal(float.Epsilon, DeterministicMath.Tanh(float.Epsilon));
        for (float x = 0f; x < 12f; x += 0.0137f) Assert.Equal(-DeterministicMath.Tanh(x), DeterministicMath.Tanh(-x));
    }

    [Fact]
    public void ExpLogTanh_AreMonotonic()
    {
        float previousExp = 0f, previousLog = float.NegativeInfinity, previousTanh = -1f;
        for (int i = 0; i <= 1_000_000; i++)
        {
            float e = DeterministicMath.Exp(-104f + 193f * i / 1_000_000f);
            Assert.True(e >= previousExp, $"Exp decreases at step {i}");
            previousExp = e;
            float t = DeterministicMath.Tanh(-10f + 20f * i / 1_000_000f);
            Assert.True(t >= previousTanh, $"Tanh decreases at step {i}");
            previousTanh = t;
        }
        // Log over consecutive floats across the switch at √2 and around 1, where the reduction changes.
        foreach (float start in new[] { 0.9999f, 1.4141f, 0.7071f })
        {
            float x = start;
            previousLog = DeterministicMath.Log(x);
            for (int i = 0; i < 100_000; i++)
            {
                x = MathF.BitIncrement(x);
                float l = DeterministicMath.Log(x);
                Assert.True(l >= previousLog, $"Log decreases at {x:R}");
                previousLog = l;
            }
        }
    }

    [Fact]
    public void Pow_IsExactSquaring_AndCloseToMathPow()
    {
        Assert.Equal(1.0, DeterministicMath.Pow(0.9, 0));
        Assert.Equal(0.9, DeterministicMath.Pow(0.9, 1));
        Assert.Equal(0.9 * 0.9, DeterministicMath.Pow(0.9, 2));
        Assert.Equal(0.5 * 0.5 * 0.5 * 0.5 * 0.5, DeterministicMath.Pow(0.5, 5));
        foreach (double b in new[] { 0.9, 0.999, (double)0.9f, (double)0.999f, 0.5, 1.0 })
        {
            foreach (long n in new long[] { 1, 2, 3, 7, 10, 100, 1_000, 12_345, 1_000_000, 123_456_789 })
            {
                double expected = Math.Pow(b, n), actual = DeterministicMath.Pow(b, n);
                // Each squaring doubles the relative error: below about n double ulps (as 1 − βᵗ in Adam, at most 1e-13 absolute).
                Assert.True(Math.Abs(actual - expected) <= (4.0 + n) * 1.2e-16 * expected + 1e-300, $"{b}^{n}: {actual:R} vs {expected:R}");
                Assert.True(Math.Abs(actual - expected) <= 1e-13, $"{b}^{n}: {actual:R} vs {expected:R}");
            }
        }
    }

    /// <summary>
    /// DeterministicScalarMath is derived from ScalarMath.cs at build time (NetGen.csproj, NetGenDeriveDeterministicScalarMath):
    /// the same public functions, and no second source file to drift.
    /// </summary>
    [Fact]
    public void DeterministicScalarMath_IsDerivedFromScalarMath()
    {
        string folder = Path.Combine(RepositoryRoot(), "src", "NetGen");
        Assert.False(File.Exists(Path.Combine(folder, "Runtime", "DeterministicScalarMath.cs")), "a hand-written copy of ScalarMath");
        Assert.Contains("NetGenDeriveDeterministicScalarMath", File.ReadAllText(Path.Combine(folder, "NetGen.csproj")));
        static string[] Functions(Type type) => type.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Select(m => m.ToString()!).OrderBy(m => m, StringComparer.Ordinal).ToArray();
        Assert.Equal(Functions(typeof(ScalarMath)), Functions(typeof(DeterministicScalarMath)));
    }

    [Fact]
    public void DeterministicScalarMath_AgreesWithScalarMath()
    {
        var functions = new (string Name, Func<float, float> Scalar, Func<float, float> Deterministic)[]
        {
            ("Silu", ScalarMath.Silu, DeterministicScalarMath.Silu), ("SiluDerivative", ScalarMath.SiluDerivative, DeterministicScalarMath.SiluDerivative),
            ("Gelu", ScalarMath.Gelu, DeterministicScalarMath.Gelu), ("GeluDerivative", ScalarMath.GeluDerivative, DeterministicScalarMath.GeluDerivative),
            ("GeluTanh", ScalarMath.GeluTanh, DeterministicScalarMath.GeluTanh), ("GeluTanhDerivative", ScalarMath.GeluTanhDerivative, DeterministicScalarMath.GeluTanhDerivative),
            ("Elu", ScalarMath.Elu, DeterministicScalarMath.Elu), ("EluDerivative", ScalarMath.EluDerivative, DeterministicScalarMath.EluDerivative),
            ("Softplus", ScalarMath.Softplus, DeterministicScalarMath.Softplus), ("SoftplusDerivative", ScalarMath.SoftplusDerivative, DeterministicScalarMath.SoftplusDerivative),
            ("Mish", ScalarMath.Mish, DeterministicScalarMath.Mish), ("MishDerivative", ScalarMath.MishDerivative, DeterministicScalarMath.MishDerivative),
            ("Erf", ScalarMath.Erf, DeterministicScalarMath.Erf),
            ("HardSwish", ScalarMath.HardSwish, DeterministicScalarMath.HardSwish),
            ("Bce(t=0.3)", z => ScalarMath.SigmoidBinaryCrossEntropy(z, 0.3f), z => DeterministicScalarMath.SigmoidBinaryCrossEntropy(z, 0.3f)),
        };
        foreach (var f in functions)
        {
            for (float x = -40f; x <= 40f; x += 1f / 512f)
            {
                float a = f.Scalar(x), b = f.Deterministic(x);
                Assert.True(Math.Abs(a - b) <= 1e-6 * Math.Max(1.0, Math.Abs(a)), $"{f.Name}({x:R}): ScalarMath {a:R}, DeterministicScalarMath {b:R}");
            }
            Assert.Equal(float.IsNaN(f.Scalar(float.NaN)), float.IsNaN(f.Deterministic(float.NaN)));
        }
    }

    // |actual − reference| in units of the last place of the float nearest the reference (the smallest subnormal at 0).
    private static double Ulps(float actual, double reference)
    {
        if (double.IsNaN(reference)) return float.IsNaN(actual) ? 0 : double.PositiveInfinity;
        float nearest = (float)reference;
        if (float.IsInfinity(nearest)) return actual == nearest ? 0 : double.PositiveInfinity;
        float magnitude = Math.Abs(nearest);
        double ulp = magnitude == float.MaxValue ? magnitude - (double)MathF.BitDecrement(magnitude) : MathF.BitIncrement(magnitude) - (double)magnitude;
        return Math.Abs(actual - reference) / ulp;
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NetGen.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("NetGen.sln not found above " + AppContext.BaseDirectory);
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using System.Text;
using NetGen.Runtime;

namespace NetGen.Tests.Simd;

public sealed class VectorMathTests
{
    public static IEnumerable<object[]> Widths()
    {
        foreach (int width in VectorMathAccuracy.Widths)
        {
            yield return new object[] { width };
        }
    }

    public static IEnumerable<object[]> Functions()
    {
        foreach (MathCase c in VectorMathAccuracy.Cases)
        {
            yield return new object[] { c.Name };
        }
    }

    // Dense sweeps, random bit patterns over the whole float range and special values, each against double precision,
    // at every width.
    [Theory]
    [MemberData(nameof(Functions))]
    public void StaysWithinItsErrorBound(string function)
    {
        MathCase c = VectorMathAccuracy.Case(function);
        var failures = new List<string>();
        foreach (Sweep sweep in c.Sweeps)
        {
            ErrorStats[] stats = VectorMathAccuracy.Measure(c, sweep);
            for (int w = 0; w < stats.Length; w++)
            {
                foreach (string failure in stats[w].Failures)
                {
                    failures.Add($"{VectorMathAccuracy.Widths[w]}-bit: {failure}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{function} (bound {c.Bound}):\n" + string.Join("\n", failures));
    }

    // The same algorithm on every width: the lanes agree bit for bit (MultiplyAdd rounds alike on every width).
    [Theory]
    [MemberData(nameof(Functions))]
    public void AllWidthsAgreeBitForBit(string function)
    {
        MathCase c = VectorMathAccuracy.Case(function);
        const int n = 1 << 16;
        float[] x = new float[n];
        float[] t = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = i < VectorMathAccuracy.Specials.Length
                ? VectorMathAccuracy.Specials[i]
                : (i & 1) == 0 ? VectorMathAccuracy.RandomBits(i, 7) : (float)((i - n / 2) * (200.0 / n));
            t[i] = VectorMathAccuracy.Uniform01(i, 8);
        }

        float[] y128 = new float[n];
        float[] y256 = new float[n];
        float[] y512 = new float[n];
        VectorMathAccuracy.Apply(c, 128, x, t, y128);
        VectorMathAccuracy.Apply(c, 256, x, t, y256);
        VectorMathAccuracy.Apply(c, 512, x, t, y512);
        for (int i = 0; i < n; i++)
        {
            Assert.True(SameValue(y128[i], y256[i]) && SameValue(y128[i], y512[i]),
                $"{function}({x[i]:R}, {t[i]:R}): {y128[i]:R} / {y256[i]:R} / {y512[i]:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Exp_SpecialValues(int width)
    {
        Assert.Equal(1f, Unary(nameof(VectorMath.Exp), width, 0f));
        Assert.Equal(1f, Unary(nameof(VectorMath.Exp), width, -0f));
        Assert.Equal(0f, Unary(nameof(VectorMath.Exp), width, float.NegativeInfinity));
        Assert.Equal(0f, Unary(nameof(VectorMath.Exp), width, -104f));
        Assert.Equal(0f, Unary(nameof(VectorMath.Exp), width, -float.MaxValue));
        Assert.Equal(float.PositiveInfinity, Unary(nameof(VectorMath.Exp), width, float.PositiveInfinity));
        Assert.Equal(float.PositiveInfinity, Unary(nameof(VectorMath.Exp), width, 88.72284f));
        Assert.Equal(float.PositiveInfinity, Unary(nameof(VectorMath.Exp), width, float.MaxValue));
        Assert.True(float.IsFinite(Unary(nameof(VectorMath.Exp), width, 88.72283f)));
        Assert.True(float.IsNormal(Unary(nameof(VectorMath.Exp), width, -87.33654f)));
        Assert.True(float.IsSubnormal(Unary(nameof(VectorMath.Exp), width, -100f)));
        Assert.True(float.IsNaN(Unary(nameof(VectorMath.Exp), width, float.NaN)));
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Log_SpecialValues(int width)
    {
        Assert.Equal(0f, Unary(nameof(VectorMath.Log), width, 1f));
        Assert.Equal(float.NegativeInfinity, Unary(nameof(VectorMath.Log), width, 0f));
        Assert.Equal(float.NegativeInfinity, Unary(nameof(VectorMath.Log), width, -0f));
        Assert.Equal(float.PositiveInfinity, Unary(nameof(VectorMath.Log), width, float.PositiveInfinity));
        Assert.True(float.IsNaN(Unary(nameof(VectorMath.Log), width, -1f)));
        Assert.True(float.IsNaN(Unary(nameof(VectorMath.Log), width, -float.Epsilon)));
        Assert.True(float.IsNaN(Unary(nameof(VectorMath.Log), width, float.NegativeInfinity)));
        Assert.True(float.IsNaN(Unary(nameof(VectorMath.Log), width, float.NaN)));
        Assert.Equal(-103.27893f, Unary(nameof(VectorMath.Log), width, float.Epsilon), 4e-5f);
        Assert.Equal(88.72284f, Unary(nameof(VectorMath.Log), width, float.MaxValue), 4e-5f);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void ClampedLog_ClampsAtMinus100(int width)
    {
        Assert.Equal(-100f, Unary(nameof(VectorMath.ClampedLog), width, 0f));
        Assert.Equal(-100f, Unary(nameof(VectorMath.ClampedLog), width, float.Epsilon));
        Assert.Equal(-100f, Unary(nameof(VectorMath.ClampedLog), width, 3e-44f));
        Assert.Equal(0f, Unary(nameof(VectorMath.ClampedLog), width, 1f));
        Assert.Equal(float.PositiveInfinity, Unary(nameof(VectorMath.ClampedLog), width, float.PositiveInfinity));
        Assert.True(float.IsNaN(Unary(nameof(VectorMath.ClampedLog), width, -1f)));
        Assert.True(float.IsNaN(Unary(nameof(VectorMath.ClampedLog), width, float.NaN)));
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Tanh_IsOddAndSaturates(int width)
    {
        MathCase c = VectorMathAccuracy.Case("Tanh");
        const int n = 1 << 16;
        float[] x = new float[n];
        float[] minusX = new float[n];
        float[] t = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = (i & 1) == 0 ? VectorMathAccuracy.RandomBits(i, 9) : i * (12f / n);
            minusX[i] = -x[i];
        }

        float[] y = new float[n];
        float[] yMinus = new float[n];
        VectorMathAccuracy.Apply(c, width, x, t, y);
        VectorMathAccuracy.Apply(c, width, minusX, t, yMinus);
        for (int i = 0; i < n; i++)
        {
            Assert.True(SameValue(-y[i], yMinus[i]) || float.IsNaN(x[i]), $"tanh({x[i]:R}) = {y[i]:R}, tanh(-x) = {yMinus[i]:R}");
        }

        Assert.Equal(1f, Unary(nameof(VectorMath.Tanh), width, float.PositiveInfinity));
        Assert.Equal(-1f, Unary(nameof(VectorMath.Tanh), width, float.NegativeInfinity));
        Assert.Equal(1f, Unary(nameof(VectorMath.Tanh), width, 9.1f));
        Assert.Equal(-1f, Unary(nameof(VectorMath.Tanh), width, -float.MaxValue));
        Assert.Equal(0f, Unary(nameof(VectorMath.Tanh), width, 0f));
        Assert.True(float.IsNegative(Unary(nameof(VectorMath.Tanh), width, -0f)));
        Assert.True(float.IsNaN(Unary(nameof(VectorMath.Tanh), width, float.NaN)));
    }

    // tanh x = x exactly below 2⁻¹³ (the correctly rounded value: x²/3 is under half an ulp there), subnormals and
    // zeros of either sign included: a sample of 2²⁰ bit patterns spread over [0, 2⁻¹³) and their negatives.
    [Theory]
    [MemberData(nameof(Widths))]
    public void Tanh_IsExactlyXForTinyArguments(int width)
    {
        const int n = 1 << 20;
        int limit = BitConverter.SingleToInt32Bits(1.2207031e-4f);
        float[] x = new float[2 * n];
        for (int i = 0; i < n; i++)
        {
            x[i] = BitConverter.Int32BitsToSingle((int)((long)limit * i / n + (i & 7)));
            x[n + i] = -x[i];
        }

        float[] y = Apply("Tanh", width, x);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.True(SameValue(x[i], y[i]), $"tanh({x[i]:R}) = {y[i]:R}");
        }
    }

    // |tanh x| ≤ 1 everywhere, and exactly 1 (with x's sign) from 9.1 on: every float in [9.1, 9.1 + 2²⁰ ulps], a dense
    // sweep to 100 and random bit patterns.
    [Theory]
    [MemberData(nameof(Widths))]
    public void Tanh_IsAtMostOneAndExactlyOneFrom9Point1(int width)
    {
        const int n = 1 << 20;
        float[] x = new float[4 * n];
        int start = BitConverter.SingleToInt32Bits(9.1f);
        for (int i = 0; i < n; i++)
        {
            x[i] = BitConverter.Int32BitsToSingle(start + i);
            x[n + i] = -(9.1f + i * (91f / n));
            x[2 * n + i] = VectorMathAccuracy.RandomBits(i, 14);
            x[3 * n + i] = (float)((i - n / 2) * (24.0 / n));
        }

        float[] y = Apply("Tanh", width, x);
        for (int i = 0; i < x.Length; i++)
        {
            if (float.IsNaN(x[i]))
            {
                Assert.True(float.IsNaN(y[i]));
                continue;
            }

            Assert.True(MathF.Abs(y[i]) <= 1f, $"tanh({x[i]:R}) = {y[i]:R}");
            if (MathF.Abs(x[i]) >= 9.1f)
            {
                Assert.True(y[i] == MathF.CopySign(1f, x[i]), $"tanh({x[i]:R}) = {y[i]:R}");
            }
        }
    }

    // 0 ≤ σ ≤ 1 everywhere, exactly 1 from 18 on and exactly 0 below −20.
    [Theory]
    [MemberData(nameof(Widths))]
    public void Sigmoid_StaysInZeroOneAndSaturates(int width)
    {
        const int n = 1 << 20;
        float[] x = new float[2 * n];
        for (int i = 0; i < n; i++)
        {
            x[i] = (float)((i - n / 2) * (100.0 / n));
            x[n + i] = VectorMathAccuracy.RandomBits(i, 15);
        }

        float[] y = Apply("Sigmoid", width, x);
        for (int i = 0; i < x.Length; i++)
        {
            if (float.IsNaN(x[i]))
            {
                Assert.True(float.IsNaN(y[i]));
                continue;
            }

            Assert.True(y[i] >= 0f && y[i] <= 1f, $"σ({x[i]:R}) = {y[i]:R}");
            if (x[i] >= 18f)
            {
                Assert.True(y[i] == 1f, $"σ({x[i]:R}) = {y[i]:R}");
            }

            if (x[i] < -20f)
            {
                Assert.True(SameValue(0f, y[i]), $"σ({x[i]:R}) = {y[i]:R}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Sigmoid_IsZeroAndOneAtTheExtremes(int width)
    {
        Assert.Equal(0f, Unary(nameof(VectorMath.Sigmoid), width, float.NegativeInfinity));
        Assert.Equal(0f, Unary(nameof(VectorMath.Sigmoid), width, -200f));
        Assert.Equal(0f, Unary(nameof(VectorMath.Sigmoid), width, -float.MaxValue));
        Assert.Equal(1f, Unary(nameof(VectorMath.Sigmoid), width, float.PositiveInfinity));
        Assert.Equal(1f, Unary(nameof(VectorMath.Sigmoid), width, 20f));
        Assert.Equal(1f, Unary(nameof(VectorMath.Sigmoid), width, float.MaxValue));
        Assert.Equal(0.5f, Unary(nameof(VectorMath.Sigmoid), width, 0f));
        Assert.True(float.IsNaN(Unary(nameof(VectorMath.Sigmoid), width, float.NaN)));
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Softplus_SpecialValues(int width)
    {
        Assert.Equal(float.PositiveInfinity, Unary(nameof(VectorMath.Softplus), width, float.PositiveInfinity));
        Assert.Equal(0f, Unary(nameof(VectorMath.Softplus), width, float.NegativeInfinity));
        Assert.Equal(float.MaxValue, Unary(nameof(VectorMath.Softplus), width, float.MaxValue));
        Assert.Equal(1000f, Unary(nameof(VectorMath.Softplus), width, 1000f));
        Assert.Equal(0f, Unary(nameof(VectorMath.Softplus), width, -1000f));
        Assert.Equal(MathF.Log(2f), Unary(nameof(VectorMath.Softplus), width, 0f), 1e-7f);
        Assert.True(float.IsNaN(Unary(nameof(VectorMath.Softplus), width, float.NaN)));
    }

    // The same definition as the scalar helper the scalar emitter calls; exact at the clamps.
    [Theory]
    [MemberData(nameof(Widths))]
    public void SigmoidBinaryCrossEntropy_MatchesScalarMath(int width)
    {
        MathCase c = VectorMathAccuracy.Case("SigmoidBinaryCrossEntropy");
        const int n = 1 << 16;
        float[] z = new float[n];
        float[] t = new float[n];
        for (int i = 0; i < n; i++)
        {
            z[i] = i < 64 ? new[] { float.NegativeInfinity, float.PositiveInfinity, -1000f, 1000f, -100.5f, 100.5f, -99f, 99f }[i & 7]
                : (float)((i - n / 2) * (240.0 / n));
            t[i] = (i >> 3 & 3) switch { 0 => 0f, 1 => 1f, 2 => 0.5f, _ => VectorMathAccuracy.Uniform01(i, 10) };
        }

        float[] y = new float[n];
        VectorMathAccuracy.Apply(c, width, z, t, y);
        for (int i = 0; i < n; i++)
        {
            float scalar = ScalarMath.SigmoidBinaryCrossEntropy(z[i], t[i]);
            float tolerance = 1e-6f * MathF.Max(1f, MathF.Abs(scalar));
            Assert.True(MathF.Abs(y[i] - scalar) <= tolerance, $"BCE({z[i]:R}, {t[i]:R}) = {y[i]:R}, scalar {scalar:R}");
            if (i < 64)
            {
                Assert.Equal(scalar, y[i]);
            }
        }

        Assert.True(float.IsNaN(Binary(nameof(VectorMath.SigmoidBinaryCrossEntropy), width, float.NaN, 0.5f)));
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void MultiplyAdd_IsFusedWhereTheProcessorHasFma(int width)
    {
        bool fused = Fma.IsSupported || AdvSimd.IsSupported || (width == 512 && Avx512F.IsSupported);
        const int n = 1 << 12;
        float[] a = new float[n];
        float[] b = new float[n];
        float[] c = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = 1f + VectorMathAccuracy.Uniform01(i, 11);
            b[i] = 1f + VectorMathAccuracy.Uniform01(i, 12);
            c[i] = -a[i] * b[i] + (i % 3 == 0 ? VectorMathAccuracy.RandomBits(i, 13) : 0f);
        }

        int lanes = width / 32;
        for (int i = 0; i < n; i += lanes)
        {
            switch (width)
            {
                case 128:
                    VectorMath.MultiplyAdd(Vector128.Create(a.AsSpan(i, lanes)), Vector128.Create(b.AsSpan(i, lanes)),
                        Vector128.Create(c.AsSpan(i, lanes))).CopyTo(y.AsSpan(i));
                    break;
                case 256:
                    VectorMath.MultiplyAdd(Vector256.Create(a.AsSpan(i, lanes)), Vector256.Create(b.AsSpan(i, lanes)),
                        Vector256.Create(c.AsSpan(i, lanes))).CopyTo(y.AsSpan(i));
                    break;
                default:
                    VectorMath.MultiplyAdd(Vector512.Create(a.AsSpan(i, lanes)), Vector512.Create(b.AsSpan(i, lanes)),
                        Vector512.Create(c.AsSpan(i, lanes))).CopyTo(y.AsSpan(i));
                    break;
            }
        }

        int differ = 0;
        for (int i = 0; i < n; i++)
        {
            float expected = fused ? MathF.FusedMultiplyAdd(a[i], b[i], c[i]) : a[i] * b[i] + c[i];
            Assert.True(SameValue(expected, y[i]), $"{a[i]:R}·{b[i]:R} + {c[i]:R} = {y[i]:R}, expected {expected:R}");
            differ += MathF.FusedMultiplyAdd(a[i], b[i], c[i]) != a[i] * b[i] + c[i] ? 1 : 0;
        }

        Assert.True(differ > n / 4, "the inputs should tell fused from unfused");
    }

    // NETGEN_WRITE_ACCURACY=1 regenerates docs/simd-accuracy.md from the measured maxima; other runs write nothing.
    [Fact]
    public void WriteAccuracyTable()
    {
        if (Environment.GetEnvironmentVariable("NETGEN_WRITE_ACCURACY") != "1")
        {
            return;
        }

        var text = new StringBuilder();
        text.AppendLine("# SIMD math accuracy");
        text.AppendLine();
        text.AppendLine("Maximum errors of `NetGen.Runtime.VectorMath` (src/NetGen/Runtime/Simd) against double-precision");
        text.AppendLine("references (`Math.Exp`, `Math.Log`, `Math.Tanh`, …), measured by");
        text.AppendLine("`tests/NetGen.Tests/Simd/VectorMathTests.cs` on every lane of every input listed. Regenerate with");
        text.AppendLine("`NETGEN_WRITE_ACCURACY=1 dotnet test --filter \"FullyQualifiedName~NetGen.Tests.Simd.VectorMathTests.WriteAccuracyTable\"`;");
        text.AppendLine("the asserting tests (`StaysWithinItsErrorBound`) check the bounds on every run.");
        text.AppendLine();
        text.AppendLine("Relative errors count only references of normal magnitude (≥ 2⁻¹²⁶). Special results (NaN, ±∞)");
        text.AppendLine("must match exactly and add nothing to the columns. The bound asserted is the one that matters: relative");
        text.AppendLine("for `Exp`, `Log` and `ClampedLog` (their absolute errors are just half an ulp of large results) and for");
        text.AppendLine("`Tanh` (|tanh| ≤ 1, so its absolute error is under the same bound), absolute for the others. `Sigmoid`'s");
        text.AppendLine("relative error grows where σ is tiny (up to 3.4 near x = −20, where σ is 2e-9 and the absolute error");
        text.AppendLine("below 1e-8): its bound is absolute by design (docs/simd.md, \"Tanh and sigmoid\"). `Tanh` and `Sigmoid` are");
        text.AppendLine("also measured on every float, here with FMA; without FMA (`DOTNET_EnableAVX2=0`, 128 bits) every");
        text.AppendLine("float gave `Tanh` 1.21E-07 absolute and 1.59E-07 relative, `Sigmoid` 1.26E-07 absolute.");
        text.AppendLine("`SigmoidBinaryCrossEntropy` computes log(1 + e^−|x|) as the scalar `ScalarMath` does,");
        text.AppendLine("so below z ≈ −17 its softplus rounds to 0 (relative error 1, absolute below 4e-8); `Softplus`, the activation");
        text.AppendLine("(PyTorch's threshold 20), takes log1p(e^−|x|) without that loss.");
        text.AppendLine("Widths listed together in one row gave identical maxima. The asserting tests also pass with");
        text.AppendLine("`DOTNET_EnableAVX=0` (no FMA; 256 and 512 bits in software) and `DOTNET_EnableHWIntrinsic=0` (all");
        text.AppendLine("software); without FMA the maxima differ only in their last digits. The multiply-adds inside these functions,");
        text.AppendLine("like those of the generated lane code, are fused where the processor has FMA and a multiply then an add (two");
        text.AppendLine("roundings) where it has not, never a software fused multiply-add (docs/simd.md, \"Multiply-adds\"); in .NET 10 FMA is");
        text.AppendLine("switched off with `DOTNET_EnableAVX2=0` (`DOTNET_EnableFMA` no longer exists). `Softplus`'s relative errors");
        text.AppendLine("below x ≈ −25 are those of its double reference (log(1 + eˣ) in double), not its own (see the activations below).");
        text.AppendLine();
        bool fma = Fma.IsSupported || AdvSimd.IsSupported;
        text.AppendLine(FormattableString.Invariant(
            $"Measured on {RuntimeInformation.ProcessArchitecture}, {RuntimeInformation.FrameworkDescription}: FMA {fma}, AVX-512F {Avx512F.IsSupported}, hardware-accelerated widths: 128 {Vector128.IsHardwareAccelerated}, 256 {Vector256.IsHardwareAccelerated}, 512 {Vector512.IsHardwareAccelerated}"));
        text.AppendLine("(a width that is not accelerated runs .NET's software fallback; every width gives the same bits).");
        text.AppendLine();
        text.AppendLine("| function | width | bound asserted | inputs | max abs error | at x | max rel error | at x |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (MathCase c in VectorMathAccuracy.ThoroughCases())
        {
            foreach (Sweep sweep in c.Sweeps)
            {
                ErrorStats[] stats = VectorMathAccuracy.Measure(c, sweep);
                var rows = new List<(string Widths, string Row)>();
                for (int w = 0; w < stats.Length; w++)
                {
                    ErrorStats s = stats[w];
                    Assert.Empty(s.Failures);
                    string row = FormattableString.Invariant(
                        $"{s.MaxAbs:G3} | {s.MaxAbsAt:G9} | {s.MaxRel:G3} | {s.MaxRelAt:G9}");
                    int same = rows.FindIndex(r => r.Row == row);
                    string width = VectorMathAccuracy.Widths[w].ToString(CultureInfo.InvariantCulture);
                    if (same >= 0)
                    {
                        rows[same] = (rows[same].Widths + ", " + width, row);
                    }
                    else
                    {
                        rows.Add((width, row));
                    }
                }

                foreach ((string widths, string row) in rows)
                {
                    text.AppendLine($"| {c.Name} | {widths} | {c.Bound.Replace("|", "\\|")} | {sweep.Description} | {row} |");
                }
            }
        }

        // The activations' section (tests/NetGen.Tests/Activations/Math) is kept as it stands.
        string path = Path.Combine(RepositoryRoot(), "docs", "simd-accuracy.md");
        string old = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : "";
        int activations = old.IndexOf(ActivationsMarker, StringComparison.Ordinal);
        if (activations >= 0)
        {
            text.AppendLine();
            text.Append(old.Substring(activations));
        }

        File.WriteAllText(path, text.ToString().Replace("\r\n", "\n"));
    }

    private const string ActivationsMarker = "## Activation functions";

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NetGen.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("NetGen.sln not found above " + AppContext.BaseDirectory);
    }

    // The function over a whole array at a width (padded to a multiple of 16 lanes).
    private static float[] Apply(string function, int width, float[] x)
    {
        MathCase c = VectorMathAccuracy.Case(function);
        int length = (x.Length + 15) / 16 * 16;
        float[] padded = new float[length];
        x.CopyTo(padded, 0);
        float[] y = new float[length];
        VectorMathAccuracy.Apply(c, width, padded, new float[length], y);
        return y.AsSpan(0, x.Length).ToArray();
    }

    private static bool SameValue(float a, float b) =>
        (float.IsNaN(a) && float.IsNaN(b)) || BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(b);

    // One lane of the function at a width, the other lanes fed the same value.
    private static float Unary(string function, int width, float x) => Binary(function, width, x, 0f);

    private static float Binary(string function, int width, float x, float t)
    {
        MathCase c = VectorMathAccuracy.Case(function);
        return width switch
        {
            128 => c.F128(Vector128.Create(x), Vector128.Create(t)).GetElement(3),
            256 => c.F256(Vector256.Create(x), Vector256.Create(t)).GetElement(5),
            _ => c.F512(Vector512.Create(x), Vector512.Create(t)).GetElement(9),
        };
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.Intrinsics;
using System.Threading.Tasks;
using NetGen.Runtime;

namespace NetGen.Tests.Simd;

/// <summary>One stretch of inputs a function is checked on: <see cref="X"/>(i) and <see cref="T"/>(i) for i &lt; Count.</summary>
internal sealed record Sweep(string Description, long Count, Func<long, float> X, Func<long, float> T);

/// <summary>A vectorised function with its double-precision reference, its error bound and its inputs.</summary>
internal sealed record MathCase(
    string Name,
    string Bound,
    Func<double, double, double> Reference,
    Func<double, double, double, double> AllowedError,
    Func<Vector128<float>, Vector128<float>, Vector128<float>> F128,
    Func<Vector256<float>, Vector256<float>, Vector256<float>> F256,
    Func<Vector512<float>, Vector512<float>, Vector512<float>> F512,
    IReadOnlyList<Sweep> Sweeps);

/// <summary>The largest errors seen on one sweep.</summary>
internal sealed class ErrorStats
{
    public long Count;
    public double MaxAbs;
    public float MaxAbsAt;
    public double MaxRel;
    public float MaxRelAt;
    public readonly List<string> Failures = new();

    /// <summary>Keeps the larger error; of equal errors the smaller x, so that parallel runs report the same x.</summary>
    public static void Record(ref double max, ref float at, double error, float x)
    {
        if (error > max || (error == max && x < at))
        {
            max = error;
            at = x;
        }
    }

    public void Merge(ErrorStats other)
    {
        Record(ref MaxAbs, ref MaxAbsAt, other.MaxAbs, other.MaxAbsAt);
        Record(ref MaxRel, ref MaxRelAt, other.MaxRel, other.MaxRelAt);

        foreach (string failure in other.Failures)
        {
            if (Failures.Count < 10)
            {
                Failures.Add(failure);
            }
        }
    }
}

/// <summary>Runs <see cref="MathCase"/>s at a vector width and measures them against double precision.</summary>
internal static class VectorMathAccuracy
{
    // Per-sweep sample counts: the asserting tests keep to a few seconds (Debug builds run the vector code unoptimised);
    // the table in docs/simd-accuracy.md is measured on four times as many.
    public const int DenseCount = 1 << 21;
    public const int RandomCount = 1 << 20;
    private const int Chunk = 4096;
    private const double MinNormal = 1.1754943508222875e-38;
    private const double SmallestSubnormal = 1.4012984643248171e-45;

    public static readonly int[] Widths = { 128, 256, 512 };

    /// <summary>Special inputs and their neighbours: zeros, infinities, NaN, subnormals, extremes, thresholds.</summary>
    public static readonly float[] Specials = BuildSpecials();

    /// <summary>The cases the asserting tests run.</summary>
    public static readonly IReadOnlyList<MathCase> Cases = BuildCases(DenseCount, RandomCount, everyFloat: false);

    /// <summary>
    /// The same cases on four times as many inputs, for docs/simd-accuracy.md; <c>Tanh</c> and <c>Sigmoid</c> also on every
    /// float (2³² bit patterns, a few minutes).
    /// </summary>
    public static IReadOnlyList<MathCase> ThoroughCases() => BuildCases(4 * DenseCount, 4 * RandomCount, everyFloat: true);

    public static MathCase Case(string name)
    {
        foreach (MathCase c in Cases)
        {
            if (c.Name == name)
            {
                return c;
            }
        }

        throw new ArgumentException(name, nameof(name));
    }

    /// <summary>
    /// Measures <paramref name="c"/> on <paramref name="sweep"/> at every width in <see cref="Widths"/> (the reference is
    /// computed once per input); chunks run in parallel.
    /// </summary>
    public static ErrorStats[] Measure(MathCase c, Sweep sweep)
    {
        var total = new ErrorStats[Widths.Length];
        for (int w = 0; w < total.Length; w++)
        {
            total[w] = new ErrorStats { Count = sweep.Count };
        }

        long chunks = (sweep.Count + Chunk - 1) / Chunk;
        Parallel.For(0, chunks, () => new ChunkState(), (chunk, _, state) =>
        {
            long start = chunk * Chunk;
            int n = (int)Math.Min(Chunk, sweep.Count - start);
            for (int i = 0; i < Chunk; i++)
            {
                long index = start + Math.Min(i, n - 1);
                state.X[i] = sweep.X(index);
                state.T[i] = sweep.T(index);
                state.Reference[i] = c.Reference(state.X[i], state.T[i]);
                state.Allowed[i] = c.AllowedError(state.X[i], state.T[i], state.Reference[i]);
            }

            for (int w = 0; w < Widths.Length; w++)
            {
                Apply(c, Widths[w], state.X, state.T, state.Y);
                for (int i = 0; i < n; i++)
                {
                    Check(c, state.Stats[w], state.X[i], state.T[i], state.Y[i], state.Reference[i], state.Allowed[i]);
                }
            }

            return state;
        }, state =>
        {
            lock (total)
            {
                for (int w = 0; w < total.Length; w++)
                {
                    total[w].Merge(state.Stats[w]);
                }
            }
        });
        return total;
    }

    private sealed class ChunkState
    {
        public readonly float[] X = new float[Chunk];
        public readonly float[] T = new float[Chunk];
        public readonly float[] Y = new float[Chunk];
        public readonly double[] Reference = new double[Chunk];
        public readonly double[] Allowed = new double[Chunk];
        public readonly ErrorStats[] Stats = { new(), new(), new() };
    }

    /// <summary>Evaluates <paramref name="c"/> at <paramref name="width"/> over whole arrays (lengths a multiple of 16).</summary>
    public static void Apply(MathCase c, int width, float[] x, float[] t, float[] y)
    {
        switch (width)
        {
            case 128:
                for (int i = 0; i < x.Length; i += Vector128<float>.Count)
                {
                    c.F128(Vector128.LoadUnsafe(ref x[i]), Vector128.LoadUnsafe(ref t[i])).StoreUnsafe(ref y[i]);
                }

                break;
            case 256:
                for (int i = 0; i < x.Length; i += Vector256<float>.Count)
                {
                    c.F256(Vector256.LoadUnsafe(ref x[i]), Vector256.LoadUnsafe(ref t[i])).StoreUnsafe(ref y[i]);
                }

                break;
            case 512:
                for (int i = 0; i < x.Length; i += Vector512<float>.Count)
                {
                    c.F512(Vector512.LoadUnsafe(ref x[i]), Vector512.LoadUnsafe(ref t[i])).StoreUnsafe(ref y[i]);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(width));
        }
    }

    private static void Check(MathCase c, ErrorStats stats, float x, float t, float y, double reference, double allowed)
    {
        string? failure = null;
        if (double.IsNaN(reference))
        {
            if (!float.IsNaN(y))
            {
                failure = "expected NaN";
            }
        }
        else if (float.IsInfinity((float)reference))
        {
            if (y != (float)reference)
            {
                failure = $"expected {(float)reference}";
            }
        }
        else
        {
            double error = Math.Abs(y - reference);
            if (!(error <= allowed))
            {
                failure = $"error {error:G3} > {allowed:G3}";
            }

            ErrorStats.Record(ref stats.MaxAbs, ref stats.MaxAbsAt, error, x);
            if (Math.Abs(reference) >= MinNormal)
            {
                ErrorStats.Record(ref stats.MaxRel, ref stats.MaxRelAt, error / Math.Abs(reference), x);
            }
        }

        if (failure != null && stats.Failures.Count < 10)
        {
            stats.Failures.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{c.Name}(x = {x:R}, t = {t:R}) = {y:R}, reference {reference:R}: {failure}"));
        }
    }

    // ---- inputs ----

    /// <summary>A well-mixed 64-bit hash of i (SplitMix64's finaliser).</summary>
    public static ulong Hash(long i, ulong salt)
    {
        ulong z = unchecked((ulong)i * 0x9E3779B97F4A7C15UL + salt);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Every float bit pattern equally likely: the whole float range, NaNs and infinities included.</summary>
    public static float RandomBits(long i, ulong salt) => BitConverter.Int32BitsToSingle((int)(uint)Hash(i, salt));

    public static float Uniform01(long i, ulong salt) => (float)((Hash(i, salt) >> 40) * (1.0 / (1UL << 24)));

    private static Sweep Dense(float from, float to, int count) =>
        new($"{count} evenly spaced in [{F(from)}, {F(to)}]", count,
            i => (float)(from + (to - (double)from) * i / (count - 1)), _ => 0f);

    private static Sweep RandomFloats(int count) =>
        new($"{count} random bit patterns (all floats)", count, i => RandomBits(i, 1), _ => 0f);

    private static Sweep EveryFloat() =>
        new("every float (2³² bit patterns)", 1L << 32, i => BitConverter.Int32BitsToSingle((int)(uint)i), _ => 0f);

    private static Sweep SpecialValues() =>
        new($"{Specials.Length} special values", Specials.Length, i => Specials[i], _ => 0f);

    private static Sweep ConsecutiveAround(float center, int each) =>
        new($"every float in [{F(BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(center) - each))}, " +
            $"{F(BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(center) + each - 1))}]",
            2L * each, i => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(center) - each + (int)i), _ => 0f);

    private static Sweep AllPositiveLogSpaced(int count) =>
        new($"{count} spaced evenly in bits over [2⁻¹⁴⁹, float.MaxValue]", count,
            i => BitConverter.Int32BitsToSingle((int)(1 + Math.Round(i * (0x7F7FFFFE / (double)(count - 1))))), _ => 0f);

    private static string F(float value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static float[] BuildSpecials()
    {
        float[] bases =
        {
            0f, float.Epsilon, 1e-45f, 1e-44f, 3.7e-44f, 1e-40f, 1.1754942e-38f, 1.17549435e-38f, 1e-30f, 1e-10f,
            5.9604645e-8f, 1e-7f, 1.2207031e-4f, 3e-4f, 0.5f, 0.625f, 0.7071068f, 1f, 2f, 9f, 9.0109135f, 9.1f, 10f, 18f,
            20f, 25f, 87.33655f, 87.3366f, 88f,
            88.72283f, 88.72284f, 88.7229f, 89f, 100f, 103.27893f, 103.97208f, 104f, 110f, 150f, 1e10f, 1e30f,
            float.MaxValue, float.PositiveInfinity,
        };
        var values = new List<float> { float.NaN, -float.NaN, BitConverter.Int32BitsToSingle(0x7FC00001) };
        foreach (float b in bases)
        {
            foreach (float v in new[] { b, -b })
            {
                values.Add(v);
                if (!float.IsInfinity(v))
                {
                    values.Add(MathF.BitIncrement(v));
                    values.Add(MathF.BitDecrement(v));
                }
            }
        }

        while (values.Count % 16 != 0)
        {
            values.Add(1f);
        }

        return values.ToArray();
    }

    // ---- the functions and their references ----

    private static double SoftplusReference(double x) =>
        double.IsNaN(x) ? double.NaN : Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));

    public static double BceReference(double z, double t)
    {
        double logY = Math.Max(-SoftplusReference(-z), -100);
        double logNotY = Math.Max(-SoftplusReference(z), -100);
        return -(t * logY + (1 - t) * logNotY);
    }

    private static IReadOnlyList<MathCase> BuildCases(int dense, int random, bool everyFloat)
    {
        Sweep[] Rational(params Sweep[] sweeps) => everyFloat ? [.. sweeps, EveryFloat()] : sweeps;
        var cases = new List<MathCase>
        {
            new("Exp", "rel ≤ 3e-7 (+ 2⁻¹⁴⁹ for subnormal results)",
                (x, _) => Math.Exp(x), (_, _, r) => 3e-7 * Math.Abs(r) + SmallestSubnormal,
                (x, _) => VectorMath.Exp(x), (x, _) => VectorMath.Exp(x), (x, _) => VectorMath.Exp(x),
                new[] { Dense(-104f, 89f, dense), RandomFloats(random), SpecialValues() }),
            new("Log", "rel ≤ 3e-7",
                (x, _) => Math.Log(x), (_, _, r) => 3e-7 * Math.Abs(r),
                (x, _) => VectorMath.Log(x), (x, _) => VectorMath.Log(x), (x, _) => VectorMath.Log(x),
                new[] { Dense(0.25f, 4f, dense / 2), ConsecutiveAround(1f, dense / 4), AllPositiveLogSpaced(dense / 2), RandomFloats(random), SpecialValues() }),
            new("ClampedLog", "rel ≤ 3e-7",
                (x, _) => Math.Max(Math.Log(x), -100), (_, _, r) => 3e-7 * Math.Abs(r),
                (x, _) => VectorMath.ClampedLog(x), (x, _) => VectorMath.ClampedLog(x), (x, _) => VectorMath.ClampedLog(x),
                new[] { AllPositiveLogSpaced(dense), RandomFloats(random), SpecialValues() }),
            // Relative, so also absolute (|tanh| ≤ 1): the small arguments keep their digits. The rational's two forms
            // meet at |x| = 1 (every float around it), the errors peak in [0.8, 1.1].
            new("Tanh", "rel ≤ 2e-7",
                (x, _) => Math.Tanh(x), (_, _, r) => 2e-7 * Math.Abs(r),
                (x, _) => VectorMath.Tanh(x), (x, _) => VectorMath.Tanh(x), (x, _) => VectorMath.Tanh(x),
                Rational(Dense(-10f, 10f, dense), Dense(-2f, 2f, dense / 2), ConsecutiveAround(1f, dense / 8), AllPositiveLogSpaced(dense / 2), RandomFloats(random), SpecialValues())),
            // Absolute: the relative error grows where σ is tiny (see VectorMath.Sigmoid).
            new("Sigmoid", "abs ≤ 2e-7",
                (x, _) => 1 / (1 + Math.Exp(-x)), (_, _, _) => 2e-7,
                (x, _) => VectorMath.Sigmoid(x), (x, _) => VectorMath.Sigmoid(x), (x, _) => VectorMath.Sigmoid(x),
                Rational(Dense(-20f, 20f, dense), Dense(-4f, 4f, dense / 2), Dense(-30f, 30f, dense / 2), RandomFloats(random), SpecialValues())),
            new("Softplus", "abs ≤ 4e-7·max(1, |x|)",
                (x, _) => SoftplusReference(x), (x, _, _) => 4e-7 * Math.Max(1, Math.Abs(x)),
                (x, _) => VectorMath.Softplus(x), (x, _) => VectorMath.Softplus(x), (x, _) => VectorMath.Softplus(x),
                new[] { Dense(-30f, 30f, dense), RandomFloats(random), SpecialValues() }),
            new("SigmoidBinaryCrossEntropy", "abs ≤ 4e-7·max(1, |z|)·(|t| + |1 − t|) + 2⁻²³·|loss|",
                BceReference, (z, t, r) => 4e-7 * Math.Max(1, Math.Abs(z)) * (Math.Abs(t) + Math.Abs(1 - t)) + Math.Abs(r) / (1 << 23),
                VectorMath.SigmoidBinaryCrossEntropy, VectorMath.SigmoidBinaryCrossEntropy, VectorMath.SigmoidBinaryCrossEntropy,
                new[]
                {
                    new Sweep($"z: {dense} evenly spaced in [-120, 120]; t: 0, 1, 0.5, uniform [0, 1] in turn", dense,
                        i => (float)(-120 + 240.0 * i / (dense - 1)),
                        i => (i & 3) switch { 0 => 0f, 1 => 1f, 2 => 0.5f, _ => Uniform01(i, 2) }),
                    new Sweep($"z: {random} random bit patterns; t: uniform [0, 1]", random,
                        i => RandomBits(i, 3), i => Uniform01(i, 4)),
                    new Sweep($"z: {Specials.Length} special values; t: 0, 1, 0.5, 0.25 in turn", Specials.Length,
                        i => Specials[i], i => (i & 3) switch { 0 => 0f, 1 => 1f, 2 => 0.5f, _ => 0.25f }),
                }),
        };
        return cases;
    }
}

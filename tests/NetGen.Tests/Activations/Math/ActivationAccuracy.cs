using System;
using System.Globalization;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace NetGen.Tests.Activations.Math;

/// <summary>The largest error of one function at one width on <see cref="ActivationInputs.All"/>.</summary>
internal sealed class ActivationError
{
    public double MaxUlps;
    public float MaxUlpsAt;
    public double MaxAbs;
    public float MaxAbsAt;
    public int Failures;
    public string? FirstFailure;
}

/// <summary>Measures an <see cref="ActivationCase"/> at one width ("scalar", "128", "256", "512", "vector").</summary>
internal static class ActivationAccuracy
{
    public static readonly string[] Widths = { "scalar", "128", "256", "512", "vector" };

    public static float[] Evaluate(ActivationCase c, string width, float[] xs)
    {
        var ys = new float[xs.Length];
        switch (width)
        {
            case "scalar":
                for (int i = 0; i < xs.Length; i++) ys[i] = c.Scalar!(xs[i]);
                break;
            case "128":
                Lanes(xs, ys, Vector128<float>.Count, s => Copy(c.V128(Vector128.Create(s))));
                break;
            case "256":
                Lanes(xs, ys, Vector256<float>.Count, s => Copy(c.V256(Vector256.Create(s))));
                break;
            case "512":
                Lanes(xs, ys, Vector512<float>.Count, s => Copy(c.V512(Vector512.Create(s))));
                break;
            case "vector":
                Lanes(xs, ys, Vector<float>.Count, s =>
                {
                    var r = new float[Vector<float>.Count];
                    c.VT(new Vector<float>(s)).CopyTo(r);
                    return r;
                });
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(width), width, null);
        }

        return ys;
    }

    private static float[] Copy(Vector128<float> v)
    {
        var a = new float[Vector128<float>.Count];
        v.CopyTo(a);
        return a;
    }

    private static float[] Copy(Vector256<float> v)
    {
        var a = new float[Vector256<float>.Count];
        v.CopyTo(a);
        return a;
    }

    private static float[] Copy(Vector512<float> v)
    {
        var a = new float[Vector512<float>.Count];
        v.CopyTo(a);
        return a;
    }

    // Every input goes through every lane position: chunk i puts xs[i..i+n) in lanes 0..n−1, rotated by i.
    private static void Lanes(float[] xs, float[] ys, int n, Func<float[], float[]> f)
    {
        var chunk = new float[n];
        for (int start = 0; start < xs.Length; start += n)
        {
            int rotate = (start / n) % n;
            for (int l = 0; l < n; l++) chunk[(l + rotate) % n] = xs[System.Math.Min(start + l, xs.Length - 1)];
            float[] r = f(chunk);
            for (int l = 0; l < n && start + l < xs.Length; l++) ys[start + l] = r[(l + rotate) % n];
        }
    }

    public static ActivationError Measure(ActivationCase c, string width)
    {
        float[] xs = ActivationInputs.All;
        float[] ys = Evaluate(c, width, xs);
        var e = new ActivationError();
        for (int i = 0; i < xs.Length; i++)
        {
            double r = c.Reference(xs[i]);
            float y = ys[i];
            if (double.IsNaN(r) || double.IsInfinity(r))
            {
                if (!(double.IsNaN(r) ? float.IsNaN(y) : y == r)) Fail(e, xs[i], y, r);
                continue;
            }

            double err = System.Math.Abs(y - r);
            float rf = MathF.Abs((float)r);
            double ulp = MathF.BitIncrement(rf) - rf;
            double ulps = err / ulp;
            if (double.IsNaN(err) || err > c.Allowed(xs[i], r, ulp)) Fail(e, xs[i], y, r);
            if (ulps > e.MaxUlps) (e.MaxUlps, e.MaxUlpsAt) = (ulps, xs[i]);
            if (err > e.MaxAbs) (e.MaxAbs, e.MaxAbsAt) = (err, xs[i]);
        }

        return e;
    }

    private static void Fail(ActivationError e, float x, float y, double r)
    {
        e.Failures++;
        e.FirstFailure ??= string.Create(CultureInfo.InvariantCulture, $"x = {x:R}: got {y:R}, reference {r:R}");
    }

    public static string Describe(ActivationError e) => string.Create(CultureInfo.InvariantCulture,
        $"max {e.MaxUlps:G3} ulps at {e.MaxUlpsAt:R}, max abs {e.MaxAbs:G3} at {e.MaxAbsAt:R}; {e.Failures} failures{(e.FirstFailure is null ? "" : ", first " + e.FirstFailure)}");
}

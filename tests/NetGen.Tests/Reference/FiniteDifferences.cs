using System;

namespace NetGen.Tests.Reference;

/// <summary>Central finite differences in double precision: ∂f/∂θk ≈ (f(θ + h·ek) − f(θ − h·ek)) / 2h.</summary>
public static class FiniteDifferences
{
    /// <summary>Default step, relative to max(1, |θk|).</summary>
    public const double DefaultRelativeStep = 1e-4;

    public static double Partial(Func<double[], double> f, double[] theta, int k, double relativeStep = DefaultRelativeStep)
    {
        double[] shifted = (double[])theta.Clone();
        double h = relativeStep * Math.Max(1, Math.Abs(theta[k]));
        shifted[k] = theta[k] + h;
        double plus = f(shifted);
        shifted[k] = theta[k] - h;
        double minus = f(shifted);
        return (plus - minus) / (2 * h);
    }

    public static double[] Gradient(Func<double[], double> f, double[] theta, double relativeStep = DefaultRelativeStep)
    {
        var g = new double[theta.Length];
        for (int k = 0; k < theta.Length; k++) g[k] = Partial(f, theta, k, relativeStep);
        return g;
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using Xunit.Sdk;

namespace NetGen.Tests.Activations;

/// <summary>
/// How close NetGen's float32 results must be to PyTorch's float64 numbers, element by element:
/// <c>|actual − expected| ≤ Relative·|expected| + Absolute</c>. Float32 carries 6e-8 relative per rounding; a handful of
/// roundings per value, NetGen's vectorised exp/log/tanh (within 3e-7, docs/simd-accuracy.md) and an approximated erf
/// stay far inside 1e-4 relative, and the absolute 1e-5 covers values that float32 cannot carry relative to their own
/// size (f′ of Sigmoid at ±25 is 1.4e-11; sums of gradient terms that nearly cancel). The data's seeds were picked so that
/// PyTorch's own float32 run agrees with its float64 one within a fifth of this (README.md beside the data).
/// Self-contained (xunit only): the GPU test project links this file.
/// </summary>
public static class ActivationTolerance
{
    /// <summary>Relative part of the bound.</summary>
    public const double Relative = 1e-4;

    /// <summary>Absolute part of the bound.</summary>
    public const double Absolute = 1e-5;

    /// <summary>Asserts every element of <paramref name="actual"/> is within the bound of <paramref name="expected"/>.</summary>
    public static void Close(IReadOnlyList<double> expected, ReadOnlySpan<float> actual, string what)
    {
        if (actual.Length != expected.Count) throw new XunitException($"{what}: length {actual.Length}, expected {expected.Count}");
        for (int i = 0; i < expected.Count; i++) Close(expected[i], actual[i], $"{what} [{i}]");
    }

    /// <summary>Asserts <paramref name="actual"/> is within the bound of <paramref name="expected"/>.</summary>
    public static void Close(double expected, double actual, string what)
    {
        double bound = Relative * System.Math.Abs(expected) + Absolute;
        if (!(System.Math.Abs(actual - expected) <= bound))
        {
            throw new XunitException(string.Format(CultureInfo.InvariantCulture,
                "{0}: actual {1:R}, expected {2:R}, |difference| {3:E2} > {4:E2} (relative {5:E0} + absolute {6:E0})",
                what, actual, expected, System.Math.Abs(actual - expected), bound, Relative, Absolute));
        }
    }
}

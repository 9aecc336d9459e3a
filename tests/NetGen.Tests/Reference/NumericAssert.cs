using System;
using System.Collections.Generic;
using System.Globalization;
using Xunit.Sdk;

namespace NetGen.Tests.Reference;

/// <summary>
/// Comparisons of float32 results with double-precision references: the error is measured relative to
/// the largest magnitude of the expected vector (with a floor), so that tiny entries do not dominate.
/// </summary>
public static class NumericAssert
{
    /// <summary>Asserts max_i |actual_i − expected_i| ≤ tolerance · max(floor, max_i |expected_i|).</summary>
    public static void Close(IReadOnlyList<double> expected, ReadOnlySpan<float> actual, double tolerance, string what, double floor = 1e-3)
        => Close(expected, actual.ToDoubles(), tolerance, what, floor);

    /// <summary>Asserts max_i |actual_i − expected_i| ≤ tolerance · max(floor, max_i |expected_i|).</summary>
    public static void Close(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance, string what, double floor = 1e-3)
    {
        if (actual.Count != expected.Count)
            throw new XunitException($"{what}: length {actual.Count}, expected {expected.Count}");
        double scale = floor;
        for (int i = 0; i < expected.Count; i++) scale = Math.Max(scale, Math.Abs(expected[i]));
        double worst = 0;
        int worstIndex = -1;
        for (int i = 0; i < expected.Count; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]) / scale;
            if (double.IsNaN(error)) error = double.PositiveInfinity;
            if (worstIndex < 0 || error > worst) { worst = error; worstIndex = i; }
        }
        if (worstIndex >= 0 && !(worst <= tolerance))
        {
            throw new XunitException(string.Format(CultureInfo.InvariantCulture,
                "{0}: relative error {1:E2} > {2:E1} at [{3}]: actual {4:R}, expected {5:R} (scale {6:G4})",
                what, worst, tolerance, worstIndex, actual[worstIndex], expected[worstIndex], scale));
        }
    }

    /// <summary>Asserts |actual − expected| ≤ tolerance · max(floor, |expected|).</summary>
    public static void Close(double expected, double actual, double tolerance, string what, double floor = 1e-3)
    {
        double error = Math.Abs(actual - expected) / Math.Max(floor, Math.Abs(expected));
        if (!(error <= tolerance))
        {
            throw new XunitException(string.Format(CultureInfo.InvariantCulture,
                "{0}: actual {1:R}, expected {2:R}, relative error {3:E2} > {4:E1}", what, actual, expected, error, tolerance));
        }
    }

    /// <summary>Asserts two float vectors are bit-for-bit identical.</summary>
    public static void Identical(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        if (actual.Length != expected.Length)
            throw new XunitException($"{what}: length {actual.Length}, expected {expected.Length}");
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(actual[i]) != BitConverter.SingleToInt32Bits(expected[i]))
            {
                throw new XunitException(string.Format(CultureInfo.InvariantCulture,
                    "{0}: differs at [{1}]: actual {2:R}, expected {3:R}", what, i, actual[i], expected[i]));
            }
        }
    }
}

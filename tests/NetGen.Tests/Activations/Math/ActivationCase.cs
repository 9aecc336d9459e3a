using System;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace NetGen.Tests.Activations.Math;

/// <summary>
/// A float activation function (scalar and every vector width) with its double-precision reference and its allowed
/// error: |f(x) − ref(x)| ≤ <see cref="MaxUlps"/>·ulp(ref) + <see cref="MaxAbs"/> + <see cref="Extra"/>(x, ref), ulp
/// taken at the float nearest ref. A NaN reference must give NaN.
/// </summary>
internal sealed record ActivationCase(
    string Name,
    Func<double, double> Reference,
    Func<float, float>? Scalar,
    Func<Vector128<float>, Vector128<float>> V128,
    Func<Vector256<float>, Vector256<float>> V256,
    Func<Vector512<float>, Vector512<float>> V512,
    Func<Vector<float>, Vector<float>> VT,
    int MaxUlps,
    double MaxAbs,
    Func<double, double, double>? Extra = null,
    string? ExtraText = null)
{
    /// <summary>The bound as text, for messages and docs.</summary>
    public string Bound => $"{MaxUlps} ulps" + (MaxAbs == 0 ? "" : $" + {MaxAbs:G2} abs") + (ExtraText is null ? "" : " + " + ExtraText);

    /// <summary>The error allowed at <paramref name="x"/> whose reference value is <paramref name="reference"/>.</summary>
    public double Allowed(double x, double reference, double ulp) =>
        MaxUlps * ulp + MaxAbs + (Extra is null ? 0 : Extra(x, reference));
}

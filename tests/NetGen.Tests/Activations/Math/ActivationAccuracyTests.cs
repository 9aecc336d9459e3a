using System.Collections.Generic;
using Xunit.Abstractions;

namespace NetGen.Tests.Activations.Math;

/// <summary>
/// Every float activation (ScalarMath, and VectorMath at 128, 256 and 512 bits and on Vector&lt;float&gt;) against the
/// double-precision ActivationMath on <see cref="ActivationInputs.All"/>, within the bound its case states. Vector512
/// runs in software where it is not accelerated, which is tested as well.
/// </summary>
public sealed class ActivationAccuracyTests(ITestOutputHelper output)
{
    public static IEnumerable<object[]> CasesAndWidths()
    {
        foreach (ActivationCase c in ActivationCases.All)
        {
            foreach (string width in ActivationAccuracy.Widths)
            {
                if (width == "scalar" && c.Scalar is null) continue;
                yield return new object[] { c.Name, width };
            }
        }
    }

    [Theory]
    [MemberData(nameof(CasesAndWidths))]
    public void StaysWithinItsBound(string function, string width)
    {
        ActivationCase c = ActivationCases.Named(function);
        ActivationError e = ActivationAccuracy.Measure(c, width);
        output.WriteLine($"{function} {width}: {ActivationAccuracy.Describe(e)}");
        Assert.True(e.Failures == 0, $"{function} ({width}, bound {c.Bound}): {ActivationAccuracy.Describe(e)}");
    }
}

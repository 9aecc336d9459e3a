using System;
using System.Linq;
using NetGen.Tests.Networks;

namespace NetGen.Tests.Validation;

/// <summary>
/// Cross-entropy losses take probabilities as targets: a target outside [0, 1] (or NaN) is rejected by every member that
/// takes targets, naming the argument, the sample, the output and the value, before anything changes. On main before
/// this check, CrossEntropy with a target of −5 returned a loss of −6.29 and trained on it.
/// </summary>
public sealed class ProbabilityTargetTests
{
    public static TheoryData<string> CrossEntropyNetworks => new() { nameof(CeAdam), nameof(BceAdamDefaults) };

    [Theory]
    [MemberData(nameof(CrossEntropyNetworks))]
    public void TargetsOutsideZeroToOne_AreRejectedByEveryMember_AndNothingChanges(string name)
    {
        var type = NetworkType.Named(name);
        var net = type.Create(3);
        int inSize = type.InputSize, outSize = type.OutputSize;
        float[] x = Enumerable.Range(0, 2 * inSize).Select(i => 0.1f * i).ToArray();
        float[] before = net.Parameters.ToArray();
        var gradient = new float[type.ParameterCount];
        foreach (float bad in new[] { -5f, -1e-6f, 1.0001f, float.NaN, float.PositiveInfinity })
        {
            float[] t = new float[2 * outSize];
            t[outSize + 1] = bad;   // sample 1, output 1
            float[] one = t.AsSpan(outSize, outSize).ToArray();
            AssertRejected("target", "sample 0, output 1", () => net.Gradient(x.AsSpan(0, inSize), one, gradient));
            AssertRejected("target", "sample 0, output 1", () => net.TrainStep(x.AsSpan(0, inSize), one));
            AssertRejected("targets", "sample 1, output 1", () => net.GradientBatch(x, t, gradient));
            AssertRejected("targets", "sample 1, output 1", () => net.TrainBatch(x, t));
            AssertRejected("targets", "sample 1, output 1", () => net.Evaluate(x, t));
        }
        Assert.Equal(before, net.Parameters.ToArray());
    }

    [Theory]
    [MemberData(nameof(CrossEntropyNetworks))]
    public void TargetsAtTheEndsOfTheRange_AreAccepted(string name)
    {
        var type = NetworkType.Named(name);
        var net = type.Create(3);
        float[] x = new float[type.InputSize];
        float[] t = new float[type.OutputSize];
        t[0] = 1f;   // 0 and 1 are probabilities
        Assert.True(float.IsFinite(net.Evaluate(x, t)));
        Assert.True(net.TrainStep(x, t) >= 0f);
    }

    /// <summary>MeanSquaredError takes any real target: no check there.</summary>
    [Fact]
    public void MeanSquaredError_AcceptsAnyFiniteTarget()
    {
        var net = new MseMomentum(1);
        float loss = net.Evaluate(new float[MseMomentum.InputSize], Enumerable.Repeat(-5f, MseMomentum.OutputSize).ToArray());
        Assert.True(loss > 20f);
    }

    private static void AssertRejected(string parameter, string where, Action call)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(call);
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains(where, e.Message);
        Assert.Contains("[0, 1]", e.Message);
    }
}

using System;
using NetGen.Tests.Data;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;

namespace NetGen.Tests.Members;

/// <summary><c>Gradient</c> and <c>GradientBatch</c> against the reference's backpropagation on random networks.</summary>
public sealed class GradientTests
{
    [Theory]
    [MemberData(nameof(NetworkSets.Members), MemberType = typeof(NetworkSets))]
    public void Gradient_MatchesTheReferenceAndOverwritesTheBuffer(string name)
    {
        var c = RandomCase.Create(name, 6, 201);
        double[] p = c.Network.Parameters.ToDoubles();
        var expected = new double[c.Reference.ParameterCount];
        var g = new float[c.Reference.ParameterCount];
        for (int s = 0; s < c.Samples; s++)
        {
            // Garbage in the buffer: Gradient overwrites, it does not accumulate.
            g.AsSpan().Fill(s % 2 == 0 ? float.NaN : 1e6f);
            float loss = c.Network.Gradient(c.Input(s), c.Target(s), g);
            double expectedLoss = c.Reference.Gradient(p, c.Input(s).ToDoubles(), c.Target(s).ToDoubles(), expected);
            NumericAssert.Close(expectedLoss, loss, 1e-5, $"{name} sample {s}: loss");
            NumericAssert.Close(expected, g, 1e-4, $"{name} sample {s}: gradient");
        }
    }

    [Theory]
    [MemberData(nameof(NetworkSets.Members), MemberType = typeof(NetworkSets))]
    public void GradientBatch_IsTheMeanOverTheBatch_ForBatchesOf1_3_17(string name)
    {
        var c = RandomCase.Create(name, 17, 202);
        double[] p = c.Network.Parameters.ToDoubles();
        var expected = new double[c.Reference.ParameterCount];
        var g = new float[c.Reference.ParameterCount];
        foreach (int n in new[] { 1, 3, 17 })
        {
            g.AsSpan().Fill(float.NaN);
            float[] x = c.FirstInputs(n), t = c.FirstTargets(n);
            float loss = c.Network.GradientBatch(x, t, g);
            double expectedLoss = c.Reference.BatchGradient(p, x.ToDoubles(), t.ToDoubles(), expected);
            NumericAssert.Close(expectedLoss, loss, 1e-5, $"{name} batch {n}: mean loss");
            NumericAssert.Close(expected, g, 1e-4, $"{name} batch {n}: gradient of the mean loss");
        }
    }

    [Theory]
    [MemberData(nameof(NetworkSets.Members), MemberType = typeof(NetworkSets))]
    public void GradientBatchOfOneSample_EqualsGradient(string name)
    {
        var c = RandomCase.Create(name, 1, 203);
        var single = new float[c.Reference.ParameterCount];
        var batch = new float[c.Reference.ParameterCount];
        float l1 = c.Network.Gradient(c.Input(0), c.Target(0), single);
        float l2 = c.Network.GradientBatch(c.Inputs, c.Targets, batch);
        Assert.Equal(l1, l2, 6);
        NumericAssert.Close(single.ToDoubles(), batch, 1e-6, $"{name}: GradientBatch of one sample vs Gradient");
    }

    [Theory]
    [MemberData(nameof(NetworkSets.Members), MemberType = typeof(NetworkSets))]
    public void GradientMembers_DoNotChangeTheParameters(string name)
    {
        var c = RandomCase.Create(name, 3, 204);
        float[] before = c.Network.Parameters.ToArray();
        var g = new float[c.Reference.ParameterCount];
        c.Network.Gradient(c.Input(0), c.Target(0), g);
        c.Network.GradientBatch(c.Inputs, c.Targets, g);
        NumericAssert.Identical(before, c.Network.Parameters, name);
    }
}

using System;
using NetGen.Tests.Data;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;

namespace NetGen.Tests.Validation;

/// <summary>The run-time learning rate: starts at the attribute's value, rejects invalid values, drives the next step.</summary>
public sealed class LearningRateTests
{
    [Theory]
    [InlineData(0f)]
    [InlineData(-1e-30f)]
    [InlineData(-0.1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void Setter_RejectsValuesThatAreNotFiniteAndPositive(float value)
    {
        var net = new CeAdam();
        Assert.Throws<ArgumentOutOfRangeException>(() => net.LearningRate = value);
        Assert.Equal(0.01f, net.LearningRate);
    }

    [Fact]
    public void Setter_RejectsNegativeZero()
    {
        var net = new CeSgd();
        Assert.Throws<ArgumentOutOfRangeException>(() => net.LearningRate = -0f);
        Assert.Equal(0.1f, net.LearningRate);
    }

    [Fact]
    public void Setter_AcceptsTinyAndLargeRates()
    {
        var net = new CeSgd();
        net.LearningRate = float.Epsilon;
        Assert.Equal(float.Epsilon, net.LearningRate);
        net.LearningRate = 1000f;
        Assert.Equal(1000f, net.LearningRate);
    }

    [Theory]
    [MemberData(nameof(NetworkSets.Optimizers), MemberType = typeof(NetworkSets))]
    public void ANewRate_IsUsedByTheNextStep(string name)
    {
        var c = RandomCase.Create(name, 2, 1101);
        var optimizer = new ReferenceOptimizer(c.Type.Optimizer, c.Reference.ParameterCount);
        Assert.Equal((float)c.Type.Optimizer.LearningRate, c.Network.LearningRate);
        var g = new double[c.Reference.ParameterCount];
        float[] rates = { c.Network.LearningRate, 0.37f, 0.37f, 0.004f };
        for (int step = 0; step < rates.Length; step++)
        {
            c.Network.LearningRate = rates[step];
            optimizer.LearningRate = rates[step];
            int s = step % 2;
            double[] before = c.Network.Parameters.ToDoubles();
            c.Reference.Gradient(before, c.Input(s).ToDoubles(), c.Target(s).ToDoubles(), g);
            double[] expected = (double[])before.Clone();
            optimizer.Apply(expected, g);
            c.Network.TrainStep(c.Input(s), c.Target(s));
            double[] update = new double[expected.Length], expectedUpdate = new double[expected.Length];
            for (int k = 0; k < expected.Length; k++)
            {
                update[k] = c.Network.Parameters[k] - before[k];
                expectedUpdate[k] = expected[k] - before[k];
            }
            NumericAssert.Close(expectedUpdate, update, 2e-3, $"{name} step {step + 1} with learning rate {rates[step]}", floor: 1e-9);
            Assert.Equal(rates[step], c.Network.LearningRate);
        }
    }
}

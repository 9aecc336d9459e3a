using System;
using System.Linq;
using NetGen.Tests.Data;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;

namespace NetGen.Tests.Members;

/// <summary>
/// <c>TrainBatch</c> and <c>TrainStep</c> step by step against the reference optimizers (SGD, momentum, Adam, with the
/// attribute's hyper-parameters): the loss before each step and the parameters after it.
/// </summary>
public sealed class OptimizerTrajectoryTests
{
    private const int Steps = 6;

    [Theory]
    [MemberData(nameof(NetworkSets.Optimizers), MemberType = typeof(NetworkSets))]
    public void TrainBatch_FollowsTheReferenceOptimizer(string name)
    {
        var c = RandomCase.Create(name, 8, 401);
        double[] x = c.Inputs.ToDoubles(), t = c.Targets.ToDoubles();
        var optimizer = new ReferenceOptimizer(c.Type.Optimizer, c.Reference.ParameterCount);
        var g = new double[c.Reference.ParameterCount];
        for (int step = 1; step <= Steps; step++)
        {
            double[] before = c.Network.Parameters.ToDoubles();
            double loss = c.Reference.BatchGradient(before, x, t, g);
            float reported = c.Network.TrainBatch(c.Inputs, c.Targets);
            CheckStep(c, optimizer, before, g, loss, reported, $"{name} TrainBatch step {step}");
        }
    }

    [Theory]
    [MemberData(nameof(NetworkSets.Optimizers), MemberType = typeof(NetworkSets))]
    public void TrainStep_FollowsTheReferenceOptimizer(string name)
    {
        var c = RandomCase.Create(name, 3, 402);
        var optimizer = new ReferenceOptimizer(c.Type.Optimizer, c.Reference.ParameterCount);
        var g = new double[c.Reference.ParameterCount];
        for (int step = 1; step <= Steps; step++)
        {
            int s = step % c.Samples;
            double[] before = c.Network.Parameters.ToDoubles();
            double loss = c.Reference.Gradient(before, c.Input(s).ToDoubles(), c.Target(s).ToDoubles(), g);
            float reported = c.Network.TrainStep(c.Input(s), c.Target(s));
            CheckStep(c, optimizer, before, g, loss, reported, $"{name} TrainStep step {step}");
        }
    }

    [Fact]
    public void DefaultHyperParameters_AreThoseOfTheContract()
    {
        Assert.Equal(0.01f, new BceSgdDefaults().LearningRate);
        Assert.Equal(0.001f, new BceAdamDefaults().LearningRate);
        Assert.Equal(0.05f, new CeMomentum().LearningRate);
        Assert.Equal(new OptimizerSettings(Optimizer.Adam, 0.001f, 0, 0.9f, 0.999f, 1e-8f), NetworkType.Of<BceAdamDefaults>().Optimizer);
    }

    /// <summary>
    /// Applies the reference optimizer to <paramref name="before"/> and compares with the network: the reported loss, the
    /// parameters, and (more sharply) the update itself, since an update is small next to the parameters.
    /// </summary>
    private static void CheckStep(RandomCase c, ReferenceOptimizer optimizer, double[] before, double[] g, double loss, float reported, string what)
    {
        double[] expected = (double[])before.Clone();
        optimizer.Apply(expected, g);
        double[] after = c.Network.Parameters.ToDoubles();
        NumericAssert.Close(loss, reported, 1e-5, $"{what}: loss before the step");
        NumericAssert.Close(expected, after, 1e-5, $"{what}: parameters");
        double[] expectedUpdate = expected.Select((v, k) => v - before[k]).ToArray();
        double[] actualUpdate = after.Select((v, k) => v - before[k]).ToArray();
        Assert.True(expectedUpdate.Max(Math.Abs) > 1e-6, $"{what}: the step is too small to test anything");
        NumericAssert.Close(expectedUpdate, actualUpdate, 2e-3, $"{what}: update", floor: 1e-9);
    }
}

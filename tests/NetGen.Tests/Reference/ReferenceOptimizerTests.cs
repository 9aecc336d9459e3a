using System;

namespace NetGen.Tests.Reference;

/// <summary>The reference optimizers on hand-computed steps.</summary>
public sealed class ReferenceOptimizerTests
{
    [Fact]
    public void Sgd_StepsAgainstTheGradient()
    {
        var optimizer = new ReferenceOptimizer(new OptimizerSettings(Optimizer.Sgd, 0.5), 2);
        double[] p = { 1, 2 };
        optimizer.Apply(p, new[] { 0.2, -0.4 });
        Assert.Equal(new[] { 0.9, 2.2 }, p);
    }

    [Fact]
    public void Momentum_StartsFromTheGradientThenAccumulates()
    {
        var optimizer = new ReferenceOptimizer(new OptimizerSettings(Optimizer.Sgd, 0.1, Momentum: 0.9), 1);
        double[] p = { 0 };
        optimizer.Apply(p, new[] { 1.0 });      // v = 1
        Assert.Equal(-0.1, p[0], 12);
        optimizer.Apply(p, new[] { 1.0 });      // v = 0.9 + 1
        Assert.Equal(-0.1 - 0.19, p[0], 12);
        optimizer.Apply(p, new[] { -2.0 });     // v = 1.71 − 2
        Assert.Equal(-0.29 + 0.029, p[0], 12);
    }

    [Fact]
    public void Adam_FirstStepIsLearningRateTimesSign()
    {
        // With bias correction the first step is lr·g/(|g| + ε·…) ≈ lr·sign(g).
        var optimizer = new ReferenceOptimizer(new OptimizerSettings(Optimizer.Adam, 0.01), 2);
        double[] p = { 0, 0 };
        optimizer.Apply(p, new[] { 3.0, -0.002 });
        Assert.Equal(-0.01, p[0], 9);
        Assert.Equal(0.01, p[1], 6);
    }

    [Fact]
    public void Adam_SecondStepMatchesTheFormula()
    {
        var optimizer = new ReferenceOptimizer(new OptimizerSettings(Optimizer.Adam, 0.1, Beta1: 0.8, Beta2: 0.9, Epsilon: 0.01), 1);
        double[] p = { 0 };
        optimizer.Apply(p, new[] { 1.0 });
        optimizer.Apply(p, new[] { 0.5 });
        double m1 = 0.2, v1 = 0.1;
        double step1 = 0.1 * (m1 / 0.2) / (Math.Sqrt(v1 / 0.1) + 0.01);
        double m2 = 0.8 * m1 + 0.2 * 0.5, v2 = 0.9 * v1 + 0.1 * 0.25;
        double step2 = 0.1 * (m2 / (1 - 0.64)) / (Math.Sqrt(v2) / Math.Sqrt(1 - 0.81) + 0.01);
        Assert.Equal(-(step1 + step2), p[0], 12);
    }
}

using System;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;

namespace NetGen.Tests.Losses;

/// <summary>
/// BinaryCrossEntropy clamps each log at −100, as PyTorch's BCELoss: a saturated, wrong sigmoid output costs 100
/// (per output, before the mean over outputs), not infinity, and the gradient stays finite.
/// </summary>
public sealed class BinaryCrossEntropyClampTests
{
    [Theory]
    [InlineData(200f, 0f, 100.0)]
    [InlineData(200f, 1f, 0.0)]
    [InlineData(200f, 0.25f, 75.0)]
    [InlineData(-200f, 1f, 100.0)]
    [InlineData(-200f, 0f, 0.0)]
    [InlineData(-200f, 0.5f, 50.0)]
    public void SaturatedOutputs_CostAtMost100(float bias, float target, double expected)
    {
        // D_Sigmoid_Bce: 5 → 1 Sigmoid. Weights 0 and bias ±200: the output is exactly 0 or 1 in float and in double.
        var type = NetworkType.Of<D_Sigmoid_Bce>();
        var p = new float[type.ParameterCount];
        p[type.Reference.BiasIndex(0, 0)] = bias;
        var network = type.Create(p);
        float[] x = { 0.1f, 0.2f, 0.3f, 0.4f, 0.5f }, t = { target };

        var g = new float[type.ParameterCount];
        float loss = network.Gradient(x, t, g);
        Assert.Equal(expected, loss, 4);
        Assert.Equal(expected, type.Reference.LossOf(p.ToDoubles(), x.ToDoubles(), t.ToDoubles()), 9);
        Assert.Equal(expected, network.Evaluate(x, t), 4);
        Assert.All(g, v => Assert.True(float.IsFinite(v), $"gradient {v}"));
    }
}

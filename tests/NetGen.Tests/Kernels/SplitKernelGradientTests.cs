using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Tests.Data;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;

namespace NetGen.Tests.Kernels;

/// <summary>
/// Networks whose kernels are split into many methods (values crossing parts go through scratch memory) still compute
/// the right outputs and gradients: against the reference everywhere, and against finite differences on spot checks
/// spread over every layer.
/// </summary>
public sealed class SplitKernelGradientTests
{
    [Theory]
    [MemberData(nameof(NetworkSets.Large), MemberType = typeof(NetworkSets))]
    public void PredictAndGradient_MatchTheReference(string name)
    {
        var c = RandomCase.Create(name, 2, 801);
        double[] p = c.Network.Parameters.ToDoubles();
        var y = new float[c.Reference.OutputSize];
        var g = new float[c.Reference.ParameterCount];
        var expected = new double[c.Reference.ParameterCount];
        for (int s = 0; s < c.Samples; s++)
        {
            double[] x = c.Input(s).ToDoubles(), t = c.Target(s).ToDoubles();
            c.Network.Predict(c.Input(s), y);
            NumericAssert.Close(c.Reference.Predict(p, x), y, 1e-5, $"{name} sample {s}: Predict", floor: 0.1);
            float loss = c.Network.Gradient(c.Input(s), c.Target(s), g);
            NumericAssert.Close(c.Reference.Gradient(p, x, t, expected), loss, 1e-5, $"{name} sample {s}: loss");
            NumericAssert.Close(expected, g, 1e-4, $"{name} sample {s}: gradient");
            var batchOutputs = new float[2 * c.Reference.OutputSize];
            c.Network.PredictBatch(c.Inputs, batchOutputs);
            NumericAssert.Close(c.Reference.Predict(p, x), batchOutputs.AsSpan(s * c.Reference.OutputSize, c.Reference.OutputSize), 1e-5, $"{name} sample {s}: PredictBatch", floor: 0.1);
        }
    }

    [Theory]
    [InlineData(nameof(Unrolled96))]
    [InlineData(nameof(Deep64))]
    public void Gradient_MatchesFiniteDifferencesAcrossEveryLayer(string name)
    {
        var c = RandomCase.Create(name, 1, 802);
        double[] p = c.Network.Parameters.ToDoubles();
        double[] x = c.Input(0).ToDoubles(), t = c.Target(0).ToDoubles();
        var g = new float[c.Reference.ParameterCount];
        c.Network.Gradient(c.Input(0), c.Target(0), g);

        var random = new Random(803);
        var indices = new List<int>();
        var reference = c.Reference;
        for (int l = 0; l < reference.Layers.Length; l++)
        {
            int units = reference.Layers[l].Units, fanIn = reference.FanIn(l);
            indices.Add(reference.WeightIndex(l, 0, 0));
            indices.Add(reference.WeightIndex(l, units - 1, fanIn - 1));
            indices.Add(reference.BiasIndex(l, 0));
            indices.Add(reference.BiasIndex(l, units - 1));
            for (int k = 0; k < 8; k++) indices.Add(reference.WeightIndex(l, random.Next(units), random.Next(fanIn)));
            for (int k = 0; k < 3; k++) indices.Add(reference.BiasIndex(l, random.Next(units)));
        }
        var expected = new double[reference.ParameterCount];
        reference.Gradient(p, x, t, expected);
        double scale = expected.Max(Math.Abs);
        Assert.True(scale > 1e-3, $"{name}: the gradient is too small to test anything");
        foreach (int k in indices)
        {
            double fd = FiniteDifferences.Partial(q => reference.LossOf(q, x, t), p, k);
            Assert.True(Math.Abs(g[k] - fd) <= 1e-3 * scale, $"{name} parameter {k}: Gradient {g[k]:R}, finite differences {fd:R} (scale {scale:G4})");
        }
    }
}

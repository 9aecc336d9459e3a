using System;
using System.Linq;
using NetGen.Tests.Data;
using NetGen.Tests.Networks;

namespace NetGen.Tests.Reference;

/// <summary>The oracle checks itself: hand-written backpropagation against finite differences, and known values.</summary>
public sealed class ReferenceNetworkTests
{
    [Theory]
    [MemberData(nameof(NetworkSets.GradientCheck), MemberType = typeof(NetworkSets))]
    public void Backpropagation_MatchesFiniteDifferences(string name)
    {
        var reference = NetworkType.Named(name).Reference;
        var data = new RandomSamples(name.Length * 7919 + name[^1]);
        double[] p = data.Parameters(reference).ToDoubles();
        float[] x = data.InputsAwayFromKinks(reference, p.ToFloats(), 2);
        float[] t = data.Targets(reference, 2);
        for (int s = 0; s < 2; s++)
        {
            double[] xs = ReferenceNetwork.Row(x.ToDoubles(), s, reference.InputSize);
            double[] ts = ReferenceNetwork.Row(t.ToDoubles(), s, reference.OutputSize);
            var g = new double[reference.ParameterCount];
            double loss = reference.Gradient(p, xs, ts, g);
            Assert.Equal(reference.LossOf(p, xs, ts), loss, 12);
            double[] fd = FiniteDifferences.Gradient(q => reference.LossOf(q, xs, ts), p, 1e-6);
            NumericAssert.Close(fd, g.ToFloats(), 1e-5, $"{name} sample {s}: backprop vs finite differences");
        }
    }

    [Fact]
    public void BatchGradient_IsTheMeanOfSampleGradients()
    {
        var reference = NetworkType.Of<MseSgd>().Reference;
        var data = new RandomSamples(3);
        double[] p = data.Parameters(reference).ToDoubles();
        double[] x = data.Inputs(reference, 3).ToDoubles(), t = data.Targets(reference, 3).ToDoubles();
        var batch = new double[reference.ParameterCount];
        double loss = reference.BatchGradient(p, x, t, batch);
        double[] fd = FiniteDifferences.Gradient(q => reference.BatchLoss(q, x, t), p, 1e-6);
        NumericAssert.Close(fd, batch.ToFloats(), 1e-5, "batch gradient vs finite differences of the mean loss");
        Assert.Equal(reference.BatchLoss(p, x, t), loss, 12);
    }

    [Fact]
    public void Softmax_IsNormalisedAndShiftInvariant()
    {
        double[] z = { 1.5, -0.25, 3, 0 };
        double[] y = ReferenceNetwork.Softmax(z);
        Assert.Equal(1, y.Sum(), 12);
        double[] shifted = ReferenceNetwork.Softmax(z.Select(v => v + 700).ToArray());
        for (int i = 0; i < z.Length; i++) Assert.Equal(y[i], shifted[i], 12);
        Assert.Equal(Math.Exp(3) / z.Sum(Math.Exp), y[2], 12);
    }

    [Fact]
    public void Losses_HaveTheirTextbookValues()
    {
        // One linear layer with weights 0 and biases b: z = b whatever the input.
        double[] b = { 0.5, -1, 2 };
        var mse = new ReferenceNetwork(1, new[] { new ReferenceLayer(3, Activation.Identity) }, Loss.MeanSquaredError);
        var bce = new ReferenceNetwork(1, new[] { new ReferenceLayer(3, Activation.Sigmoid) }, Loss.BinaryCrossEntropy);
        var ce = new ReferenceNetwork(1, new[] { new ReferenceLayer(3, Activation.Softmax) }, Loss.CrossEntropy);
        double[] p = { 0, 0, 0, b[0], b[1], b[2] }, x = { 1 }, t = { 0.2, 0.3, 0.5 };
        Assert.Equal(((0.5 - 0.2) * (0.5 - 0.2) + 1.3 * 1.3 + 1.5 * 1.5) / 3, mse.LossOf(p, x, t), 12);
        double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
        double expectedBce = -Enumerable.Range(0, 3).Sum(i => t[i] * Math.Log(Sigmoid(b[i])) + (1 - t[i]) * Math.Log(1 - Sigmoid(b[i]))) / 3;
        Assert.Equal(expectedBce, bce.LossOf(p, x, t), 12);
        double[] y = ReferenceNetwork.Softmax(b);
        Assert.Equal(-Enumerable.Range(0, 3).Sum(i => t[i] * Math.Log(y[i])), ce.LossOf(p, x, t), 12);
        // BCE clamps each log at −100: a saturated output that is wrong costs 100 per output, not infinity.
        double[] saturated = { 0, 0, 0, 800, 800, 800 };
        Assert.Equal(100, bce.LossOf(saturated, x, new double[] { 0, 0, 0 }), 12);
    }

    [Fact]
    public void ParameterLayout_IsWeightsRowMajorThenBiasPerLayer()
    {
        var reference = new ReferenceNetwork(3, new[] { new ReferenceLayer(2, Activation.Tanh), new ReferenceLayer(4, Activation.Identity) }, Loss.MeanSquaredError);
        Assert.Equal(3 * 2 + 2 + 2 * 4 + 4, reference.ParameterCount);
        Assert.Equal(0, reference.WeightIndex(0, 0, 0));
        Assert.Equal(5, reference.WeightIndex(0, 1, 2));
        Assert.Equal(6, reference.BiasIndex(0, 0));
        Assert.Equal(8, reference.WeightIndex(1, 0, 0));
        Assert.Equal(15, reference.WeightIndex(1, 3, 1));
        Assert.Equal(16, reference.BiasIndex(1, 0));
    }

    [Fact]
    public void DropoutMask_ScalesTheUnitsOfTheLayersADropoutFollows()
    {
        // 2 → 2 identity (dropout after) → 1 identity: every weight 1, biases 0, so y = m0·(x0 + x1) + m1·(x0 + x1).
        var reference = new ReferenceNetwork(2, new ReferenceLayer[] { new(2, Activation.Identity, 0.5), new(1, Activation.Identity) },
            Loss.MeanSquaredError);
        Assert.Equal(2, reference.MaskSize);
        double[] p = { 1, 1, 1, 1, 0, 0, 1, 1, 0 }, x = { 0.25, 0.5 }, t = { 0 };
        Assert.Equal(1.5, reference.Predict(p, x)[0], 12);
        Assert.Equal(1.5, reference.Predict(p, x, new double[] { 1, 1 })[0], 12);
        Assert.Equal(1.5, reference.Predict(p, x, new double[] { 0, 2 })[0], 12);
        Assert.Equal(0.75, reference.Predict(p, x, new double[] { 0, 1 })[0], 12);
        Assert.Equal(0.75 * 0.75, reference.LossOf(p, x, t, new double[] { 1, 0 }), 12);
        Assert.Throws<ArgumentException>(() => reference.Predict(p, x, new double[] { 1 }));
    }
}

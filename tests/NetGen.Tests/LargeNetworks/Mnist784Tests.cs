using System;
using System.Linq;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;

namespace NetGen.Tests.LargeNetworks;

/// <summary>
/// 784 → 128 Relu → 10 Softmax with CrossEntropy: the first layer is emitted as loops. Gradients are spot-checked
/// against finite differences of the reference, the whole gradient against the reference's backpropagation, and a
/// few training steps on synthetic digits must reduce the loss.
/// </summary>
public sealed class Mnist784Tests
{
    private static readonly ReferenceNetwork Reference = NetworkType.Of<Mnist784>().Reference;

    [Fact]
    public void FirstLayer_IsPastTheUnrollBudget()
    {
        Assert.True(784 * 128 > NetworkAttribute.DefaultUnrollLimit);
        Assert.Equal(784, Mnist784.InputSize);
        Assert.Equal(10, Mnist784.OutputSize);
        Assert.Equal(784 * 128 + 128 + 128 * 10 + 10, Mnist784.ParameterCount);
    }

    [Fact]
    public void Gradient_MatchesFiniteDifferencesOnWeightsAndBiasesOfBothLayers()
    {
        var net = new Mnist784(7);
        var random = new Random(77);
        // Non-zero biases too, so that a mixed-up bias index shows.
        float[] initial = net.Parameters.ToArray();
        for (int o = 0; o < 128; o++) initial[Reference.BiasIndex(0, o)] = (float)(random.NextDouble() * 0.2 - 0.1);
        for (int o = 0; o < 10; o++) initial[Reference.BiasIndex(1, o)] = (float)(random.NextDouble() * 0.2 - 0.1);
        net.SetParameters(initial);
        double[] p = net.Parameters.ToDoubles();
        float[] x = Digit(random, label: 3);
        float[] t = new float[10];
        t[3] = 1;
        double[] xd = x.ToDoubles(), td = t.ToDoubles();

        var g = new float[Mnist784.ParameterCount];
        float loss = net.Gradient(x, t, g);
        var expected = new double[Mnist784.ParameterCount];
        double expectedLoss = Reference.Gradient(p, xd, td, expected);
        NumericAssert.Close(expectedLoss, loss, 1e-5, "loss");
        NumericAssert.Close(expected, g, 1e-4, "the whole gradient vs the reference's backpropagation");

        // Hidden units clearly active and clearly inactive (finite differences must not cross the ReLU kink).
        double[] z = Reference.PreActivations(p, xd)[0];
        int[] active = Enumerable.Range(0, 128).Where(o => z[o] > 0.05).Take(3).ToArray();
        int inactive = Enumerable.Range(0, 128).First(o => z[o] < -0.05);
        Assert.Equal(3, active.Length);
        int[] pixels = Enumerable.Range(0, 784).Where(i => x[i] > 0.5f).Take(2).Append(5).ToArray();

        var indices = active.SelectMany(o => pixels.Select(i => Reference.WeightIndex(0, o, i)))
            .Concat(active.Select(o => Reference.BiasIndex(0, o)))
            .Append(Reference.WeightIndex(0, inactive, pixels[0])).Append(Reference.BiasIndex(0, inactive))
            .Concat(new[] { (0, active[0]), (3, active[1]), (9, active[2]), (3, inactive) }.Select(oi => Reference.WeightIndex(1, oi.Item1, oi.Item2)))
            .Concat(new[] { 0, 3, 9 }.Select(o => Reference.BiasIndex(1, o)))
            .ToArray();
        double scale = expected.Max(Math.Abs);
        foreach (int k in indices)
        {
            double fd = FiniteDifferences.Partial(q => Reference.LossOf(q, xd, td), p, k);
            Assert.True(Math.Abs(g[k] - fd) <= 1e-3 * scale, $"parameter {k}: Gradient {g[k]:R}, finite differences {fd:R} (scale {scale:G4})");
        }
        Assert.Equal(0f, g[Reference.BiasIndex(0, inactive)]);
        Assert.True(Math.Abs(g[Reference.BiasIndex(1, 3)]) > 1e-3, "the target class's output bias should have a gradient");
    }

    [Fact]
    public void TrainBatch_ReducesTheLossOnSyntheticDigits()
    {
        var random = new Random(5);
        const int n = 32;
        var x = new float[n * 784];
        var t = new float[n * 10];
        for (int s = 0; s < n; s++)
        {
            int label = s % 10;
            Digit(random, label).CopyTo(x, s * 784);
            t[s * 10 + label] = 1;
        }
        var net = new Mnist784();

        // The first step exactly as SGD on the reference's gradient.
        double[] before = net.Parameters.ToDoubles();
        var g = new double[Mnist784.ParameterCount];
        double expectedLoss = Reference.BatchGradient(before, x.ToDoubles(), t.ToDoubles(), g);
        float first = net.TrainBatch(x, t);
        NumericAssert.Close(expectedLoss, first, 1e-5, "loss before the first step");
        double[] update = net.Parameters.ToDoubles().Select((v, k) => v - before[k]).ToArray();
        NumericAssert.Close(g.Select(v => -0.1f * v).ToArray(), update, 2e-3, "the first update", floor: 1e-9);

        float last = first;
        for (int step = 0; step < 5; step++) last = net.TrainBatch(x, t);
        float final = net.Evaluate(x, t);
        Assert.True(final < 0.7f * first, $"loss {first} → {last} → {final}: training did not reduce it enough");
    }

    /// <summary>A synthetic "digit": a fixed random stroke pattern per label plus noise, pixel values in [0, 1].</summary>
    private static float[] Digit(Random random, int label)
    {
        var pattern = new Random(1000 + label);
        var x = new float[784];
        for (int i = 0; i < 784; i++)
        {
            float ink = pattern.NextDouble() < 0.15 ? 0.9f : 0f;
            x[i] = Math.Clamp(ink + (float)(random.NextDouble() * 0.2 - 0.1), 0f, 1f);
        }
        return x;
    }
}

using System;
using System.Linq;
using NetGen.Tests.Data;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;

namespace NetGen.Tests.Gradients;

/// <summary>
/// The generated <c>Gradient</c> against central finite differences (in double) of the reference loss, evaluated at
/// the network's own float parameters: every hidden activation with every output activation and loss it is valid for.
/// </summary>
public sealed class FiniteDifferenceGradientTests
{
    private const double Tolerance = 1e-3;

    [Theory]
    [MemberData(nameof(NetworkSets.GradientCheck), MemberType = typeof(NetworkSets))]
    public void Gradient_MatchesFiniteDifferencesOfTheReferenceLoss(string name)
    {
        var type = NetworkType.Named(name);
        var reference = type.Reference;
        var data = new RandomSamples(StableSeed(name));
        var network = type.Create(data.Parameters(reference));
        double[] p = network.Parameters.ToDoubles();
        const int samples = 3;
        var (x, t) = SamplesWithSizableGradients(data, reference, p, samples);
        if (reference.Loss == Loss.CrossEntropy)
        {
            // Sample 1 gets a one-hot target, sample 2 a target that sums to 0.7 (the fused gradient is y·Σt − t).
            var oneHot = t.AsSpan(reference.OutputSize, reference.OutputSize);
            oneHot.Clear();
            oneHot[reference.OutputSize - 1] = 1;
            foreach (ref float v in t.AsSpan(2 * reference.OutputSize, reference.OutputSize)) v *= 0.7f;
        }

        var g = new float[reference.ParameterCount];
        for (int s = 0; s < samples; s++)
        {
            double[] xs = ReferenceNetwork.Row(x.ToDoubles(), s, reference.InputSize);
            double[] ts = ReferenceNetwork.Row(t.ToDoubles(), s, reference.OutputSize);
            float loss = network.Gradient(x.AsSpan(s * reference.InputSize, reference.InputSize), t.AsSpan(s * reference.OutputSize, reference.OutputSize), g);

            double[] fd = FiniteDifferences.Gradient(q => reference.LossOf(q, xs, ts), p);
            Assert.True(fd.Max(Math.Abs) > 1e-4, $"{name} sample {s}: the gradient is too small to test anything");
            NumericAssert.Close(fd, g, Tolerance, $"{name} sample {s}: Gradient vs finite differences");
            NumericAssert.Close(reference.LossOf(p, xs, ts), loss, 1e-5, $"{name} sample {s}: loss");
        }
    }

    [Theory]
    [MemberData(nameof(NetworkSets.GradientCheck), MemberType = typeof(NetworkSets))]
    public void GradientBatch_MatchesFiniteDifferencesOfTheMeanLoss(string name)
    {
        var type = NetworkType.Named(name);
        var reference = type.Reference;
        var data = new RandomSamples(StableSeed(name) + 1);
        var network = type.Create(data.Parameters(reference));
        double[] p = network.Parameters.ToDoubles();
        const int samples = 4;
        var (x, t) = SamplesWithSizableGradients(data, reference, p, samples);
        double[] xd = x.ToDoubles(), td = t.ToDoubles();

        var g = new float[reference.ParameterCount];
        float loss = network.GradientBatch(x, t, g);

        double[] fd = FiniteDifferences.Gradient(q => reference.BatchLoss(q, xd, td), p);
        NumericAssert.Close(fd, g, Tolerance, $"{name}: GradientBatch vs finite differences");
        NumericAssert.Close(reference.BatchLoss(p, xd, td), loss, 1e-5, $"{name}: batch loss");
    }

    [Fact]
    public void ReluAndLeakyReluDerivativesAtTheKink_AreThoseOfPyTorch()
    {
        // 3 → 4 (Relu or LeakyRelu) → 2 Identity, MSE. Hidden weights and biases 0, so every hidden z is exactly 0;
        // output weights 1 and biases 0, so y = 0. Then ∂L/∂y[o] = 2(y[o] − t[o])/2 = −t[o],
        // ∂L/∂a1[i] = Σo 1·(−t[o]) and ∂L/∂b1[i] = f'(0)·∂L/∂a1[i] with ReLU'(0) = 0 and LeakyReLU'(0) = 0.01 (PyTorch).
        foreach (var (type, slope) in new[] { (NetworkType.Of<A_Relu_Identity_Mse>(), 0.0), (NetworkType.Of<A_LeakyRelu_Identity_Mse>(), 0.01) })
        {
            var reference = type.Reference;
            var p = new float[reference.ParameterCount];
            for (int o = 0; o < 2; o++)
                for (int i = 0; i < 4; i++) p[reference.WeightIndex(1, o, i)] = 1;
            var network = type.Create(p);
            float[] x = { 0.5f, -1, 2 }, t = { 1, 0.5f };
            var g = new float[reference.ParameterCount];
            network.Gradient(x, t, g);
            double da = -(t[0] + t[1]);
            for (int i = 0; i < 4; i++)
            {
                Assert.Equal(slope * da, g[reference.BiasIndex(0, i)], 6);
                Assert.Equal(slope * da * x[2], g[reference.WeightIndex(0, i, 2)], 6);
            }
        }
    }

    /// <summary>
    /// Samples with inputs away from ReLU kinks whose loss gradient is not negligible (a ReLU output layer can be dead
    /// for some inputs, which would make the comparison vacuous).
    /// </summary>
    private static (float[] Inputs, float[] Targets) SamplesWithSizableGradients(RandomSamples data, ReferenceNetwork reference, double[] p, int samples)
    {
        var inputs = new float[samples * reference.InputSize];
        var targets = new float[samples * reference.OutputSize];
        var g = new double[reference.ParameterCount];
        int found = 0;
        for (int attempt = 0; attempt < 200 && found < samples; attempt++)
        {
            float[] x = data.InputsAwayFromKinks(reference, p.ToFloats(), 1);
            float[] t = data.Targets(reference, 1);
            reference.Gradient(p, x.ToDoubles(), t.ToDoubles(), g);
            if (g.Max(Math.Abs) < 1e-2) continue;
            x.CopyTo(inputs, found * reference.InputSize);
            t.CopyTo(targets, found * reference.OutputSize);
            found++;
        }
        Assert.True(found == samples, "no inputs with a sizable gradient");
        return (inputs, targets);
    }

    /// <summary>A seed from the name that does not change between runs (string.GetHashCode does).</summary>
    private static int StableSeed(string name)
    {
        int hash = 17;
        foreach (char c in name) hash = unchecked(hash * 31 + c);
        return hash;
    }
}

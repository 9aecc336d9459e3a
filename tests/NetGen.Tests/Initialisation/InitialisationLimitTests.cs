using System;
using System.Linq;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;

namespace NetGen.Tests.Initialisation;

/// <summary>
/// Weights are uniform on ±√(6/(in+out)) (Glorot) for Identity, Sigmoid, Tanh and Softmax layers and on ±√(6/in)
/// (He) for the rectifier family (Relu, LeakyRelu, Silu, Gelu, GeluTanh, Elu, Softplus, Mish, HardSwish); biases are 0.
/// </summary>
public sealed class InitialisationLimitTests
{
    [Fact]
    public void EveryLayer_FillsItsOwnLimit_AndBiasesAreZero()
    {
        // Over enough seeds that each layer draws at least 4,000 weights, the largest |w| must reach the layer's limit
        // within 20/N (the chance of missing by more is e^−20), and no weight may exceed it: that tells He from Glorot
        // in every layer whose fan-out differs from 0, small layers included.
        foreach (var type in NetworkType.All)
        {
            var reference = type.Reference;
            int smallest = Enumerable.Range(0, reference.Layers.Length).Min(l => reference.FanIn(l) * reference.Layers[l].Units);
            int seeds = Math.Clamp((4000 + smallest - 1) / smallest, 3, 1000);
            var largest = new double[reference.Layers.Length];
            for (int seed = 0; seed < seeds; seed++)
            {
                var network = type.Create(seed);
                for (int l = 0; l < reference.Layers.Length; l++)
                {
                    double limit = Limit(reference, l);
                    float[] w = Weights(network, reference, l);
                    string what = $"{type.Name} seed {seed} layer {l + 1} ({reference.Layers[l].Activation}, limit {limit:G6})";
                    foreach (float v in w)
                    {
                        if (!(Math.Abs(v) <= limit * (1 + 1e-6))) Assert.Fail($"{what}: weight {v:R} is past the limit");
                        largest[l] = Math.Max(largest[l], Math.Abs(v));
                    }
                    for (int o = 0; o < reference.Layers[l].Units; o++)
                        Assert.True(network.Parameters[reference.BiasIndex(l, o)] == 0f, $"{what}: bias {o} is not 0");
                }
            }
            for (int l = 0; l < reference.Layers.Length; l++)
            {
                double limit = Limit(reference, l);
                long drawn = (long)seeds * reference.FanIn(l) * reference.Layers[l].Units;
                Assert.True(largest[l] >= limit * (1 - 20.0 / drawn),
                    $"{type.Name} layer {l + 1} ({reference.Layers[l].Activation}): largest |w| {largest[l]:G6} over {drawn} weights, limit {limit:G6}");
            }
        }
    }

    [Theory]
    [InlineData(nameof(Mnist784), 0)]        // Relu 784 → 128: He √(6/784) = 0.0875, Glorot would be 0.0811
    [InlineData(nameof(Mnist784), 1)]        // Softmax 128 → 10: Glorot √(6/138) = 0.2085, He would be 0.2165
    [InlineData(nameof(Deep64), 0)]          // Relu 64 → 64: He 0.306, Glorot would be 0.217
    [InlineData(nameof(Deep64), 2)]          // Identity 64 → 8: Glorot √(6/72) = 0.289
    [InlineData(nameof(Unrolled96), 0)]      // Tanh 96 → 96: Glorot 0.177
    [InlineData(nameof(Unrolled96), 1)]      // Tanh 96 → 64: Glorot 0.194
    public void LargeLayers_FillTheirRangeUniformly(string name, int layer)
    {
        // Many weights: the largest |w| is within a small fraction of the limit (so the limit is neither too small nor
        // the other rule's), and the moments are those of U(−limit, limit): mean 0, variance limit²/3.
        var type = NetworkType.Named(name);
        var reference = type.Reference;
        double limit = Limit(reference, layer);
        float[] w = Weights(type.Create(5), reference, layer);
        int n = w.Length;
        double max = w.Max(v => Math.Abs((double)v));
        Assert.True(max >= limit * (1 - 20.0 / n), $"{name} layer {layer + 1}: max |w| {max:G6}, limit {limit:G6}, {n} weights");
        double mean = w.Average(v => (double)v);
        double variance = w.Average(v => ((double)v - mean) * ((double)v - mean));
        Assert.True(Math.Abs(mean) < 5 * limit / Math.Sqrt(3 * n), $"{name} layer {layer + 1}: mean {mean:G4}");
        Assert.True(Math.Abs(variance / (limit * limit / 3) - 1) < 6 * Math.Sqrt(0.8 / n), $"{name} layer {layer + 1}: variance {variance:G4}, expected {limit * limit / 3:G4}");
        // Uniform, not bell-shaped: about a tenth of the weights in each tenth of the range (within 6σ).
        var bins = new int[10];
        foreach (float v in w) bins[Math.Min(9, (int)((v / limit + 1) / 2 * 10))]++;
        double sigma = Math.Sqrt(n * 0.1 * 0.9);
        Assert.All(bins, b => Assert.InRange(b, n / 10.0 - 6 * sigma, n / 10.0 + 6 * sigma));
    }

    private static double Limit(ReferenceNetwork reference, int layer)
    {
        int fanIn = reference.FanIn(layer), fanOut = reference.Layers[layer].Units;
        // He for the rectifier family (README, "Initialisation"), Glorot for the rest.
        return reference.Layers[layer].Activation is Activation.Relu or Activation.LeakyRelu or Activation.Silu or Activation.Gelu
                or Activation.GeluTanh or Activation.Elu or Activation.Softplus or Activation.Mish or Activation.HardSwish
            ? Math.Sqrt(6.0 / fanIn)
            : Math.Sqrt(6.0 / (fanIn + fanOut));
    }

    private static float[] Weights(INetwork network, ReferenceNetwork reference, int layer)
    {
        int fanIn = reference.FanIn(layer), units = reference.Layers[layer].Units;
        return network.Parameters.Slice(reference.WeightIndex(layer, 0, 0), fanIn * units).ToArray();
    }
}

using System;
using System.IO;
using System.Linq;
using NetGen.Tests.Data;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;

namespace NetGen.Tests.Dropout;

/// <summary>
/// [Dropout] against an independent double-precision reference with the same mask (drawn from the generator state the
/// network saves): gradients vs central finite differences, the kept fraction and scaling, inference without dropout,
/// determinism for a seed, and Save/Load continuing the mask stream.
/// </summary>
public sealed class DropoutTests
{
    private const double Tolerance = 1e-3;

    public static TheoryData<string> Networks => new() { nameof(DropTanhSigmoidBce), nameof(DropSoftmaxCe), nameof(DropLooped) };

    internal static (INetwork Network, ReferenceNetwork Reference) Create(string name) => name switch
    {
        nameof(DropTanhSigmoidBce) => (new DropTanhSigmoidBce(), new ReferenceNetwork(3,
            new ReferenceLayer[] { new(5, Activation.Tanh, 0.4), new(4, Activation.Sigmoid, 0.25), new(2, Activation.Sigmoid) }, Loss.BinaryCrossEntropy)),
        nameof(DropSoftmaxCe) => (new DropSoftmaxCe(), new ReferenceNetwork(2,
            new ReferenceLayer[] { new(6, Activation.Tanh, 0.5), new(3, Activation.Softmax) }, Loss.CrossEntropy)),
        nameof(DropLooped) => (new DropLooped(), new ReferenceNetwork(40,
            new ReferenceLayer[] { new(40, Activation.Tanh, 0.2), new(2, Activation.Sigmoid) }, Loss.MeanSquaredError)),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    internal static (float[] X, float[] T) Samples(ReferenceNetwork reference, int n, int seed)
    {
        var data = new RandomSamples(seed);
        var x = data.Uniform(n * reference.InputSize, -1.5, 1.5);
        var t = new float[n * reference.OutputSize];
        for (int s = 0; s < n; s++)
        {
            var row = t.AsSpan(s * reference.OutputSize, reference.OutputSize);
            if (reference.Loss == Loss.CrossEntropy) row[data.Random.Next(row.Length)] = 1f;
            else for (int j = 0; j < row.Length; j++) row[j] = (float)data.Uniform(0.05, 0.95);
        }
        return (x, t);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Gradient_WithTheSameMask_MatchesFiniteDifferences(string name)
    {
        var (network, reference) = Create(name);
        var (x, t) = Samples(reference, 4, 11);
        var g = new float[reference.ParameterCount];
        int dropped = 0;
        for (int s = 0; s < 4; s++)
        {
            double[] mask = DropoutMasks.Next(reference, network, 1)[0];
            dropped += mask.Count(v => v == 0);
            double[] p = network.Parameters.ToDoubles();
            double[] xs = ReferenceNetwork.Row(x.ToDoubles(), s, reference.InputSize), ts = ReferenceNetwork.Row(t.ToDoubles(), s, reference.OutputSize);
            float loss = network.Gradient(x.AsSpan(s * reference.InputSize, reference.InputSize), t.AsSpan(s * reference.OutputSize, reference.OutputSize), g);
            double[] fd = FiniteDifferences.Gradient(q => reference.LossOf(q, xs, ts, mask), p);
            NumericAssert.Close(fd, g, Tolerance, $"{name} sample {s}: Gradient vs finite differences with the mask");
            NumericAssert.Close(reference.LossOf(p, xs, ts, mask), loss, 1e-5, $"{name} sample {s}: loss with the mask");
        }
        Assert.True(dropped > 0, "no unit was dropped in 4 samples: the test would not see the mask");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void GradientBatch_DrawsOneMaskPerSampleInOrder(string name)
    {
        var (network, reference) = Create(name);
        const int n = 13;
        var (x, t) = Samples(reference, n, 12);
        double[][] masks = DropoutMasks.Next(reference, network, n);
        ulong before = DropoutMasks.State(network);
        double[] p = network.Parameters.ToDoubles(), xd = x.ToDoubles(), td = t.ToDoubles();
        double Mean(double[] q)
        {
            double total = 0;
            for (int s = 0; s < n; s++)
                total += reference.LossOf(q, ReferenceNetwork.Row(xd, s, reference.InputSize), ReferenceNetwork.Row(td, s, reference.OutputSize), masks[s]);
            return total / n;
        }
        var g = new float[reference.ParameterCount];
        float loss = network.GradientBatch(x, t, g);
        NumericAssert.Close(FiniteDifferences.Gradient(Mean, p), g, Tolerance, $"{name}: GradientBatch vs finite differences with the masks");
        NumericAssert.Close(Mean(p), loss, 1e-5, $"{name}: mean loss with the masks");
        // The stream advanced by exactly n masks.
        var random = new NetGen.Runtime.DeterministicRandom(before);
        for (int k = 0; k < n * reference.MaskSize; k++) random.NextUInt64();
        Assert.Equal(random.State, DropoutMasks.State(network));
    }

    [Fact]
    public void Mask_KeepsAbout1MinusPOfTheUnits_ScaledBy1Over1MinusP()
    {
        var network = new DropProbe();
        var p = new float[DropProbe.ParameterCount];
        for (int j = 0; j < 64; j++)
        {
            p[j] = 1f;          // W1[j, 0]
            p[64 + 64 + j] = 1f; // W2[0, j] (after b1)
        }
        network.SetParameters(p);
        var g = new float[DropProbe.ParameterCount];
        float[] x = { 1f }, t = { 0f };
        const int samples = 3000;
        long kept = 0, total = 0;
        float scale = 1f / (1f - 0.3f);
        for (int s = 0; s < samples; s++)
        {
            float loss = network.Gradient(x, t, g);
            float y = MathF.Sqrt(loss); // L = y², y = Σ m ≥ 0
            int keptHere = 0;
            for (int j = 0; j < 64; j++)
            {
                float m = g[128 + j] / (2f * y);
                if (g[128 + j] == 0f) continue;
                Assert.True(Math.Abs(m - scale) < 1e-4 * scale, $"sample {s} unit {j}: kept unit scaled by {m}, expected {scale}");
                keptHere++;
            }
            Assert.True(Math.Abs(y - keptHere * scale) < 1e-3 * Math.Max(1, y), $"sample {s}: output {y} is not the kept count × 1/(1−p)");
            kept += keptHere;
            total += 64;
        }
        double fraction = (double)kept / total;
        // Binomial: standard deviation √(0.7·0.3/192000) ≈ 0.001; 5σ.
        Assert.InRange(fraction, 0.7 - 0.005, 0.7 + 0.005);
    }

    [Fact]
    public void PredictAndEvaluate_UseNoDropout_AndDoNotAdvanceTheMaskStream()
    {
        var network = new DropTanhSigmoidBce();
        var plain = new NoDropTanhSigmoidBce();
        plain.SetParameters(network.Parameters);
        var reference = Create(nameof(DropTanhSigmoidBce)).Reference;
        var (x, t) = Samples(reference, 20, 13);
        ulong before = DropoutMasks.State(network);

        var y = new float[20 * 2];
        var yPlain = new float[20 * 2];
        network.PredictBatch(x, y);
        plain.PredictBatch(x, yPlain);
        NumericAssert.Identical(yPlain, y, "PredictBatch with and without [Dropout]");
        var one = new float[2];
        network.Predict(x.AsSpan(0, 3), one);
        var expected = reference.Predict(network.Parameters.ToDoubles(), ReferenceNetwork.Row(x.ToDoubles(), 0, 3));
        NumericAssert.Close(expected, one, 1e-5, "Predict vs the reference without a mask");
        Assert.Equal(plain.Evaluate(x, t), network.Evaluate(x, t));
        double mean = 0;
        for (int s = 0; s < 20; s++)
            mean += reference.LossOf(network.Parameters.ToDoubles(), ReferenceNetwork.Row(x.ToDoubles(), s, 3), ReferenceNetwork.Row(t.ToDoubles(), s, 2), null);
        NumericAssert.Close(mean / 20, network.Evaluate(x, t), 1e-5, "Evaluate vs the reference without a mask");
        Assert.Equal(before, DropoutMasks.State(network));

        // Training calls do advance it.
        network.TrainStep(x.AsSpan(0, 3), t.AsSpan(0, 2));
        Assert.NotEqual(before, DropoutMasks.State(network));
    }

    [Fact]
    public void SameSeed_SameTraining_OtherSeed_OtherMasks()
    {
        var reference = Create(nameof(DropTanhSigmoidBce)).Reference;
        var (x, t) = Samples(reference, 16, 14);
        var a = new DropTanhSigmoidBce(7);
        var b = new DropTanhSigmoidBce(7);
        var c = new DropTanhSigmoidBce(8);
        c.SetParameters(a.Parameters); // same weights, other dropout stream
        for (int step = 0; step < 10; step++)
        {
            float la = a.TrainBatch(x, t), lb = b.TrainBatch(x, t);
            Assert.Equal(la, lb);
            a.TrainStep(x.AsSpan(0, 3), t.AsSpan(0, 2));
            b.TrainStep(x.AsSpan(0, 3), t.AsSpan(0, 2));
        }
        NumericAssert.Identical(a.Parameters, b.Parameters, "parameters after the same training from the same seed");
        Assert.NotEqual(DropoutMasks.State(new DropTanhSigmoidBce(7)), DropoutMasks.State(c));
        Assert.NotEqual(DropoutMasks.State(new DropTanhSigmoidBce()), DropoutMasks.State(new DropTanhSigmoidBce(4)));
        // new T() uses the attribute's seed (3).
        Assert.Equal(DropoutMasks.State(new DropTanhSigmoidBce()), DropoutMasks.State(new DropTanhSigmoidBce(3)));
    }

    [Fact]
    public void SaveLoad_ContinuesTheSameMaskStream()
    {
        var reference = Create(nameof(DropSoftmaxCe)).Reference;
        var (x, t) = Samples(reference, 10, 15);
        var a = new DropSoftmaxCe(5);
        for (int i = 0; i < 7; i++) a.TrainBatch(x, t);
        using var file = new MemoryStream();
        a.Save(file);
        file.Position = 0;
        var b = DropSoftmaxCe.Load(file);
        Assert.Equal(DropoutMasks.State(a), DropoutMasks.State(b));
        var ga = new float[DropSoftmaxCe.ParameterCount];
        var gb = new float[DropSoftmaxCe.ParameterCount];
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(a.GradientBatch(x, t, ga), b.GradientBatch(x, t, gb));
            NumericAssert.Identical(ga, gb, $"gradient {i} after Load");
            Assert.Equal(a.TrainStep(x.AsSpan(0, 2), t.AsSpan(0, 3)), b.TrainStep(x.AsSpan(0, 2), t.AsSpan(0, 3)));
        }
        NumericAssert.Identical(a.Parameters, b.Parameters, "parameters after training on both");
    }
}

using System;
using NetGen.Tests.Networks;
using Xunit.Abstractions;

namespace NetGen.Tests.Training;

/// <summary>Training solves small problems within a bounded number of epochs (fixed seeds, so deterministic).</summary>
public sealed class ConvergenceTests
{
    private static readonly float[] XorInputs = { 0, 0, 0, 1, 1, 0, 1, 1 };
    private static readonly float[] XorTargets = { 0, 1, 1, 0 };

    private readonly ITestOutputHelper _output;

    public ConvergenceTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Xor_WithTanhHidden_ReachesMseBelow001()
    {
        var net = new XorTanh();
        int epochs = TrainXor(net, maxEpochs: 5000);
        _output.WriteLine($"XOR (tanh): MSE < 0.01 after {epochs + 1} epochs");
        Assert.True(epochs < 5000, $"XOR (tanh) did not reach MSE < 0.01 in 5000 epochs: {net.Evaluate(XorInputs, XorTargets)}");
        AssertSolvesXor(net);
    }

    [Fact]
    public void Xor_WithSigmoidHidden_ReachesMseBelow001()
    {
        var net = new XorSigmoid();
        int epochs = TrainXor(net, maxEpochs: 20000);
        _output.WriteLine($"XOR (sigmoid): MSE < 0.01 after {epochs + 1} epochs");
        Assert.True(epochs < 20000, $"XOR (sigmoid) did not reach MSE < 0.01 in 20000 epochs: {net.Evaluate(XorInputs, XorTargets)}");
        AssertSolvesXor(net);
    }

    [Fact]
    public void SineRegression_FitsWithinTheStatedLoss()
    {
        // y = sin(x) on 64 evenly spaced points of [−2, 2], 1 → 16 tanh → 1, Adam, full batch.
        const int n = 64;
        var x = new float[n];
        var y = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = -2f + 4f * i / (n - 1);
            y[i] = MathF.Sin(x[i]);
        }
        var net = new SineRegression();
        float initial = net.Evaluate(x, y);
        for (int epoch = 0; epoch < 3000; epoch++) net.TrainBatch(x, y);
        float final = net.Evaluate(x, y);
        _output.WriteLine($"sine regression: MSE {initial} → {final}");
        Assert.True(final < 1e-3f, $"sine regression: MSE {final} (started at {initial}), expected < 1e-3");
    }

    [Fact]
    public void RingClassification_ConvergesWithMomentum()
        => AssertLearnsTheRing(new RingMomentum(), epochs: 300);

    [Fact]
    public void RingClassification_ConvergesWithAdam()
        => AssertLearnsTheRing(new RingAdam(), epochs: 300);

    private static int TrainXor(INetwork net, int maxEpochs)
    {
        for (int epoch = 0; epoch < maxEpochs; epoch++)
        {
            for (int s = 0; s < 4; s++) net.TrainStep(XorInputs.AsSpan(2 * s, 2), XorTargets.AsSpan(s, 1));
            if (net.Evaluate(XorInputs, XorTargets) < 0.01f) return epoch;
        }
        return maxEpochs;
    }

    private static void AssertSolvesXor(INetwork net)
    {
        var y = new float[1];
        for (int s = 0; s < 4; s++)
        {
            net.Predict(XorInputs.AsSpan(2 * s, 2), y);
            Assert.True(Math.Abs(y[0] - XorTargets[s]) < 0.25f, $"XOR({XorInputs[2 * s]}, {XorInputs[2 * s + 1]}) = {y[0]}");
        }
    }

    /// <summary>
    /// Points of [−2, 2]² labelled by whether they lie inside the circle of radius 1.6 (about half of them do),
    /// one-hot targets; mini-batches of 20.
    /// </summary>
    private void AssertLearnsTheRing(INetwork net, int epochs)
    {
        const int n = 200, batch = 20;
        var random = new Random(2024);
        var x = new float[2 * n];
        var t = new float[2 * n];
        for (int i = 0; i < n; i++)
        {
            float a = (float)(random.NextDouble() * 4 - 2), b = (float)(random.NextDouble() * 4 - 2);
            x[2 * i] = a;
            x[2 * i + 1] = b;
            t[2 * i + (a * a + b * b < 1.6f * 1.6f ? 0 : 1)] = 1;
        }
        float initial = net.Evaluate(x, t);
        for (int epoch = 0; epoch < epochs; epoch++)
            for (int start = 0; start < n; start += batch)
                net.TrainBatch(x.AsSpan(2 * start, 2 * batch), t.AsSpan(2 * start, 2 * batch));
        float final = net.Evaluate(x, t);
        int correct = 0;
        var y = new float[2];
        for (int i = 0; i < n; i++)
        {
            net.Predict(x.AsSpan(2 * i, 2), y);
            if ((y[0] > y[1]) == (t[2 * i] == 1)) correct++;
        }
        _output.WriteLine($"ring: cross-entropy {initial} → {final}, {correct}/{n} correct");
        Assert.True(final < 0.15f && final < initial / 4, $"ring: cross-entropy {final} (started at {initial})");
        Assert.True(correct >= 0.95 * n, $"ring: {correct}/{n} correct");
    }
}

using System;

namespace NetGen.Gpu.Tests;

/// <summary>Deterministic synthetic data and the comparisons the tests share.</summary>
public static class TestData
{
    /// <summary>Inputs in [-1, 1) and targets that fit the network's loss (probabilities for CE, values in [0, 1] otherwise).</summary>
    public static (float[] Inputs, float[] Targets) Batch(ITestNetwork network, int n, int seed, bool oneHot)
    {
        var random = new Random(seed);
        var inputs = new float[n * network.InputSize];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)(random.NextDouble() * 2 - 1);
        var targets = new float[n * network.OutputSize];
        for (int s = 0; s < n; s++)
        {
            if (oneHot) targets[s * network.OutputSize + random.Next(network.OutputSize)] = 1f;
            else for (int j = 0; j < network.OutputSize; j++) targets[s * network.OutputSize + j] = (float)random.NextDouble();
        }
        return (inputs, targets);
    }

    public static bool IsClassifier(ITestNetwork network) => network.GetType().Name.Contains("Softmax") || network.GetType().Name.StartsWith("Mnist");

    /// <summary>|actual − expected| ≤ 1e-5 · max(|expected|, 1e-2) for every element (relative, with a floor near zero).</summary>
    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what, float relative = 1e-5f)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            float tolerance = relative * Math.Max(Math.Abs(expected[i]), 1e-2f);
            if (!(Math.Abs(actual[i] - expected[i]) <= tolerance))
            {
                Assert.Fail($"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (tolerance {tolerance:R})");
            }
        }
    }

    public static void AssertClose(float expected, float actual, string what) => AssertClose(new[] { expected }, new[] { actual }, what);
}

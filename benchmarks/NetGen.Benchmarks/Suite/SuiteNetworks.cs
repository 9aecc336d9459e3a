using System;

namespace NetGen.Benchmarks.Suite;

/// <summary>The layer lists of the suite's networks (<see cref="NetA"/> … <see cref="NetD"/>, and issue 15's <see cref="Suite.PolicySwish"/> and <see cref="Suite.PolicyRelu"/>), the report's numbers and the suite's data.</summary>
public static class SuiteNetworks
{
    /// <summary>The batch size of the training benchmarks.</summary>
    public const int Batch = 64;

    /// <summary>Seed of every network's parameters.</summary>
    public const int Seed = 1;

    /// <summary>Net A's layers.</summary>
    public static readonly (int Units, Activation Activation)[] A = { (1, Activation.Sigmoid), (1, Activation.Sigmoid) };

    /// <summary>Net B's layers.</summary>
    public static readonly (int Units, Activation Activation)[] B =
        { (16, Activation.Tanh), (16, Activation.Tanh), (4, Activation.Identity) };

    /// <summary>Net C's layers.</summary>
    public static readonly (int Units, Activation Activation)[] C =
        { (64, Activation.Relu), (64, Activation.Relu), (8, Activation.Identity) };

    /// <summary>Net D's layers.</summary>
    public static readonly (int Units, Activation Activation)[] D = { (128, Activation.Relu), (10, Activation.Softmax) };

    /// <summary><see cref="Suite.PolicySwish"/>'s layers (input 64).</summary>
    public static readonly (int Units, Activation Activation)[] PolicySwish =
        { (128, Activation.Silu), (128, Activation.Silu), (8, Activation.Identity) };

    /// <summary><see cref="Suite.PolicyRelu"/>'s layers (input 64).</summary>
    public static readonly (int Units, Activation Activation)[] PolicyRelu =
        { (256, Activation.Relu), (256, Activation.Relu), (256, Activation.Relu), (8, Activation.Identity) };

    /// <summary>Multiply-adds of one forward pass (Σ in·out over the layers).</summary>
    public static long MultiplyAdds(int inputSize, (int Units, Activation Activation)[] layers)
    {
        long total = 0;
        int width = inputSize;
        foreach (var (units, _) in layers)
        {
            total += (long)width * units;
            width = units;
        }

        return total;
    }

    /// <summary>Uniform values in [-1, 1) from a fixed seed.</summary>
    public static float[] RandomData(int length, int seed) => RandomData(new Random(seed), length);

    /// <summary>The next <paramref name="length"/> uniform values in [-1, 1) of <paramref name="random"/>.</summary>
    public static float[] RandomData(Random random, int length)
    {
        var data = new float[length];
        for (int i = 0; i < data.Length; i++) data[i] = (float)(random.NextDouble() * 2 - 1);
        return data;
    }

    /// <summary>Throws unless every element of <paramref name="actual"/> is within |e − a| ≤ tol·(1 + |e|).</summary>
    public static void CheckClose(string what, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float tolerance)
    {
        if (expected.Length != actual.Length) throw new InvalidOperationException($"{what}: lengths differ.");
        for (int i = 0; i < expected.Length; i++)
        {
            float e = expected[i], a = actual[i];
            if (!(MathF.Abs(e - a) <= tolerance * (1f + MathF.Abs(e))))
            {
                throw new InvalidOperationException($"{what}: element {i} is {a}, expected {e} (tolerance {tolerance}).");
            }
        }
    }
}

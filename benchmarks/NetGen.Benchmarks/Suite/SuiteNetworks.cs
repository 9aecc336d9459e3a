using System;

namespace NetGen.Benchmarks.Suite;

// The four networks of issue 5, SGD, default UnrollLimit. Parameters come from each class's own initialisation
// (seed 1); the plain baseline and ONNX Runtime get copies of them.

/// <summary>Net A: the lecture's seed, 3 → 1 sigmoid → 1 sigmoid, MSE (learning rate 0.1 as in the seed).</summary>
[Network(Loss.MeanSquaredError, LearningRate = 0.1f)]
[Input(3)]
[Dense(1, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
public partial class NetA { }

/// <summary>Net B: 8 → 16 tanh → 16 tanh → 4, MSE.</summary>
[Network(Loss.MeanSquaredError)]
[Input(8)]
[Dense(16, Activation.Tanh)]
[Dense(16, Activation.Tanh)]
[Dense(4)]
public partial class NetB { }

/// <summary>Net C: 32 → 64 relu → 64 relu → 8, MSE.</summary>
[Network(Loss.MeanSquaredError)]
[Input(32)]
[Dense(64, Activation.Relu)]
[Dense(64, Activation.Relu)]
[Dense(8)]
public partial class NetC { }

/// <summary>Net D: 784 → 128 relu → 10 softmax, cross-entropy (Predict only in the suite).</summary>
[Network(Loss.CrossEntropy)]
[Input(784)]
[Dense(128, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class NetD { }

/// <summary>The layer lists of the four networks, for the plain baseline, the ONNX writer and the report.</summary>
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
    public static float[] RandomData(int length, int seed)
    {
        var random = new Random(seed);
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

using System;
using NetGen.Benchmarks.Suite;

namespace NetGen.Benchmarks.Speed;

/// <summary>The issue-15 nets by name, their layer lists and their seeded batches.</summary>
public static class SpeedData
{
    /// <summary>Seed of the inputs of every batch.</summary>
    public const int InputSeed = 42;

    /// <summary>Seed of the targets of every batch.</summary>
    public const int TargetSeed = 43;

    /// <summary>The layer list of <paramref name="network"/> (by its type), as <see cref="SuiteNetworks"/> declares it.</summary>
    public static (int Units, Activation Activation)[] Layers(INetwork network) => network switch
    {
        NetB => SuiteNetworks.B,
        NetC => SuiteNetworks.C,
        NetD => SuiteNetworks.D,
        PolicySwish => SuiteNetworks.PolicySwish,
        PolicyRelu => SuiteNetworks.PolicyRelu,
        _ => BenchmarkSetup.Layers(network),
    };

    /// <summary>
    /// Inputs [<paramref name="samples"/>, InputSize] uniform in [-1, 1) and targets [<paramref name="samples"/>,
    /// OutputSize]: uniform in [-1, 1) for mean squared error, one-hot rows (a seeded class per sample) for cross-entropy.
    /// </summary>
    public static (float[] Inputs, float[] Targets) Batch(INetwork network, int samples)
    {
        float[] inputs = SuiteNetworks.RandomData(samples * network.InputSize, InputSeed);
        if (network.Loss != Loss.CrossEntropy) return (inputs, SuiteNetworks.RandomData(samples * network.OutputSize, TargetSeed));
        var targets = new float[samples * network.OutputSize];
        var random = new Random(TargetSeed);
        for (int s = 0; s < samples; s++) targets[s * network.OutputSize + random.Next(network.OutputSize)] = 1f;
        return (inputs, targets);
    }

    /// <summary>Multiply-adds of one forward pass of <paramref name="network"/> (Σ in·out).</summary>
    public static long MultiplyAdds(INetwork network) => SuiteNetworks.MultiplyAdds(network.InputSize, Layers(network));
}

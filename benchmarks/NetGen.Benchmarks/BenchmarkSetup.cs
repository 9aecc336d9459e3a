using System;
using NetGen.Benchmarks.Suite;

namespace NetGen.Benchmarks;

/// <summary>
/// The set-up the benchmark classes share: a suite net by its letter, the plain C# baseline holding a copy of a NetGen
/// network's parameters, and seeded random inputs and targets sized for a network.
/// </summary>
public static class BenchmarkSetup
{
    /// <summary>Suite net <paramref name="name"/> ("A", "B", "C" or "D"), parameters from <see cref="SuiteNetworks.Seed"/>.</summary>
    public static INetwork SuiteNet(string name) => name switch
    {
        "A" => new NetA(SuiteNetworks.Seed),
        "B" => new NetB(SuiteNetworks.Seed),
        "C" => new NetC(SuiteNetworks.Seed),
        "D" => new NetD(SuiteNetworks.Seed),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "The suite nets are A, B, C and D."),
    };

    /// <summary>The layers of <paramref name="network"/> as the plain baseline and the ONNX writer take them.</summary>
    /// <exception cref="NotSupportedException">A layer is not Dense (the benchmarked nets have no dropout).</exception>
    public static (int Units, Activation Activation)[] Layers(INetwork network)
    {
        var layers = new (int Units, Activation Activation)[network.Layers.Length];
        for (int l = 0; l < layers.Length; l++)
        {
            var layer = network.Layers[l];
            if (layer.Kind != LayerKind.Dense) throw new NotSupportedException($"Layer {l + 1} is {layer.Kind}, not Dense.");
            layers[l] = (layer.OutputSize, layer.Activation);
        }

        return layers;
    }

    /// <summary>The plain C# baseline with <paramref name="network"/>'s layers and a copy of its parameters as they are now.</summary>
    public static PlainNetwork Plain(INetwork network)
    {
        var plain = new PlainNetwork(network.InputSize, Layers(network));
        plain.LoadParameters(network.Parameters);
        return plain;
    }

    /// <summary>
    /// Inputs [<paramref name="samples"/>, InputSize] and targets [<paramref name="samples"/>, OutputSize] of
    /// <paramref name="network"/>, uniform in [-1, 1), each from its own seed.
    /// </summary>
    public static (float[] Inputs, float[] Targets) Batch(INetwork network, int samples, int inputSeed, int targetSeed) =>
        (SuiteNetworks.RandomData(samples * network.InputSize, inputSeed), SuiteNetworks.RandomData(samples * network.OutputSize, targetSeed));

    /// <summary>
    /// Inputs [<paramref name="samples"/>, InputSize], then targets [<paramref name="samples"/>, OutputSize] of
    /// <paramref name="network"/>, uniform in [-1, 1), drawn in that order from <paramref name="random"/> (which several
    /// networks' batches may share).
    /// </summary>
    public static (float[] Inputs, float[] Targets) Batch(INetwork network, int samples, Random random)
    {
        float[] inputs = SuiteNetworks.RandomData(random, samples * network.InputSize);
        return (inputs, SuiteNetworks.RandomData(random, samples * network.OutputSize));
    }
}

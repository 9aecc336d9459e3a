using System;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;

namespace NetGen.Tests.Data;

/// <summary>A network of the given class with random parameters, and random samples that suit its loss.</summary>
public sealed class RandomCase
{
    private RandomCase(NetworkType type, INetwork network, float[] inputs, float[] targets, int samples)
    {
        Type = type;
        Network = network;
        Inputs = inputs;
        Targets = targets;
        Samples = samples;
    }

    public NetworkType Type { get; }

    public ReferenceNetwork Reference => Type.Reference;

    public INetwork Network { get; }

    /// <summary>Row-major <c>[Samples, InputSize]</c>.</summary>
    public float[] Inputs { get; }

    /// <summary>Row-major <c>[Samples, OutputSize]</c>.</summary>
    public float[] Targets { get; }

    public int Samples { get; }

    /// <summary>Random parameters (from <paramref name="seed"/>) and <paramref name="samples"/> samples away from ReLU kinks.</summary>
    public static RandomCase Create(string name, int samples, int seed)
    {
        var type = NetworkType.Named(name);
        var data = new RandomSamples(seed);
        var network = type.Create(data.Parameters(type.Reference));
        float[] inputs = data.InputsAwayFromKinks(type.Reference, network.Parameters, samples, 1e-3);
        float[] targets = data.Targets(type.Reference, samples);
        return new RandomCase(type, network, inputs, targets, samples);
    }

    public ReadOnlySpan<float> Input(int sample) => Inputs.AsSpan(sample * Reference.InputSize, Reference.InputSize);

    public ReadOnlySpan<float> Target(int sample) => Targets.AsSpan(sample * Reference.OutputSize, Reference.OutputSize);

    /// <summary>The first <paramref name="count"/> samples' inputs.</summary>
    public float[] FirstInputs(int count) => Inputs.AsSpan(0, count * Reference.InputSize).ToArray();

    /// <summary>The first <paramref name="count"/> samples' targets.</summary>
    public float[] FirstTargets(int count) => Targets.AsSpan(0, count * Reference.OutputSize).ToArray();
}

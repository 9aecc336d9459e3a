using System;
using NetGen.Tests.Networks;

namespace NetGen.Tests.Onnx;

/// <summary>A network of this folder with its layer list (for OnnxModelWriter and PlainNetwork).</summary>
internal sealed record OnnxCase(string Name, Func<INetwork> Create, int InputSize, (int Units, Activation Activation)[] Layers)
{
    public int OutputSize => Layers[Layers.Length - 1].Units;

    public override string ToString() => Name;
}

internal static class OnnxCases
{
    public static readonly OnnxCase A = new("A", () => new OnnxNetA(), 3,
        new[] { (1, Activation.Sigmoid), (1, Activation.Sigmoid) });

    public static readonly OnnxCase B = new("B", () => new OnnxNetB(), 8,
        new[] { (16, Activation.Tanh), (16, Activation.Tanh), (4, Activation.Identity) });

    public static readonly OnnxCase C = new("C", () => new OnnxNetC(), 32,
        new[] { (64, Activation.Relu), (64, Activation.Relu), (8, Activation.Identity) });

    public static readonly OnnxCase D = new("D", () => new OnnxNetD(), 784,
        new[] { (128, Activation.Relu), (10, Activation.Softmax) });

    public static readonly OnnxCase Mixed = new("Mixed", () => new OnnxNetMixed(), 5,
        new[] { (7, Activation.Sigmoid), (6, Activation.LeakyRelu), (3, Activation.Tanh) });

    public static OnnxCase ByName(string name) => name switch
    {
        "A" => A,
        "B" => B,
        "C" => C,
        "D" => D,
        "Mixed" => Mixed,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown case."),
    };

    /// <summary>Uniform values in [-scale, scale) from a fixed seed (System.Random: fixed algorithm for a seed).</summary>
    public static float[] Uniform(int length, int seed, float scale)
    {
        var random = new Random(seed);
        var data = new float[length];
        for (int i = 0; i < data.Length; i++) data[i] = (float)((random.NextDouble() * 2 - 1) * scale);
        return data;
    }

    /// <summary>A network of <paramref name="testCase"/> with random weights and biases (not its own initialisation).</summary>
    public static INetwork WithRandomParameters(OnnxCase testCase, int seed)
    {
        INetwork net = testCase.Create();
        net.SetParameters(Uniform(net.Parameters.Length, seed, 0.5f));
        return net;
    }

    /// <summary>|actual − expected| ≤ tolerance · max(1, |expected|) for every element.</summary>
    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            float bound = tolerance * Math.Max(1f, Math.Abs(expected[i]));
            Assert.True(
                Math.Abs(actual[i] - expected[i]) <= bound,
                $"{what}: element {i} is {actual[i]:R}, expected {expected[i]:R} (bound {bound:R}).");
        }
    }
}

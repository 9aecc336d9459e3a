using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using NetGen.Runtime;
using NetGen.Tests.Allocation;
using NetGen.Tests.Data;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;
using Xunit.Abstractions;

namespace NetGen.Tests.Simd;

/// <summary>
/// Batch-1 <c>Predict</c> vectorised across the neurons of a layer (the packed, padded weight copy and the
/// <c>NetGenPredictNeurons{width}</c> kernels) equals the scalar kernel (<see cref="SimdOptions.ForcedWidth"/> = -1) and
/// the double-precision reference, for 128, 256 and 512 forced; it sees every write through <c>Parameters</c> and every
/// optimizer step; and it allocates nothing once warmed up.
/// </summary>
[Collection(SimdOptionsCollection.Name)]
public sealed class NeuronPredictTests : IDisposable
{
    private const int Samples = 23;

    private readonly ITestOutputHelper _output;

    public NeuronPredictTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => SimdOptions.ForcedWidth = 0;

    /// <summary>Every network of the test assembly that has neuron kernels.</summary>
    public static TheoryData<string> WithNeuronKernels =>
        SimdNetworkSets.Data(NetworkType.All.Where(HasNeuronKernels).Select(n => n.Name));

    /// <summary>
    /// Neuron kernels exist where a layer has 8 units or more, and never below that (one vector would be mostly padding;
    /// those networks keep the scalar kernel for Predict).
    /// </summary>
    [Fact]
    public void NeuronKernels_AreEmitted_OnlyWhereALayerHas8UnitsOrMore()
    {
        foreach (var type in NetworkType.All.Where(t => t.Reference.Layers.All(l => l.Units < 8)))
        {
            Assert.False(HasNeuronKernels(type), $"{type.Name}: no layer of 8 units, yet neuron kernels");
        }
        string[] expected =
        {
            nameof(Neurons_Sigmoid17_Tanh33_Identity5_Mse), nameof(Neurons_Relu16_LeakyRelu8_Softmax10_Ce),
            nameof(Neurons_Looped_Relu24_Sigmoid1_Bce), nameof(Neurons_Looped_Relu40_Softmax35_Ce), nameof(Neurons_Tanh64_Relu64_Identity3_Mse),
            nameof(Mnist784),
        };
        foreach (string name in expected) Assert.True(HasNeuronKernels(NetworkType.Named(name)), $"{name}: no neuron kernels");
    }

    [Theory]
    [MemberData(nameof(WithNeuronKernels))]
    public void Predict_OnEveryWidth_EqualsTheScalarKernel_AndTheReference(string name)
    {
        var c = RandomCase.Create(name, Samples, SimdNetworkSets.StableSeed(name) + 11);
        int nOut = c.Reference.OutputSize;
        double[] parameters = c.Network.Parameters.ToArray().ToDoubles();
        SimdWidths.Force(-1);
        float[] scalar = PredictEach(c);
        var worst = new WorstErrors();
        foreach (int forced in SimdWidths.Forced)
        {
            int preferred = SimdWidths.Force(forced);
            float[] simd = PredictEach(c);
            string what = $"{name} forced {forced} (running {preferred})";
            NumericAssert.Close(scalar.ToDoubles(), simd, SimdTolerance.Outputs, $"{what}: Predict vs scalar");
            for (int s = 0; s < Samples; s++)
            {
                double[] expected = c.Reference.Predict(parameters, c.Input(s).ToArray().ToDoubles());
                NumericAssert.Close(expected, simd.AsSpan(s * nOut, nOut).ToArray(), SimdTolerance.Reference, $"{what} sample {s}: Predict vs reference");
            }
            worst.Record("outputs", scalar.ToDoubles(), simd, what);
        }
        worst.WriteTo(_output);
    }

    [Theory]
    [MemberData(nameof(WithNeuronKernels))]
    public void Predict_SeesParameterWrites_AndOptimizerSteps(string name)
    {
        var c = RandomCase.Create(name, 4, SimdNetworkSets.StableSeed(name) + 12);
        int nOut = c.Reference.OutputSize;
        var output = new float[nOut];
        foreach (int forced in SimdWidths.Forced)
        {
            SimdWidths.Force(forced);
            c.Network.Predict(c.Input(0), output);   // builds the packed copy

            // A write with SetParameters (the last output bias, then a first-layer weight) shows in the next Predict.
            float[] changed = c.Network.Parameters.ToArray();
            changed[changed.Length - 1] += 0.75f;
            changed[0] -= 0.5f;
            c.Network.SetParameters(changed);
            AssertMatchesReference(c, output, $"{name} forced {forced} after SetParameters");

            // So does an optimizer step (TrainStep, then TrainBatch).
            c.Network.TrainStep(c.Input(1), c.Target(1));
            AssertMatchesReference(c, output, $"{name} forced {forced} after TrainStep");
            c.Network.TrainBatch(c.Inputs, c.Targets);
            AssertMatchesReference(c, output, $"{name} forced {forced} after TrainBatch");

            // And a wholesale copy into Parameters.
            float[] fresh = new RandomSamples(SimdNetworkSets.StableSeed(name) + forced).Parameters(c.Reference);
            c.Network.SetParameters(fresh);
            AssertMatchesReference(c, output, $"{name} forced {forced} after copying new parameters");
        }
    }

    [Theory]
    [InlineData(nameof(Neurons_Sigmoid17_Tanh33_Identity5_Mse))]
    [InlineData(nameof(Neurons_Relu16_LeakyRelu8_Softmax10_Ce))]
    [InlineData(nameof(Neurons_Looped_Relu24_Sigmoid1_Bce))]
    [InlineData(nameof(Mnist784))]
    public void Predict_AllocatesNothing_OnceWarmedUp(string name)
    {
        var c = RandomCase.Create(name, 2, 1901);
        var output = new float[c.Reference.OutputSize];
        foreach (int forced in SimdWidths.Forced)
        {
            SimdWidths.Force(forced);
            int sample = 0;
            NoAllocation.Assert($"{name} forced {forced}: Predict", 2_000, () => c.Network.Predict(c.Input(sample++ & 1), output));
        }
    }

    private static void AssertMatchesReference(RandomCase c, float[] output, string what)
    {
        double[] parameters = c.Network.Parameters.ToArray().ToDoubles();
        for (int s = 0; s < c.Samples; s++)
        {
            c.Network.Predict(c.Input(s), output);
            double[] expected = c.Reference.Predict(parameters, c.Input(s).ToArray().ToDoubles());
            NumericAssert.Close(expected, output, SimdTolerance.Reference, $"{what}, sample {s}");
        }
    }

    private static float[] PredictEach(RandomCase c)
    {
        int nOut = c.Reference.OutputSize;
        var outputs = new float[c.Samples * nOut];
        for (int s = 0; s < c.Samples; s++) c.Network.Predict(c.Input(s), outputs.AsSpan(s * nOut, nOut));
        return outputs;
    }

    private static bool HasNeuronKernels(NetworkType type) =>
        type.Type.GetMethods(BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance)
            .Any(m => m.Name.StartsWith("NetGenPredictNeurons", StringComparison.Ordinal));
}

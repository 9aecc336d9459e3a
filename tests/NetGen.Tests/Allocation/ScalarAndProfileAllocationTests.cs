using System;
using System.Linq;
using NetGen.NetStandard.Networks;
using NetGen.Runtime;
using NetGen.Tests.Data;
using NetGen.Tests.Networks;
using NetGen.Tests.Safetensors;
using NetGen.Tests.Simd;

namespace NetGen.Tests.Allocation;

/// <summary>
/// Zero allocation where the other allocation tests do not look: every inference and training member with SIMD
/// switched off (<see cref="SimdOptions.ForcedWidth"/> = -1, the scalar path of the batch members), on the Unity
/// profile's netstandard2.1 networks (scalar code only), and on a network with baked weights.
/// </summary>
[Collection(SimdOptionsCollection.Name)]
public sealed class ScalarAndProfileAllocationTests : IDisposable
{
    private const int Calls = 2_000;

    public void Dispose() => SimdOptions.ForcedWidth = 0;

    public static TheoryData<string> Networks => new() { nameof(CeSgd), nameof(CeAdam), nameof(MseAdamCustom), nameof(Looped_Tanh_LeakyRelu_Softmax_Ce) };

    [Theory]
    [MemberData(nameof(Networks))]
    public void EveryMember_WithSimdOff_AllocatesNothing(string name)
    {
        SimdOptions.ForcedWidth = -1;
        Assert.Equal(0, SimdOptions.PreferredWidth);
        var c = RandomCase.Create(name, 8, 2401);
        var net = c.Network;
        net.LearningRate = 1e-6f;
        AssertMembers(name + " (scalar)", c.Reference.InputSize, c.Reference.OutputSize, c.Reference.ParameterCount,
            net.Predict, net.PredictBatch, net.Gradient, net.GradientBatch, net.TrainStep, net.TrainBatch, net.Evaluate);
    }

    [Fact]
    public void NetStandardProfileNetworks_AllocateNothing()
    {
        var classifier = new ClassifierStandard { LearningRate = 1e-6f };
        AssertMembers(nameof(ClassifierStandard), ClassifierStandard.InputSize, ClassifierStandard.OutputSize, ClassifierStandard.ParameterCount,
            classifier.Predict, classifier.PredictBatch, classifier.Gradient, classifier.GradientBatch, classifier.TrainStep, classifier.TrainBatch, classifier.Evaluate);
        var adam = new AdamStandard { LearningRate = 1e-6f };
        AssertMembers(nameof(AdamStandard), AdamStandard.InputSize, AdamStandard.OutputSize, AdamStandard.ParameterCount,
            adam.Predict, adam.PredictBatch, adam.Gradient, adam.GradientBatch, adam.TrainStep, adam.TrainBatch, adam.Evaluate);
    }

    [Fact]
    public void BakedNetwork_AllocatesNothing()
    {
        var baked = new GameBaked { LearningRate = 1e-6f };
        AssertMembers(nameof(GameBaked), GameBaked.InputSize, GameBaked.OutputSize, GameBaked.ParameterCount,
            baked.Predict, baked.PredictBatch, baked.Gradient, baked.GradientBatch, baked.TrainStep, baked.TrainBatch, baked.Evaluate);
    }

    private delegate void Predict(ReadOnlySpan<float> input, Span<float> output);
    private delegate float Gradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradient);
    private delegate float Train(ReadOnlySpan<float> input, ReadOnlySpan<float> target);

    private static void AssertMembers(string name, int inputSize, int outputSize, int parameterCount,
        Predict predict, Predict predictBatch, Gradient gradient, Gradient gradientBatch, Train trainStep, Train trainBatch, Train evaluate)
    {
        const int batch = 8;
        var random = new Random(5);
        float[] inputs = Enumerable.Range(0, batch * inputSize).Select(_ => (float)random.NextDouble()).ToArray();
        float[] targets = Enumerable.Range(0, batch * outputSize).Select(i => i % outputSize == 0 ? 1f : 0f).ToArray();
        float[] input = inputs.Take(inputSize).ToArray(), target = targets.Take(outputSize).ToArray();
        var output = new float[outputSize];
        var outputs = new float[batch * outputSize];
        var g = new float[parameterCount];

        NoAllocation.Assert($"{name}: Predict", Calls, () => predict(input, output));
        NoAllocation.Assert($"{name}: PredictBatch", Calls, () => predictBatch(inputs, outputs));
        NoAllocation.Assert($"{name}: Gradient", Calls, () => gradient(input, target, g));
        NoAllocation.Assert($"{name}: GradientBatch", Calls, () => gradientBatch(inputs, targets, g));
        NoAllocation.Assert($"{name}: TrainStep", Calls, () => trainStep(input, target));
        NoAllocation.Assert($"{name}: TrainBatch", Calls, () => trainBatch(inputs, targets));
        NoAllocation.Assert($"{name}: Evaluate", Calls, () => evaluate(inputs, targets));
    }
}

using System;
using NetGen.Tests.Data;
using NetGen.Tests.Networks;

namespace NetGen.Tests.Allocation;

/// <summary>After a warm-up, no member allocates: the thread's allocated-bytes counter does not move.</summary>
public sealed class ZeroAllocationTests
{
    public static TheoryData<string, int> Networks => new()
    {
        { nameof(CeSgd), 10_000 },
        { nameof(CeMomentum), 10_000 },
        { nameof(CeAdam), 10_000 },
        { nameof(MseAdamCustom), 10_000 },
        { nameof(Deep64), 100 },
        { nameof(Mnist784), 100 },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void NoMemberAllocates(string name, int calls)
    {
        int batch = calls >= 1000 ? 4 : 2;
        var c = RandomCase.Create(name, batch, 901);
        var net = c.Network;
        float[] input = c.FirstInputs(1), target = c.FirstTargets(1);
        float[] inputs = c.Inputs, targets = c.Targets;
        var output = new float[c.Reference.OutputSize];
        var outputs = new float[batch * c.Reference.OutputSize];
        var gradient = new float[c.Reference.ParameterCount];
        net.LearningRate = 1e-6f;   // thousands of steps must not blow the parameters up

        AssertNoAllocation("Predict", calls, () => net.Predict(input, output));
        AssertNoAllocation("PredictBatch", calls, () => net.PredictBatch(inputs, outputs));
        AssertNoAllocation("Gradient", calls, () => net.Gradient(input, target, gradient));
        AssertNoAllocation("GradientBatch", calls, () => net.GradientBatch(inputs, targets, gradient));
        AssertNoAllocation("TrainStep", calls, () => net.TrainStep(input, target));
        AssertNoAllocation("TrainBatch", calls, () => net.TrainBatch(inputs, targets));
        AssertNoAllocation("Evaluate", calls, () => net.Evaluate(inputs, targets));
    }

    // Warmed past tiered compilation and on-stack replacement first: what the JIT allocates then is not ours.
    private static void AssertNoAllocation(string member, int calls, Action call) => Simd.LaneAllocationTests.AssertNoAllocation(member, calls, call);
}

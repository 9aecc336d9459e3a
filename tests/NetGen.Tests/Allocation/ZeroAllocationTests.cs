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

        NoAllocation.Assert("Predict", calls, () => net.Predict(input, output));
        NoAllocation.Assert("PredictBatch", calls, () => net.PredictBatch(inputs, outputs));
        NoAllocation.Assert("Gradient", calls, () => net.Gradient(input, target, gradient));
        NoAllocation.Assert("GradientBatch", calls, () => net.GradientBatch(inputs, targets, gradient));
        NoAllocation.Assert("TrainStep", calls, () => net.TrainStep(input, target));
        NoAllocation.Assert("TrainBatch", calls, () => net.TrainBatch(inputs, targets));
        NoAllocation.Assert("Evaluate", calls, () => net.Evaluate(inputs, targets));
    }
}

using System;
using NetGen.Runtime;
using NetGen.Tests.Allocation;
using NetGen.Tests.Data;
using NetGen.Tests.Networks;

namespace NetGen.Tests.Simd;

/// <summary>
/// On the lane path (at this process's <c>Vector&lt;float&gt;</c> width; the forced widths run the same batch code), the
/// batch members allocate nothing once warmed up (the lane gradient buffer is allocated on the first GradientBatch or
/// TrainBatch): the thread's allocated-bytes counter does not move over
/// thousands of calls on batches of 64.
/// </summary>
[Collection(SimdOptionsCollection.Name)]
public sealed class LaneAllocationTests : IDisposable
{
    private const int Batch = 64;

    /// <summary>Small networks 2,000 calls per member; the large ones fewer (each call costs milliseconds).</summary>
    public static TheoryData<string, int> Networks => new()
    {
        { nameof(CeSgd), 2_000 },
        { nameof(CeAdam), 2_000 },
        { nameof(MseAdamCustom), 2_000 },
        { nameof(BceSgdDefaults), 2_000 },
        { nameof(Looped_Tanh_LeakyRelu_Softmax_Ce), 2_000 },
        { nameof(Deep64), 20 },
        { nameof(Mnist784), 5 },
    };

    public void Dispose() => SimdOptions.ForcedWidth = 0;

    [Theory]
    [MemberData(nameof(Networks))]
    public void NoBatchMemberAllocates_OnTheLanePath(string name, int calls)
    {
        var c = RandomCase.Create(name, Batch, 1801);
        var net = c.Network;
        float[] inputs = c.Inputs, targets = c.Targets;
        var outputs = new float[Batch * c.Reference.OutputSize];
        var gradient = new float[c.Reference.ParameterCount];
        net.LearningRate = 1e-6f;   // thousands of steps must not blow the parameters up
        int lanes = SimdWidths.Lanes();
        string what = $"{name} {lanes} lanes";
        NoAllocation.Assert($"{what}: PredictBatch", calls, () => net.PredictBatch(inputs, outputs));
        NoAllocation.Assert($"{what}: Evaluate", calls, () => net.Evaluate(inputs, targets));
        NoAllocation.Assert($"{what}: GradientBatch", calls, () => net.GradientBatch(inputs, targets, gradient));
        NoAllocation.Assert($"{what}: TrainBatch", calls, () => net.TrainBatch(inputs, targets));
    }
}

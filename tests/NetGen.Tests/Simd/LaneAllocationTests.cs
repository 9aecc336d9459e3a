using System;
using NetGen.Runtime;
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
        AssertNoAllocation($"{what}: PredictBatch", calls, () => net.PredictBatch(inputs, outputs));
        AssertNoAllocation($"{what}: Evaluate", calls, () => net.Evaluate(inputs, targets));
        AssertNoAllocation($"{what}: GradientBatch", calls, () => net.GradientBatch(inputs, targets, gradient));
        AssertNoAllocation($"{what}: TrainBatch", calls, () => net.TrainBatch(inputs, targets));
    }

    /// <summary>Warms <paramref name="call"/> up past tiered compilation, then asserts that <paramref name="calls"/> more calls allocate nothing.</summary>
    internal static void AssertNoAllocation(string member, int calls, Action call)
    {
        // Warm up past tiered compilation: methods reach tier 1 (and loops go through on-stack replacement, compiled
        // on this thread) after enough calls plus a short background delay; what the JIT allocates then is not ours.
        int warmUp = Math.Max(2, Math.Min(300, calls / 5));
        for (int i = 0; i < warmUp; i++) call();
        System.Threading.Thread.Sleep(150);
        for (int i = 0; i < warmUp; i++) call();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < calls; i++) call();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated == 0, $"{member} allocated {allocated} bytes over {calls} calls");
    }
}

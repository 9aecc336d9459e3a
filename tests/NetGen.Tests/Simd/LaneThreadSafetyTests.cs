using System;
using System.Threading.Tasks;
using NetGen.Runtime;
using NetGen.Tests.Data;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;

namespace NetGen.Tests.Simd;

/// <summary>
/// PredictBatch and Evaluate (both documented thread-safe) on the SIMD path from several threads at once give, bit for
/// bit, what sequential calls give, at this process's lane width (CI runs this namespace at 4, 8 and 16 lanes).
/// </summary>
[Collection(SimdOptionsCollection.Name)]
public sealed class LaneThreadSafetyTests : IDisposable
{
    public static TheoryData<string> Networks => SimdNetworkSets.Data(new[]
    {
        nameof(CeAdam), nameof(C_Tanh_Tanh_Tanh_Identity_Mse), nameof(Looped_Tanh_LeakyRelu_Softmax_Ce), nameof(Unrolled96), nameof(Mnist784),
    });

    public void Dispose() => SimdOptions.ForcedWidth = 0;

    [Theory]
    [MemberData(nameof(Networks))]
    public void ConcurrentPredictBatchAndEvaluate_EqualSequentialCalls(string name)
    {
        // 67 samples: whole chunks and a remainder at every lane width (4, 8, 16).
        const int n = 67, threads = 8, repeats = 3;
        var c = RandomCase.Create(name, n, 1901);
        int nOut = c.Reference.OutputSize;
        int lanes = SimdWidths.Lanes();
        string what = $"{name} {lanes} lanes";
        var sequential = new float[n * nOut];
        c.Network.PredictBatch(c.Inputs, sequential);
        float sequentialLoss = c.Network.Evaluate(c.Inputs, c.Targets);

        var results = new float[threads][];
        var losses = new float[threads];
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
        {
            var outputs = new float[n * nOut];
            for (int repeat = 0; repeat < repeats; repeat++)
            {
                c.Network.PredictBatch(c.Inputs, outputs);
                losses[i] = c.Network.Evaluate(c.Inputs, c.Targets);
            }
            results[i] = outputs;
        });
        for (int i = 0; i < threads; i++)
        {
            NumericAssert.Identical(sequential, results[i], $"{what}: thread {i} PredictBatch");
            Assert.True(BitConverter.SingleToInt32Bits(sequentialLoss) == BitConverter.SingleToInt32Bits(losses[i]),
                $"{what}: thread {i} Evaluate {losses[i]:R}, sequential {sequentialLoss:R}");
        }
    }
}

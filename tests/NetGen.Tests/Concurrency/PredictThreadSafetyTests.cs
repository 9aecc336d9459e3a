using System;
using System.Threading;
using System.Threading.Tasks;
using NetGen.Tests.Data;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;

namespace NetGen.Tests.Concurrency;

/// <summary><c>Predict</c> and <c>PredictBatch</c> from several threads at once give what sequential calls give.</summary>
public sealed class PredictThreadSafetyTests
{
    public static TheoryData<string> Networks => new() { nameof(CeAdam), nameof(C_Tanh_Tanh_Tanh_Identity_Mse), nameof(Unrolled96), nameof(Mnist784) };

    [Theory]
    [MemberData(nameof(Networks))]
    public void ConcurrentPredict_EqualsSequentialPredict(string name)
    {
        const int n = 64, rounds = 8;
        var c = RandomCase.Create(name, n, 1001);
        int nOut = c.Reference.OutputSize, nIn = c.Reference.InputSize;
        var sequential = new float[n * nOut];
        for (int s = 0; s < n; s++) c.Network.Predict(c.Input(s), sequential.AsSpan(s * nOut, nOut));

        var concurrent = new float[rounds][];
        Parallel.For(0, rounds * n, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            int round = i / n, s = i % n;
            var buffer = LazyInitializer.EnsureInitialized(ref concurrent[round], () => new float[n * nOut]);
            c.Network.Predict(c.Inputs.AsSpan(s * nIn, nIn), buffer.AsSpan(s * nOut, nOut));
        });
        for (int round = 0; round < rounds; round++) NumericAssert.Identical(sequential, concurrent[round], $"{name} round {round}");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void ConcurrentPredictBatch_EqualsSequentialPredictBatch(string name)
    {
        const int n = 16, threads = 16;
        var c = RandomCase.Create(name, n, 1002);
        int nOut = c.Reference.OutputSize;
        var sequential = new float[n * nOut];
        c.Network.PredictBatch(c.Inputs, sequential);

        var results = new float[threads][];
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var outputs = new float[n * nOut];
            for (int repeat = 0; repeat < 4; repeat++) c.Network.PredictBatch(c.Inputs, outputs);
            results[i] = outputs;
        });
        foreach (var result in results) NumericAssert.Identical(sequential, result, name);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void ConcurrentPredict_RightAfterAParametersWrite_SeesTheNewParameters(string name)
    {
        // Writes through Parameters mark any derived copy stale; threads that race to rebuild it must all see the new values.
        const int n = 32;
        var c = RandomCase.Create(name, n, 1003);
        int nOut = c.Reference.OutputSize, nIn = c.Reference.InputSize;
        var data = new RandomSamples(1004);
        for (int version = 0; version < 3; version++)
        {
            float[] weights = data.Parameters(c.Reference);
            c.Network.SetParameters(weights);
            double[] p = weights.ToDoubles();
            var outputs = new float[n * nOut];
            Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = 4 }, s =>
                c.Network.Predict(c.Inputs.AsSpan(s * nIn, nIn), outputs.AsSpan(s * nOut, nOut)));
            for (int s = 0; s < n; s++)
                NumericAssert.Close(c.Reference.Predict(p, c.Input(s).ToDoubles()), outputs.AsSpan(s * nOut, nOut), 1e-5, $"{name} version {version} sample {s}", floor: 0.1);
        }
    }
}

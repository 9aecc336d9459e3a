using System;
using System.Linq;
using NetGen.Runtime.Threading;
using NetGen.Tests.Concurrency;
using NetGen.Tests.Reference;
using Xunit;

namespace NetGen.Tests.Sequence;

/// <summary>
/// Training batches of sequences on several threads (SequenceLaneBatch's slots): the loss, the gradient and the parameters
/// after training steps are the same bits on 1, 2 and 4 threads, and equal the scalar reference path within tolerance.
/// </summary>
[Collection(BatchParallelismCollection.Name)]
public sealed class SequenceThreadsTests : IDisposable
{
    private readonly int _threads = BatchParallelism.MaxThreads;

    public void Dispose() => BatchParallelism.MaxThreads = _threads;

    [Fact]
    public void ThreadCounts_GiveTheSameBits()
    {
        const int n = 203;   // 25 chunks of 8 (or 12 of 16) in 4 slots, and a scalar remainder; ≥ 1,000,000 multiply-adds
        var random = new Random(5);
        var inputs = Enumerable.Range(0, n * Audio.SequenceLength).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var targets = Enumerable.Range(0, n * Audio.SequenceLength).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        float[]? reference = null;
        float referenceLoss = 0f;
        foreach (int threads in new[] { 1, 2, 4 })
        {
            BatchParallelism.MaxThreads = threads;
            var net = new Audio(2);
            var gradient = new float[Audio.ParameterCount];
            float loss = net.GradientBatch(inputs, targets, gradient);
            for (int step = 0; step < 2; step++) net.TrainBatch(inputs, targets);
            var after = net.Parameters.ToArray();
            if (reference is null)
            {
                reference = gradient.Concat(after).ToArray();
                referenceLoss = loss;
                continue;
            }
            Assert.Equal(BitConverter.SingleToInt32Bits(referenceLoss), BitConverter.SingleToInt32Bits(loss));
            NumericAssert.Identical(reference, gradient.Concat(after).ToArray(), $"gradient and parameters on {threads} threads");
        }
    }

    [Fact]
    public void PredictBatch_OnSeveralThreads_EqualsEachSequenceAlone()
    {
        const int n = 401;   // 401 · 8 steps · 400 multiply-adds ≥ 1,000,000: split over the threads
        var random = new Random(9);
        var inputs = Enumerable.Range(0, n * Audio.SequenceLength).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var net = new Audio(3);
        var alone = new float[inputs.Length];
        for (int i = 0; i < n; i++) net.PredictSequence(inputs.AsSpan(i * 8, 8), alone.AsSpan(i * 8, 8));
        foreach (int threads in new[] { 1, 2, 3 })
        {
            BatchParallelism.MaxThreads = threads;
            var batch = new float[inputs.Length];
            net.PredictBatch(inputs, batch);
            NumericAssert.Identical(alone, batch, $"PredictBatch on {threads} threads");
        }
    }
}

using System;
using System.Linq;
using NetGen.Runtime.Threading;
using Xunit;

namespace NetGen.Tests.Shaped;

/// <summary>
/// A layered network's batch over several slots (blocks of 32 samples dealt round-robin) gives the same bits on 1, 2 and 4
/// threads: GradientBatch's loss and gradient and three TrainBatch steps, for batches that fill 1 to 4 slots and more.
/// </summary>
[Collection(NetGen.Tests.Concurrency.BatchParallelismCollection.Name)]
public sealed class ShapedThreadsTests : IDisposable
{
    private readonly int _threads = BatchParallelism.MaxThreads;

    public void Dispose() => BatchParallelism.MaxThreads = _threads;

    [Theory]
    [InlineData("Encoder", 33)]
    [InlineData("Encoder", 100)]
    [InlineData("Conv1d_Options", 64)]
    [InlineData("Conv2d_LayerNorm", 161)]
    public void Batches_GiveTheSameBits_OnAnyNumberOfThreads(string name, int n)
    {
        var reference = Run(name, n, 1);
        foreach (int threads in new[] { 2, 4 })
        {
            var result = Run(name, n, threads);
            for (int part = 0; part < reference.Length; part++) Assert.Equal(reference[part], result[part]);
        }
    }

    private static float[][] Run(string name, int n, int threads)
    {
        BatchParallelism.MaxThreads = threads;
        var net = ShapedNetworks.Create(name);
        var random = new Random(n);
        var x = Enumerable.Range(0, n * net.InputSize).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var t = new float[n * net.OutputSize];
        for (int s = 0; s < n; s++) t[s * net.OutputSize + s % net.OutputSize] = 1f;
        var gradient = new float[net.ParameterCount];
        float loss = net.GradientBatch(x, t, gradient);
        var losses = new float[4];
        losses[0] = loss;
        for (int step = 1; step < 4; step++) losses[step] = net.TrainBatch(x, t);
        return new[] { gradient, losses, net.Parameters.ToArray() };
    }
}

using System;
using System.Linq;
using NetGen.Runtime.Threading;
using NetGen.Tests.Allocation;
using NetGen.Tests.Data;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;
using NetGen.Tests.Simd;

namespace NetGen.Tests.Matrix;

/// <summary>
/// The batch members of networks on the matrix kernels (issue 15: blocks of samples as matrix rows, register-blocked
/// products, up to four slots reduced in a fixed order): the same bits for any thread count, for any position of a
/// sample in its batch, with no allocation; and equal to the scalar path (LaneScalarEquivalenceTests compares every
/// batch member of every network with it at batch sizes 1 to 67, here past the parallel threshold).
/// </summary>
[Collection("BatchParallelism")]
public sealed class MatrixPathTests : IDisposable
{
    private readonly int _threads = BatchParallelism.MaxThreads;

    public void Dispose() => BatchParallelism.MaxThreads = _threads;

    public static TheoryData<string> Networks => SimdNetworkSets.WithMatrices(SimdNetworkSets.Data(new[]
    {
        nameof(Mnist784), nameof(C_Tanh_Tanh_Tanh_Identity_Mse), nameof(Looped_Tanh_LeakyRelu_Softmax_Ce), nameof(Deep64),
    }));

    [Theory]
    [MemberData(nameof(Networks))]
    public void EveryBatchMember_GivesTheSameBits_OnAnyThreadCount(string name)
    {
        // Large enough that the batch is split into four slots and run in parallel (n × multiply-adds ≥ 1,000,000).
        const int n = 1000;
        var c = RandomCase.Create(name, n, 1501);
        float[] parameters = c.Network.Parameters.ToArray();
        BatchParallelism.MaxThreads = 1;
        var single = BatchResults.Of(c.Type, parameters, c.Inputs, c.Targets, n);
        foreach (int threads in new[] { 2, 3, 4 })
        {
            BatchParallelism.MaxThreads = threads;
            var results = BatchResults.Of(c.Type, parameters, c.Inputs, c.Targets, n);
            string what = $"{name}: {threads} threads vs 1";
            NumericAssert.Identical(single.Outputs, results.Outputs, $"{what}: PredictBatch");
            Assert.Equal(single.EvaluateLoss, results.EvaluateLoss);
            Assert.Equal(single.GradientLoss, results.GradientLoss);
            NumericAssert.Identical(single.Gradient, results.Gradient, $"{what}: GradientBatch");
            Assert.Equal(single.TrainLoss, results.TrainLoss);
            NumericAssert.Identical(single.ParametersAfter, results.ParametersAfter, $"{what}: parameters after TrainBatch");
        }
        // Evaluate's loss is GradientBatch's bit for bit (the same per-sample losses, summed in the same order).
        Assert.Equal(single.GradientLoss, single.EvaluateLoss);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void LargeBatches_EqualTheScalarPath(string name)
    {
        const int n = 1000;
        var c = RandomCase.Create(name, n, 1502);
        float[] parameters = c.Network.Parameters.ToArray();
        BatchParallelism.MaxThreads = 2;
        var matrix = BatchResults.Of(c.Type, parameters, c.Inputs, c.Targets, n);
        SimdWidths.Force(-1);
        try
        {
            var scalar = BatchResults.Of(c.Type, parameters, c.Inputs, c.Targets, n);
            NumericAssert.Close(scalar.Outputs.ToDoubles(), matrix.Outputs, SimdTolerance.Outputs, $"{name}: PredictBatch");
            NumericAssert.Close(scalar.GradientLoss, matrix.GradientLoss, SimdTolerance.Outputs, $"{name}: GradientBatch loss");
            NumericAssert.Close(scalar.Gradient.ToDoubles(), matrix.Gradient, SimdTolerance.Gradient, $"{name}: GradientBatch");
        }
        finally
        {
            SimdWidths.Force(0);
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void ASamplesOutputs_DoNotDependOnItsPlaceInTheBatch_BitForBit(string name)
    {
        // Each row of a block is computed by the same instructions whatever tile, block or slot it falls in.
        const int n = 150;
        var c = RandomCase.Create(name, n, 1503);
        int nIn = c.Reference.InputSize, nOut = c.Reference.OutputSize;
        var outputs = new float[n * nOut];
        c.Network.PredictBatch(c.Inputs, outputs);
        foreach (int shift in new[] { 1, 5, 67 })
        {
            var moved = new float[n * nIn];
            for (int s = 0; s < n; s++) c.Input(s).CopyTo(moved.AsSpan((s + shift) % n * nIn, nIn));
            var movedOutputs = new float[n * nOut];
            c.Network.PredictBatch(moved, movedOutputs);
            for (int s = 0; s < n; s++)
            {
                NumericAssert.Identical(outputs.AsSpan(s * nOut, nOut), movedOutputs.AsSpan((s + shift) % n * nOut, nOut), $"{name}: sample {s} moved by {shift}");
            }
        }
        // Batches of 4 or more are matrix products; a batch of 4 gives the same bits as the same samples in a batch of 150.
        var four = new float[4 * nOut];
        c.Network.PredictBatch(c.FirstInputs(4), four);
        NumericAssert.Identical(outputs.AsSpan(0, 4 * nOut), four, $"{name}: the first 4 samples alone");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void TheParallelPath_AllocatesNothing(string name)
    {
        const int n = 1000;
        var c = RandomCase.Create(name, n, 1504);
        BatchParallelism.MaxThreads = 2;
        var outputs = new float[n * c.Reference.OutputSize];
        var gradient = new float[c.Reference.ParameterCount];
        // The calling thread's allocations (the parallel runner's workers allocate nothing per call: ParallelRunnerTests),
        // after the warm-up NoAllocation uses (tier-1 and on-stack-replacement compiles, on this thread, are the JIT's).
        NoAllocation.Assert($"{name}: the batch members on the parallel path", 20, () =>
        {
            c.Network.TrainBatch(c.Inputs, c.Targets);
            c.Network.PredictBatch(c.Inputs, outputs);
            c.Network.Evaluate(c.Inputs, c.Targets);
            c.Network.GradientBatch(c.Inputs, c.Targets, gradient);
        });
    }

    /// <summary>
    /// BackwardBatch on the matrix kernels (issue 19): the same bits on any thread count; equal to Backward row by row (the
    /// scalar kernels) within float rounding, ∂L/∂x included; added to what the gradient held; no allocation.
    /// </summary>
    [Theory]
    [MemberData(nameof(Networks))]
    public void BackwardBatch_OnMatrices_IsBackwardRowByRow_OnAnyThreadCount(string name)
    {
        const int n = 1000;
        var c = RandomCase.Create(name, n, 1505);
        int nIn = c.Reference.InputSize, nOut = c.Reference.OutputSize, p = c.Reference.ParameterCount;
        var random = new Random(5);
        var dy = Enumerable.Range(0, n * nOut).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        (float[] G, float[] X) Run(int threads, int rows)
        {
            BatchParallelism.MaxThreads = threads;
            var g = new float[p];
            var dx = new float[rows * nIn];
            c.Network.BackwardBatch(c.Inputs.AsSpan(0, rows * nIn), dy.AsSpan(0, rows * nOut), g, dx);
            var g2 = new float[p];
            c.Network.BackwardBatch(c.Inputs.AsSpan(0, rows * nIn), dy.AsSpan(0, rows * nOut), g2);
            NumericAssert.Identical(g, g2, $"{name}: with and without ∂L/∂x");
            return (g, dx);
        }
        var single = Run(1, n);
        foreach (int threads in new[] { 2, 4 })
        {
            var result = Run(threads, n);
            NumericAssert.Identical(single.G, result.G, $"{name}: {threads} threads ∂L/∂θ");
            NumericAssert.Identical(single.X, result.X, $"{name}: {threads} threads ∂L/∂x");
        }
        foreach (int rows in new[] { 1, 3, 64, 67, n })
        {
            var matrix = Run(2, rows);
            var expected = new double[p];
            var dx = new float[rows * nIn];
            for (int s = 0; s < rows; s++)
            {
                var g = new float[p];
                c.Network.Backward(c.Input(s), dy.AsSpan(s * nOut, nOut), g, dx.AsSpan(s * nIn, nIn));
                for (int k = 0; k < p; k++) expected[k] += g[k];
            }
            NumericAssert.Close(expected, matrix.G, SimdTolerance.Gradient, $"{name}: {rows} rows, ∂L/∂θ");
            NumericAssert.Close(dx.ToDoubles(), matrix.X, SimdTolerance.Gradient, $"{name}: {rows} rows, ∂L/∂x");
        }
        // Added to what was there.
        var start = Enumerable.Range(0, p).Select(k => 0.5f * (k % 3)).ToArray();
        var added = start.ToArray();
        c.Network.BackwardBatch(c.Inputs, dy, added);
        NumericAssert.Close(start.Zip(single.G, (a, b) => (double)a + b).ToArray(), added, 1e-6, $"{name}: added to the gradient");

        BatchParallelism.MaxThreads = 2;
        var pg = new float[p];
        var dxs = new float[n * nIn];
        NoAllocation.Assert($"{name}: BackwardBatch on the parallel path", 20, () =>
        {
            c.Network.BackwardBatch(c.Inputs, dy, pg, dxs);
            c.Network.BackwardBatch(c.Inputs, dy, pg);
        });
    }
}

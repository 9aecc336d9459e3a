using System;
using System.Collections.Generic;

namespace NetGen.Gpu.Tests;

/// <summary>Train over a data set with progress, against the same batches stepped by the scalar path.</summary>
[Collection("Gpu")]
public sealed class GpuTrainTests
{
    private readonly AcceleratorFixture _fixture;

    public GpuTrainTests(AcceleratorFixture fixture) => _fixture = fixture;

    private sealed class Recorder : IProgress<EpochReport>
    {
        public List<EpochReport> Reports { get; } = new();
        public void Report(EpochReport value) => Reports.Add(value);
    }

    [Fact]
    public void Train_steps_every_batch_in_order_and_reports_each_epoch()
    {
        var cpu = new TanhBceMomentum(5);
        var (inputs, targets) = TestData.Batch(cpu, 23, seed: 7, oneHot: false);
        using var trainer = new TanhBceMomentum(5).CreateTrainer(_fixture.Accelerator, maxBatchSize: 10);
        var progress = new Recorder();
        trainer.Train(inputs, targets, epochs: 3, batchSize: 10, progress);

        var epochLosses = new List<float>();
        for (int epoch = 0; epoch < 3; epoch++)
        {
            double sum = 0;
            for (int start = 0; start < 23; start += 10)
            {
                int count = Math.Min(10, 23 - start);
                sum += (double)cpu.TrainBatch(inputs.AsSpan(start * 4, count * 4), targets.AsSpan(start, count)) * count;
            }
            epochLosses.Add((float)(sum / 23));
        }
        var parameters = new float[TanhBceMomentum.ParameterCount];
        trainer.CopyParametersTo(parameters);
        TestData.AssertClose(cpu.Parameters, parameters, "parameters after Train");

        var ends = progress.Reports.FindAll(r => r.IsEpochComplete);
        Assert.Equal(3, ends.Count);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            Assert.Equal(epoch + 1, ends[epoch].Epoch);
            Assert.Equal(3, ends[epoch].EpochCount);
            Assert.Equal(3, ends[epoch].BatchCount);
            Assert.True(float.IsNaN(ends[epoch].ValidationLoss));
            Assert.True(ends[epoch].SamplesPerSecond > 0);
            TestData.AssertClose(epochLosses[epoch], ends[epoch].Loss, $"mean loss of epoch {epoch + 1}");
        }
    }

    [Fact]
    public void A_cpu_device_with_more_threads_per_group_gives_the_same_parameters()
    {
        var (context, accelerator) = TestAccelerators.CreateWideCpu();
        using (context)
        using (accelerator)
        {
            Assert.True(accelerator.MaxNumThreadsPerGroup > 16);
            var network = new ReluSoftmaxAdam(3);
            var (inputs, targets) = TestData.Batch(network, 40, seed: 9, oneHot: true);
            float[] Run(ILGPU.Runtime.Accelerator on)
            {
                using var trainer = new ReluSoftmaxAdam(3).CreateTrainer(on, maxBatchSize: 40);
                for (int step = 0; step < 4; step++) trainer.TrainBatch(inputs, targets);
                var parameters = new float[ReluSoftmaxAdam.ParameterCount];
                trainer.CopyParametersTo(parameters);
                return parameters;
            }
            var wide = Run(accelerator);
            var standard = Run(_fixture.Accelerator);
            // Same slots, same order: the group size changes nothing.
            Assert.Equal(standard, wide);
            for (int step = 0; step < 4; step++) network.TrainBatch(inputs, targets);
            TestData.AssertClose(network.Parameters, wide, "parameters on the wide CPU device");
        }
    }
}

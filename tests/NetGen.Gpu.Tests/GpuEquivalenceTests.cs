using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Gpu.Tests;

/// <summary>
/// The generated GpuTrainer against the network's own scalar path (the reference): predictions, and the loss and every
/// parameter after each of 10 training steps, for SGD, momentum and Adam, on every test topology.
/// </summary>
[Collection("Gpu")]
public sealed class GpuEquivalenceTests
{
    private readonly AcceleratorFixture _fixture;

    public GpuEquivalenceTests(AcceleratorFixture fixture) => _fixture = fixture;

    public static IEnumerable<object[]> SmallNetworks => TestNetworks.Small.Select(n => new object[] { n });

    public static IEnumerable<object[]> MnistNetworks => TestNetworks.Mnist.Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(SmallNetworks))]
    [MemberData(nameof(MnistNetworks))]
    public void PredictBatch_equals_the_scalar_path(string name)
    {
        var network = TestNetworks.Create(name, seed: 11);
        var (inputs, _) = TestData.Batch(network, 9, seed: 1, oneHot: false);
        var expected = new float[9 * network.OutputSize];
        network.PredictBatch(inputs, expected);

        using var trainer = network.CreateTrainer(_fixture.Accelerator, maxBatchSize: 16);
        var actual = new float[expected.Length];
        trainer.PredictBatch(inputs, actual);
        TestData.AssertClose(expected, actual, name + " outputs");
    }

    [Theory]
    [MemberData(nameof(SmallNetworks))]
    [MemberData(nameof(MnistNetworks))]
    public void Ten_training_steps_equal_the_scalar_path(string name)
    {
        var cpu = TestNetworks.Create(name, seed: 21);
        var gpuStart = TestNetworks.Create(name, seed: 21);
        using var trainer = gpuStart.CreateTrainer(_fixture.Accelerator, maxBatchSize: 8);
        var gpuParameters = new float[cpu.ParameterCount];
        for (int step = 0; step < 10; step++)
        {
            int n = 1 + step % 6;   // batches of 1 to 6 samples
            var (inputs, targets) = TestData.Batch(cpu, n, seed: 100 + step, oneHot: TestData.IsClassifier(cpu));
            float expectedLoss = cpu.TrainBatch(inputs, targets);
            float actualLoss = trainer.TrainBatch(inputs, targets);
            TestData.AssertClose(expectedLoss, actualLoss, $"{name} loss of step {step + 1}");
            trainer.CopyParametersTo(gpuParameters);
            TestData.AssertClose(cpu.Parameters, gpuParameters, $"{name} parameters after step {step + 1}");
        }
        // The trainer never touches the network it started from until asked to.
        var untouched = TestNetworks.Create(name, seed: 21);
        Assert.True(untouched.Parameters.SequenceEqual(gpuStart.Parameters));
        trainer.CopyParametersTo(gpuStart);
        TestData.AssertClose(cpu.Parameters, gpuStart.Parameters, name + " parameters copied into the network");
    }

    [Theory]
    [MemberData(nameof(SmallNetworks))]
    public void On_the_cpu_accelerator_the_kernels_compute_the_scalar_path_bit_for_bit(string name)
    {
        // Same printed expressions, same order of every sum (one sample per slot, slots summed in order): on ILGPU's CPU
        // accelerator, which runs the kernels as .NET code, nothing may differ by even one bit.
        if (TestAccelerators.Kind != "cpu") return;
        var cpu = TestNetworks.Create(name, seed: 51);
        using var trainer = TestNetworks.Create(name, seed: 51).CreateTrainer(_fixture.Accelerator, maxBatchSize: 7);
        var gpuParameters = new float[cpu.ParameterCount];
        for (int step = 0; step < 5; step++)
        {
            var (inputs, targets) = TestData.Batch(cpu, 7, seed: 400 + step, oneHot: TestData.IsClassifier(cpu));
            Assert.Equal(BitConverter.SingleToInt32Bits(cpu.TrainBatch(inputs, targets)), BitConverter.SingleToInt32Bits(trainer.TrainBatch(inputs, targets)));
        }
        trainer.CopyParametersTo(gpuParameters);
        Assert.Equal(cpu.Parameters.ToArray().Select(BitConverter.SingleToInt32Bits), gpuParameters.Select(BitConverter.SingleToInt32Bits));
    }

    [Theory]
    [MemberData(nameof(SmallNetworks))]
    public void Fewer_slots_than_samples_still_equal_the_scalar_path(string name)
    {
        // 3 gradient slots for batches of 10: each slot accumulates samples l, l+3, l+6, … and the slots are summed in order.
        var cpu = TestNetworks.Create(name, seed: 31);
        using var trainer = TestNetworks.Create(name, seed: 31).CreateTrainer(_fixture.Accelerator, maxBatchSize: 10, gradientSlots: 3);
        Assert.Equal(3, trainer.GradientSlots);
        var gpuParameters = new float[cpu.ParameterCount];
        for (int step = 0; step < 10; step++)
        {
            var (inputs, targets) = TestData.Batch(cpu, 10, seed: 200 + step, oneHot: TestData.IsClassifier(cpu));
            TestData.AssertClose(cpu.TrainBatch(inputs, targets), trainer.TrainBatch(inputs, targets), $"{name} loss of step {step + 1}");
        }
        trainer.CopyParametersTo(gpuParameters);
        TestData.AssertClose(cpu.Parameters, gpuParameters, name + " parameters after 10 steps", relative: 1e-4f);
    }

    [Theory]
    [InlineData(nameof(ReluSoftmaxAdam))]
    [InlineData(nameof(MnistMomentum))]
    public void Two_runs_give_bit_identical_parameters(string name)
    {
        float[] Run()
        {
            var network = TestNetworks.Create(name, seed: 41);
            using var trainer = network.CreateTrainer(_fixture.Accelerator, maxBatchSize: 12, gradientSlots: 5);
            for (int step = 0; step < 5; step++)
            {
                var (inputs, targets) = TestData.Batch(network, 12, seed: 300 + step, oneHot: true);
                trainer.TrainBatch(inputs, targets);
            }
            var parameters = new float[network.ParameterCount];
            trainer.CopyParametersTo(parameters);
            return parameters;
        }

        var first = Run();
        var second = Run();
        Assert.Equal(first.Select(BitConverter.SingleToInt32Bits), second.Select(BitConverter.SingleToInt32Bits));
    }

    [Theory]
    [InlineData(nameof(ReluSoftmaxAdam))]
    [InlineData(nameof(TanhBceMomentum))]
    public void A_trainer_continues_from_the_networks_optimizer_state(string name)
    {
        // Momentum and Adam state and the step count are copied to the device: 3 CPU steps, then 3 more on each path.
        var cpu = TestNetworks.Create(name, seed: 61);
        var batches = Enumerable.Range(0, 6).Select(i => TestData.Batch(cpu, 4, seed: 500 + i, oneHot: TestData.IsClassifier(cpu))).ToArray();
        for (int i = 0; i < 3; i++) cpu.TrainBatch(batches[i].Inputs, batches[i].Targets);
        using var trainer = cpu.CreateTrainer(_fixture.Accelerator, maxBatchSize: 4);
        for (int i = 3; i < 6; i++)
        {
            TestData.AssertClose(cpu.TrainBatch(batches[i].Inputs, batches[i].Targets), trainer.TrainBatch(batches[i].Inputs, batches[i].Targets), $"{name} loss of step {i + 1}");
        }
        var gpuParameters = new float[cpu.ParameterCount];
        trainer.CopyParametersTo(gpuParameters);
        TestData.AssertClose(cpu.Parameters, gpuParameters, name + " parameters after 6 steps");
    }

    [Fact]
    public void Default_slots_cover_the_batch_for_small_networks_and_are_bounded_for_large_ones()
    {
        using var small = new SigmoidMse().CreateTrainer(_fixture.Accelerator, maxBatchSize: 1000);
        Assert.Equal(1000, small.GradientSlots);
        using var large = new Mnist().CreateTrainer(_fixture.Accelerator, maxBatchSize: 100_000);
        // The budget is 2²⁶ floats on the CPU accelerator (a quarter of the device memory on GPUs), as the public helper says.
        if (_fixture.Accelerator.AcceleratorType == ILGPU.Runtime.AcceleratorType.CPU)
        {
            Assert.Equal((1 << 26) / Mnist.ParameterCount, large.GradientSlots);
            Assert.Equal(large.GradientSlots, Mnist.GpuTrainer.DefaultGradientSlots(_fixture.Accelerator, 100_000));
        }
        else
        {
            Assert.True(large.GradientSlots >= (1 << 26) / Mnist.ParameterCount, $"{large.GradientSlots} slots on a GPU");
        }
        Assert.Equal(1, Mnist.GpuTrainer.DefaultGradientSlots(null!, 100));
        Assert.Equal(7, SigmoidMse.GpuTrainer.DefaultGradientSlots(_fixture.Accelerator, 7));
    }
}

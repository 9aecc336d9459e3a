using System;
using NetGen.Ilgpu;
using NetGen.Runtime;

namespace NetGen.Gpu.Tests.Host;

/// <summary>
/// NetGen.Ilgpu's <see cref="NetworkGpuTrainer{TNetwork, TKernels}"/> on a hand-written model: argument checks, the
/// order of the reduction (slot l adds samples l, l + ls, … in order, the slots are added in slot order) reproduced
/// on the host bit for bit for every slot count, the optimizers as the CPU path's OptimizerSteps, and the hand-over
/// of state to and from the network.
/// </summary>
[Collection("Gpu")]
public sealed class NetworkGpuTrainerTests
{
    private static readonly float[] Inputs = { 1f, 2f, -0.5f, 0.25f, 3f, -1f, 0.1f, 0.7f, -2f, 1.5f };
    private static readonly float[] Targets = { 0.3f, -0.2f, 1.1f, 0.05f, -0.4f };

    private readonly AcceleratorFixture _fixture;

    public NetworkGpuTrainerTests(AcceleratorFixture fixture) => _fixture = fixture;

    /// <summary>The batch's mean gradient and mean loss summed in the trainer's order, on the host.</summary>
    private static (float[] Gradient, float Loss) Reference(float[] parameters, int n, int slots)
    {
        int used = Math.Min(n, slots);
        var slotGradients = new float[used][];
        var slotLosses = new float[used];
        for (int l = 0; l < used; l++)
        {
            slotGradients[l] = new float[3];
            float loss = 0f;
            for (int sample = l; sample < n; sample += used)
            {
                loss += LinearModel.Gradient(parameters, Inputs[2 * sample], Inputs[2 * sample + 1], Targets[sample], slotGradients[l]);
            }
            slotLosses[l] = loss;
        }
        var mean = new float[3];
        for (int k = 0; k < 3; k++)
        {
            float sum = slotGradients[0][k];
            for (int j = 1; j < used; j++) sum += slotGradients[j][k];
            mean[k] = sum / n;
        }
        float total = 0f;
        for (int l = 0; l < used; l++) total += slotLosses[l];
        return (mean, total / n);
    }

    private static void AssertBits(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(BitConverter.SingleToInt32Bits(expected[i]), BitConverter.SingleToInt32Bits(actual[i]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Sgd_reduces_in_slot_order_bit_for_bit(int slots)
    {
        var model = new LinearModel();
        using var trainer = new LinearTrainer<PlainSgd>(_fixture.Accelerator, model, 5, slots);
        float[] expected = (float[])model.Parameters.Clone();
        for (int step = 0; step < 3; step++)
        {
            var (gradient, loss) = Reference(expected, 5, slots);
            OptimizerSteps.Sgd(expected, gradient, model.LearningRate);
            Assert.Equal(BitConverter.SingleToInt32Bits(loss), BitConverter.SingleToInt32Bits(trainer.TrainBatch(Inputs, Targets)));
        }
        var actual = new float[3];
        trainer.CopyParametersTo(actual);
        AssertBits(expected, actual);
    }

    [Fact]
    public void Momentum_matches_the_cpu_optimizer_step_bit_for_bit()
    {
        var model = new LinearModel { FirstMoment = new float[3] };
        using var trainer = new LinearTrainer<SgdWithMomentum>(_fixture.Accelerator, model, 5, 2);
        float[] expected = (float[])model.Parameters.Clone();
        var velocity = new float[3];
        for (long step = 1; step <= 3; step++)
        {
            var (gradient, _) = Reference(expected, 5, 2);
            OptimizerSteps.SgdMomentum(expected, gradient, velocity, model.LearningRate, 0.5f, step);
            trainer.TrainBatch(Inputs, Targets);
        }
        var actual = new float[3];
        trainer.CopyParametersTo(actual);
        AssertBits(expected, actual);
    }

    [Fact]
    public void Adam_continues_from_the_network_state_bit_for_bit()
    {
        // A network that has taken 4 steps: the bias corrections start from step 5, the moments from the network's.
        var model = new LinearModel { Step = 4, LearningRate = 0.01f, FirstMoment = new[] { 0.1f, -0.2f, 0.05f }, SecondMoment = new[] { 0.01f, 0.02f, 0.003f } };
        using var trainer = new LinearTrainer<AdamOptimizer>(_fixture.Accelerator, model, 5, 3);
        float[] expected = (float[])model.Parameters.Clone();
        float[] m = (float[])model.FirstMoment.Clone(), v = (float[])model.SecondMoment.Clone();
        for (long step = 5; step <= 7; step++)
        {
            var (gradient, _) = Reference(expected, 5, 3);
            OptimizerSteps.Adam(expected, gradient, m, v, 0.01f, LinearKernels<AdamOptimizer>.AdamBeta1, LinearKernels<AdamOptimizer>.AdamBeta2, LinearKernels<AdamOptimizer>.AdamEpsilon, step);
            trainer.TrainBatch(Inputs, Targets);
        }
        var actual = new float[3];
        trainer.CopyParametersTo(actual);
        AssertBits(expected, actual);
        // The network itself is not changed by training.
        Assert.Equal(4, model.Step);
        Assert.Equal(0.1f, model.FirstMoment[0]);
    }

    [Fact]
    public void Two_runs_give_bit_identical_parameters()
    {
        var first = new float[3];
        var second = new float[3];
        foreach (var destination in new[] { first, second })
        {
            var model = new LinearModel { FirstMoment = new float[3], SecondMoment = new float[3] };
            using var trainer = new LinearTrainer<AdamOptimizer>(_fixture.Accelerator, model, 5, 2);
            for (int step = 0; step < 5; step++) trainer.TrainBatch(Inputs, Targets);
            trainer.CopyParametersTo(destination);
        }
        AssertBits(first, second);
    }

    [Fact]
    public void PredictBatch_runs_the_forward_function_per_sample()
    {
        var model = new LinearModel();
        using var trainer = new LinearTrainer<PlainSgd>(_fixture.Accelerator, model, 5);
        var outputs = new float[5];
        trainer.PredictBatch(Inputs, outputs);
        float[] p = model.Parameters;
        for (int i = 0; i < 5; i++) Assert.Equal(p[0] * Inputs[2 * i] + p[1] * Inputs[2 * i + 1] + p[2], outputs[i]);
    }

    [Fact]
    public void CopyParametersTo_the_network_goes_through_SetParameters()
    {
        var model = new LinearModel();
        using var trainer = new LinearTrainer<PlainSgd>(_fixture.Accelerator, model, 5);
        trainer.TrainBatch(Inputs, Targets);
        var expected = new float[3];
        trainer.CopyParametersTo(expected);
        trainer.CopyParametersTo(model);
        Assert.Equal(1, model.SetParametersCalls);
        AssertBits(expected, model.Parameters);
    }

    [Fact]
    public void Arguments_are_checked_and_named()
    {
        var model = new LinearModel();
        Assert.Equal("accelerator", Assert.Throws<ArgumentNullException>(() => new LinearTrainer<PlainSgd>(null!, model, 4)).ParamName);
        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => new LinearTrainer<PlainSgd>(_fixture.Accelerator, null!, 4)).ParamName);
        Assert.Equal("maxBatchSize", Assert.Throws<ArgumentOutOfRangeException>(() => new LinearTrainer<PlainSgd>(_fixture.Accelerator, model, 0)).ParamName);
        Assert.Equal("gradientSlots", Assert.Throws<ArgumentOutOfRangeException>(() => new LinearTrainer<PlainSgd>(_fixture.Accelerator, model, 4, 0)).ParamName);
        Assert.Equal("gradientSlots", Assert.Throws<ArgumentOutOfRangeException>(() => new LinearTrainer<PlainSgd>(_fixture.Accelerator, model, 4, 5)).ParamName);

        using var trainer = new LinearTrainer<PlainSgd>(_fixture.Accelerator, model, 4);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => trainer.TrainBatch(new float[3], new float[1])).ParamName);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => trainer.TrainBatch(new float[4], new float[3])).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => trainer.TrainBatch(new float[10], new float[5])).ParamName); // over MaxBatchSize
        Assert.Equal("outputs", Assert.Throws<ArgumentException>(() => trainer.PredictBatch(new float[4], new float[1])).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => trainer.CopyParametersTo(new float[2])).ParamName);
        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => trainer.CopyParametersTo((LinearModel)null!)).ParamName);
        Assert.Equal("epochs", Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Train(new float[4], new float[2], 0, 2)).ParamName);
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Train(new float[4], new float[2], 1, 5)).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => trainer.LearningRate = float.NaN).ParamName);
        Assert.Equal(0.1f, trainer.LearningRate);
    }

    [Fact]
    public void Dispose_twice_is_harmless_and_members_throw_after_it()
    {
        var trainer = new LinearTrainer<PlainSgd>(_fixture.Accelerator, new LinearModel(), 4);
        trainer.Dispose();
        trainer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => trainer.TrainBatch(new float[2], new float[1]));
        Assert.Throws<ObjectDisposedException>(() => trainer.PredictBatch(new float[2], new float[1]));
        Assert.Throws<ObjectDisposedException>(() => trainer.CopyParametersTo(new float[3]));
        Assert.Throws<ObjectDisposedException>(() => trainer.Train(new float[2], new float[1], 1, 1));
    }

    [Fact]
    public void Optimizer_state_of_the_wrong_length_is_rejected()
    {
        var model = new LinearModel { FirstMoment = new float[2] };
        Assert.Throws<InvalidOperationException>(() => new LinearTrainer<SgdWithMomentum>(_fixture.Accelerator, model, 4));
    }
}

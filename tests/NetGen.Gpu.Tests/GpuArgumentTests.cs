using System;

namespace NetGen.Gpu.Tests;

/// <summary>Argument checks, disposal and the constructor's contract.</summary>
[Collection("Gpu")]
public sealed class GpuArgumentTests
{
    private readonly AcceleratorFixture _fixture;

    public GpuArgumentTests(AcceleratorFixture fixture) => _fixture = fixture;

    private SigmoidMse.GpuTrainer Create(int maxBatchSize = 4) => new(_fixture.Accelerator, new SigmoidMse(), maxBatchSize);

    [Fact]
    public void Constructor_rejects_null_and_non_positive_sizes()
    {
        Assert.Equal("accelerator", Assert.Throws<ArgumentNullException>(() => new SigmoidMse.GpuTrainer(null!, new SigmoidMse(), 4)).ParamName);
        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => new SigmoidMse.GpuTrainer(_fixture.Accelerator, null!, 4)).ParamName);
        Assert.Equal("maxBatchSize", Assert.Throws<ArgumentOutOfRangeException>(() => new SigmoidMse.GpuTrainer(_fixture.Accelerator, new SigmoidMse(), 0)).ParamName);
        Assert.Equal("gradientSlots", Assert.Throws<ArgumentOutOfRangeException>(() => new SigmoidMse.GpuTrainer(_fixture.Accelerator, new SigmoidMse(), 4, 5)).ParamName);
    }

    [Fact]
    public void Wrong_lengths_name_the_argument()
    {
        using var trainer = Create();
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => trainer.TrainBatch(new float[4], new float[2])).ParamName);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => trainer.TrainBatch(new float[6], new float[2])).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => trainer.TrainBatch(new float[0], new float[0])).ParamName);
        Assert.Equal("outputs", Assert.Throws<ArgumentException>(() => trainer.PredictBatch(new float[3], new float[3])).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => trainer.CopyParametersTo(new float[SigmoidMse.ParameterCount + 1])).ParamName);
        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => trainer.CopyParametersTo((SigmoidMse)null!)).ParamName);
    }

    [Fact]
    public void A_batch_over_the_maximum_is_rejected()
    {
        using var trainer = Create(maxBatchSize: 4);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => trainer.TrainBatch(new float[15], new float[10])).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => trainer.PredictBatch(new float[15], new float[10])).ParamName);
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Train(new float[15], new float[10], 1, 5)).ParamName);
        Assert.Equal("epochs", Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Train(new float[15], new float[10], 0, 4)).ParamName);
    }

    [Fact]
    public void An_empty_prediction_batch_is_fine()
    {
        using var trainer = Create();
        trainer.PredictBatch(ReadOnlySpan<float>.Empty, Span<float>.Empty);
    }

    [Fact]
    public void Dispose_twice_is_harmless_and_use_after_dispose_throws()
    {
        var trainer = Create();
        trainer.Dispose();
        trainer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => trainer.TrainBatch(new float[3], new float[2]));
        Assert.Throws<ObjectDisposedException>(() => trainer.PredictBatch(new float[3], new float[2]));
        Assert.Throws<ObjectDisposedException>(() => trainer.CopyParametersTo(new float[SigmoidMse.ParameterCount]));
    }

    [Fact]
    public void Learning_rate_starts_from_the_network_and_steers_the_step()
    {
        var network = new SigmoidMse();
        network.LearningRate = 0.3f;
        using var trainer = new SigmoidMse.GpuTrainer(_fixture.Accelerator, network, 2);
        Assert.Equal(0.3f, trainer.LearningRate);
        trainer.LearningRate = 0.7f;
        network.LearningRate = 0.7f;
        var inputs = new float[] { 0.1f, -0.2f, 0.3f };
        var targets = new float[] { 1f, 0f };
        network.TrainBatch(inputs, targets);
        trainer.TrainBatch(inputs, targets);
        var parameters = new float[SigmoidMse.ParameterCount];
        trainer.CopyParametersTo(parameters);
        TestData.AssertClose(network.Parameters, parameters, "parameters after a step at lr 0.7");
        Assert.Throws<ArgumentOutOfRangeException>(() => trainer.LearningRate = 0f);
    }
}

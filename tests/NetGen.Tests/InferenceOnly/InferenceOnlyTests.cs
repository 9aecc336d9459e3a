using System;
using System.IO;
using System.Linq;
using NetGen.Tests.Dropout;

namespace NetGen.Tests.InferenceOnly;

/// <summary>
/// <c>[Network(…, Trainable = false)]</c>: the same outputs as the trainable network with the same parameters, Save/Load and
/// safetensors round trips, <see cref="IInferenceNetwork"/> only, and no training member at all.
/// </summary>
public sealed class InferenceOnlyTests
{
    private static float[] Values(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    [Fact]
    public void PredictsIdentically_ToTheTrainableNetwork()
    {
        var trainable = new TrainableClassifier(7);
        var inference = new InferenceClassifier();
        inference.SetParameters(trainable.Parameters);
        float[] x = Values(37 * InferenceClassifier.InputSize, 1);
        float[] expected = new float[37 * 3], actual = new float[37 * 3];
        trainable.PredictBatch(x, expected);
        inference.PredictBatch(x, actual);
        Assert.Equal(expected, actual);
        trainable.Predict(x.AsSpan(0, 6), expected.AsSpan(0, 3));
        inference.Predict(x.AsSpan(0, 6), actual.AsSpan(0, 3));
        Assert.Equal(expected.Take(3), actual.Take(3));
    }

    [Fact]
    public void DropoutIsTheIdentity_AndDescribedAsALayer()
    {
        var trainable = new DropTanhSigmoidBce(3);
        var inference = new InferenceDropTanhSigmoidBce();
        inference.SetParameters(trainable.Parameters);
        float[] x = Values(11 * 3, 2);
        float[] expected = new float[11 * 2], actual = new float[11 * 2];
        trainable.PredictBatch(x, expected);
        inference.PredictBatch(x, actual);
        Assert.Equal(expected, actual);

        IInferenceNetwork network = inference;
        var layers = network.Layers.ToArray();
        Assert.Equal(new[] { LayerKind.Dense, LayerKind.Dropout, LayerKind.Dense, LayerKind.Dropout, LayerKind.Dense }, layers.Select(l => l.Kind));
        Assert.Equal(0.4f, layers[1].DropoutProbability);
        Assert.Equal(new[] { 5, 5, 4, 4, 2 }, layers.Select(l => l.OutputSize));
        Assert.Equal(new[] { 0, 20, 20, 44, 44 }, layers.Select(l => l.ParameterOffset));
        Assert.Equal(((IInferenceNetwork)trainable).Layers.ToArray(), layers);
    }

    [Fact]
    public void SaveLoad_AndSafetensors_RoundTrip()
    {
        var network = new InferenceClassifier(5);
        using var file = new MemoryStream();
        network.Save(file);
        file.Position = 0;
        var loaded = InferenceClassifier.Load(file);
        Assert.Equal(network.Parameters.ToArray(), loaded.Parameters.ToArray());

        var restored = new InferenceClassifier(6);
        file.Position = 0;
        restored.Restore(file);
        Assert.Equal(network.Parameters.ToArray(), restored.Parameters.ToArray());

        using var tensors = new MemoryStream();
        new TrainableClassifier(9).SaveSafetensors(tensors);
        tensors.Position = 0;
        restored.LoadSafetensors(tensors);
        Assert.Equal(new TrainableClassifier(9).Parameters.ToArray(), restored.Parameters.ToArray());
    }

    [Fact]
    public void AnAdamFile_IsNotAnInferenceOnlyFile()
    {
        using var file = new MemoryStream();
        new TrainableClassifier(1).Save(file);
        file.Position = 0;
        Assert.Throws<InvalidDataException>(() => InferenceClassifier.Load(file));
    }

    [Fact]
    public void HasNoTrainingMember()
    {
        var type = typeof(InferenceClassifier);
        Assert.True(typeof(IInferenceNetwork).IsAssignableFrom(type));
        Assert.False(typeof(INetwork).IsAssignableFrom(type));
        foreach (string name in new[] { "Gradient", "GradientBatch", "TrainStep", "TrainBatch", "Evaluate", "LearningRate", "GpuTrainer" })
            Assert.Empty(type.GetMember(name));
        Assert.True(typeof(INetwork).IsAssignableFrom(typeof(TrainableClassifier)));
        Assert.NotEmpty(typeof(TrainableClassifier).GetMember("TrainStep"));
    }
}

namespace NetGen.Tests.Runtime;

public sealed class NetworkAttributeTests
{
    [Fact]
    public void Defaults_MatchTheDesign()
    {
        var attribute = new NetworkAttribute(Loss.CrossEntropy);
        Assert.Equal(Loss.CrossEntropy, attribute.Loss);
        Assert.Equal(Optimizer.Sgd, attribute.Optimizer);
        Assert.Equal(0.01f, attribute.LearningRate);
        Assert.Equal(0f, attribute.Momentum);
        Assert.Equal(0.9f, attribute.Beta1);
        Assert.Equal(0.999f, attribute.Beta2);
        Assert.Equal(1e-8f, attribute.Epsilon);
        Assert.Equal(0, attribute.Seed);
        Assert.Equal(NetworkAttribute.DefaultUnrollLimit, attribute.UnrollLimit);
        Assert.Equal(1024, NetworkAttribute.DefaultUnrollLimit);
    }

    [Fact]
    public void LearningRate_DefaultsTo0001ForAdam_UnlessSet()
    {
        Assert.Equal(0.001f, new NetworkAttribute(Loss.MeanSquaredError) { Optimizer = Optimizer.Adam }.LearningRate);
        Assert.Equal(0.05f, new NetworkAttribute(Loss.MeanSquaredError) { LearningRate = 0.05f, Optimizer = Optimizer.Adam }.LearningRate);
        Assert.Equal(0.05f, new NetworkAttribute(Loss.MeanSquaredError) { Optimizer = Optimizer.Adam, LearningRate = 0.05f }.LearningRate);
    }

    [Fact]
    public void EnumValues_ArePinned()
    {
        Assert.Equal(new[] { 0, 1, 2, 3, 4, 5 }, new[] { (int)Activation.Identity, (int)Activation.Sigmoid, (int)Activation.Tanh, (int)Activation.Relu, (int)Activation.LeakyRelu, (int)Activation.Softmax });
        Assert.Equal(new[] { 0, 1, 2 }, new[] { (int)Loss.MeanSquaredError, (int)Loss.BinaryCrossEntropy, (int)Loss.CrossEntropy });
        Assert.Equal(new[] { 0, 1 }, new[] { (int)Optimizer.Sgd, (int)Optimizer.Adam });
    }

    [Fact]
    public void LayerAttributes_KeepTheirArguments()
    {
        var dense = new DenseAttribute(16);
        Assert.Equal(16, dense.Units);
        Assert.Equal(Activation.Identity, dense.Activation);
        Assert.Equal(Activation.Relu, new DenseAttribute(4, Activation.Relu).Activation);
        Assert.Equal(3, new InputAttribute(3).Size);
    }
}

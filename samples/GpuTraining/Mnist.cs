using NetGen;

namespace GpuTraining;

/// <summary>The MNIST shape, 784 → 128 ReLU → 10 softmax, with SGD and momentum: the --check and --bench runs use it.</summary>
[Network(Loss.CrossEntropy, LearningRate = 0.05f, Momentum = 0.9f, Seed = 3)]
[Input(784)]
[Dense(128, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class Mnist { }

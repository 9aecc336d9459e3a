// Networks large enough to exercise loops past the unroll budget and the splitting of long kernels.
using NetGen;

namespace NetGen.Tests.Networks;

/// <summary>MNIST-sized: the first layer (100,352 multiply-adds) is far past the default unroll budget and emitted as loops.</summary>
[Network(Loss.CrossEntropy, LearningRate = 0.1f, Seed = 42)]
[Input(784)]
[Dense(128, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class Mnist784 : INetwork;

/// <summary>
/// Everything unrolled (16,000 multiply-adds of straight-line code, just under NG0020's 16,384), so the kernels must be
/// split into parts.
/// </summary>
[Network(Loss.CrossEntropy, LearningRate = 0.05f, UnrollLimit = 65536)]
[Input(96)]
[Dense(96, Activation.Tanh)]
[Dense(64, Activation.Tanh)]
[Dense(10, Activation.Softmax)]
public partial class Unrolled96 : INetwork;

/// <summary>Two layers exactly at the unroll budget (64 × 64 = 4096), so straight-line code, split into parts.</summary>
[Network(Loss.MeanSquaredError, LearningRate = 0.01f, UnrollLimit = 4096)]
[Input(64)]
[Dense(64, Activation.Relu)]
[Dense(64, Activation.Relu)]
[Dense(8)]
public partial class Deep64 : INetwork;

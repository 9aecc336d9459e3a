// The layouts of tests/NetGen.NetStandard.Networks, compiled here for net10.0.
using NetGen;
using NetGen.Tests.Networks;

namespace NetGen.Tests.Engines;

[Network(Loss.MeanSquaredError, LearningRate = 0.1f)]
[Input(3)]
[Dense(1, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
public partial class PassFailModern : INetwork { }

[Network(Loss.CrossEntropy, LearningRate = 0.05f, Momentum = 0.9f, Seed = 4)]
[Input(5)]
[Dense(6, Activation.Relu)]
[Dense(6, Activation.Tanh)]
[Dense(5, Activation.LeakyRelu)]
[Dense(4)]
[Dense(3, Activation.Softmax)]
public partial class ClassifierModern : INetwork { }

[Network(Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f, Seed = 9, UnrollLimit = 16)]
[Input(6)]
[Dense(8, Activation.Tanh)]
[Dense(2, Activation.Sigmoid)]
public partial class AdamModern : INetwork { }

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, SequenceLength = 4, Seed = 5)]
[Input(2)]
[CausalConv1D(3, 2)]
[Gru(3)]
[Dense(1)]
public partial class SequenceModern { }

[Network(Loss.CrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f, Seed = 6)]
[Input(2, 6, 6)]
[Conv2D(3, 3, padding: 1, activation: Activation.Relu)]
[BatchNorm]
[MaxPool2D(2)]
[Conv2D(4, 2, activation: Activation.Tanh)]
[Flatten]
[LayerNorm(Activation.Silu)]
[Dense(3, Activation.Softmax)]
public partial class LayeredModern { }

using NetGen;

namespace NetGen.Tool.Tests.RoundTrip;

// NetGen networks written out with SaveOnnx and read back by the importer (RoundTripTests): one of each layer kind
// and activation.

[Network(Loss.CrossEntropy, Seed = 3)]
[Input(5)]
[Dense(6, Activation.Sigmoid)]
[Dense(6, Activation.Tanh)]
[Dense(6, Activation.Relu)]
[Dense(6, Activation.LeakyRelu)]
[Dense(6, Activation.Silu)]
[Dense(6, Activation.Gelu)]
[Dense(6, Activation.GeluTanh)]
[Dense(6, Activation.Elu)]
[Dense(6, Activation.Softplus)]
[Dense(6, Activation.Mish)]
[Dense(6, Activation.HardSigmoid)]
[Dense(6, Activation.HardSwish)]
[Dense(6)]
[Dense(3, Activation.Softmax)]
public partial class EveryActivation { }

[Network(Loss.CrossEntropy, Seed = 4, Trainable = false)]
[Input(2, 10, 10)]
[Conv2D(4, 3, padding: 1)]
[BatchNorm(Activation.Relu)]
[MaxPool2D(2)]
[Conv2D(5, 3, stride: 2, activation: Activation.Tanh)]
[AvgPool2D(2, stride: 1)]
[LayerNorm(Activation.Gelu)]
[GlobalAvgPool]
[Flatten]
[Dense(4, Activation.Softmax)]
public partial class Vision { }

[Network(Loss.MeanSquaredError, Seed = 5)]
[Input(3, 24)]
[Conv1D(4, 3, stride: 2, padding: 1, dilation: 2, activation: Activation.Relu)]
[MaxPool1D(2)]
[Flatten]
[Dense(8, Activation.Silu)]
[BatchNorm]
[Dense(2)]
public partial class Signal { }

[Network(Loss.MeanSquaredError, Seed = 6, Trainable = false)]
[Input(3)]
[Dense(5, Activation.Tanh)]
[Gru(6)]
[Lstm(5)]
[Rnn(4, Activation.Relu)]
[CausalConv1D(3, kernelSize: 3, dilation: 2, activation: Activation.Mish)]
[Rnn(4)]
[Dense(2)]
public partial class Sequence { }

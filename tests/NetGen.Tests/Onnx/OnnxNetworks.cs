using NetGen.Tests.Networks;

namespace NetGen.Tests.Onnx;

// The benchmark nets' layouts (issue 5: A, B, C, D), declared again here, plus one net that uses the activations the
// four leave out, so that every ONNX mapping of OnnxModelWriter is checked.

[Network(Loss.MeanSquaredError, LearningRate = 0.1f)]
[Input(3)]
[Dense(1, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
public partial class OnnxNetA : INetwork { }

[Network(Loss.MeanSquaredError)]
[Input(8)]
[Dense(16, Activation.Tanh)]
[Dense(16, Activation.Tanh)]
[Dense(4)]
public partial class OnnxNetB : INetwork { }

[Network(Loss.MeanSquaredError)]
[Input(32)]
[Dense(64, Activation.Relu)]
[Dense(64, Activation.Relu)]
[Dense(8)]
public partial class OnnxNetC : INetwork { }

[Network(Loss.CrossEntropy)]
[Input(784)]
[Dense(128, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class OnnxNetD : INetwork { }

[Network(Loss.MeanSquaredError)]
[Input(5)]
[Dense(7, Activation.Sigmoid)]
[Dense(6, Activation.LeakyRelu)]
[Dense(3, Activation.Tanh)]
public partial class OnnxNetMixed : INetwork { }

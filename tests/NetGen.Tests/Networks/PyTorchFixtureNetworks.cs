// The networks of ../Fixtures/pytorch-reference.json (PyTorch's own numbers), one class per optimizer setting:
// SGD lr 0.1, SGD lr 0.05 with momentum 0.9, Adam lr 0.01 (PyTorch's betas and epsilon).
using NetGen;

namespace NetGen.Tests.Networks;

[Network(Loss.BinaryCrossEntropy, LearningRate = 0.1f)]
[Input(4)]
[Dense(5, Activation.Sigmoid)]
[Dense(2, Activation.Sigmoid)]
public partial class R1Sgd : INetwork;

[Network(Loss.BinaryCrossEntropy, LearningRate = 0.05f, Momentum = 0.9f)]
[Input(4)]
[Dense(5, Activation.Sigmoid)]
[Dense(2, Activation.Sigmoid)]
public partial class R1SgdMomentum : INetwork;

[Network(Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(4)]
[Dense(5, Activation.Sigmoid)]
[Dense(2, Activation.Sigmoid)]
public partial class R1Adam : INetwork;

[Network(Loss.CrossEntropy, LearningRate = 0.1f)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class R2Sgd : INetwork;

[Network(Loss.CrossEntropy, LearningRate = 0.05f, Momentum = 0.9f)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class R2SgdMomentum : INetwork;

[Network(Loss.CrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class R2Adam : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.1f)]
[Input(5)]
[Dense(6, Activation.Relu)]
[Dense(4, Activation.LeakyRelu)]
[Dense(2, Activation.Identity)]
public partial class R3Sgd : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f, Momentum = 0.9f)]
[Input(5)]
[Dense(6, Activation.Relu)]
[Dense(4, Activation.LeakyRelu)]
[Dense(2, Activation.Identity)]
public partial class R3SgdMomentum : INetwork;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(5)]
[Dense(6, Activation.Relu)]
[Dense(4, Activation.LeakyRelu)]
[Dense(2, Activation.Identity)]
public partial class R3Adam : INetwork;

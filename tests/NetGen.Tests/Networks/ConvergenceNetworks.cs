// Small problems that training must solve: XOR, a sine regression, and a ring classification.
using NetGen;

namespace NetGen.Tests.Networks;

[Network(Loss.MeanSquaredError, LearningRate = 0.5f, Seed = 1)]
[Input(2)]
[Dense(4, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class XorTanh : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 2f, Seed = 1)]
[Input(2)]
[Dense(4, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
public partial class XorSigmoid : INetwork;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f, Seed = 3)]
[Input(1)]
[Dense(16, Activation.Tanh)]
[Dense(1)]
public partial class SineRegression : INetwork;

[Network(Loss.CrossEntropy, LearningRate = 0.05f, Momentum = 0.9f, Seed = 5)]
[Input(2)]
[Dense(8, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
public partial class RingMomentum : INetwork;

[Network(Loss.CrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f, Seed = 5)]
[Input(2)]
[Dense(8, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
public partial class RingAdam : INetwork;

// Networks for the member-by-member comparisons with the reference, one class per optimizer setting.
using NetGen;

namespace NetGen.Tests.Networks;

[Network(Loss.CrossEntropy, LearningRate = 0.1f, Seed = 11)]
[Input(4)]
[Dense(6, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class CeSgd : INetwork;

[Network(Loss.CrossEntropy, LearningRate = 0.05f, Momentum = 0.9f, Seed = 12)]
[Input(4)]
[Dense(6, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class CeMomentum : INetwork;

[Network(Loss.CrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f, Seed = 13)]
[Input(4)]
[Dense(6, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class CeAdam : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.1f)]
[Input(5)]
[Dense(7, Activation.LeakyRelu)]
[Dense(4, Activation.Sigmoid)]
[Dense(2, Activation.Identity)]
public partial class MseSgd : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.1f, Momentum = 0.5f)]
[Input(5)]
[Dense(7, Activation.LeakyRelu)]
[Dense(4, Activation.Sigmoid)]
[Dense(2, Activation.Identity)]
public partial class MseMomentum : INetwork;

/// <summary>Adam with every hyper-parameter away from its default, to see that each one is honoured.</summary>
[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.02f, Beta1 = 0.8f, Beta2 = 0.99f, Epsilon = 1e-6f)]
[Input(5)]
[Dense(7, Activation.LeakyRelu)]
[Dense(4, Activation.Sigmoid)]
[Dense(2, Activation.Identity)]
public partial class MseAdamCustom : INetwork;

/// <summary>SGD with no learning rate given: the default 0.01 applies.</summary>
[Network(Loss.BinaryCrossEntropy)]
[Input(3)]
[Dense(5, Activation.Relu)]
[Dense(2, Activation.Sigmoid)]
public partial class BceSgdDefaults : INetwork;

/// <summary>Adam with no learning rate given: the default 0.001 applies.</summary>
[Network(Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam, Seed = -7)]
[Input(3)]
[Dense(5, Activation.Relu)]
[Dense(2, Activation.Sigmoid)]
public partial class BceAdamDefaults : INetwork;

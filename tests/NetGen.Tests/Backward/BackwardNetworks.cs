// The networks of Reference/make_backward_reference.py (same layers; the parameters come from the reference file).
using NetGen;

namespace NetGen.Tests.Backward;

[Network(Loss.CrossEntropy, LearningRate = 0.05f)]
[Input(4)]
[Dense(6, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class BwdSoftmax : INetwork;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(5)]
[Dense(7, Activation.Silu)]
[Dense(4, Activation.Elu)]
[Dense(2, Activation.Sigmoid)]
public partial class BwdMixed : INetwork;

/// <summary>The first layer (120 multiply-adds) past the unroll limit: its backward pass is the looped matvec's.</summary>
[Network(Loss.CrossEntropy, LearningRate = 0.05f, Momentum = 0.9f, UnrollLimit = 32)]
[Input(12)]
[Dense(10, Activation.Gelu)]
[Dense(3, Activation.Softmax)]
public partial class BwdLooped : INetwork;

/// <summary>A layered network: Conv1D, max pool, Flatten, Dense Softmax (the layered backward methods).</summary>
[Network(Loss.CrossEntropy, LearningRate = 0.05f)]
[Input(2, 8)]
[Conv1D(3, 3, activation: Activation.Tanh)]
[MaxPool1D(2)]
[Flatten]
[Dense(2, Activation.Softmax)]
public partial class BwdCnn : INetwork;

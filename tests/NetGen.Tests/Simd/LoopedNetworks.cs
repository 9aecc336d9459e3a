// Networks for the SIMD tests whose layers are emitted as loops (UnrollLimit = 0: every layer; UnrollLimit = 40: only
// the first), so that the lane code's looped matrix-vector products and Wᵀ·δ blocks are checked with every activation
// and loss, next to the straight-line gradient-check networks.
using NetGen;
using NetGen.Tests.Networks;

namespace NetGen.Tests.Simd;

[Network(Loss.CrossEntropy, LearningRate = 0.05f, UnrollLimit = 0)]
[Input(7)]
[Dense(9, Activation.Tanh)]
[Dense(6, Activation.LeakyRelu)]
[Dense(5, Activation.Softmax)]
public partial class Looped_Tanh_LeakyRelu_Softmax_Ce : INetwork;

[Network(Loss.BinaryCrossEntropy, LearningRate = 0.05f, UnrollLimit = 0)]
[Input(5)]
[Dense(6, Activation.Relu)]
[Dense(3, Activation.Sigmoid)]
public partial class Looped_Relu_Sigmoid_Bce : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f, UnrollLimit = 0)]
[Input(4)]
[Dense(5, Activation.Sigmoid)]
[Dense(3, Activation.Identity)]
public partial class Looped_Sigmoid_Identity_Mse : INetwork;

/// <summary>The first layer (6 × 8 = 48 multiply-adds) over UnrollLimit 40 is a loop; the others are straight-line code.</summary>
[Network(Loss.MeanSquaredError, LearningRate = 0.05f, UnrollLimit = 40)]
[Input(6)]
[Dense(8, Activation.Relu)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Sigmoid)]
public partial class Mixed_Relu_Tanh_Sigmoid_Mse : INetwork;

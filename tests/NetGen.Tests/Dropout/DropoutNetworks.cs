// Networks with [Dropout] for the dropout tests.
using NetGen;

namespace NetGen.Tests.Dropout;

/// <summary>Two dropouts (p = 0.4 and 0.25) on smooth activations: gradients against finite differences.</summary>
[Network(Loss.BinaryCrossEntropy, LearningRate = 0.05f, Seed = 3)]
[Input(3)]
[Dense(5, Activation.Tanh)]
[Dropout(0.4f)]
[Dense(4, Activation.Sigmoid)]
[Dropout(0.25f)]
[Dense(2, Activation.Sigmoid)]
public partial class DropTanhSigmoidBce : NetGen.INetwork;

/// <summary>Dropout before a softmax output with cross-entropy (the fused gradient reads the dropped units).</summary>
[Network(Loss.CrossEntropy, LearningRate = 0.05f, Optimizer = Optimizer.Adam)]
[Input(2)]
[Dense(6, Activation.Tanh)]
[Dropout(0.5f)]
[Dense(3, Activation.Softmax)]
public partial class DropSoftmaxCe : NetGen.INetwork;

/// <summary>Dropout after a layer emitted as loops (40·40 multiply-adds over UnrollLimit 100).</summary>
[Network(Loss.MeanSquaredError, UnrollLimit = 100)]
[Input(40)]
[Dense(40, Activation.Tanh)]
[Dropout(0.2f)]
[Dense(2, Activation.Sigmoid)]
public partial class DropLooped : NetGen.INetwork;

/// <summary>
/// A probe for the mask itself: with W1 = 1, b1 = 0, W2 = 1, b2 = 0, x = 1 and t = 0 the output is y = Σⱼ mⱼ and
/// ∂L/∂W2[0, j] = 2·y·mⱼ, so the gradient shows every mask value of the sample.
/// </summary>
[Network(Loss.MeanSquaredError)]
[Input(1)]
[Dense(64, Activation.Identity)]
[Dropout(0.3f)]
[Dense(1, Activation.Identity)]
public partial class DropProbe : NetGen.INetwork;

/// <summary><see cref="DropTanhSigmoidBce"/> without the dropouts: inference must match it exactly.</summary>
[Network(Loss.BinaryCrossEntropy, LearningRate = 0.05f, Seed = 3)]
[Input(3)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Sigmoid)]
[Dense(2, Activation.Sigmoid)]
public partial class NoDropTanhSigmoidBce : NetGen.INetwork;

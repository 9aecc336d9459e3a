// Networks for the finite-difference gradient checks: every hidden activation with every output activation and
// loss it is valid for (topology A, 3 → 4 → 2), mixed activations on deeper topologies (B: 5 → 6 → 4 → 3,
// C: 2 → 8 → 8 → 8 → 1 or 2), single-layer nets (D) and a wide softmax (E). Names: topology, activations, loss.
using NetGen;

namespace NetGen.Tests.Networks;

#pragma warning disable NG0010 // MeanSquaredError after Softmax is valid, only discouraged: its gradient is checked too.

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.Identity)]
[Dense(2, Activation.Identity)]
public partial class A_Identity_Identity_Mse : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.Identity)]
[Dense(2, Activation.Sigmoid)]
public partial class A_Identity_Sigmoid_Mse : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.Identity)]
[Dense(2, Activation.Tanh)]
public partial class A_Identity_Tanh_Mse : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.Identity)]
[Dense(2, Activation.Relu)]
public partial class A_Identity_Relu_Mse : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.Identity)]
[Dense(2, Activation.LeakyRelu)]
public partial class A_Identity_LeakyRelu_Mse : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.Identity)]
[Dense(2, Activation.Softmax)]
public partial class A_Identity_Softmax_Mse : INetwork;

[Network(Loss.BinaryCrossEntropy, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.Identity)]
[Dense(2, Activation.Sigmoid)]
public partial class A_Identity_Sigmoid_Bce : INetwork;

[Network(Loss.CrossEntropy, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.Identity)]
[Dense(2, Activation.Softmax)]
public partial class A_Identity_Softmax_Ce : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.Sigmoid)]
[Dense(2, Activation.Identity)]
public partial class A_Sigmoid_Identity_Mse : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.Sigmoid)]
[Dense(2, Activation.Sigmoid)]
public partial class A_Sigmoid_Sigmoid_Mse : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.Sigmoid)]
[Dense(2, Activation.Tanh)]
public partial class A_Sigmoid_Tanh_Mse : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.Sigmoid)]
[Dense(2, Activation.Relu)]
public partial class A_Sigmoid_Relu_Mse : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.Sigmoid)]
[Dense(2, Activation.LeakyRelu)]
public partial class A_Sigmoid_LeakyRelu_Mse : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.Sigmoid)]
[Dense(2, Activation.Softmax)]
public partial class A_Sigmoid_Softmax_Mse : INetwork;

[Network(Loss.BinaryCrossEntropy, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.Sigmoid)]
[Dense(2, Activation.Sigmoid)]
public partial class A_Sigmoid_Sigmoid_Bce : INetwork;

[Network(Loss.CrossEntropy, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.Sigmoid)]
[Dense(2, Activation.Softmax)]
public partial class A_Sigmoid_Softmax_Ce : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Identity)]
public partial class A_Tanh_Identity_Mse : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Sigmoid)]
public partial class A_Tanh_Sigmoid_Mse : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Tanh)]
public partial class A_Tanh_Tanh_Mse : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Relu)]
public partial class A_Tanh_Relu_Mse : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.LeakyRelu)]
public partial class A_Tanh_LeakyRelu_Mse : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
public partial class A_Tanh_Softmax_Mse : INetwork;

[Network(Loss.BinaryCrossEntropy, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Sigmoid)]
public partial class A_Tanh_Sigmoid_Bce : INetwork;

[Network(Loss.CrossEntropy, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
public partial class A_Tanh_Softmax_Ce : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.Relu)]
[Dense(2, Activation.Identity)]
public partial class A_Relu_Identity_Mse : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.Relu)]
[Dense(2, Activation.Sigmoid)]
public partial class A_Relu_Sigmoid_Mse : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.Relu)]
[Dense(2, Activation.Tanh)]
public partial class A_Relu_Tanh_Mse : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.Relu)]
[Dense(2, Activation.Relu)]
public partial class A_Relu_Relu_Mse : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.Relu)]
[Dense(2, Activation.LeakyRelu)]
public partial class A_Relu_LeakyRelu_Mse : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.Relu)]
[Dense(2, Activation.Softmax)]
public partial class A_Relu_Softmax_Mse : INetwork;

[Network(Loss.BinaryCrossEntropy, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.Relu)]
[Dense(2, Activation.Sigmoid)]
public partial class A_Relu_Sigmoid_Bce : INetwork;

[Network(Loss.CrossEntropy, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.Relu)]
[Dense(2, Activation.Softmax)]
public partial class A_Relu_Softmax_Ce : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.LeakyRelu)]
[Dense(2, Activation.Identity)]
public partial class A_LeakyRelu_Identity_Mse : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.LeakyRelu)]
[Dense(2, Activation.Sigmoid)]
public partial class A_LeakyRelu_Sigmoid_Mse : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.LeakyRelu)]
[Dense(2, Activation.Tanh)]
public partial class A_LeakyRelu_Tanh_Mse : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.LeakyRelu)]
[Dense(2, Activation.Relu)]
public partial class A_LeakyRelu_Relu_Mse : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.LeakyRelu)]
[Dense(2, Activation.LeakyRelu)]
public partial class A_LeakyRelu_LeakyRelu_Mse : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.LeakyRelu)]
[Dense(2, Activation.Softmax)]
public partial class A_LeakyRelu_Softmax_Mse : INetwork;

[Network(Loss.BinaryCrossEntropy, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.LeakyRelu)]
[Dense(2, Activation.Sigmoid)]
public partial class A_LeakyRelu_Sigmoid_Bce : INetwork;

[Network(Loss.CrossEntropy, LearningRate = 0.05f)]
[Input(3)]
[Dense(4, Activation.LeakyRelu)]
[Dense(2, Activation.Softmax)]
public partial class A_LeakyRelu_Softmax_Ce : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(5)]
[Dense(6, Activation.Tanh)]
[Dense(4, Activation.Relu)]
[Dense(3, Activation.Identity)]
public partial class B_Tanh_Relu_Identity_Mse : INetwork;

[Network(Loss.BinaryCrossEntropy, LearningRate = 0.05f)]
[Input(5)]
[Dense(6, Activation.Sigmoid)]
[Dense(4, Activation.LeakyRelu)]
[Dense(3, Activation.Sigmoid)]
public partial class B_Sigmoid_LeakyRelu_Sigmoid_Bce : INetwork;

[Network(Loss.CrossEntropy, LearningRate = 0.05f)]
[Input(5)]
[Dense(6, Activation.Relu)]
[Dense(4, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class B_Relu_Tanh_Softmax_Ce : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(5)]
[Dense(6, Activation.LeakyRelu)]
[Dense(4, Activation.Identity)]
[Dense(3, Activation.Softmax)]
public partial class B_LeakyRelu_Identity_Softmax_Mse : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(5)]
[Dense(6, Activation.Identity)]
[Dense(4, Activation.Sigmoid)]
[Dense(3, Activation.Tanh)]
public partial class B_Identity_Sigmoid_Tanh_Mse : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(5)]
[Dense(6, Activation.Relu)]
[Dense(4, Activation.LeakyRelu)]
[Dense(3, Activation.Relu)]
public partial class B_Relu_LeakyRelu_Relu_Mse : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(5)]
[Dense(6, Activation.Tanh)]
[Dense(4, Activation.Sigmoid)]
[Dense(3, Activation.LeakyRelu)]
public partial class B_Tanh_Sigmoid_LeakyRelu_Mse : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(2)]
[Dense(8, Activation.Tanh)]
[Dense(8, Activation.Tanh)]
[Dense(8, Activation.Tanh)]
[Dense(1, Activation.Identity)]
public partial class C_Tanh_Tanh_Tanh_Identity_Mse : INetwork;

[Network(Loss.BinaryCrossEntropy, LearningRate = 0.05f)]
[Input(2)]
[Dense(8, Activation.Relu)]
[Dense(8, Activation.Relu)]
[Dense(8, Activation.Relu)]
[Dense(1, Activation.Sigmoid)]
public partial class C_Relu_Relu_Relu_Sigmoid_Bce : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(2)]
[Dense(8, Activation.LeakyRelu)]
[Dense(8, Activation.Sigmoid)]
[Dense(8, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class C_LeakyRelu_Sigmoid_Tanh_Sigmoid_Mse : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(2)]
[Dense(8, Activation.Sigmoid)]
[Dense(8, Activation.Identity)]
[Dense(8, Activation.Relu)]
[Dense(1, Activation.Tanh)]
public partial class C_Sigmoid_Identity_Relu_Tanh_Mse : INetwork;

[Network(Loss.CrossEntropy, LearningRate = 0.05f)]
[Input(2)]
[Dense(8, Activation.Relu)]
[Dense(8, Activation.Tanh)]
[Dense(8, Activation.LeakyRelu)]
[Dense(2, Activation.Softmax)]
public partial class C_Relu_Tanh_LeakyRelu_Softmax_Ce : INetwork;

[Network(Loss.CrossEntropy, LearningRate = 0.05f)]
[Input(4)]
[Dense(3, Activation.Softmax)]
public partial class D_Softmax_Ce : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(3)]
[Dense(1, Activation.Identity)]
public partial class D_Identity_Mse : INetwork;

[Network(Loss.BinaryCrossEntropy, LearningRate = 0.05f)]
[Input(5)]
[Dense(1, Activation.Sigmoid)]
public partial class D_Sigmoid_Bce : INetwork;

[Network(Loss.CrossEntropy, LearningRate = 0.05f)]
[Input(4)]
[Dense(5, Activation.Tanh)]
[Dense(10, Activation.Softmax)]
public partial class E_Tanh_Softmax_Ce : INetwork;

#pragma warning restore NG0010

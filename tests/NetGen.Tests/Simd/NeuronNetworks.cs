// Networks for the batch-1 SIMD Predict (vectorised across the neurons of a layer): layer widths that fill no vector,
// exactly one, one plus one unit, and several plus one (1, 8, 16, 17, 33), every activation, a softmax output whose
// width is not a whole vector, and looped networks (UnrollLimit = 0) so that the kernel's looped rows are checked too:
// Relu40_Softmax35 loops over panels of two widths (40 neurons pad to 48: a panel of 32 and one of 16), in more than
// one group of vectors at 128 bits, into a softmax that spans several vectors (and groups).
using NetGen;
using NetGen.Tests.Networks;

namespace NetGen.Tests.Simd;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(3)]
[Dense(17, Activation.Sigmoid)]
[Dense(33, Activation.Tanh)]
[Dense(5, Activation.Identity)]
public partial class Neurons_Sigmoid17_Tanh33_Identity5_Mse : INetwork;

[Network(Loss.CrossEntropy, LearningRate = 0.05f)]
[Input(12)]
[Dense(16, Activation.Relu)]
[Dense(8, Activation.LeakyRelu)]
[Dense(10, Activation.Softmax)]
public partial class Neurons_Relu16_LeakyRelu8_Softmax10_Ce : INetwork;

[Network(Loss.BinaryCrossEntropy, LearningRate = 0.05f, UnrollLimit = 0)]
[Input(9)]
[Dense(24, Activation.Relu)]
[Dense(1, Activation.Sigmoid)]
public partial class Neurons_Looped_Relu24_Sigmoid1_Bce : INetwork;

[Network(Loss.CrossEntropy, LearningRate = 0.05f, UnrollLimit = 0)]
[Input(5)]
[Dense(40, Activation.Relu)]
[Dense(35, Activation.Softmax)]
public partial class Neurons_Looped_Relu40_Softmax35_Ce : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(2)]
[Dense(64, Activation.Tanh)]
[Dense(64, Activation.Relu)]
[Dense(3, Activation.Identity)]
public partial class Neurons_Tanh64_Relu64_Identity3_Mse : INetwork;

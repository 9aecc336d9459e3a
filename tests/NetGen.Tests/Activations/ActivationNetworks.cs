// The networks of Reference/activation-reference.json, per newer activation A: A_Mse = Input(3) → Dense(5, A) → Dense(4, A)
// → Dense(2) with MSE, A_Bce = Input(4) → Dense(6, A) → Dense(3, Sigmoid) with BCE; each as Adam (lr 0.01, PyTorch's betas
// and epsilon: three steps in the data) and as SGD (lr 0.1: one step). Class names are the net's name without the underscore
// and the optimizer: SiluMseAdam, SiluMseSgd, SiluBceAdam, SiluBceSgd, …
using NetGen;

namespace NetGen.Tests.Activations;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(3)]
[Dense(5, Activation.Silu)]
[Dense(4, Activation.Silu)]
[Dense(2, Activation.Identity)]
public partial class SiluMseAdam : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.1f)]
[Input(3)]
[Dense(5, Activation.Silu)]
[Dense(4, Activation.Silu)]
[Dense(2, Activation.Identity)]
public partial class SiluMseSgd : INetwork;

[Network(Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(4)]
[Dense(6, Activation.Silu)]
[Dense(3, Activation.Sigmoid)]
public partial class SiluBceAdam : INetwork;

[Network(Loss.BinaryCrossEntropy, LearningRate = 0.1f)]
[Input(4)]
[Dense(6, Activation.Silu)]
[Dense(3, Activation.Sigmoid)]
public partial class SiluBceSgd : INetwork;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(3)]
[Dense(5, Activation.Gelu)]
[Dense(4, Activation.Gelu)]
[Dense(2, Activation.Identity)]
public partial class GeluMseAdam : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.1f)]
[Input(3)]
[Dense(5, Activation.Gelu)]
[Dense(4, Activation.Gelu)]
[Dense(2, Activation.Identity)]
public partial class GeluMseSgd : INetwork;

[Network(Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(4)]
[Dense(6, Activation.Gelu)]
[Dense(3, Activation.Sigmoid)]
public partial class GeluBceAdam : INetwork;

[Network(Loss.BinaryCrossEntropy, LearningRate = 0.1f)]
[Input(4)]
[Dense(6, Activation.Gelu)]
[Dense(3, Activation.Sigmoid)]
public partial class GeluBceSgd : INetwork;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(3)]
[Dense(5, Activation.GeluTanh)]
[Dense(4, Activation.GeluTanh)]
[Dense(2, Activation.Identity)]
public partial class GeluTanhMseAdam : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.1f)]
[Input(3)]
[Dense(5, Activation.GeluTanh)]
[Dense(4, Activation.GeluTanh)]
[Dense(2, Activation.Identity)]
public partial class GeluTanhMseSgd : INetwork;

[Network(Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(4)]
[Dense(6, Activation.GeluTanh)]
[Dense(3, Activation.Sigmoid)]
public partial class GeluTanhBceAdam : INetwork;

[Network(Loss.BinaryCrossEntropy, LearningRate = 0.1f)]
[Input(4)]
[Dense(6, Activation.GeluTanh)]
[Dense(3, Activation.Sigmoid)]
public partial class GeluTanhBceSgd : INetwork;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(3)]
[Dense(5, Activation.Elu)]
[Dense(4, Activation.Elu)]
[Dense(2, Activation.Identity)]
public partial class EluMseAdam : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.1f)]
[Input(3)]
[Dense(5, Activation.Elu)]
[Dense(4, Activation.Elu)]
[Dense(2, Activation.Identity)]
public partial class EluMseSgd : INetwork;

[Network(Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(4)]
[Dense(6, Activation.Elu)]
[Dense(3, Activation.Sigmoid)]
public partial class EluBceAdam : INetwork;

[Network(Loss.BinaryCrossEntropy, LearningRate = 0.1f)]
[Input(4)]
[Dense(6, Activation.Elu)]
[Dense(3, Activation.Sigmoid)]
public partial class EluBceSgd : INetwork;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(3)]
[Dense(5, Activation.Softplus)]
[Dense(4, Activation.Softplus)]
[Dense(2, Activation.Identity)]
public partial class SoftplusMseAdam : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.1f)]
[Input(3)]
[Dense(5, Activation.Softplus)]
[Dense(4, Activation.Softplus)]
[Dense(2, Activation.Identity)]
public partial class SoftplusMseSgd : INetwork;

[Network(Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(4)]
[Dense(6, Activation.Softplus)]
[Dense(3, Activation.Sigmoid)]
public partial class SoftplusBceAdam : INetwork;

[Network(Loss.BinaryCrossEntropy, LearningRate = 0.1f)]
[Input(4)]
[Dense(6, Activation.Softplus)]
[Dense(3, Activation.Sigmoid)]
public partial class SoftplusBceSgd : INetwork;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(3)]
[Dense(5, Activation.Mish)]
[Dense(4, Activation.Mish)]
[Dense(2, Activation.Identity)]
public partial class MishMseAdam : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.1f)]
[Input(3)]
[Dense(5, Activation.Mish)]
[Dense(4, Activation.Mish)]
[Dense(2, Activation.Identity)]
public partial class MishMseSgd : INetwork;

[Network(Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(4)]
[Dense(6, Activation.Mish)]
[Dense(3, Activation.Sigmoid)]
public partial class MishBceAdam : INetwork;

[Network(Loss.BinaryCrossEntropy, LearningRate = 0.1f)]
[Input(4)]
[Dense(6, Activation.Mish)]
[Dense(3, Activation.Sigmoid)]
public partial class MishBceSgd : INetwork;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(3)]
[Dense(5, Activation.HardSigmoid)]
[Dense(4, Activation.HardSigmoid)]
[Dense(2, Activation.Identity)]
public partial class HardSigmoidMseAdam : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.1f)]
[Input(3)]
[Dense(5, Activation.HardSigmoid)]
[Dense(4, Activation.HardSigmoid)]
[Dense(2, Activation.Identity)]
public partial class HardSigmoidMseSgd : INetwork;

[Network(Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(4)]
[Dense(6, Activation.HardSigmoid)]
[Dense(3, Activation.Sigmoid)]
public partial class HardSigmoidBceAdam : INetwork;

[Network(Loss.BinaryCrossEntropy, LearningRate = 0.1f)]
[Input(4)]
[Dense(6, Activation.HardSigmoid)]
[Dense(3, Activation.Sigmoid)]
public partial class HardSigmoidBceSgd : INetwork;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(3)]
[Dense(5, Activation.HardSwish)]
[Dense(4, Activation.HardSwish)]
[Dense(2, Activation.Identity)]
public partial class HardSwishMseAdam : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.1f)]
[Input(3)]
[Dense(5, Activation.HardSwish)]
[Dense(4, Activation.HardSwish)]
[Dense(2, Activation.Identity)]
public partial class HardSwishMseSgd : INetwork;

[Network(Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(4)]
[Dense(6, Activation.HardSwish)]
[Dense(3, Activation.Sigmoid)]
public partial class HardSwishBceAdam : INetwork;

[Network(Loss.BinaryCrossEntropy, LearningRate = 0.1f)]
[Input(4)]
[Dense(6, Activation.HardSwish)]
[Dense(3, Activation.Sigmoid)]
public partial class HardSwishBceSgd : INetwork;

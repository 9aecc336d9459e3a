// The MSE nets of ../NetGen.Tests/Activations/Reference/activation-reference.json, per newer activation A: Input(3) → Dense(5, A)
// → Dense(4, A) → Dense(2) with MSE and Adam (lr 0.01, PyTorch's betas and epsilon), as the data's three Adam steps. Their
// GpuTrainer is reached through reflection (ActivationGpuTests.cs), so that a network whose kernels the GPU emitter does not
// print fails its test instead of the build.
using NetGen;

namespace NetGen.Gpu.Tests;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(3)]
[Dense(5, Activation.Silu)]
[Dense(4, Activation.Silu)]
[Dense(2, Activation.Identity)]
public partial class GpuSiluMseAdam;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(3)]
[Dense(5, Activation.Gelu)]
[Dense(4, Activation.Gelu)]
[Dense(2, Activation.Identity)]
public partial class GpuGeluMseAdam;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(3)]
[Dense(5, Activation.GeluTanh)]
[Dense(4, Activation.GeluTanh)]
[Dense(2, Activation.Identity)]
public partial class GpuGeluTanhMseAdam;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(3)]
[Dense(5, Activation.Elu)]
[Dense(4, Activation.Elu)]
[Dense(2, Activation.Identity)]
public partial class GpuEluMseAdam;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(3)]
[Dense(5, Activation.Softplus)]
[Dense(4, Activation.Softplus)]
[Dense(2, Activation.Identity)]
public partial class GpuSoftplusMseAdam;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(3)]
[Dense(5, Activation.Mish)]
[Dense(4, Activation.Mish)]
[Dense(2, Activation.Identity)]
public partial class GpuMishMseAdam;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(3)]
[Dense(5, Activation.HardSigmoid)]
[Dense(4, Activation.HardSigmoid)]
[Dense(2, Activation.Identity)]
public partial class GpuHardSigmoidMseAdam;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(3)]
[Dense(5, Activation.HardSwish)]
[Dense(4, Activation.HardSwish)]
[Dense(2, Activation.Identity)]
public partial class GpuHardSwishMseAdam;

using NetGen;

namespace GpuTraining;

/// <summary>
/// 32 features → 64 ReLU → 32 ReLU → 4-way softmax. Referencing ILGPU makes NetGen generate
/// <c>Classifier.GpuTrainer</c> next to the CPU members.
/// </summary>
[Network(Loss.CrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.003f, Seed = 42)]
[Input(32)]
[Dense(64, Activation.Relu)]
[Dense(32, Activation.Relu)]
[Dense(4, Activation.Softmax)]
public partial class Classifier { }

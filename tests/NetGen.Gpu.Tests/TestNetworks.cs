// Networks the GPU tests train on the accelerator and on the CPU: every activation, every loss, SGD, momentum and
// Adam, unrolled and looped layers (UnrollLimit), and the 784 → 128 → 10 MNIST shape. Each one exposes itself through
// ITestNetwork so that one test body serves them all (GpuTrainer is a different nested type per network).
using ILGPU.Runtime;
using NetGen;

namespace NetGen.Gpu.Tests;

[Network(Loss.MeanSquaredError, LearningRate = 0.1f, Seed = 1)]
[Input(3)]
[Dense(4, Activation.Sigmoid)]
[Dense(2, Activation.Sigmoid)]
public partial class SigmoidMse : ITestNetwork
{
    int ITestNetwork.InputSize => InputSize;
    int ITestNetwork.OutputSize => OutputSize;
    int ITestNetwork.ParameterCount => ParameterCount;
    public ITestTrainer CreateTrainer(Accelerator accelerator, int maxBatchSize, int gradientSlots = 0)
    {
        var trainer = gradientSlots == 0 ? new GpuTrainer(accelerator, this, maxBatchSize) : new GpuTrainer(accelerator, this, maxBatchSize, gradientSlots);
        return new TestTrainer(trainer, trainer.TrainBatch, trainer.PredictBatch, trainer.CopyParametersTo, trainer.Train, () => trainer.GradientSlots, n => trainer.CopyParametersTo((SigmoidMse)n));
    }
}

[Network(Loss.BinaryCrossEntropy, LearningRate = 0.05f, Momentum = 0.9f, Seed = 2)]
[Input(4)]
[Dense(5, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class TanhBceMomentum : ITestNetwork
{
    int ITestNetwork.InputSize => InputSize;
    int ITestNetwork.OutputSize => OutputSize;
    int ITestNetwork.ParameterCount => ParameterCount;
    public ITestTrainer CreateTrainer(Accelerator accelerator, int maxBatchSize, int gradientSlots = 0)
    {
        var trainer = gradientSlots == 0 ? new GpuTrainer(accelerator, this, maxBatchSize) : new GpuTrainer(accelerator, this, maxBatchSize, gradientSlots);
        return new TestTrainer(trainer, trainer.TrainBatch, trainer.PredictBatch, trainer.CopyParametersTo, trainer.Train, () => trainer.GradientSlots, n => trainer.CopyParametersTo((TanhBceMomentum)n));
    }
}

[Network(Loss.CrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f, Seed = 3)]
[Input(5)]
[Dense(8, Activation.Relu)]
[Dense(6, Activation.LeakyRelu)]
[Dense(3, Activation.Softmax)]
public partial class ReluSoftmaxAdam : ITestNetwork
{
    int ITestNetwork.InputSize => InputSize;
    int ITestNetwork.OutputSize => OutputSize;
    int ITestNetwork.ParameterCount => ParameterCount;
    public ITestTrainer CreateTrainer(Accelerator accelerator, int maxBatchSize, int gradientSlots = 0)
    {
        var trainer = gradientSlots == 0 ? new GpuTrainer(accelerator, this, maxBatchSize) : new GpuTrainer(accelerator, this, maxBatchSize, gradientSlots);
        return new TestTrainer(trainer, trainer.TrainBatch, trainer.PredictBatch, trainer.CopyParametersTo, trainer.Train, () => trainer.GradientSlots, n => trainer.CopyParametersTo((ReluSoftmaxAdam)n));
    }
}

[Network(Loss.MeanSquaredError, LearningRate = 0.02f, Momentum = 0.5f, Seed = 4)]
[Input(3)]
[Dense(4, Activation.LeakyRelu)]
[Dense(2, Activation.Identity)]
public partial class LeakyIdentityMomentum : ITestNetwork
{
    int ITestNetwork.InputSize => InputSize;
    int ITestNetwork.OutputSize => OutputSize;
    int ITestNetwork.ParameterCount => ParameterCount;
    public ITestTrainer CreateTrainer(Accelerator accelerator, int maxBatchSize, int gradientSlots = 0)
    {
        var trainer = gradientSlots == 0 ? new GpuTrainer(accelerator, this, maxBatchSize) : new GpuTrainer(accelerator, this, maxBatchSize, gradientSlots);
        return new TestTrainer(trainer, trainer.TrainBatch, trainer.PredictBatch, trainer.CopyParametersTo, trainer.Train, () => trainer.GradientSlots, n => trainer.CopyParametersTo((LeakyIdentityMomentum)n));
    }
}

[Network(Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.005f, Seed = 5, UnrollLimit = 16)]
[Input(12)]
[Dense(10, Activation.Tanh)]
[Dense(6, Activation.Relu)]
[Dense(4, Activation.Sigmoid)]
public partial class LoopedTanhAdam : ITestNetwork
{
    int ITestNetwork.InputSize => InputSize;
    int ITestNetwork.OutputSize => OutputSize;
    int ITestNetwork.ParameterCount => ParameterCount;
    public ITestTrainer CreateTrainer(Accelerator accelerator, int maxBatchSize, int gradientSlots = 0)
    {
        var trainer = gradientSlots == 0 ? new GpuTrainer(accelerator, this, maxBatchSize) : new GpuTrainer(accelerator, this, maxBatchSize, gradientSlots);
        return new TestTrainer(trainer, trainer.TrainBatch, trainer.PredictBatch, trainer.CopyParametersTo, trainer.Train, () => trainer.GradientSlots, n => trainer.CopyParametersTo((LoopedTanhAdam)n));
    }
}

[Network(Loss.CrossEntropy, LearningRate = 0.05f, Seed = 6, UnrollLimit = 8)]
[Input(6)]
[Dense(5, Activation.Sigmoid)]
[Dense(3, Activation.Softmax)]
public partial class LoopedSoftmaxCe : ITestNetwork
{
    int ITestNetwork.InputSize => InputSize;
    int ITestNetwork.OutputSize => OutputSize;
    int ITestNetwork.ParameterCount => ParameterCount;
    public ITestTrainer CreateTrainer(Accelerator accelerator, int maxBatchSize, int gradientSlots = 0)
    {
        var trainer = gradientSlots == 0 ? new GpuTrainer(accelerator, this, maxBatchSize) : new GpuTrainer(accelerator, this, maxBatchSize, gradientSlots);
        return new TestTrainer(trainer, trainer.TrainBatch, trainer.PredictBatch, trainer.CopyParametersTo, trainer.Train, () => trainer.GradientSlots, n => trainer.CopyParametersTo((LoopedSoftmaxCe)n));
    }
}

[Network(Loss.CrossEntropy, LearningRate = 0.1f, Seed = 7)]
[Input(784)]
[Dense(128, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class Mnist : ITestNetwork
{
    int ITestNetwork.InputSize => InputSize;
    int ITestNetwork.OutputSize => OutputSize;
    int ITestNetwork.ParameterCount => ParameterCount;
    public ITestTrainer CreateTrainer(Accelerator accelerator, int maxBatchSize, int gradientSlots = 0)
    {
        var trainer = gradientSlots == 0 ? new GpuTrainer(accelerator, this, maxBatchSize) : new GpuTrainer(accelerator, this, maxBatchSize, gradientSlots);
        return new TestTrainer(trainer, trainer.TrainBatch, trainer.PredictBatch, trainer.CopyParametersTo, trainer.Train, () => trainer.GradientSlots, n => trainer.CopyParametersTo((Mnist)n));
    }
}

[Network(Loss.CrossEntropy, LearningRate = 0.05f, Momentum = 0.9f, Seed = 8)]
[Input(784)]
[Dense(128, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class MnistMomentum : ITestNetwork
{
    int ITestNetwork.InputSize => InputSize;
    int ITestNetwork.OutputSize => OutputSize;
    int ITestNetwork.ParameterCount => ParameterCount;
    public ITestTrainer CreateTrainer(Accelerator accelerator, int maxBatchSize, int gradientSlots = 0)
    {
        var trainer = gradientSlots == 0 ? new GpuTrainer(accelerator, this, maxBatchSize) : new GpuTrainer(accelerator, this, maxBatchSize, gradientSlots);
        return new TestTrainer(trainer, trainer.TrainBatch, trainer.PredictBatch, trainer.CopyParametersTo, trainer.Train, () => trainer.GradientSlots, n => trainer.CopyParametersTo((MnistMomentum)n));
    }
}

[Network(Loss.CrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.001f, Seed = 9)]
[Input(784)]
[Dense(128, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class MnistAdam : ITestNetwork
{
    int ITestNetwork.InputSize => InputSize;
    int ITestNetwork.OutputSize => OutputSize;
    int ITestNetwork.ParameterCount => ParameterCount;
    public ITestTrainer CreateTrainer(Accelerator accelerator, int maxBatchSize, int gradientSlots = 0)
    {
        var trainer = gradientSlots == 0 ? new GpuTrainer(accelerator, this, maxBatchSize) : new GpuTrainer(accelerator, this, maxBatchSize, gradientSlots);
        return new TestTrainer(trainer, trainer.TrainBatch, trainer.PredictBatch, trainer.CopyParametersTo, trainer.Train, () => trainer.GradientSlots, n => trainer.CopyParametersTo((MnistAdam)n));
    }
}

/// <summary>Dropout after both hidden layers (masks drawn on the host from the network's generator, in sample order).</summary>
[Network(Loss.CrossEntropy, LearningRate = 0.1f, Seed = 10)]
[Input(4)]
[Dense(6, Activation.Tanh)]
[Dropout(0.3f)]
[Dense(5, Activation.Sigmoid)]
[Dropout(0.5f)]
[Dense(3, Activation.Softmax)]
public partial class DropoutTanhSigmoidCe : ITestNetwork
{
    int ITestNetwork.InputSize => InputSize;
    int ITestNetwork.OutputSize => OutputSize;
    int ITestNetwork.ParameterCount => ParameterCount;
    public ITestTrainer CreateTrainer(Accelerator accelerator, int maxBatchSize, int gradientSlots = 0)
    {
        var trainer = gradientSlots == 0 ? new GpuTrainer(accelerator, this, maxBatchSize) : new GpuTrainer(accelerator, this, maxBatchSize, gradientSlots);
        return new TestTrainer(trainer, trainer.TrainBatch, trainer.PredictBatch, trainer.CopyParametersTo, trainer.Train, () => trainer.GradientSlots, n => trainer.CopyParametersTo((DropoutTanhSigmoidCe)n));
    }
}

/// <summary>Dropout with looped layers (UnrollLimit = 0) and Adam.</summary>
[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f, Seed = 11, UnrollLimit = 0)]
[Input(5)]
[Dense(7, Activation.Relu)]
[Dropout(0.25f)]
[Dense(2)]
public partial class LoopedDropoutReluAdam : ITestNetwork
{
    int ITestNetwork.InputSize => InputSize;
    int ITestNetwork.OutputSize => OutputSize;
    int ITestNetwork.ParameterCount => ParameterCount;
    public ITestTrainer CreateTrainer(Accelerator accelerator, int maxBatchSize, int gradientSlots = 0)
    {
        var trainer = gradientSlots == 0 ? new GpuTrainer(accelerator, this, maxBatchSize) : new GpuTrainer(accelerator, this, maxBatchSize, gradientSlots);
        return new TestTrainer(trainer, trainer.TrainBatch, trainer.PredictBatch, trainer.CopyParametersTo, trainer.Train, () => trainer.GradientSlots, n => trainer.CopyParametersTo((LoopedDropoutReluAdam)n));
    }
}

/// <summary>Every test network, by name, for [MemberData].</summary>
public static class TestNetworks
{
    public static ITestNetwork Create(string name, int seed) => name switch
    {
        nameof(SigmoidMse) => new SigmoidMse(seed),
        nameof(TanhBceMomentum) => new TanhBceMomentum(seed),
        nameof(ReluSoftmaxAdam) => new ReluSoftmaxAdam(seed),
        nameof(LeakyIdentityMomentum) => new LeakyIdentityMomentum(seed),
        nameof(LoopedTanhAdam) => new LoopedTanhAdam(seed),
        nameof(LoopedSoftmaxCe) => new LoopedSoftmaxCe(seed),
        nameof(Mnist) => new Mnist(seed),
        nameof(MnistMomentum) => new MnistMomentum(seed),
        nameof(MnistAdam) => new MnistAdam(seed),
        nameof(DropoutTanhSigmoidCe) => new DropoutTanhSigmoidCe(seed),
        nameof(LoopedDropoutReluAdam) => new LoopedDropoutReluAdam(seed),
        _ => throw new System.ArgumentException("unknown network " + name, nameof(name)),
    };

    public static readonly string[] Small = { nameof(SigmoidMse), nameof(TanhBceMomentum), nameof(ReluSoftmaxAdam), nameof(LeakyIdentityMomentum), nameof(LoopedTanhAdam), nameof(LoopedSoftmaxCe),
        nameof(DropoutTanhSigmoidCe), nameof(LoopedDropoutReluAdam) };
    public static readonly string[] Mnist = { nameof(Mnist), nameof(MnistMomentum), nameof(MnistAdam) };
}

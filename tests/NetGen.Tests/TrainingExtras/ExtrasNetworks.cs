// The networks of TrainingExtras/Reference/make_extras_reference.py (same names, same layouts, same hyper-parameters).
using System;
using System.IO;
using NetGen;

namespace NetGen.Tests.TrainingExtras;

/// <summary>The generated members the extras tests use, which every family has (sequence networks do not implement INetwork).</summary>
public interface IExtrasNetwork
{
    ReadOnlySpan<float> Parameters { get; }
    void SetParameters(ReadOnlySpan<float> values);
    float GradientBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradient);
    float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);
    float Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);
    void Save(Stream stream);
    void Restore(Stream stream);
}

[Network(Loss.Huber, LearningRate = 0.1f)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2)]
public partial class Extras_Huber : IExtrasNetwork;

[Network(Loss.L1, LearningRate = 0.1f)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2)]
public partial class Extras_L1 : IExtrasNetwork;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.AdamW, LearningRate = 0.05f, WeightDecay = 0.1f)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2)]
public partial class Extras_AdamW : IExtrasNetwork;

/// <summary>AdamW with PyTorch's default weight decay (0.01): not written here.</summary>
[Network(Loss.MeanSquaredError, Optimizer = Optimizer.AdamW, LearningRate = 0.5f)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2)]
public partial class Extras_AdamW_Default : IExtrasNetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.1f, WeightDecay = 0.05f)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2)]
public partial class Extras_SgdDecay : IExtrasNetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.1f, Momentum = 0.9f, WeightDecay = 0.05f)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2)]
public partial class Extras_SgdMomentumDecay : IExtrasNetwork;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.05f, WeightDecay = 0.1f)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2)]
public partial class Extras_AdamDecay : IExtrasNetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.1f, Momentum = 0.5f, WeightDecay = 0.01f, ClipGradientNorm = 0.1f)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2)]
public partial class Extras_ClipTriggers : IExtrasNetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.1f, ClipGradientNorm = 1000f)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2)]
public partial class Extras_ClipIdle : IExtrasNetwork;

[Network(Loss.Huber, Optimizer = Optimizer.AdamW, LearningRate = 0.05f, ClipGradientNorm = 0.2f)]
[Input(1, 6)]
[Conv1D(2, 3, activation: Activation.Tanh)]
[Flatten]
[Dense(2)]
public partial class Extras_LayeredHuber : IExtrasNetwork;

[Network(Loss.L1, LearningRate = 0.1f, Momentum = 0.9f, WeightDecay = 0.05f)]
[Input(1, 6)]
[Conv1D(2, 3, activation: Activation.Tanh)]
[Flatten]
[Dense(2)]
public partial class Extras_LayeredL1 : IExtrasNetwork;

[Network(Loss.Huber, Optimizer = Optimizer.Adam, LearningRate = 0.05f, WeightDecay = 0.1f, ClipGradientNorm = 0.3f, SequenceLength = 4)]
[Input(3)]
[Rnn(4)]
[Dense(2)]
public partial class Extras_SequenceHuber : IExtrasNetwork;

[Network(Loss.L1, Optimizer = Optimizer.AdamW, LearningRate = 0.05f, SequenceLength = 4)]
[Input(3)]
[Rnn(4)]
[Dense(2)]
public partial class Extras_SequenceL1 : IExtrasNetwork;

/// <summary>One Identity output with zero parameters: its output is exactly 0, so an L1 target of 0 sits on the kink.</summary>
[Network(Loss.L1, LearningRate = 0.1f)]
[Input(2)]
[Dense(1)]
public partial class Extras_L1Kink : IExtrasNetwork;

/// <summary>Huber with a large layer emitted as loops (the MatVec path) and SIMD lanes.</summary>
[Network(Loss.Huber, LearningRate = 0.1f, UnrollLimit = 4)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2)]
public partial class Extras_HuberLoops : IExtrasNetwork;

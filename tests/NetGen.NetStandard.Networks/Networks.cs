// The same layouts as tests/NetGen.Tests/Engines/EngineProfileNetworks.cs, compiled for netstandard2.1 with C# 8.
using NetGen;

namespace NetGen.NetStandard.Networks
{
    /// <summary>The lecture's PASS/FAIL perceptron.</summary>
    [Network(Loss.MeanSquaredError, LearningRate = 0.1f)]
    [Input(3)]
    [Dense(1, Activation.Sigmoid)]
    [Dense(1, Activation.Sigmoid)]
    public partial class PassFailStandard { }

    /// <summary>Every hidden activation, softmax output, cross-entropy, SGD with momentum.</summary>
    [Network(Loss.CrossEntropy, LearningRate = 0.05f, Momentum = 0.9f, Seed = 4)]
    [Input(5)]
    [Dense(6, Activation.Relu)]
    [Dense(6, Activation.Tanh)]
    [Dense(5, Activation.LeakyRelu)]
    [Dense(4)]
    [Dense(3, Activation.Softmax)]
    public partial class ClassifierStandard { }

    /// <summary>Binary cross-entropy with Adam, one layer emitted as loops (UnrollLimit 16).</summary>
    [Network(Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f, Seed = 9, UnrollLimit = 16)]
    [Input(6)]
    [Dense(8, Activation.Tanh)]
    [Dense(2, Activation.Sigmoid)]
    public partial class AdamStandard { }

    /// <summary>A sequence network (scalar step kernels only on netstandard2.1): a causal convolution, a GRU, a Dense head.</summary>
    [Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, SequenceLength = 4, Seed = 5)]
    [Input(2)]
    [CausalConv1D(3, 2)]
    [Gru(3)]
    [Dense(1)]
    public partial class SequenceStandard { }

    /// <summary>A layered network (scalar loops only on netstandard2.1): a padded convolution, BatchNorm, max pooling, LayerNorm.</summary>
    [Network(Loss.CrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f, Seed = 6)]
    [Input(2, 6, 6)]
    [Conv2D(3, 3, padding: 1, activation: Activation.Relu)]
    [BatchNorm]
    [MaxPool2D(2)]
    [Conv2D(4, 2, activation: Activation.Tanh)]
    [Flatten]
    [LayerNorm(Activation.Silu)]
    [Dense(3, Activation.Softmax)]
    public partial class LayeredStandard { }

    /// <summary>Issue #19's extras on netstandard2.1: Huber loss, AdamW, clipping (the file overloads too).</summary>
    [Network(Loss.Huber, Optimizer = Optimizer.AdamW, ClipGradientNorm = 1f, Seed = 7)]
    [Input(3)]
    [Dense(4, Activation.Tanh)]
    [Dense(2)]
    public partial class ExtrasStandard { }

    /// <summary>L1 loss with SGD, momentum and weight decay on a sequence network.</summary>
    [Network(Loss.L1, Momentum = 0.9f, WeightDecay = 0.01f, SequenceLength = 3, Seed = 8)]
    [Input(2)]
    [Rnn(3)]
    [Dense(1)]
    public partial class ExtrasSequenceStandard { }

    /// <summary>Huber loss with Adam and weight decay on a layered network.</summary>
    [Network(Loss.Huber, Optimizer = Optimizer.Adam, WeightDecay = 0.01f, ClipGradientNorm = 0.5f, Seed = 9)]
    [Input(1, 6)]
    [Conv1D(2, 3, activation: Activation.Tanh)]
    [Flatten]
    [Dense(2)]
    public partial class ExtrasLayeredStandard { }
}

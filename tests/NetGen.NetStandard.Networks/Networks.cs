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
}

using System;

namespace NetGen.Tests.Shaped;

// The networks of Reference/shaped-reference.json, written exactly as its "attributes" give them (Reference/README.md).

[Network(Loss.MeanSquaredError, LearningRate = 0.1f)]
[Input(2, 16)] [Conv1D(4, 3, activation: Activation.Relu)] [Flatten] [Dense(3)]
public partial class Shaped_Conv1d_Basic { }

[Network(Loss.CrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(3, 20)] [Conv1D(5, 3, stride: 2, padding: 2, dilation: 2, activation: Activation.Tanh)] [MaxPool1D(2)]
[Conv1D(4, 2, padding: 1, activation: Activation.Sigmoid)] [AvgPool1D(3, 2)] [Flatten] [Dense(4, Activation.Softmax)]
public partial class Shaped_Conv1d_Options { }

[Network(Loss.BinaryCrossEntropy, LearningRate = 0.05f, Momentum = 0.9f)]
[Input(1, 8, 8)] [Conv2D(4, 3, activation: Activation.Relu)] [MaxPool2D(2)] [Flatten] [Dense(2, Activation.Sigmoid)]
public partial class Shaped_Conv2d_Basic { }

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(3, 9, 9)] [Conv2D(6, 3, stride: 2, padding: 1, activation: Activation.LeakyRelu)] [AvgPool2D(2, 1)]
[Conv2D(5, 2, activation: Activation.Elu)] [GlobalAvgPool] [Flatten] [Dense(3)]
public partial class Shaped_Conv2d_Options { }

[Network(Loss.MeanSquaredError, LearningRate = 0.05f)]
[Input(3, 12, 12)] [Conv2D(4, 4, stride: 2, activation: Activation.LeakyRelu)]
[Conv2D(8, 2, activation: Activation.LeakyRelu)] [Flatten] [Dense(8, Activation.Relu)] [Dense(2)]
public partial class Shaped_Encoder { }

[Network(Loss.CrossEntropy, LearningRate = 0.1f)]
[Input(6)] [Dense(8)] [BatchNorm(Activation.Relu)] [Dense(8)] [BatchNorm(Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class Shaped_BatchNorm_Mlp { }

[Network(Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(5)] [Dense(7)] [LayerNorm(Activation.Gelu)] [Dense(4)] [LayerNorm] [Dense(2, Activation.Sigmoid)]
public partial class Shaped_LayerNorm_Mlp { }

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(2, 7, 7)] [Conv2D(4, 3, padding: 1)] [BatchNorm(Activation.Relu)] [MaxPool2D(3, 2)] [Flatten] [Dense(5)]
[BatchNorm] [Dense(2)]
public partial class Shaped_Conv2d_BatchNorm { }

[Network(Loss.MeanSquaredError, LearningRate = 0.1f, Momentum = 0.5f)]
[Input(4, 10)] [Conv1D(6, 3, padding: 1)] [BatchNorm(Activation.Silu)] [Conv1D(3, 3, stride: 2)]
[LayerNorm(Activation.Relu)] [GlobalAvgPool] [Flatten] [Dense(2)]
public partial class Shaped_Conv1d_Norms { }

[Network(Loss.CrossEntropy, LearningRate = 0.1f)]
[Input(2, 6, 6)] [Conv2D(3, 3)] [LayerNorm] [AvgPool2D(2)] [Flatten] [Dense(4, Activation.Softmax)]
public partial class Shaped_Conv2d_LayerNorm { }

[Network(Loss.MeanSquaredError, LearningRate = 0.1f)]
[Input(1, 8)] [Conv1D(1, 2)] [MaxPool1D(4)] [Flatten] [Dense(1)]
public partial class Shaped_MaxPool_Ties { }

/// <summary>The test networks by the data's names.</summary>
public static class ShapedNetworks
{
    /// <summary>A new instance of the network called <paramref name="name"/> (its class is Shaped_&lt;name&gt;).</summary>
    public static INetwork Create(string name) => name switch
    {
        "Conv1d_Basic" => new Shaped_Conv1d_Basic(),
        "Conv1d_Options" => new Shaped_Conv1d_Options(),
        "Conv2d_Basic" => new Shaped_Conv2d_Basic(),
        "Conv2d_Options" => new Shaped_Conv2d_Options(),
        "Encoder" => new Shaped_Encoder(),
        "BatchNorm_Mlp" => new Shaped_BatchNorm_Mlp(),
        "LayerNorm_Mlp" => new Shaped_LayerNorm_Mlp(),
        "Conv2d_BatchNorm" => new Shaped_Conv2d_BatchNorm(),
        "Conv1d_Norms" => new Shaped_Conv1d_Norms(),
        "Conv2d_LayerNorm" => new Shaped_Conv2d_LayerNorm(),
        "MaxPool_Ties" => new Shaped_MaxPool_Ties(),
        _ => throw new ArgumentException($"No shaped test network {name}.", nameof(name)),
    };
}

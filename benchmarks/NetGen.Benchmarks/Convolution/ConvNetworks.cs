namespace NetGen.Benchmarks.Convolution;

// Issue 17's two benchmark networks, SGD, default learning rate, parameters from each class's own initialisation (seed 1,
// PyTorch's U(±1/√fan-in)); ONNX Runtime gets a copy of them. Their layer lists for the ONNX writer: ConvNets.

/// <summary>
/// SensorClassifier: a [3, 128] window of a 3-axis sensor → Conv1D 16 k5 ReLU → MaxPool 2 → Conv1D 32 k5 ReLU →
/// GlobalAvgPool → Flatten → Dense 6 softmax, cross-entropy. The issue lists the layers without activations; ReLU after
/// each convolution and a softmax head are this benchmark's choice (the usual classifier).
/// </summary>
[Network(Loss.CrossEntropy)]
[Input(3, 128)]
[Conv1D(16, 5, activation: Activation.Relu)]
[MaxPool1D(2)]
[Conv1D(32, 5, activation: Activation.Relu)]
[GlobalAvgPool]
[Flatten]
[Dense(6, Activation.Softmax)]
public partial class SensorClassifier { }

/// <summary>
/// MlAgentsSimpleEncoder: Unity ML-Agents' <c>SimpleVisualEncoder</c> on a 36 × 36 RGB observation, [3, 36, 36] →
/// Conv2D 16 k8 stride 4 LeakyReLU → [16, 8, 8] → Conv2D 32 k4 stride 2 LeakyReLU → [32, 3, 3] → Flatten (288) →
/// Dense 256, MSE. The Dense 256 has no activation, as the issue writes it. ML-Agents' encoder follows it with a LeakyReLU
/// (<c>nn.Sequential(linear_layer(…), nn.LeakyReLU())</c>), but a 256-wide LeakyReLU output does not compile with the
/// generator of this branch (its loss head is split into parts and the parts are passed a scratch span <c>s</c> that
/// the entry method never declares, CS0103), so the benchmark keeps the form; the cost difference is 256
/// element-wise activations per sample against 73,728 + 196,608 + 73,728 multiply-adds.
/// </summary>
[Network(Loss.MeanSquaredError)]
[Input(3, 36, 36)]
[Conv2D(16, 8, stride: 4, activation: Activation.LeakyRelu)]
[Conv2D(32, 4, stride: 2, activation: Activation.LeakyRelu)]
[Flatten]
[Dense(256)]
public partial class MlAgentsSimpleEncoder { }

/// <summary>The issue-17 networks' input shapes and layer lists as <see cref="ConvOnnxModelWriter"/> takes them.</summary>
public static class ConvNets
{
    /// <summary>The batch of the training benchmarks (and of ONNX Runtime's batch inference).</summary>
    public const int Batch = 64;

    /// <summary>Seed of every network's parameters.</summary>
    public const int Seed = 1;

    /// <summary><see cref="SensorClassifier"/>'s input shape [C, L].</summary>
    public static readonly int[] SensorInput = { 3, 128 };

    /// <summary><see cref="SensorClassifier"/>'s layers.</summary>
    public static readonly OnnxLayer[] SensorLayers =
    {
        OnnxLayer.Conv(16, 5, activation: Activation.Relu),
        OnnxLayer.MaxPool(2),
        OnnxLayer.Conv(32, 5, activation: Activation.Relu),
        OnnxLayer.GlobalAvgPool(),
        OnnxLayer.Flatten(),
        OnnxLayer.Dense(6, Activation.Softmax),
    };

    /// <summary><see cref="MlAgentsSimpleEncoder"/>'s input shape [C, H, W].</summary>
    public static readonly int[] EncoderInput = { 3, 36, 36 };

    /// <summary><see cref="MlAgentsSimpleEncoder"/>'s layers.</summary>
    public static readonly OnnxLayer[] EncoderLayers =
    {
        OnnxLayer.Conv(16, 8, stride: 4, activation: Activation.LeakyRelu),
        OnnxLayer.Conv(32, 4, stride: 2, activation: Activation.LeakyRelu),
        OnnxLayer.Flatten(),
        OnnxLayer.Dense(256),
    };

    /// <summary>The input shape and layers of <paramref name="network"/> (by its type).</summary>
    public static (int[] Input, OnnxLayer[] Layers) Describe(INetwork network) => network switch
    {
        SensorClassifier => (SensorInput, SensorLayers),
        MlAgentsSimpleEncoder => (EncoderInput, EncoderLayers),
        _ => throw new System.ArgumentOutOfRangeException(nameof(network), network.GetType().Name, "Not an issue-17 network."),
    };
}

namespace NetGen.Tests.Onnx;

// Layered networks (issue 17) checked against ONNX Runtime by LayeredOnnxRuntimeReferenceTests: the two benchmark
// networks (benchmarks/NetGen.Benchmarks/Convolution/ConvNetworks.cs), declared again here, and four more that cover what
// those two leave out: Conv1D with padding, dilation and stride, Conv2D with padding on a non-square input, AvgPool 1D and
// 2D (with a stride other than the kernel), MaxPool2D, GlobalAvgPool on [C, H, W], channel counts that are not a multiple
// of the vector width, padded (scalar) and unpadded (SIMD) convolutions, and every activation ConvOnnxModelWriter maps.

/// <summary>Issue 17's SensorClassifier: [3, 128] → Conv1D 16 k5 ReLU → MaxPool 2 → Conv1D 32 k5 ReLU → GlobalAvgPool → Dense 6 softmax.</summary>
[Network(Loss.CrossEntropy)]
[Input(3, 128)]
[Conv1D(16, 5, activation: Activation.Relu)]
[MaxPool1D(2)]
[Conv1D(32, 5, activation: Activation.Relu)]
[GlobalAvgPool]
[Flatten]
[Dense(6, Activation.Softmax)]
public partial class OnnxSensorClassifier : INetwork { }

/// <summary>Issue 17's ML-Agents simple visual encoder: [3, 36, 36] → Conv2D 16 k8 s4 → Conv2D 32 k4 s2 (LeakyReLU) → Dense 256.</summary>
[Network(Loss.MeanSquaredError)]
[Input(3, 36, 36)]
[Conv2D(16, 8, stride: 4, activation: Activation.LeakyRelu)]
[Conv2D(32, 4, stride: 2, activation: Activation.LeakyRelu)]
[Flatten]
[Dense(256)]
public partial class OnnxMlAgentsEncoder : INetwork { }

/// <summary>Conv1D with padding and dilation: [2, 20] → [5, 10] tanh → AvgPool 3 s2 → [5, 4] → Conv1D k3 p1 sigmoid → [4, 4] → Dense 3.</summary>
[Network(Loss.MeanSquaredError)]
[Input(2, 20)]
[Conv1D(5, 3, stride: 2, padding: 2, dilation: 2, activation: Activation.Tanh)]
[AvgPool1D(3, 2)]
[Conv1D(4, 3, padding: 1, activation: Activation.Sigmoid)]
[Flatten]
[Dense(3)]
public partial class OnnxConv1DPadded : INetwork { }

/// <summary>Unpadded strided and dilated Conv1D: [4, 50] → [12, 16] leaky → MaxPool 3 s1 → [12, 14] → Conv1D 8 k2 d3 relu → [8, 11] → GlobalAvgPool → Dense 2 sigmoid.</summary>
[Network(Loss.MeanSquaredError)]
[Input(4, 50)]
[Conv1D(12, 4, stride: 3, activation: Activation.LeakyRelu)]
[MaxPool1D(3, 1)]
[Conv1D(8, 2, dilation: 3, activation: Activation.Relu)]
[GlobalAvgPool]
[Flatten]
[Dense(2, Activation.Sigmoid)]
public partial class OnnxConv1DStrided : INetwork { }

/// <summary>Conv2D with padding on a non-square input: [3, 11, 9] → [6, 11, 9] relu → MaxPool2D 2 → [6, 5, 4] → Conv2D 8 k3 s2 p1 leaky → [8, 3, 2] → GlobalAvgPool → Dense 5 softmax.</summary>
[Network(Loss.CrossEntropy)]
[Input(3, 11, 9)]
[Conv2D(6, 3, padding: 1, activation: Activation.Relu)]
[MaxPool2D(2)]
[Conv2D(8, 3, stride: 2, padding: 1, activation: Activation.LeakyRelu)]
[GlobalAvgPool]
[Flatten]
[Dense(5, Activation.Softmax)]
public partial class OnnxConv2DPadded : INetwork { }

/// <summary>Unpadded Conv2D with pools: [2, 12, 12] → [8, 10, 10] tanh → AvgPool2D 2 → [8, 5, 5] → Conv2D 16 k2 → [16, 4, 4] → MaxPool2D 3 s2 → [16, 1, 1] → Dense 4.</summary>
[Network(Loss.MeanSquaredError)]
[Input(2, 12, 12)]
[Conv2D(8, 3, activation: Activation.Tanh)]
[AvgPool2D(2)]
[Conv2D(16, 2)]
[MaxPool2D(3, 2)]
[Flatten]
[Dense(4)]
public partial class OnnxConv2DPools : INetwork { }

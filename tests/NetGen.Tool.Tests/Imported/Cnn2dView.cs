// Imported by `netgen import` from cnn2d_view.onnx (pytorch 1.13.0, opset 13).
// Graph input 'input' [N, 1, 12, 12] → output 'output'.
// The weights are baked in from Cnn2dView.safetensors: the project needs <NetGenWeights Include="Cnn2dView.safetensors" /> (docs/embedding.md).
using NetGen;

namespace NetGen.Tool.Tests.Imported
{
    /// <summary>The network imported from cnn2d_view.onnx by <c>netgen import</c>.</summary>
    [Network(Loss.MeanSquaredError, Weights = "Cnn2dView.safetensors", Trainable = false)]
    // input 'input' [N, 1, 12, 12]
    [Input(1, 12, 12)]
    // 0: '/conv1/Conv' (Conv) + '/Relu' (Relu)
    [Conv2D(4, 3, stride: 2, padding: 1, activation: Activation.Relu)]
    // 2: '/pool1/MaxPool' (MaxPool)
    [MaxPool2D(2)]
    // 3: '/conv2/Conv' (Conv) + '/Relu_1' (Relu)
    [Conv2D(6, 3, padding: 1, activation: Activation.Relu)]
    // 5: '/pool2/AveragePool' (AveragePool)
    [AvgPool2D(2)]
    // 6: '/Reshape' (Reshape)
    [Flatten]
    // 7: '/fc/Gemm' (Gemm)
    [Dense(5)]
    public partial class Cnn2dView { }
}

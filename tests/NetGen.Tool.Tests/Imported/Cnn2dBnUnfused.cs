// Imported by `netgen import` from cnn2d_bn_unfused.onnx (pytorch 1.13.0, opset 17).
// Graph input 'input' [N, 1, 12, 12] → output 'output'.
// The weights are baked in from Cnn2dBnUnfused.safetensors: the project needs <NetGenWeights Include="Cnn2dBnUnfused.safetensors" /> (docs/embedding.md).
using NetGen;

namespace NetGen.Tool.Tests.Imported
{
    /// <summary>The network imported from cnn2d_bn_unfused.onnx by <c>netgen import</c>.</summary>
    [Network(Loss.CrossEntropy, Weights = "Cnn2dBnUnfused.safetensors", Trainable = false)]
    // input 'input' [N, 1, 12, 12]
    [Input(1, 12, 12)]
    // 0: '/conv1/Conv' (Conv)
    [Conv2D(4, 3, padding: 1)]
    // 1: '/bn/BatchNormalization' (BatchNormalization) + '/Relu' (Relu)
    [BatchNorm(Activation.Relu)]
    // 3: '/pool1/MaxPool' (MaxPool)
    [MaxPool2D(2)]
    // 4: '/conv2/Conv' (Conv) + '/Relu_1' (Relu)
    [Conv2D(6, 3, activation: Activation.Relu)]
    // 6: '/pool2/AveragePool' (AveragePool)
    [AvgPool2D(2)]
    // 7: '/flatten/Flatten' (Flatten)
    [Flatten]
    // 8: '/fc/Gemm' (Gemm) + '/softmax/Softmax' (Softmax)
    [Dense(10, Activation.Softmax)]
    public partial class Cnn2dBnUnfused { }
}

// Imported by `netgen import` from cnn_global.onnx (pytorch 1.13.0, opset 17).
// Graph input 'input' [N, 3, 8, 8] → output 'output'.
// The weights are baked in from CnnGlobal.safetensors: the project needs <NetGenWeights Include="CnnGlobal.safetensors" /> (docs/embedding.md).
using NetGen;

namespace NetGen.Tool.Tests.Imported
{
    /// <summary>The network imported from cnn_global.onnx by <c>netgen import</c>.</summary>
    [Network(Loss.MeanSquaredError, Weights = "CnnGlobal.safetensors", Trainable = false)]
    // input 'input' [N, 3, 8, 8]
    [Input(3, 8, 8)]
    // 0: '/conv/Conv' (Conv) + '/Relu' (Relu)
    [Conv2D(6, 3, padding: 1, activation: Activation.Relu)]
    // 2: '/gap/GlobalAveragePool' (GlobalAveragePool)
    [GlobalAvgPool]
    // 3: '/Flatten' (Flatten)
    [Flatten]
    // 4: '/fc/Gemm' (Gemm)
    [Dense(4)]
    public partial class CnnGlobal { }
}

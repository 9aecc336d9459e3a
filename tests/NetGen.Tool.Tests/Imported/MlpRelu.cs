// Imported by `netgen import` from mlp_relu.onnx (pytorch 1.13.0, opset 17).
// Graph input 'input' [N, 8] → output 'output'.
// The weights are baked in from MlpRelu.safetensors: the project needs <NetGenWeights Include="MlpRelu.safetensors" /> (docs/embedding.md).
using NetGen;

namespace NetGen.Tool.Tests.Imported
{
    /// <summary>The network imported from mlp_relu.onnx by <c>netgen import</c>.</summary>
    [Network(Loss.MeanSquaredError, Weights = "MlpRelu.safetensors", Trainable = false)]
    // input 'input' [N, 8]
    [Input(8)]
    // 0: '/0/Gemm' (Gemm) + '/1/Relu' (Relu)
    [Dense(12, Activation.Relu)]
    // 2: '/2/Gemm' (Gemm)
    [Dense(4)]
    public partial class MlpRelu { }
}

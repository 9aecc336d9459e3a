// Imported by `netgen import` from mlp_softmax.onnx (pytorch 1.13.0, opset 14).
// Graph input 'input' [N, 7] → output 'output'.
// The weights are baked in from MlpSoftmax.safetensors: the project needs <NetGenWeights Include="MlpSoftmax.safetensors" /> (docs/embedding.md).
using NetGen;

namespace NetGen.Tool.Tests.Imported
{
    /// <summary>The network imported from mlp_softmax.onnx by <c>netgen import</c>.</summary>
    [Network(Loss.CrossEntropy, Weights = "MlpSoftmax.safetensors", Trainable = false)]
    // input 'input' [N, 7]
    [Input(7)]
    // 0: '/0/Gemm' (Gemm) + '/1/LeakyRelu' (LeakyRelu)
    [Dense(12, Activation.LeakyRelu)]
    // 2: '/2/Gemm' (Gemm) + '/3/Softmax' (Softmax)
    [Dense(5, Activation.Softmax)]
    public partial class MlpSoftmax { }
}

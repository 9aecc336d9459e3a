// Imported by `netgen import` from mlp_tanh_sigmoid.onnx (pytorch 1.13.0, opset 13).
// Graph input 'input' [N, 6] → output 'output'.
// The weights are baked in from MlpTanhSigmoid.safetensors: the project needs <NetGenWeights Include="MlpTanhSigmoid.safetensors" /> (docs/embedding.md).
using NetGen;

namespace NetGen.Tool.Tests.Imported
{
    /// <summary>The network imported from mlp_tanh_sigmoid.onnx by <c>netgen import</c>.</summary>
    [Network(Loss.BinaryCrossEntropy, Weights = "MlpTanhSigmoid.safetensors", Trainable = false)]
    // input 'input' [N, 6]
    [Input(6)]
    // 0: '/0/Gemm' (Gemm) + '/1/Tanh' (Tanh)
    [Dense(10, Activation.Tanh)]
    // 2: '/2/Gemm' (Gemm) + '/3/Sigmoid' (Sigmoid)
    [Dense(3, Activation.Sigmoid)]
    public partial class MlpTanhSigmoid { }
}

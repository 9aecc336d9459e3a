// Imported by `netgen import` from act_gelu_tanh.onnx (pytorch 1.13.0, opset 15).
// Graph input 'input' [N, 6] → output 'output'.
// The weights are baked in from ActGeluTanh.safetensors: the project needs <NetGenWeights Include="ActGeluTanh.safetensors" /> (docs/embedding.md).
using NetGen;

namespace NetGen.Tool.Tests.Imported
{
    /// <summary>The network imported from act_gelu_tanh.onnx by <c>netgen import</c>.</summary>
    [Network(Loss.MeanSquaredError, Weights = "ActGeluTanh.safetensors", Trainable = false)]
    // input 'input' [N, 6]
    [Input(6)]
    // 0: '/0/Gemm' (Gemm) + '/1/Mul' (Mul) + '/1/Mul_1' (Mul) + '/1/Mul_2' (Mul) + '/1/Add' (Add) + '/1/Mul_3' (Mul) + '/1/Tanh' (Tanh) + '/1/Add_1' (Add) + '/1/Mul_4' (Mul) + '/1/Mul_5' (Mul)
    [Dense(10, Activation.GeluTanh)]
    // 2: '/2/Gemm' (Gemm)
    [Dense(4)]
    public partial class ActGeluTanh { }
}

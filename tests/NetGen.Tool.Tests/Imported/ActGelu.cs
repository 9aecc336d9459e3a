// Imported by `netgen import` from act_gelu.onnx (pytorch 1.13.0, opset 14).
// Graph input 'input' [N, 6] → output 'output'.
// The weights are baked in from ActGelu.safetensors: the project needs <NetGenWeights Include="ActGelu.safetensors" /> (docs/embedding.md).
using NetGen;

namespace NetGen.Tool.Tests.Imported
{
    /// <summary>The network imported from act_gelu.onnx by <c>netgen import</c>.</summary>
    [Network(Loss.MeanSquaredError, Weights = "ActGelu.safetensors", Trainable = false)]
    // input 'input' [N, 6]
    [Input(6)]
    // 0: '/0/Gemm' (Gemm) + '/1/Div' (Div) + '/1/Erf' (Erf) + '/1/Add' (Add) + '/1/Mul' (Mul) + '/1/Mul_1' (Mul)
    [Dense(10, Activation.Gelu)]
    // 2: '/2/Gemm' (Gemm)
    [Dense(4)]
    public partial class ActGelu { }
}

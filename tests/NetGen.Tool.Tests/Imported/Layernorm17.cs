// Imported by `netgen import` from layernorm17.onnx (pytorch 1.13.0, opset 17).
// Graph input 'input' [N, 6] → output 'output'.
// The weights are baked in from Layernorm17.safetensors: the project needs <NetGenWeights Include="Layernorm17.safetensors" /> (docs/embedding.md).
using NetGen;

namespace NetGen.Tool.Tests.Imported
{
    /// <summary>The network imported from layernorm17.onnx by <c>netgen import</c>.</summary>
    [Network(Loss.MeanSquaredError, Weights = "Layernorm17.safetensors", Trainable = false)]
    // input 'input' [N, 6]
    [Input(6)]
    // 0: '/l1/Gemm' (Gemm)
    [Dense(10)]
    // 1: '/ln/LayerNormalization' (LayerNormalization) + '/act/Div' (Div) + '/act/Erf' (Erf) + '/act/Add' (Add) + '/act/Mul' (Mul) + '/act/Mul_1' (Mul)
    [LayerNorm(Activation.Gelu)]
    // 3: '/l2/Gemm' (Gemm)
    [Dense(3)]
    public partial class Layernorm17 { }
}

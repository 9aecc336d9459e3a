// Imported by `netgen import` from layernorm14.onnx (pytorch 1.13.0, opset 14).
// Graph input 'input' [N, 6] → output 'output'.
// The weights are baked in from Layernorm14.safetensors: the project needs <NetGenWeights Include="Layernorm14.safetensors" /> (docs/embedding.md).
using NetGen;

namespace NetGen.Tool.Tests.Imported
{
    /// <summary>The network imported from layernorm14.onnx by <c>netgen import</c>.</summary>
    [Network(Loss.MeanSquaredError, Weights = "Layernorm14.safetensors", Trainable = false)]
    // input 'input' [N, 6]
    [Input(6)]
    // 0: '/l1/Gemm' (Gemm)
    [Dense(10)]
    // 1: '/ln/ReduceMean' (ReduceMean) + '/ln/Sub' (Sub) + '/ln/Pow' (Pow) + '/ln/ReduceMean_1' (ReduceMean) + '/ln/Add' (Add) + '/ln/Sqrt' (Sqrt) + '/ln/Div' (Div) (LayerNorm written out, opset < 17) + '/ln/Mul' (Mul) + '/ln/Add_1' (Add) + '/act/Div' (Div) + '/act/Erf' (Erf) + '/act/Add' (Add) + '/act/Mul' (Mul) + '/act/Mul_1' (Mul)
    //    folded in: the element-wise affine map of '/ln/Mul' (Mul)
    //    folded in: the element-wise affine map of '/ln/Add_1' (Add)
    [LayerNorm(Activation.Gelu)]
    // 3: '/l2/Gemm' (Gemm)
    [Dense(3)]
    public partial class Layernorm14 { }
}

// Imported by `netgen import` from mlagents_style.onnx (pytorch 1.13.0, opset 15).
// Graph input 'input' [N, 8] → output 'output'.
// The weights are baked in from MlagentsStyle.safetensors: the project needs <NetGenWeights Include="MlagentsStyle.safetensors" /> (docs/embedding.md).
using NetGen;

namespace NetGen.Tool.Tests.Imported
{
    /// <summary>The network imported from mlagents_style.onnx by <c>netgen import</c>.</summary>
    [Network(Loss.MeanSquaredError, Weights = "MlagentsStyle.safetensors", Trainable = false)]
    // input 'input' [N, 8]
    [Input(8)]
    // 0: '/l1/Gemm' (Gemm) + '/swish/Sigmoid' (Sigmoid) + '/swish/Mul' (Mul)
    //    folded in: the element-wise affine map of '/normalizer/Sub' (Sub) + '/normalizer/Div' (Div)
    [Dense(12, Activation.Silu)]
    // 2: '/l2/Gemm' (Gemm) + '/swish_1/Sigmoid' (Sigmoid) + '/swish_1/Mul' (Mul)
    [Dense(12, Activation.Silu)]
    // 4: '/mu/Gemm' (Gemm)
    [Dense(2)]
    public partial class MlagentsStyle { }
}

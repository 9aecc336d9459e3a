// Imported by `netgen import` from mlagents_style_clamp.onnx (pytorch 1.13.0, opset 15).
// Graph input 'input' [N, 8] → output 'output'.
// The weights are baked in from MlagentsStyleClamp.safetensors: the project needs <NetGenWeights Include="MlagentsStyleClamp.safetensors" /> (docs/embedding.md).
using NetGen;

namespace NetGen.Tool.Tests.Imported
{
    /// <summary>The network imported from mlagents_style_clamp.onnx by <c>netgen import</c>.</summary>
    [Network(Loss.MeanSquaredError, Weights = "MlagentsStyleClamp.safetensors", Trainable = false)]
    // input 'input' [N, 8]
    [Input(8)]
    // 0: '/normalizer/Sub' (Sub) + '/normalizer/Div' (Div) + '/normalizer/Clip' (Clip)
    //    carrier layer inserted by the importer: a diagonal Dense layer (weights diag(a), bias b) computing exactly the element-wise affine map of '/normalizer/Sub' (Sub), '/normalizer/Div' (Div), '/normalizer/Clip' (Clip)
    [Dense(8, Activation.HardSigmoid)]
    // 2: '/l1/Gemm' (Gemm) + '/swish/Sigmoid' (Sigmoid) + '/swish/Mul' (Mul)
    //    folded in: the element-wise affine map of '/normalizer/Clip' (Clip)
    [Dense(12, Activation.Silu)]
    // 4: '/l2/Gemm' (Gemm) + '/swish_1/Sigmoid' (Sigmoid) + '/swish_1/Mul' (Mul)
    [Dense(12, Activation.Silu)]
    // 6: '/mu/Gemm' (Gemm)
    [Dense(2)]
    public partial class MlagentsStyleClamp { }
}

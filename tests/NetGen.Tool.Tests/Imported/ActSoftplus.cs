// Imported by `netgen import` from act_softplus.onnx (pytorch 1.13.0, opset 17).
// Graph input 'input' [N, 6] → output 'output'.
// The weights are baked in from ActSoftplus.safetensors: the project needs <NetGenWeights Include="ActSoftplus.safetensors" /> (docs/embedding.md).
using NetGen;

namespace NetGen.Tool.Tests.Imported
{
    /// <summary>The network imported from act_softplus.onnx by <c>netgen import</c>.</summary>
    [Network(Loss.MeanSquaredError, Weights = "ActSoftplus.safetensors", Trainable = false)]
    // input 'input' [N, 6]
    [Input(6)]
    // 0: '/0/Gemm' (Gemm) + '/1/Softplus' (Softplus)
    [Dense(10, Activation.Softplus)]
    // 2: '/2/Gemm' (Gemm)
    [Dense(4)]
    public partial class ActSoftplus { }
}

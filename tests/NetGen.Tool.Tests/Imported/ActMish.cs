// Imported by `netgen import` from act_mish.onnx (pytorch 1.13.0, opset 13).
// Graph input 'input' [N, 6] → output 'output'.
// The weights are baked in from ActMish.safetensors: the project needs <NetGenWeights Include="ActMish.safetensors" /> (docs/embedding.md).
using NetGen;

namespace NetGen.Tool.Tests.Imported
{
    /// <summary>The network imported from act_mish.onnx by <c>netgen import</c>.</summary>
    [Network(Loss.MeanSquaredError, Weights = "ActMish.safetensors", Trainable = false)]
    // input 'input' [N, 6]
    [Input(6)]
    // 0: '/0/Gemm' (Gemm) + '/1/Softplus' (Softplus) + '/1/Tanh' (Tanh) + '/1/Mul' (Mul)
    [Dense(10, Activation.Mish)]
    // 2: '/2/Gemm' (Gemm)
    [Dense(4)]
    public partial class ActMish { }
}

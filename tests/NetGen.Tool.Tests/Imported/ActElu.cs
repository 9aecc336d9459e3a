// Imported by `netgen import` from act_elu.onnx (pytorch 1.13.0, opset 16).
// Graph input 'input' [N, 6] → output 'output'.
// The weights are baked in from ActElu.safetensors: the project needs <NetGenWeights Include="ActElu.safetensors" /> (docs/embedding.md).
using NetGen;

namespace NetGen.Tool.Tests.Imported
{
    /// <summary>The network imported from act_elu.onnx by <c>netgen import</c>.</summary>
    [Network(Loss.MeanSquaredError, Weights = "ActElu.safetensors", Trainable = false)]
    // input 'input' [N, 6]
    [Input(6)]
    // 0: '/0/Gemm' (Gemm) + '/1/Elu' (Elu)
    [Dense(10, Activation.Elu)]
    // 2: '/2/Gemm' (Gemm)
    [Dense(4)]
    public partial class ActElu { }
}

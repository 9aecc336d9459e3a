// Imported by `netgen import` from act_hardsigmoid.onnx (pytorch 1.13.0, opset 14).
// Graph input 'input' [N, 6] → output 'output'.
// The weights are baked in from ActHardsigmoid.safetensors: the project needs <NetGenWeights Include="ActHardsigmoid.safetensors" /> (docs/embedding.md).
using NetGen;

namespace NetGen.Tool.Tests.Imported
{
    /// <summary>The network imported from act_hardsigmoid.onnx by <c>netgen import</c>.</summary>
    [Network(Loss.MeanSquaredError, Weights = "ActHardsigmoid.safetensors", Trainable = false)]
    // input 'input' [N, 6]
    [Input(6)]
    // 0: '/0/Gemm' (Gemm) + '/1/HardSigmoid' (HardSigmoid)
    [Dense(10, Activation.HardSigmoid)]
    // 2: '/2/Gemm' (Gemm)
    [Dense(4)]
    public partial class ActHardsigmoid { }
}

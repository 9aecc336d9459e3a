// Imported by `netgen import` from act_hardswish.onnx (pytorch 1.13.0, opset 15).
// Graph input 'input' [N, 6] → output 'output'.
// The weights are baked in from ActHardswish.safetensors: the project needs <NetGenWeights Include="ActHardswish.safetensors" /> (docs/embedding.md).
using NetGen;

namespace NetGen.Tool.Tests.Imported
{
    /// <summary>The network imported from act_hardswish.onnx by <c>netgen import</c>.</summary>
    [Network(Loss.MeanSquaredError, Weights = "ActHardswish.safetensors", Trainable = false)]
    // input 'input' [N, 6]
    [Input(6)]
    // 0: '/0/Gemm' (Gemm) + '/1/HardSwish' (HardSwish)
    [Dense(10, Activation.HardSwish)]
    // 2: '/2/Gemm' (Gemm)
    [Dense(4)]
    public partial class ActHardswish { }
}

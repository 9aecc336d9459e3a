// Imported by `netgen import` from multi_output.onnx (pytorch 1.13.0, opset 15).
// Graph input 'input' [N, 6] → output 'continuous_actions'.
// The weights are baked in from MultiOutput.safetensors: the project needs <NetGenWeights Include="MultiOutput.safetensors" /> (docs/embedding.md).
// Ignored: output 'version_number': a constant, not computed from the input (e.g. ML-Agents' version_number, memory_size, *_output_shape)
// Ignored: output 'memory_size': a constant, not computed from the input (e.g. ML-Agents' version_number, memory_size, *_output_shape)
// Ignored: output 'continuous_action_output_shape': a constant, not computed from the input (e.g. ML-Agents' version_number, memory_size, *_output_shape)
using NetGen;

namespace NetGen.Tool.Tests.Imported
{
    /// <summary>The network imported from multi_output.onnx by <c>netgen import</c>.</summary>
    [Network(Loss.MeanSquaredError, Weights = "MultiOutput.safetensors", Trainable = false)]
    // input 'input' [N, 6]
    [Input(6)]
    // 0: '/body/body.0/Gemm' (Gemm) + '/body/body.1/Sigmoid' (Sigmoid) + '/body/body.1/Mul' (Mul)
    [Dense(10, Activation.Silu)]
    // 2: '/body/body.2/Gemm' (Gemm) + '/body/body.3/Sigmoid' (Sigmoid) + '/body/body.3/Mul' (Mul)
    [Dense(10, Activation.Silu)]
    // 4: '/mu/Gemm' (Gemm)
    [Dense(2)]
    public partial class MultiOutput { }
}

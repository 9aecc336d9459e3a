// Imported by `netgen import` from mlagents_policy.onnx (pytorch 1.13.0, opset 15).
// Graph input 'input' [N, 8] → output 'deterministic_continuous_actions'.
// The weights are baked in from MlagentsPolicy.safetensors: the project needs <NetGenWeights Include="MlagentsPolicy.safetensors" /> (docs/embedding.md).
// Ignored: output 'version_number': a constant, not computed from the input (e.g. ML-Agents' version_number, memory_size, *_output_shape)
// Ignored: output 'memory_size': a constant, not computed from the input (e.g. ML-Agents' version_number, memory_size, *_output_shape)
// Ignored: output 'continuous_action_output_shape': a constant, not computed from the input (e.g. ML-Agents' version_number, memory_size, *_output_shape)
// Ignored: output 'discrete_action_output_shape': a constant, not computed from the input (e.g. ML-Agents' version_number, memory_size, *_output_shape)
// Ignored: output 'continuous_actions': does not map (The value '/mu/Gemm_output_0' is read by 2 nodes ('/RandomNormalLike' (RandomNormalLike), '/Add' (Add)): the graph branches (a skip connection, a concatenation or parallel heads). They meet again at '/Add' (Add). NetGen networks are one chain of layers; import one head with --output NAME, or write the network with NetGen's layers.)
// Ignored: output 'discrete_actions': does not map (The output 'discrete_actions' depends on 2 graph inputs ('input' [N, 8], 'action_masks' [3, 3]); a NetGen network has one input. Inputs such as ML-Agents' action masks or a recurrent state input are not part of the network: import an output that depends on the observation only (--output NAME may name any tensor of the graph, e.g. the logits before the masking).)
// Ignored: input 'action_masks': not used by 'deterministic_continuous_actions'
using NetGen;

namespace NetGen.Tool.Tests.Imported
{
    /// <summary>The network imported from mlagents_policy.onnx by <c>netgen import</c>.</summary>
    [Network(Loss.MeanSquaredError, Weights = "MlagentsPolicy.safetensors", Trainable = false)]
    // input 'input' [N, 8]
    [Input(8)]
    // 0: '/Sub' (Sub) + '/Div' (Div) + '/Clip' (Clip)
    //    carrier layer inserted by the importer: a diagonal Dense layer (weights diag(a), bias b) computing exactly the element-wise affine map of '/Sub' (Sub), '/Div' (Div), '/Clip' (Clip)
    [Dense(8, Activation.HardSigmoid)]
    // 2: '/body/body.0/Gemm' (Gemm) + '/body/body.1/Sigmoid' (Sigmoid) + '/body/body.1/Mul' (Mul)
    //    folded in: the element-wise affine map of '/Clip' (Clip)
    [Dense(16, Activation.Silu)]
    // 4: '/body/body.2/Gemm' (Gemm) + '/body/body.3/Sigmoid' (Sigmoid) + '/body/body.3/Mul' (Mul)
    [Dense(16, Activation.Silu)]
    // 6: '/mu/Gemm' (Gemm) + '/Clip_2' (Clip)
    [Dense(2, Activation.HardSigmoid)]
    // 8: '/Clip_2' (Clip) + '/Div_2' (Div)
    //    carrier layer inserted by the importer: a diagonal Dense layer (weights diag(a), bias b) computing exactly the element-wise affine map of '/Clip_2' (Clip), '/Div_2' (Div)
    [Dense(2)]
    public partial class MlagentsPolicy { }
}

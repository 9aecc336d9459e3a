// Imported by `netgen import` from gru.onnx (pytorch 1.13.0, opset 14).
// Graph input 'input' [N, T, 4] → output 'output'.
// The weights are baked in from Gru.safetensors: the project needs <NetGenWeights Include="Gru.safetensors" /> (docs/embedding.md).
// A sequence network: the graph's output at every step is PredictSequence's (Predict streams one step at a time).
using NetGen;

namespace NetGen.Tool.Tests.Imported
{
    /// <summary>The network imported from gru.onnx by <c>netgen import</c>.</summary>
    [Network(Loss.MeanSquaredError, Weights = "Gru.safetensors", Trainable = false)]
    // input 'input' [N, T, 4]
    [Input(4)]
    // 0: '/rnn/GRU' (GRU)
    //    gates reordered from ONNX's z, r, h to PyTorch's r, z, n
    [Gru(8)]
    // 1: '/fc/MatMul' (MatMul) + '/fc/Add' (Add)
    //    MatMul weight [in, out] transposed to Linear's [out, in]; the bias comes from the Add after it (zero without one)
    //    folded in: the element-wise affine map of '/fc/Add' (Add)
    [Dense(3)]
    public partial class Gru { }
}

// Imported by `netgen import` from gru_dense_first.onnx (pytorch 1.13.0, opset 17).
// Graph input 'input' [N, T, 4] → output 'output'.
// The weights are baked in from GruDenseFirst.safetensors: the project needs <NetGenWeights Include="GruDenseFirst.safetensors" /> (docs/embedding.md).
// A sequence network: the graph's output at every step is PredictSequence's (Predict streams one step at a time).
using NetGen;

namespace NetGen.Tool.Tests.Imported
{
    /// <summary>The network imported from gru_dense_first.onnx by <c>netgen import</c>.</summary>
    [Network(Loss.MeanSquaredError, Weights = "GruDenseFirst.safetensors", Trainable = false)]
    // input 'input' [N, T, 4]
    [Input(4)]
    // 0: '/pre/MatMul' (MatMul) + '/pre/Add' (Add) + '/Tanh' (Tanh)
    //    MatMul weight [in, out] transposed to Linear's [out, in]; the bias comes from the Add after it (zero without one)
    //    folded in: the element-wise affine map of '/pre/Add' (Add)
    [Dense(6, Activation.Tanh)]
    // 2: '/rnn/GRU' (GRU)
    //    gates reordered from ONNX's z, r, h to PyTorch's r, z, n
    [Gru(8)]
    // 3: '/fc/MatMul' (MatMul) + '/fc/Add' (Add)
    //    MatMul weight [in, out] transposed to Linear's [out, in]; the bias comes from the Add after it (zero without one)
    //    folded in: the element-wise affine map of '/fc/Add' (Add)
    [Dense(2)]
    public partial class GruDenseFirst { }
}

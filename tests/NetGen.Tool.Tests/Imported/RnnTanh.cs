// Imported by `netgen import` from rnn_tanh.onnx (pytorch 1.13.0, opset 13).
// Graph input 'input' [N, T, 4] → output 'output'.
// The weights are baked in from RnnTanh.safetensors: the project needs <NetGenWeights Include="RnnTanh.safetensors" /> (docs/embedding.md).
// A sequence network: the graph's output at every step is PredictSequence's (Predict streams one step at a time).
using NetGen;

namespace NetGen.Tool.Tests.Imported
{
    /// <summary>The network imported from rnn_tanh.onnx by <c>netgen import</c>.</summary>
    [Network(Loss.MeanSquaredError, Weights = "RnnTanh.safetensors", Trainable = false)]
    // input 'input' [N, T, 4]
    [Input(4)]
    // 0: '/rnn/RNN' (RNN)
    [Rnn(8)]
    // 1: '/fc/MatMul' (MatMul) + '/fc/Add' (Add)
    //    MatMul weight [in, out] transposed to Linear's [out, in]; the bias comes from the Add after it (zero without one)
    //    folded in: the element-wise affine map of '/fc/Add' (Add)
    [Dense(3)]
    public partial class RnnTanh { }
}

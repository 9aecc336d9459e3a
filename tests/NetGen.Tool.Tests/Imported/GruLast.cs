// Imported by `netgen import` from gru_last.onnx (pytorch 1.13.0, opset 17).
// Graph input 'input' [N, T, 4] → output 'output'.
// The weights are baked in from GruLast.safetensors: the project needs <NetGenWeights Include="GruLast.safetensors" /> (docs/embedding.md).
// A sequence network: the graph's output is the last step's output, i.e. the last row of PredictSequence (or Predict after the last step).
using NetGen;

namespace NetGen.Tool.Tests.Imported
{
    /// <summary>The network imported from gru_last.onnx by <c>netgen import</c>.</summary>
    [Network(Loss.MeanSquaredError, Weights = "GruLast.safetensors", Trainable = false)]
    // input 'input' [N, T, 4]
    [Input(4)]
    // 0: '/rnn/GRU' (GRU)
    //    gates reordered from ONNX's z, r, h to PyTorch's r, z, n
    [Gru(8)]
    // 1: '/fc/Gemm' (Gemm)
    [Dense(3)]
    public partial class GruLast { }
}

// Imported by `netgen import` from lstm_fixed_steps.onnx (pytorch 1.13.0, opset 17).
// Graph input 'input' [N, 5, 4] → output 'output'.
// The weights are baked in from LstmFixedSteps.safetensors: the project needs <NetGenWeights Include="LstmFixedSteps.safetensors" /> (docs/embedding.md).
// A sequence network: the graph's output at every step is PredictSequence's (Predict streams one step at a time).
using NetGen;

namespace NetGen.Tool.Tests.Imported
{
    /// <summary>The network imported from lstm_fixed_steps.onnx by <c>netgen import</c>.</summary>
    [Network(Loss.MeanSquaredError, Weights = "LstmFixedSteps.safetensors", Trainable = false, SequenceLength = 5)]
    // input 'input' [N, 5, 4]
    [Input(4)]
    // 0: '/rnn/LSTM' (LSTM)
    //    gates reordered from ONNX's i, o, f, c to PyTorch's i, f, g, o
    [Lstm(6)]
    // 1: '/fc/MatMul' (MatMul) + '/fc/Add' (Add)
    //    MatMul weight [in, out] transposed to Linear's [out, in]; the bias comes from the Add after it (zero without one)
    //    folded in: the element-wise affine map of '/fc/Add' (Add)
    [Dense(2)]
    public partial class LstmFixedSteps { }
}

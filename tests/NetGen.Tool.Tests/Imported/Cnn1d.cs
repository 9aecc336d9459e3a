// Imported by `netgen import` from cnn1d.onnx (pytorch 1.13.0, opset 16).
// Graph input 'input' [N, 2, 20] → output 'output'.
// The weights are baked in from Cnn1d.safetensors: the project needs <NetGenWeights Include="Cnn1d.safetensors" /> (docs/embedding.md).
using NetGen;

namespace NetGen.Tool.Tests.Imported
{
    /// <summary>The network imported from cnn1d.onnx by <c>netgen import</c>.</summary>
    [Network(Loss.MeanSquaredError, Weights = "Cnn1d.safetensors", Trainable = false)]
    // input 'input' [N, 2, 20]
    [Input(2, 20)]
    // 0: '/c1/Conv' (Conv) + '/Relu' (Relu)
    [Conv1D(4, 3, stride: 2, padding: 1, activation: Activation.Relu)]
    // 2: '/p1/MaxPool' (MaxPool)
    [MaxPool1D(2)]
    // 3: '/c2/Conv' (Conv) + '/Tanh' (Tanh)
    [Conv1D(4, 3, dilation: 2, activation: Activation.Tanh)]
    // 5: '/gap/GlobalAveragePool' (GlobalAveragePool)
    [GlobalAvgPool]
    // 6: '/flatten/Flatten' (Flatten)
    [Flatten]
    // 7: '/fc/Gemm' (Gemm)
    [Dense(3)]
    public partial class Cnn1d { }
}

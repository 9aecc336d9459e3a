// Imported by `netgen import` from batchnorm1d.onnx (pytorch 1.13.0, opset 17).
// Graph input 'input' [N, 7] → output 'output'.
// The weights are baked in from Batchnorm1d.safetensors: the project needs <NetGenWeights Include="Batchnorm1d.safetensors" /> (docs/embedding.md).
using NetGen;

namespace NetGen.Tool.Tests.Imported
{
    /// <summary>The network imported from batchnorm1d.onnx by <c>netgen import</c>.</summary>
    [Network(Loss.MeanSquaredError, Weights = "Batchnorm1d.safetensors", Trainable = false)]
    // input 'input' [N, 7]
    [Input(7)]
    // 0: '/l1/Gemm' (Gemm)
    [Dense(12)]
    // 1: '/bn/BatchNormalization' (BatchNormalization) + '/Relu' (Relu)
    [BatchNorm(Activation.Relu)]
    // 3: '/l2/Gemm' (Gemm)
    [Dense(4)]
    public partial class Batchnorm1d { }
}

// Imported by `netgen import` from matmul_add.onnx (pytorch 1.13.0, opset 17).
// Graph input 'input' [N, 6] → output 'output'.
// The weights are baked in from MatmulAdd.safetensors: the project needs <NetGenWeights Include="MatmulAdd.safetensors" /> (docs/embedding.md).
using NetGen;

namespace NetGen.Tool.Tests.Imported
{
    /// <summary>The network imported from matmul_add.onnx by <c>netgen import</c>.</summary>
    [Network(Loss.MeanSquaredError, Weights = "MatmulAdd.safetensors", Trainable = false)]
    // input 'input' [N, 6]
    [Input(6)]
    // 0: '/MatMul' (MatMul) + '/Add' (Add) + '/Relu' (Relu)
    //    MatMul weight [in, out] transposed to Linear's [out, in]; the bias comes from the Add after it (zero without one)
    //    folded in: the element-wise affine map of '/Add' (Add)
    [Dense(10, Activation.Relu)]
    // 2: '/MatMul_1' (MatMul)
    //    MatMul weight [in, out] transposed to Linear's [out, in]; the bias comes from the Add after it (zero without one)
    [Dense(4)]
    public partial class MatmulAdd { }
}

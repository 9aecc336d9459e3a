using NetGen.Generator.Model.Layers;

namespace NetGen.Generator.Model;

/// <summary>
/// Everything the emitters need to know about one <c>[Network]</c> class, as plain equatable values:
/// no symbols, no syntax, no locations, so an edit elsewhere in the project leaves it equal and the
/// generation step cached. <see cref="VectorWidths"/> lists the SIMD widths (128, 256, 512) the consumer's
/// compilation can use (it references NetGen's net8.0 runtime with its vector math); empty means scalar code only.
/// <see cref="GpuKernels"/> is true when the compilation references ILGPU and NetGen.Ilgpu (then the ILGPU device
/// functions, the <c>NetGenGpuKernels</c> struct and a nested <c>GpuTrainer</c> are emitted); <see cref="GpuAlgorithms"/> when it also references ILGPU.Algorithms (its <c>XMath</c>).
/// <see cref="Weights"/> is the <c>[Network(Weights = "…")]</c> file name; <see cref="BakedWeights"/> the parameters
/// read from it (empty until the weight files are matched, and when the network bakes nothing). <see cref="MultiplyAddEstimate"/>:
/// the compilation has <c>Vector128/256/512.MultiplyAddEstimate</c> (.NET 9+), which the SIMD code then uses.
/// <see cref="Layers"/> are the layers in source order, each a <see cref="LayerModel"/> record of its kind.
/// <see cref="Trainable"/> is false for <c>[Network(…, Trainable = false)]</c>: inference-only code (no gradient, optimizer,
/// loss or dropout members). <see cref="SequenceLength"/> and <see cref="SequenceLoss"/> are the sequence settings
/// (<c>[Network(SequenceLength = T, SequenceLoss = …)]</c>; 0 = no training window). <see cref="WeightDecay"/> is the
/// optimizer's λ with its default applied (0.01 for AdamW, else 0); <see cref="ClipGradientNorm"/> the global-norm clip (0 = off).
/// <see cref="Deterministic"/>: <c>[Network(Deterministic = true)]</c>, bit-identical results everywhere: <see cref="VectorWidths"/>
/// is then empty (the scalar kernels only) and the scalar code calls <c>DeterministicMath</c>/<c>DeterministicScalarMath</c>
/// instead of <c>MathF</c>/<c>ScalarMath</c> (docs/determinism.md).
/// </summary>
internal sealed record NetworkSpec(
    string? Namespace,
    string ClassName,
    string Accessibility,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    int InputSize,
    EquatableArray<LayerModel> Layers,
    LossKind Loss,
    OptimizerKind Optimizer,
    float LearningRate,
    float Momentum,
    float Beta1,
    float Beta2,
    float Epsilon,
    int Seed,
    int UnrollLimit,
    EquatableArray<int> VectorWidths,
    bool GpuKernels = false,
    bool GpuAlgorithms = false,
    string? Weights = null,
    EquatableArray<float> BakedWeights = default,
    bool MultiplyAddEstimate = false,
    bool FileScopedNamespace = false,
    bool Trainable = true,
    int SequenceLength = 0,
    SequenceLossKind SequenceLoss = SequenceLossKind.EveryStep,
    Shapes.TensorShape? InputShape = null,
    float WeightDecay = 0f,
    float ClipGradientNorm = 0f,
    bool Deterministic = false)
{
    /// <summary>True for the optimizers that keep Adam's two moments (Adam and AdamW).</summary>
    public bool UsesAdamMoments => Optimizer is OptimizerKind.Adam or OptimizerKind.AdamW;

    /// <summary>
    /// The reason NetGen.Ilgpu's device optimizer step (plain SGD, SGD with momentum, Adam) cannot train this network, or null:
    /// AdamW, weight decay and gradient clipping run on the CPU only (NG0068).
    /// </summary>
    public string? GpuOptimizerGap =>
        Optimizer == OptimizerKind.AdamW ? "Optimizer.AdamW"
        : WeightDecay != 0f ? "WeightDecay"
        : ClipGradientNorm != 0f ? "ClipGradientNorm"
        : null;

    /// <summary>
    /// True for a layered network: a shaped input or a convolution, pooling, flatten or normalisation layer. Its layers are
    /// printed as loops over batches (<c>Emit/Layered/</c>) instead of being lowered into the scalar graph.
    /// </summary>
    public bool IsLayered
    {
        get
        {
            if (InputShape is { IsShaped: true }) return true;
            foreach (var layer in Layers) if (layer is ShapedLayer) return true;
            return false;
        }
    }

    /// <summary>Running statistics of every BatchNorm layer (<see cref="ShapedLayer.StatisticsSize"/>).</summary>
    public int StatisticsSize
    {
        get
        {
            int total = 0;
            foreach (var layer in Layers) if (layer is ShapedLayer shaped) total += shaped.StatisticsSize;
            return total;
        }
    }

    /// <summary>True when a layer is a sequence layer (<see cref="LayerModel.IsSequenceLayer"/>): the network steps through time.</summary>
    public bool IsSequence
    {
        get
        {
            foreach (var layer in Layers) if (layer.IsSequenceLayer) return true;
            return false;
        }
    }

    /// <summary>Values of the recurrent state one sequence carries from step to step (every layer's <see cref="LayerModel.StateSize"/>).</summary>
    public int StateSize
    {
        get
        {
            int total = 0;
            foreach (var layer in Layers) total += layer.StateSize;
            return total;
        }
    }

    /// <summary>Outputs of the last layer.</summary>
    public int OutputSize => Layers[Layers.Count - 1].OutputSize;

    /// <summary>Total parameter count, computed in <see cref="long"/> so that absurd layouts cannot overflow.</summary>
    public long ParameterCountLong
    {
        get
        {
            long total = 0;
            foreach (var layer in Layers) total += layer.ParameterCount;
            return total;
        }
    }
}

using System.Collections.Generic;
using NetGen.Generator.Model.Shapes;

namespace NetGen.Generator.Model.Layers;

/// <summary>
/// <c>[BatchNorm]</c>: PyTorch's <c>nn.BatchNorm1d</c> (features of a flat input, channels of <c>[C, L]</c>) or
/// <c>nn.BatchNorm2d</c> (channels of <c>[C, H, W]</c>), ε = 1e-5, momentum 0.1, then the activation. Per channel c, over the
/// batch's samples and the channel's positions (m values): training <c>x̂ = (x − μ_B)/√(σ²_B + ε)</c> (σ²_B biased) and the
/// running statistics <c>μ ← 0.9·μ + 0.1·μ_B</c>, <c>σ² ← 0.9·σ² + 0.1·σ²_B·m/(m − 1)</c>; inference
/// <c>x̂ = (x − μ)/√(σ² + ε)</c>; both <c>z = γ_c·x̂ + β_c</c>. Parameters: γ then β, one per channel. Statistics:
/// running_mean, running_var, num_batches_tracked.
/// </summary>
internal sealed record BatchNormLayer(int Number, TensorShape Input, ActivationKind NormActivation) : ShapedLayer(Number, Input)
{
    /// <summary>PyTorch's default ε.</summary>
    public const float Epsilon = 1e-5f;

    /// <summary>PyTorch's default momentum (the weight of the batch's statistics in the running ones).</summary>
    public const float Momentum = 0.1f;

    /// <summary>Channels normalised (features of a flat input).</summary>
    public int Channels => Input.Channels;

    /// <inheritdoc/>
    public override TensorShape Output => Input;

    /// <inheritdoc/>
    public override ActivationKind Activation => NormActivation;

    /// <inheritdoc/>
    public override long ParameterCount => 2L * Channels;

    /// <inheritdoc/>
    public override int StatisticsSize => 2 * Channels + 1;

    /// <inheritdoc/>
    public override long MultiplyAdds => 4L * Input.Size;

    /// <inheritdoc/>
    public override string KindName => "BatchNorm";

    /// <summary>The PyTorch module: BatchNorm2d on an image, BatchNorm1d otherwise.</summary>
    public string ModuleName => Input.Rank == 3 ? "nn.BatchNorm2d" : "nn.BatchNorm1d";

    /// <inheritdoc/>
    public override string AttributeText => "BatchNorm" + (Activation == ActivationKind.Identity ? "" : $"({Activation})");

    /// <inheritdoc/>
    public override string FingerprintText => $"batchnorm={Activation};";

    /// <inheritdoc/>
    public override IEnumerable<SequentialTensor> Tensors(int moduleIndex, int parameterOffset)
    {
        yield return new SequentialTensor($"{moduleIndex}.weight", parameterOffset, Shape(Channels), $"layer {Number} weight γ");
        yield return new SequentialTensor($"{moduleIndex}.bias", parameterOffset + Channels, Shape(Channels), $"layer {Number} bias β");
    }

    /// <summary>The running statistics' tensors, at <paramref name="statisticsOffset"/> in the statistics (after the parameters in a safetensors file).</summary>
    public IEnumerable<SequentialTensor> StatisticsTensors(int moduleIndex, int statisticsOffset)
    {
        yield return new SequentialTensor($"{moduleIndex}.running_mean", statisticsOffset, Shape(Channels), $"layer {Number} running mean");
        yield return new SequentialTensor($"{moduleIndex}.running_var", statisticsOffset + Channels, Shape(Channels), $"layer {Number} running variance");
        yield return new SequentialTensor($"{moduleIndex}.num_batches_tracked", statisticsOffset + 2 * Channels, Shape(), $"layer {Number} batches counted (I64)");
    }

    /// <summary>γ = 1 and β = 0, as PyTorch.</summary>
    public override UniformInitialisation? Initialisation(int parameterOffset)
        => new(parameterOffset, Channels, 0f, $"Layer {Number}: BatchNorm weights 1, biases 0 (PyTorch's initialisation)", Constant: 1f);

    /// <inheritdoc/>
    public override string Description(int parameterOffset) => Describe("BatchNorm", parameterOffset);
}

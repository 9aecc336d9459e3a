using System.Collections.Generic;
using NetGen.Generator.Model.Shapes;

namespace NetGen.Generator.Model.Layers;

/// <summary>
/// <c>[LayerNorm]</c>: PyTorch's <c>nn.LayerNorm(shape)</c> over all F values of one sample (ε = 1e-5), then the activation:
/// <c>x̂ = (x − μ)/√(σ² + ε)</c> (σ² biased), <c>z = γ ⊙ x̂ + β</c>. Parameters: γ then β, each shaped as the input.
/// </summary>
internal sealed record LayerNormLayer(int Number, TensorShape Input, ActivationKind NormActivation) : ShapedLayer(Number, Input)
{
    /// <summary>PyTorch's default ε.</summary>
    public const float Epsilon = 1e-5f;

    /// <inheritdoc/>
    public override TensorShape Output => Input;

    /// <inheritdoc/>
    public override ActivationKind Activation => NormActivation;

    /// <inheritdoc/>
    public override long ParameterCount => 2L * Input.Size;

    /// <inheritdoc/>
    public override long MultiplyAdds => 4L * Input.Size;

    /// <inheritdoc/>
    public override string KindName => "LayerNorm";

    /// <inheritdoc/>
    public override string AttributeText => "LayerNorm" + (Activation == ActivationKind.Identity ? "" : $"({Activation})");

    /// <inheritdoc/>
    public override string FingerprintText => $"layernorm={Activation};";

    /// <inheritdoc/>
    public override IEnumerable<SequentialTensor> Tensors(int moduleIndex, int parameterOffset)
    {
        yield return new SequentialTensor($"{moduleIndex}.weight", parameterOffset, new EquatableArray<int>(Input.Dimensions), $"layer {Number} weight γ");
        yield return new SequentialTensor($"{moduleIndex}.bias", parameterOffset + Input.Size, new EquatableArray<int>(Input.Dimensions), $"layer {Number} bias β");
    }

    /// <summary>γ = 1 and β = 0, as PyTorch.</summary>
    public override UniformInitialisation? Initialisation(int parameterOffset)
        => new(parameterOffset, Input.Size, 0f, $"Layer {Number}: LayerNorm weights 1, biases 0 (PyTorch's initialisation)", Constant: 1f);

    /// <inheritdoc/>
    public override string Description(int parameterOffset) => Describe("LayerNorm", parameterOffset);
}

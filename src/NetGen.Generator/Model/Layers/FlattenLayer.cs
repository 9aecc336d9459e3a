using NetGen.Generator.Model.Shapes;

namespace NetGen.Generator.Model.Layers;

/// <summary>
/// <c>[Flatten]</c>: PyTorch's <c>nn.Flatten()</c>. The values already lie row-major, so it computes nothing: the layer after
/// it reads the same buffer as a flat row. No parameters.
/// </summary>
internal sealed record FlattenLayer(int Number, TensorShape Input) : ShapedLayer(Number, Input)
{
    /// <inheritdoc/>
    public override TensorShape Output => TensorShape.Flat(Input.Size);

    /// <inheritdoc/>
    public override long ParameterCount => 0;

    /// <inheritdoc/>
    public override string KindName => "Flatten";

    /// <inheritdoc/>
    public override string AttributeText => "Flatten";

    /// <inheritdoc/>
    public override string FingerprintText => "flatten;";

    /// <inheritdoc/>
    public override string Description(int parameterOffset) => Describe("Flatten", parameterOffset);
}

using NetGen.Generator.Model.Shapes;

namespace NetGen.Generator.Model.Layers;

/// <summary>
/// <c>[GlobalAvgPool]</c>: the mean of each channel over its positions, PyTorch's <c>nn.AdaptiveAvgPool1d(1)</c> /
/// <c>nn.AdaptiveAvgPool2d(1)</c>; the output keeps the rank (<c>[C, 1]</c> or <c>[C, 1, 1]</c>). No parameters.
/// </summary>
internal sealed record GlobalAvgPoolLayer(int Number, TensorShape Input) : ShapedLayer(Number, Input)
{
    /// <inheritdoc/>
    public override TensorShape Output => new(Input.Rank, Input.Channels, 1, 1);

    /// <inheritdoc/>
    public override long ParameterCount => 0;

    /// <inheritdoc/>
    public override long MultiplyAdds => Input.Size;

    /// <inheritdoc/>
    public override string KindName => "GlobalAvgPool";

    /// <inheritdoc/>
    public override string AttributeText => "GlobalAvgPool";

    /// <inheritdoc/>
    public override string FingerprintText => "globalavgpool;";

    /// <inheritdoc/>
    public override string Description(int parameterOffset) => Describe("GlobalAvgPool", parameterOffset);
}

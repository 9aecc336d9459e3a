using System.Globalization;
using NetGen.Generator.Model.Shapes;

namespace NetGen.Generator.Model.Layers;

/// <summary>
/// <c>[MaxPool1D/2D]</c> and <c>[AvgPool1D/2D]</c>: PyTorch's <c>nn.MaxPool</c>/<c>nn.AvgPool</c> without padding, each output
/// the largest value (the gradient to the first largest, as PyTorch's) or the mean of a window of each channel. A 1-D pool is
/// the same definition with one row. No parameters.
/// </summary>
internal sealed record PoolLayer(int Number, TensorShape Input, bool Max, int Kernel, int Stride, bool TwoD) : ShapedLayer(Number, Input)
{
    /// <summary>Window rows (1 for a 1-D pool).</summary>
    public int KernelHeight => TwoD ? Kernel : 1;

    /// <summary>Rows between two windows (1 for a 1-D pool).</summary>
    public int StrideHeight => TwoD ? Stride : 1;

    /// <summary>Values in one window.</summary>
    public int WindowSize => KernelHeight * Kernel;

    /// <inheritdoc/>
    public override TensorShape Output => new(Input.Rank, Input.Channels,
        (int)ConvLayer.OutputSide(Input.Height, 0, 1, KernelHeight, StrideHeight),
        (int)ConvLayer.OutputSide(Input.Width, 0, 1, Kernel, Stride));

    /// <inheritdoc/>
    public override long ParameterCount => 0;

    /// <inheritdoc/>
    public override long MultiplyAdds => (long)Output.Size * WindowSize;

    /// <inheritdoc/>
    public override string KindName => (Max ? "MaxPool" : "AvgPool") + (TwoD ? "2D" : "1D");

    /// <inheritdoc/>
    public override string AttributeText => Stride == Kernel
        ? string.Format(CultureInfo.InvariantCulture, "{0}({1})", KindName, Kernel)
        : string.Format(CultureInfo.InvariantCulture, "{0}({1}, {2})", KindName, Kernel, Stride);

    /// <inheritdoc/>
    public override string FingerprintText => string.Format(CultureInfo.InvariantCulture, "{0}={1},{2};", KindName.ToLowerInvariant(), Kernel, Stride);

    /// <inheritdoc/>
    public override string Description(int parameterOffset) => Describe(Max ? "MaxPool" : "AvgPool", parameterOffset);
}

using System;

namespace NetGen;

/// <summary>
/// The mean of each channel over all its positions, PyTorch's <c>nn.AdaptiveAvgPool1d(1)</c> on a <c>[channels, length]</c>
/// input (output <c>[channels, 1]</c>) or <c>nn.AdaptiveAvgPool2d(1)</c> on <c>[channels, height, width]</c> (output
/// <c>[channels, 1, 1]</c>). As in PyTorch, a <see cref="FlattenAttribute"/> follows before a <see cref="DenseAttribute"/>.
/// </summary>
/// <remarks>No parameters; one <c>nn.Sequential</c> module.</remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalAvgPoolAttribute : Attribute
{
}

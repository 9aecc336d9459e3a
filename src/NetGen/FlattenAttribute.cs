using System;

namespace NetGen;

/// <summary>
/// Flattens a shaped value (<c>[channels, length]</c> or <c>[channels, height, width]</c>) into one row in row-major order,
/// PyTorch's <c>nn.Flatten()</c>. Required before a <see cref="DenseAttribute"/> that follows a shaped layer, as in PyTorch
/// code (a Dense layer straight after a shaped one is a compile-time diagnostic).
/// </summary>
/// <remarks>No parameters and no computation (the values already lie in that order); one <c>nn.Sequential</c> module.</remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class FlattenAttribute : Attribute
{
}

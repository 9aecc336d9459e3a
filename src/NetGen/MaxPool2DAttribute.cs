using System;

namespace NetGen;

/// <summary>
/// Max pooling over windows of kernelSize × kernelSize values of each channel, PyTorch's <c>nn.MaxPool2d(kernelSize, stride)</c> (no padding, floor rounding):
/// the largest value of each window (the gradient goes to the first largest, as PyTorch's). Its input is shaped <c>[channels, height, width]</c>; each output side is <c>⌊(side − kernelSize) / stride⌋ + 1</c>.
/// </summary>
/// <remarks>No parameters; one <c>nn.Sequential</c> module. A window larger than its input is a compile-time diagnostic.</remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MaxPool2DAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="MaxPool2DAttribute"/> class.</summary>
    /// <param name="kernelSize">The window's rows and columns; must be positive.</param>
    /// <param name="stride">Positions between two windows; 0 (the default) means <paramref name="kernelSize"/>, as PyTorch's default.</param>
    public MaxPool2DAttribute(int kernelSize, int stride = 0)
    {
        KernelSize = kernelSize;
        Stride = stride;
    }

    /// <summary>Gets the window's size.</summary>
    public int KernelSize { get; }

    /// <summary>Gets the positions between two windows as written (0 = the kernel size).</summary>
    public int Stride { get; }
}

using System;

namespace NetGen;

/// <summary>
/// Declares the input of a <see cref="NetworkAttribute"/> network: a flat row of <c>size</c> values, or a shaped one,
/// <c>[channels, length]</c> (PyTorch's NCL without the batch) or <c>[channels, height, width]</c> (NCHW), row-major. Write
/// it exactly once, before the layers. A shaped input feeds the convolution and pooling layers; its values are still passed
/// as one span of <c>channels·length</c> or <c>channels·height·width</c> floats per sample (<c>InputSize</c>).
/// </summary>
/// <remarks>
/// The attribute is declared with <c>AllowMultiple = true</c> on purpose: a duplicate <c>[Input]</c> is then reported
/// by NetGen's own diagnostic, which explains the problem, rather than by the compiler's generic CS0579.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class InputAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="InputAttribute"/> class.</summary>
    /// <param name="size">The number of inputs of one sample; must be positive.</param>
    public InputAttribute(int size)
    {
        Size = size;
    }

    /// <summary>Initializes a new instance of the <see cref="InputAttribute"/> class with a <c>[channels, length]</c> shape.</summary>
    /// <param name="channels">Channels; must be positive.</param>
    /// <param name="length">Positions of each channel; must be positive.</param>
    public InputAttribute(int channels, int length)
    {
        Channels = channels;
        Length = length;
        Size = channels * length;
    }

    /// <summary>Initializes a new instance of the <see cref="InputAttribute"/> class with a <c>[channels, height, width]</c> shape.</summary>
    /// <param name="channels">Channels; must be positive.</param>
    /// <param name="height">Rows of each channel; must be positive.</param>
    /// <param name="width">Columns of each channel; must be positive.</param>
    public InputAttribute(int channels, int height, int width)
    {
        Channels = channels;
        Height = height;
        Width = width;
        Size = channels * height * width;
    }

    /// <summary>Gets the channels of a shaped input (0 for a flat one).</summary>
    public int Channels { get; }

    /// <summary>Gets the length of a <c>[channels, length]</c> input (0 otherwise).</summary>
    public int Length { get; }

    /// <summary>Gets the height of a <c>[channels, height, width]</c> input (0 otherwise).</summary>
    public int Height { get; }

    /// <summary>Gets the width of a <c>[channels, height, width]</c> input (0 otherwise).</summary>
    public int Width { get; }

    /// <summary>Gets the number of inputs of one sample (the product of a shaped input's dimensions).</summary>
    public int Size { get; }
}

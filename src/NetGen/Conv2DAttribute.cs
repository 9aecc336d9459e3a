using System;

namespace NetGen;

/// <summary>
/// A two-dimensional convolution with a square kernel, PyTorch's <c>nn.Conv2d(inChannels, outChannels, kernelSize, stride,
/// padding)</c> with zero padding, then the activation:
/// <c>y[o, r, s] = b[o] + Σ_c Σ_i Σ_j w[o, c, i, j]·x[c, r·stride − padding + i, s·stride − padding + j]</c>.
/// Its input is shaped <c>[channels, height, width]</c> (an <c>[Input(channels, height, width)]</c> or the layer before);
/// each output side is <c>⌊(side + 2·padding − kernelSize) / stride⌋ + 1</c>.
/// </summary>
/// <remarks>
/// Parameters, in <c>Parameters</c> order and under PyTorch's names: <c>weight</c> <c>[outChannels, inChannels, kernelSize,
/// kernelSize]</c>, then <c>bias</c> <c>[outChannels]</c>; initialised as PyTorch does, U(±1/√(inChannels·kernelSize²)) for
/// both. The convolution is one <c>nn.Sequential</c> module and a non-Identity activation one more. A kernel that does not
/// fit its (padded) input is a compile-time diagnostic.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Conv2DAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="Conv2DAttribute"/> class.</summary>
    /// <param name="outChannels">Output channels; must be positive.</param>
    /// <param name="kernelSize">Rows and columns of the square kernel; must be positive.</param>
    /// <param name="stride">Rows and columns between two outputs; must be positive.</param>
    /// <param name="padding">Zero rows and columns added on each side of the input; must be ≥ 0.</param>
    /// <param name="activation">The activation applied to each output (not Softmax).</param>
    public Conv2DAttribute(int outChannels, int kernelSize, int stride = 1, int padding = 0, Activation activation = Activation.Identity)
    {
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Stride = stride;
        Padding = padding;
        Activation = activation;
    }

    /// <summary>Gets the number of output channels.</summary>
    public int OutChannels { get; }

    /// <summary>Gets the rows and columns of the kernel.</summary>
    public int KernelSize { get; }

    /// <summary>Gets the rows and columns between two outputs.</summary>
    public int Stride { get; }

    /// <summary>Gets the zero rows and columns added on each side.</summary>
    public int Padding { get; }

    /// <summary>Gets the activation applied to each output.</summary>
    public Activation Activation { get; }
}

using System;

namespace NetGen;

/// <summary>
/// A one-dimensional convolution, PyTorch's <c>nn.Conv1d(inChannels, outChannels, kernelSize, stride, padding, dilation)</c>
/// with zero padding, then the activation: <c>y[o, t] = b[o] + Σ_c Σ_j w[o, c, j]·x[c, t·stride − padding + j·dilation]</c>.
/// Its input is shaped <c>[channels, length]</c> (an <c>[Input(channels, length)]</c> or the layer before); its output is
/// <c>[outChannels, ⌊(length + 2·padding − dilation·(kernelSize − 1) − 1) / stride⌋ + 1]</c>.
/// </summary>
/// <remarks>
/// Parameters, in <c>Parameters</c> order and under PyTorch's names: <c>weight</c> <c>[outChannels, inChannels, kernelSize]</c>,
/// then <c>bias</c> <c>[outChannels]</c>; initialised as PyTorch does, U(±1/√(inChannels·kernelSize)) for both. The
/// convolution is one <c>nn.Sequential</c> module and a non-Identity activation one more. A kernel that does not fit its
/// (padded) input is a compile-time diagnostic.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Conv1DAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="Conv1DAttribute"/> class.</summary>
    /// <param name="outChannels">Output channels; must be positive.</param>
    /// <param name="kernelSize">Taps of the kernel; must be positive.</param>
    /// <param name="stride">Positions between two outputs; must be positive.</param>
    /// <param name="padding">Zeros added at both ends of the input; must be ≥ 0.</param>
    /// <param name="dilation">Positions between two taps; must be positive.</param>
    /// <param name="activation">The activation applied to each output (not Softmax).</param>
    public Conv1DAttribute(int outChannels, int kernelSize, int stride = 1, int padding = 0, int dilation = 1, Activation activation = Activation.Identity)
    {
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Stride = stride;
        Padding = padding;
        Dilation = dilation;
        Activation = activation;
    }

    /// <summary>Gets the number of output channels.</summary>
    public int OutChannels { get; }

    /// <summary>Gets the number of taps.</summary>
    public int KernelSize { get; }

    /// <summary>Gets the positions between two outputs.</summary>
    public int Stride { get; }

    /// <summary>Gets the zeros added at both ends.</summary>
    public int Padding { get; }

    /// <summary>Gets the positions between two taps.</summary>
    public int Dilation { get; }

    /// <summary>Gets the activation applied to each output.</summary>
    public Activation Activation { get; }
}

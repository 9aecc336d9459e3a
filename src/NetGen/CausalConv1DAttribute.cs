using System;

namespace NetGen;

/// <summary>
/// Declares a causal one-dimensional convolution over time: PyTorch's <c>nn.Conv1d(inputs, outChannels, kernelSize,
/// dilation=dilation)</c> applied to the sequence with <c>(kernelSize − 1)·dilation</c> zeros of left padding, so output
/// step t sees inputs at steps ≤ t: <c>y_t[o] = b[o] + Σ_c Σ_j w[o, c, j]·x_{t − (kernelSize − 1 − j)·dilation}[c]</c>,
/// then the activation. The channels are the features of one step (the previous layer's outputs).
/// </summary>
/// <remarks>
/// A network with this layer is a sequence network (see <see cref="NetworkAttribute.SequenceLength"/>). Its parameters, in
/// <c>Parameters</c> order and under PyTorch's names: <c>weight</c> <c>[outChannels, inputs, kernelSize]</c>, <c>bias</c>
/// <c>[outChannels]</c>. Its state is the last <c>(kernelSize − 1)·dilation</c> steps of its input, oldest first.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class CausalConv1DAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="CausalConv1DAttribute"/> class.</summary>
    /// <param name="outChannels">Output channels (features per step); must be positive.</param>
    /// <param name="kernelSize">Taps of the kernel; must be positive.</param>
    /// <param name="dilation">Steps between taps; must be positive.</param>
    /// <param name="activation">The activation applied to each output (not Softmax).</param>
    public CausalConv1DAttribute(int outChannels, int kernelSize, int dilation = 1, Activation activation = Activation.Identity)
    {
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Dilation = dilation;
        Activation = activation;
    }

    /// <summary>Gets the number of output channels.</summary>
    public int OutChannels { get; }

    /// <summary>Gets the number of taps.</summary>
    public int KernelSize { get; }

    /// <summary>Gets the number of steps between taps.</summary>
    public int Dilation { get; }

    /// <summary>Gets the activation applied to each output.</summary>
    public Activation Activation { get; }
}

using System;

namespace NetGen;

/// <summary>
/// Declares an Elman recurrent layer, PyTorch's <c>nn.RNN(input, hiddenSize, nonlinearity, batch_first=True)</c> (one
/// layer, both bias vectors): per time step <c>h′ = activation(W_ih·x + b_ih + W_hh·h + b_hh)</c>; the output is <c>h′</c>.
/// </summary>
/// <remarks>
/// A network with this layer is a sequence network (see <see cref="NetworkAttribute.SequenceLength"/>). Its parameters, in
/// <c>Parameters</c> order and under PyTorch's names: <c>weight_ih_l0</c> <c>[hiddenSize, inputs]</c>, <c>weight_hh_l0</c>
/// <c>[hiddenSize, hiddenSize]</c>, <c>bias_ih_l0</c> and <c>bias_hh_l0</c> <c>[hiddenSize]</c>. Its state is <c>h</c>.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RnnAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="RnnAttribute"/> class.</summary>
    /// <param name="hiddenSize">The size of the hidden state (and of the layer's output); must be positive.</param>
    /// <param name="activation">The nonlinearity: <see cref="Activation.Tanh"/> (PyTorch's default) or <see cref="Activation.Relu"/>.</param>
    public RnnAttribute(int hiddenSize, Activation activation = Activation.Tanh)
    {
        HiddenSize = hiddenSize;
        Activation = activation;
    }

    /// <summary>Gets the size of the hidden state.</summary>
    public int HiddenSize { get; }

    /// <summary>Gets the nonlinearity (Tanh or Relu).</summary>
    public Activation Activation { get; }
}

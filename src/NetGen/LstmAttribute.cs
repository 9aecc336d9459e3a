using System;

namespace NetGen;

/// <summary>
/// Declares a long short-term memory layer, PyTorch's <c>nn.LSTM(input, hiddenSize, batch_first=True)</c> (one layer, both
/// bias vectors): per time step, with gates in PyTorch's order i, f, g, o,
/// <c>i = σ(W_ii·x + b_ii + W_hi·h + b_hi)</c>, <c>f = σ(…)</c>, <c>g = tanh(…)</c>, <c>o = σ(…)</c>,
/// <c>c′ = f ⊙ c + i ⊙ g</c>, <c>h′ = o ⊙ tanh(c′)</c>; the layer's output is <c>h′</c>.
/// </summary>
/// <remarks>
/// A network with this layer is a sequence network (see <see cref="NetworkAttribute.SequenceLength"/>). Its parameters, in
/// <c>Parameters</c> order and under PyTorch's names: <c>weight_ih_l0</c> <c>[4·hiddenSize, inputs]</c>, <c>weight_hh_l0</c>
/// <c>[4·hiddenSize, hiddenSize]</c>, <c>bias_ih_l0</c> and <c>bias_hh_l0</c> <c>[4·hiddenSize]</c>. Its state is <c>h</c>, then <c>c</c>.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LstmAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="LstmAttribute"/> class.</summary>
    /// <param name="hiddenSize">The size of the hidden and cell states (and of the layer's output); must be positive.</param>
    public LstmAttribute(int hiddenSize) => HiddenSize = hiddenSize;

    /// <summary>Gets the size of the hidden and cell states.</summary>
    public int HiddenSize { get; }
}

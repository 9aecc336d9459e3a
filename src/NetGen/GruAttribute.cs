using System;

namespace NetGen;

/// <summary>
/// Declares a gated recurrent unit layer, PyTorch's <c>nn.GRU(input, hiddenSize, batch_first=True)</c> (one layer, both
/// bias vectors): per time step, with gates in PyTorch's order r, z, n,
/// <c>r = σ(W_ir·x + b_ir + W_hr·h + b_hr)</c>, <c>z = σ(W_iz·x + b_iz + W_hz·h + b_hz)</c>,
/// <c>n = tanh(W_in·x + b_in + r ⊙ (W_hn·h + b_hn))</c>, <c>h′ = (1 − z) ⊙ n + z ⊙ h</c>; the layer's output is <c>h′</c>.
/// </summary>
/// <remarks>
/// A network with this layer is a sequence network (see <see cref="NetworkAttribute.SequenceLength"/>). Its parameters, in
/// <c>Parameters</c> order and under PyTorch's names: <c>weight_ih_l0</c> <c>[3·hiddenSize, inputs]</c>, <c>weight_hh_l0</c>
/// <c>[3·hiddenSize, hiddenSize]</c>, <c>bias_ih_l0</c> and <c>bias_hh_l0</c> <c>[3·hiddenSize]</c>. Its state is <c>h</c>.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GruAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="GruAttribute"/> class.</summary>
    /// <param name="hiddenSize">The size of the hidden state (and of the layer's output); must be positive.</param>
    public GruAttribute(int hiddenSize) => HiddenSize = hiddenSize;

    /// <summary>Gets the size of the hidden state.</summary>
    public int HiddenSize { get; }
}

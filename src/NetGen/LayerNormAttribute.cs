using System;

namespace NetGen;

/// <summary>
/// Layer normalisation over all the features of one sample, PyTorch's <c>nn.LayerNorm(shape)</c> with the previous layer's
/// whole output shape, ε = 1e-5 and an elementwise affine map, then the activation:
/// <c>y = f((x − mean(x)) / √(var(x) + ε) · weight + bias)</c>, the variance biased (divided by the feature count).
/// </summary>
/// <remarks>
/// Parameters, in <c>Parameters</c> order and under PyTorch's names: <c>weight</c> then <c>bias</c>, each shaped as the
/// input (<c>[features]</c>, <c>[channels, length]</c> or <c>[channels, height, width]</c>), initialised to 1 and 0. The
/// normalisation is one <c>nn.Sequential</c> module and a non-Identity activation one more. It acts on each sample alone,
/// the same in training and at inference.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LayerNormAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="LayerNormAttribute"/> class.</summary>
    /// <param name="activation">The activation applied after the normalisation (not Softmax).</param>
    public LayerNormAttribute(Activation activation = Activation.Identity)
    {
        Activation = activation;
    }

    /// <summary>Gets the activation applied after the normalisation.</summary>
    public Activation Activation { get; }
}

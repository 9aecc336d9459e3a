using System;

namespace NetGen;

/// <summary>
/// Declares a fully connected layer of a <see cref="NetworkAttribute"/> network:
/// <c>a = activation(W·x + b)</c>, with weights <c>W</c> of shape <c>[units, inputs]</c> and biases <c>b</c> of
/// shape <c>[units]</c> (PyTorch's <c>nn.Linear</c>). Layers are read in source order; the last one is the output.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="DenseAttribute"/> class.</summary>
    /// <param name="units">The number of units (outputs) of the layer; must be positive.</param>
    /// <param name="activation">The activation applied to the layer's pre-activation values.</param>
    public DenseAttribute(int units, Activation activation = Activation.Identity)
    {
        Units = units;
        Activation = activation;
    }

    /// <summary>Gets the number of units (outputs) of the layer.</summary>
    public int Units { get; }

    /// <summary>Gets the activation applied to the layer's pre-activation values.</summary>
    public Activation Activation { get; }
}

namespace NetGen;

/// <summary>
/// The activation function a <see cref="DenseAttribute"/> layer applies to its pre-activation values
/// <c>z = W·x + b</c>.
/// </summary>
/// <remarks>
/// The numeric values are part of the public contract: the source generator reads the attribute
/// argument as an integer at compile time.
/// </remarks>
public enum Activation
{
    /// <summary>No activation: the layer outputs <c>z</c> unchanged (a plain linear layer).</summary>
    Identity = 0,

    /// <summary>The logistic sigmoid <c>σ(z) = 1 / (1 + e^(−z))</c>, with values in (0, 1).</summary>
    Sigmoid = 1,

    /// <summary>The hyperbolic tangent <c>tanh(z)</c>, with values in (−1, 1).</summary>
    Tanh = 2,

    /// <summary>
    /// The rectified linear unit <c>max(0, z)</c>. Like PyTorch, its derivative at <c>z = 0</c> is taken as 0.
    /// </summary>
    Relu = 3,

    /// <summary>
    /// The leaky rectified linear unit: <c>z</c> for <c>z &gt; 0</c>, otherwise <c>0.01·z</c> (negative slope 0.01,
    /// PyTorch's default). Its derivative at <c>z = 0</c> is taken as 0.01, as in PyTorch.
    /// </summary>
    LeakyRelu = 4,

    /// <summary>
    /// The softmax over the layer's units, <c>softmax(z)ᵢ = e^(zᵢ) / Σⱼ e^(zⱼ)</c>. Allowed only on the last layer;
    /// with <see cref="Loss.CrossEntropy"/> the loss is computed from the pre-softmax values.
    /// </summary>
    Softmax = 5,
}

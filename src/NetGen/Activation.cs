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

    /// <summary>
    /// SiLU, also called Swish: <c>x·σ(x)</c> (PyTorch <c>nn.SiLU</c>). Its derivative is <c>σ(x)·(1 + x·(1 − σ(x)))</c>.
    /// </summary>
    Silu = 6,

    /// <summary>
    /// GELU in its exact form <c>x·Φ(x) = x/2·(1 + erf(x/√2))</c> (PyTorch <c>nn.GELU()</c>, <c>approximate='none'</c>).
    /// Its derivative is <c>Φ(x) + x·φ(x)</c> with φ the standard normal density.
    /// </summary>
    Gelu = 7,

    /// <summary>
    /// GELU's tanh approximation <c>x/2·(1 + tanh(√(2/π)·(x + 0.044715·x³)))</c> (PyTorch <c>nn.GELU(approximate='tanh')</c>).
    /// </summary>
    GeluTanh = 8,

    /// <summary>
    /// ELU with α = 1: <c>x</c> for <c>x &gt; 0</c>, otherwise <c>eˣ − 1</c> (PyTorch <c>nn.ELU()</c>). Its derivative is 1 for
    /// <c>x &gt; 0</c> and <c>eˣ</c> otherwise (1 at 0, as PyTorch).
    /// </summary>
    Elu = 9,

    /// <summary>
    /// Softplus with β = 1 and threshold 20: <c>log(1 + eˣ)</c>, and <c>x</c> itself for <c>x &gt; 20</c> (PyTorch
    /// <c>nn.Softplus()</c>). Its derivative is <c>σ(x)</c>, and 1 for <c>x &gt; 20</c>.
    /// </summary>
    Softplus = 10,

    /// <summary>Mish: <c>x·tanh(softplus(x))</c> (PyTorch <c>nn.Mish</c>).</summary>
    Mish = 11,

    /// <summary>
    /// The hard sigmoid <c>relu6(x + 3)/6</c>: 0 for <c>x ≤ −3</c>, 1 for <c>x ≥ 3</c>, <c>x/6 + 1/2</c> between (PyTorch
    /// <c>nn.Hardsigmoid</c>). Its derivative is 1/6 strictly between −3 and 3 and 0 elsewhere, kinks included, as PyTorch.
    /// </summary>
    HardSigmoid = 12,

    /// <summary>
    /// The hard swish <c>x·relu6(x + 3)/6</c>: 0 for <c>x ≤ −3</c>, <c>x</c> for <c>x ≥ 3</c>, <c>x·(x + 3)/6</c> between
    /// (PyTorch <c>nn.Hardswish</c>). Its derivative is 0 for <c>x &lt; −3</c>, <c>x/3 + 1/2</c> for −3 ≤ x ≤ 3 and 1 above,
    /// as PyTorch's autograd gives it at the kinks.
    /// </summary>
    HardSwish = 13,
}

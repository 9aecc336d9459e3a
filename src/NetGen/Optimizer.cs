namespace NetGen;

/// <summary>
/// The optimizer that the generated training members (<c>TrainStep</c>, <c>TrainBatch</c>) apply, with exactly
/// PyTorch's update rules.
/// </summary>
/// <remarks>
/// The numeric values are part of the public contract: the source generator reads the attribute
/// argument as an integer at compile time.
/// </remarks>
public enum Optimizer
{
    /// <summary>
    /// Stochastic gradient descent, PyTorch's <c>torch.optim.SGD</c> (dampening 0, no Nesterov):
    /// <c>p -= lr·g</c>, or with momentum μ <c>v = μ·v + g</c> (<c>v = g</c> on the first step) and <c>p -= lr·v</c>.
    /// With <c>NetworkAttribute.WeightDecay</c> λ the gradient is first <c>g + λ·p</c> (PyTorch's <c>weight_decay</c>).
    /// </summary>
    Sgd = 0,

    /// <summary>
    /// Adam, PyTorch's <c>torch.optim.Adam</c> (no AMSGrad):
    /// <c>m = β1·m + (1−β1)·g</c>, <c>v = β2·v + (1−β2)·g²</c>,
    /// <c>p -= lr·(m/(1−β1^t)) / (sqrt(v/(1−β2^t)) + ε)</c>. With <c>NetworkAttribute.WeightDecay</c> λ the gradient is
    /// first <c>g + λ·p</c> (L2 regularisation, PyTorch's <c>weight_decay</c>; the default λ is 0).
    /// </summary>
    Adam = 1,

    /// <summary>
    /// AdamW, PyTorch's <c>torch.optim.AdamW</c> (no AMSGrad): decoupled weight decay <c>p = p·(1 − lr·λ)</c>, then the
    /// <see cref="Adam"/> update with the unchanged gradient. λ is <c>NetworkAttribute.WeightDecay</c>, 0.01 when not set
    /// (PyTorch's default); the default learning rate is 0.001, as for Adam. It keeps Adam's two moments.
    /// </summary>
    AdamW = 2,
}

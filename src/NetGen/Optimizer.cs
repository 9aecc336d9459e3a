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
    /// </summary>
    Sgd = 0,

    /// <summary>
    /// Adam, PyTorch's <c>torch.optim.Adam</c> (no AMSGrad, no weight decay):
    /// <c>m = β1·m + (1−β1)·g</c>, <c>v = β2·v + (1−β2)·g²</c>,
    /// <c>p -= lr·(m/(1−β1^t)) / (sqrt(v/(1−β2^t)) + ε)</c>.
    /// </summary>
    Adam = 1,
}

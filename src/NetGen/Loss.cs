namespace NetGen;

/// <summary>
/// The loss function a network is trained on. Each value has exactly PyTorch's per-sample semantics;
/// the loss of a batch is the mean of its per-sample losses.
/// </summary>
/// <remarks>
/// The numeric values are part of the public contract: the source generator reads the attribute
/// argument as an integer at compile time.
/// </remarks>
public enum Loss
{
    /// <summary>
    /// Mean squared error, PyTorch's <c>nn.MSELoss(reduction='mean')</c> for one sample:
    /// <c>(1/n) Σᵢ (yᵢ − tᵢ)²</c>, the mean over the <c>n</c> outputs.
    /// </summary>
    MeanSquaredError = 0,

    /// <summary>
    /// Binary cross-entropy, PyTorch's <c>nn.BCELoss(reduction='mean')</c> for one sample:
    /// <c>−(1/n) Σᵢ [tᵢ·log(yᵢ) + (1 − tᵢ)·log(1 − yᵢ)]</c>, the mean over the <c>n</c> outputs, where each
    /// logarithm is clamped below at −100 as PyTorch does. The outputs must lie in [0, 1] (a Sigmoid output layer).
    /// </summary>
    BinaryCrossEntropy = 1,

    /// <summary>
    /// Cross-entropy, PyTorch's <c>nn.CrossEntropyLoss</c> applied to the last layer's pre-softmax values <c>z</c>
    /// with probability (or one-hot) targets <c>t</c>: <c>−Σᵢ tᵢ·log softmax(z)ᵢ</c>, a sum over the classes.
    /// The network's output is <c>softmax(z)</c>; the fused gradient with respect to <c>z</c> is
    /// <c>softmax(z)·Σt − t</c>.
    /// </summary>
    CrossEntropy = 2,

    /// <summary>
    /// Huber loss with δ = 1, PyTorch's <c>nn.HuberLoss(reduction='mean', delta=1.0)</c> for one sample:
    /// <c>(1/n) Σᵢ h(yᵢ − tᵢ)</c> with <c>h(e) = e²/2</c> for <c>|e| &lt; 1</c> and <c>|e| − 1/2</c> otherwise, the mean
    /// over the <c>n</c> outputs. Its derivative is <c>h'(e) = clamp(e, −1, 1)</c> (so ±1 at <c>|e| = 1</c>, as PyTorch).
    /// </summary>
    Huber = 3,

    /// <summary>
    /// Mean absolute error, PyTorch's <c>nn.L1Loss(reduction='mean')</c> for one sample: <c>(1/n) Σᵢ |yᵢ − tᵢ|</c>, the mean
    /// over the <c>n</c> outputs. Its derivative is <c>sign(yᵢ − tᵢ)/n</c> with <c>sign(0) = 0</c>, as PyTorch's.
    /// </summary>
    L1 = 4,
}

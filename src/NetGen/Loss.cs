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
}

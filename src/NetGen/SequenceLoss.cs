namespace NetGen;

/// <summary>
/// Which outputs of a sequence network its training members compare with targets (see
/// <see cref="NetworkAttribute.SequenceLoss"/>).
/// </summary>
/// <remarks>The numeric values are part of the public contract: the source generator reads them as integers.</remarks>
public enum SequenceLoss
{
    /// <summary>
    /// Every step's outputs have targets (<c>[n, SequenceLength, OutputSize]</c>); a sequence's loss is the per-step loss
    /// averaged over the steps, which for <see cref="Loss.MeanSquaredError"/> is <c>nn.MSELoss</c> over the <c>[T, out]</c>
    /// tensor. The default.
    /// </summary>
    EveryStep = 0,

    /// <summary>Only the last step's outputs have targets (<c>[n, OutputSize]</c>); a sequence's loss is that step's loss.</summary>
    LastStep = 1,
}

namespace NetGen.Generator.Model;

/// <summary>Mirror of the runtime's <c>NetGen.SequenceLoss</c> (same values; the generator cannot reference the runtime).</summary>
internal enum SequenceLossKind
{
    /// <summary>Targets at every step; the loss averaged over the steps.</summary>
    EveryStep = 0,
    /// <summary>A target for the last step only.</summary>
    LastStep = 1,
}

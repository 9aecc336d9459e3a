namespace NetGen.Generator;

/// <summary>Names of the incremental pipeline's steps, so tests can assert which steps were cached.</summary>
internal static class TrackingNames
{
    public const string Networks = nameof(Networks);
    public const string Diagnostics = nameof(Diagnostics);
    public const string AnalyzersSkipped = nameof(AnalyzersSkipped);
    public const string Specs = nameof(Specs);
    public const string OrphanAttributes = nameof(OrphanAttributes);
    public const string WeightFiles = nameof(WeightFiles);
    public const string BakedWeights = nameof(BakedWeights);
}

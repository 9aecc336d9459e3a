namespace NetGen.Generator.Model;

/// <summary>Mirror of the runtime's <c>NetGen.Optimizer</c> (same integer values; a test keeps them in step).</summary>
internal enum OptimizerKind
{
    Sgd = 0,
    Adam = 1,
    AdamW = 2,
}

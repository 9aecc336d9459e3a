namespace NetGen.Generator.Model;

/// <summary>Mirror of the runtime's <c>NetGen.Loss</c> (same integer values; a test keeps them in step).</summary>
internal enum LossKind
{
    MeanSquaredError = 0,
    BinaryCrossEntropy = 1,
    CrossEntropy = 2,
    Huber = 3,
    L1 = 4,
}

namespace NetGen.Generator.Model.Layers;

/// <summary>
/// A block of parameters the seeded constructor draws from U(−<see cref="Limit"/>, <see cref="Limit"/>); the rest stays 0.
/// </summary>
/// <param name="Offset">First parameter drawn.</param>
/// <param name="Count">Parameters drawn.</param>
/// <param name="Limit">Bound of the uniform distribution.</param>
/// <param name="Comment">The rule, written as a comment above the call.</param>
/// <param name="Constant">When set, the block is filled with this value instead of drawn (a normalisation's weights, 1).</param>
internal sealed record UniformInitialisation(int Offset, int Count, float Limit, string Comment, float? Constant = null);

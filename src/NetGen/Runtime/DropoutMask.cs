using System;
using System.ComponentModel;

namespace NetGen.Runtime;

/// <summary>
/// Draws inverted-dropout masks for generated networks: each value is 0 with probability p and <c>1/(1−p)</c>
/// otherwise (PyTorch's <c>nn.Dropout</c>), from a <see cref="DeterministicRandom"/> owned by the network instance.
/// This type is infrastructure for generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DropoutMask
{
    // Added to the parameter-initialisation state so that the dropout stream differs from the weights' stream
    // for the same seed (the golden ratio's fractional bits, an arbitrary odd constant).
    private const ulong StreamOffset = 0x9E3779B97F4A7C15UL;

    /// <summary>The dropout generator's initial state for a network seed.</summary>
    /// <param name="seed">The network's seed (the constructor's argument or <see cref="NetworkAttribute.Seed"/>).</param>
    /// <returns>The state for <see cref="DeterministicRandom(ulong)"/>.</returns>
    public static ulong InitialState(int seed) => unchecked(DeterministicRandom.SeedFrom(seed) * 0xD1342543DE82EF95UL + StreamOffset);

    /// <summary>
    /// Fills <paramref name="mask"/> with one draw per unit, in order: <c>0</c> when the uniform draw
    /// <c>u ∈ [0, 1)</c> is below <paramref name="p"/>, else <c>1/(1−p)</c>.
    /// </summary>
    /// <param name="random">The network's dropout generator; advanced by one draw per value.</param>
    /// <param name="mask">Receives the mask values.</param>
    /// <param name="p">The drop probability, in [0, 1).</param>
    public static void Fill(ref DeterministicRandom random, Span<float> mask, float p)
    {
        float scale = 1f / (1f - p);
        for (int i = 0; i < mask.Length; i++) mask[i] = random.NextSingle() < p ? 0f : scale;
    }
}

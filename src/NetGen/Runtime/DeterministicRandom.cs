using System.ComponentModel;

namespace NetGen.Runtime;

/// <summary>
/// A SplitMix64 pseudo-random generator that gives the same sequence on every platform (integer operations and
/// exactly rounded float operations only). Generated networks use it for parameter initialisation and dropout.
/// This type is infrastructure for generated code.
/// </summary>
/// <remarks>
/// A mutable struct: pass it by reference (<c>ref</c>) so that draws advance the caller's copy.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct DeterministicRandom
{
    private const ulong Increment = 0x9E3779B97F4A7C15UL;

    // The value an int seed is combined with in SeedFrom: the first 64 bits of the fractional part of √2
    // (SHA-512's first initial hash word, 0x6A09E667F3BCC908) with the low bit set, so that seed 0 does not
    // start from state 0. Changing it changes every network's initial parameters.
    private const ulong SeedMask = 0x6A09E667F3BCC909UL;

    /// <summary>Initializes a new generator from a raw 64-bit state.</summary>
    /// <param name="seed">The initial state; the first draw advances it before mixing.</param>
    public DeterministicRandom(ulong seed)
    {
        State = seed;
    }

    /// <summary>
    /// Gets or sets the raw 64-bit state. Saving it and setting it back later resumes the exact same sequence.
    /// </summary>
    public ulong State { get; set; }

    /// <summary>
    /// Maps an <see cref="int"/> seed (such as <see cref="NetworkAttribute.Seed"/>) to an initial state:
    /// <c>(ulong)(uint)seed ^ 0x6A09E667F3BCC909</c>. Distinct seeds give distinct states.
    /// </summary>
    /// <param name="seed">The seed.</param>
    /// <returns>The initial state for <see cref="DeterministicRandom(ulong)"/>.</returns>
    public static ulong SeedFrom(int seed) => (ulong)(uint)seed ^ SeedMask;

    /// <summary>Advances the state and returns the next 64 pseudo-random bits (SplitMix64).</summary>
    /// <returns>A uniformly distributed 64-bit value.</returns>
    public ulong NextUInt64()
    {
        unchecked
        {
            ulong state = State + Increment;
            State = state;
            ulong z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>Returns a uniformly distributed float in [0, 1), from the top 24 bits of <see cref="NextUInt64"/>.</summary>
    /// <returns>A multiple of 2^−24 in [0, 1).</returns>
    public float NextSingle() => (NextUInt64() >> 40) * (1f / 16777216f);

    /// <summary>Returns a uniformly distributed float in [−<paramref name="limit"/>, <paramref name="limit"/>).</summary>
    /// <param name="limit">The half-width of the interval (non-negative).</param>
    /// <returns><c>limit · (2·u − 1)</c> for <c>u = </c><see cref="NextSingle"/>.</returns>
    public float NextUniform(float limit) => limit * (2f * NextSingle() - 1f);
}

using System;
using System.ComponentModel;

namespace NetGen.Runtime;

/// <summary>
/// Deterministic parameter initialisation for generated networks: Glorot (Xavier) uniform for Identity, Sigmoid,
/// Tanh and Softmax layers, He (Kaiming) uniform for Relu and LeakyRelu layers. This type is infrastructure for
/// generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ParameterInitializer
{
    /// <summary>
    /// Fills <paramref name="destination"/> in order with draws from U[−<paramref name="limit"/>, <paramref name="limit"/>)
    /// (<see cref="DeterministicRandom.NextUniform(float)"/>), advancing <paramref name="random"/> once per element.
    /// </summary>
    /// <param name="destination">The values to overwrite, for example one layer's weights.</param>
    /// <param name="limit">The half-width of the interval, from <see cref="GlorotLimit"/> or <see cref="HeLimit"/>.</param>
    /// <param name="random">The generator; advanced by <c>destination.Length</c> draws.</param>
    public static void FillUniform(Span<float> destination, float limit, ref DeterministicRandom random)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = random.NextUniform(limit);
        }
    }

    /// <summary>Returns the Glorot (Xavier) uniform limit <c>√(6 / (fanIn + fanOut))</c>.</summary>
    /// <param name="fanIn">The number of inputs of the layer (positive).</param>
    /// <param name="fanOut">The number of units of the layer (positive).</param>
    /// <returns>The limit, rounded to <see cref="float"/>.</returns>
    public static float GlorotLimit(int fanIn, int fanOut) => (float)Math.Sqrt(6.0 / ((double)fanIn + fanOut));

    /// <summary>Returns the He (Kaiming) uniform limit <c>√(6 / fanIn)</c>.</summary>
    /// <param name="fanIn">The number of inputs of the layer (positive).</param>
    /// <returns>The limit, rounded to <see cref="float"/>.</returns>
    public static float HeLimit(int fanIn) => (float)Math.Sqrt(6.0 / fanIn);
}

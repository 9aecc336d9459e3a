using System;
using System.Buffers.Binary;
using System.ComponentModel;

namespace NetGen.Runtime;

/// <summary>
/// Reads the parameters a network baked in at compile time (<c>[Network(Weights = "…")]</c>): the generator stores
/// them as little-endian float32 bytes in the assembly's data. This type is infrastructure for generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BakedWeights
{
    /// <summary>Converts <paramref name="data"/> (4 little-endian bytes per value) into <paramref name="destination"/>.</summary>
    /// <param name="data">The baked bytes, <c>4 · destination.Length</c> of them.</param>
    /// <param name="destination">Receives the values.</param>
    /// <exception cref="ArgumentException"><paramref name="data"/> does not hold exactly one value per element of <paramref name="destination"/>.</exception>
    public static void CopyTo(ReadOnlySpan<byte> data, Span<float> destination)
    {
        if (data.Length != 4L * destination.Length)
            throw new ArgumentException("The baked weights hold " + data.Length + " bytes, not 4 per parameter.", nameof(data));
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadInt32LittleEndian(data.Slice(4 * i, 4)));
        }
    }
}

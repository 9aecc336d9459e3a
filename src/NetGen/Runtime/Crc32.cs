using System;
using System.ComponentModel;

namespace NetGen.Runtime;

/// <summary>
/// CRC-32 with the IEEE 802.3 polynomial (reflected 0xEDB88320, initial value and final XOR 0xFFFFFFFF), as in zip,
/// PNG and zlib's <c>crc32</c>. Used by the network file format. This type is infrastructure for generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>Computes the CRC-32 of <paramref name="data"/>.</summary>
    /// <param name="data">The bytes to checksum.</param>
    /// <returns>The checksum; for the ASCII bytes of "123456789" it is 0xCBF43926.</returns>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0u, data);

    /// <summary>
    /// Continues a CRC-32 with more bytes: <c>Append(Compute(a), b) == Compute(a + b)</c>, and <c>Append(0, a) == Compute(a)</c>.
    /// </summary>
    /// <param name="crc">The checksum of the bytes before <paramref name="data"/> (0 for none).</param>
    /// <param name="data">The bytes that follow.</param>
    /// <returns>The checksum of all the bytes.</returns>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        uint[] table = Table;
        uint c = ~crc;
        for (int i = 0; i < data.Length; i++)
        {
            c = table[(c ^ data[i]) & 0xFF] ^ (c >> 8);
        }

        return ~c;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}

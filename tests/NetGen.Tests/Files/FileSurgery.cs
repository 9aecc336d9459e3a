using System;
using System.Buffers.Binary;
using System.Linq;
using System.Text;

namespace NetGen.Tests.Files;

/// <summary>Byte-level edits of safetensors and network files, for the hostile-file tests.</summary>
internal static class FileSurgery
{
    /// <summary>The header text of a well-formed safetensors file.</summary>
    public static string Header(byte[] file) => Encoding.UTF8.GetString(file, 8, (int)BinaryPrimitives.ReadUInt64LittleEndian(file));

    /// <summary>The data section of a well-formed safetensors file.</summary>
    public static byte[] Data(byte[] file) => file[(8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(file))..];

    /// <summary>A safetensors file of <paramref name="header"/> (its length field set to match) and <paramref name="data"/>.</summary>
    public static byte[] Build(string header, byte[] data)
    {
        byte[] text = Encoding.UTF8.GetBytes(header);
        var file = new byte[8 + text.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)text.Length);
        text.CopyTo(file, 8);
        data.CopyTo(file, 8 + text.Length);
        return file;
    }

    /// <summary>The file with its header text edited (the length field follows) and the same data.</summary>
    public static byte[] EditHeader(byte[] file, Func<string, string> edit) => Build(edit(Header(file)), Data(file));

    /// <summary>The file with the first occurrence of <paramref name="text"/> in the header replaced.</summary>
    public static byte[] ReplaceInHeader(byte[] file, string text, string replacement)
        => EditHeader(file, h =>
        {
            int at = h.IndexOf(text, StringComparison.Ordinal);
            if (at < 0) throw new ArgumentException($"'{text}' is not in the header {h}");
            return h[..at] + replacement + h[(at + text.Length)..];
        });

    /// <summary>A copy of <paramref name="file"/> with 8 little-endian bytes at <paramref name="offset"/> replaced.</summary>
    public static byte[] WithUInt64(byte[] file, int offset, ulong value)
    {
        byte[] copy = (byte[])file.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(copy.AsSpan(offset), value);
        return copy;
    }

    /// <summary>A copy of <paramref name="file"/> with 4 little-endian bytes at <paramref name="offset"/> replaced.</summary>
    public static byte[] WithInt32(byte[] file, int offset, int value)
    {
        byte[] copy = (byte[])file.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(copy.AsSpan(offset), value);
        return copy;
    }

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}

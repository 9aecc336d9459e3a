using System;
using System.IO;
using System.Text;

namespace NetGen.Tool.Onnx;

/// <summary>
/// Reads protobuf's wire format (the encoding of an <c>.onnx</c> file) field by field from a byte array: varints,
/// 64-bit and 32-bit fixed values and length-delimited bytes. Every length is checked against what is left, so a
/// truncated or corrupt file is an <see cref="InvalidDataException"/>, never an index error.
/// </summary>
internal ref struct ProtoReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    /// <summary>Reads the message held by <paramref name="data"/>.</summary>
    public ProtoReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    /// <summary>Wire types of protobuf.</summary>
    public const int Varint = 0, Fixed64 = 1, LengthDelimited = 2, Fixed32 = 5;

    /// <summary>Reads the next field's key; false at the end of the message.</summary>
    /// <param name="field">The field number.</param>
    /// <param name="wireType">The wire type (0, 1, 2 or 5).</param>
    public bool Next(out int field, out int wireType)
    {
        if (_position >= _data.Length)
        {
            field = 0;
            wireType = 0;
            return false;
        }
        ulong key = ReadVarint();
        field = (int)(key >> 3);
        wireType = (int)(key & 7);
        if (field <= 0) throw Corrupt("a field number of 0");
        return true;
    }

    /// <summary>True while bytes are left (the elements of a packed repeated field).</summary>
    public bool HasMore => _position < _data.Length;

    /// <summary>Reads a varint.</summary>
    public ulong ReadVarint()
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length) throw Corrupt("a varint cut short");
            byte b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw Corrupt("a varint longer than 10 bytes");
    }

    /// <summary>Reads a varint as a signed 64-bit integer (int64 fields, two's complement).</summary>
    public long ReadInt64() => unchecked((long)ReadVarint());

    /// <summary>Reads a 32-bit little-endian float (a FLOAT attribute, fixed32).</summary>
    public float ReadFloat()
    {
        var bytes = Take(4);
        return BitConverter.Int32BitsToSingle(bytes[0] | bytes[1] << 8 | bytes[2] << 16 | bytes[3] << 24);
    }

    /// <summary>Reads a 64-bit little-endian double (fixed64).</summary>
    public double ReadDouble() => BitConverter.Int64BitsToDouble(System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(Take(8)));

    /// <summary>Reads a length-delimited field's bytes.</summary>
    public ReadOnlySpan<byte> ReadBytes()
    {
        ulong length = ReadVarint();
        if (length > (ulong)(_data.Length - _position)) throw Corrupt("a length past the end of the data");
        return Take((int)length);
    }

    /// <summary>Reads a length-delimited field as UTF-8 text.</summary>
    public string ReadString() => Encoding.UTF8.GetString(ReadBytes());

    /// <summary>Skips a field of the given wire type (fields this reader does not need).</summary>
    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case Varint: ReadVarint(); break;
            case Fixed64: Take(8); break;
            case LengthDelimited: ReadBytes(); break;
            case Fixed32: Take(4); break;
            default: throw Corrupt($"the unknown wire type {wireType}");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _data.Length - _position) throw Corrupt("a value cut short");
        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }

    private static InvalidDataException Corrupt(string what) =>
        new($"The file is not a valid ONNX model: its protobuf data has {what}.");
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace NetGen.Tests.Safetensors;

/// <summary>
/// The tests' own safetensors writer, independent of the runtime's: builds the header text by hand and the data
/// byte by byte, in any dtype (conversions through .NET's own <see cref="Half"/> and <see cref="BitConverter"/>),
/// with hooks to break the file in every way a reader must notice.
/// </summary>
internal sealed class TestSafetensorsWriter
{
    private readonly List<(string Name, string Dtype, int[] Shape, byte[] Data, long? Begin, long? End)> _tensors = new();

    public string? Metadata { get; set; } = "{\"format\":\"pt\"}";

    /// <summary>Adds a tensor of <paramref name="values"/> in <paramref name="dtype"/> (F32, F16, BF16, F64, or I64 as integers).</summary>
    public TestSafetensorsWriter Add(string name, int[] shape, IEnumerable<float> values, string dtype = "F32")
    {
        var data = new List<byte>();
        foreach (float v in values)
        {
            switch (dtype)
            {
                case "F32": data.AddRange(LittleEndian(BitConverter.GetBytes(v))); break;
                case "F64": data.AddRange(LittleEndian(BitConverter.GetBytes((double)v))); break;
                case "F16": data.AddRange(LittleEndian(BitConverter.GetBytes((Half)v))); break;
                case "BF16":
                    uint bits = BitConverter.SingleToUInt32Bits(v);
                    if ((bits & 0xFFFF) != 0) throw new ArgumentException($"{v} is not exactly a bfloat16");
                    data.AddRange(LittleEndian(BitConverter.GetBytes((ushort)(bits >> 16))));
                    break;
                case "I64": data.AddRange(LittleEndian(BitConverter.GetBytes((long)v))); break;
                default: throw new ArgumentException(dtype);
            }
        }
        _tensors.Add((name, dtype, shape, data.ToArray(), null, null));
        return this;
    }

    /// <summary>Adds a tensor whose data_offsets are given explicitly (no data is appended for it).</summary>
    public TestSafetensorsWriter AddRaw(string name, string dtype, int[] shape, long begin, long end)
    {
        _tensors.Add((name, dtype, shape, Array.Empty<byte>(), begin, end));
        return this;
    }

    public string HeaderText()
    {
        var entries = new List<string>();
        // Reverse alphabetical order, unlike the runtime's writer, so the reader cannot rely on order.
        long position = 0;
        var placed = new List<(string Name, string Dtype, int[] Shape, long Begin, long End)>();
        foreach (var t in _tensors)
        {
            long begin = t.Begin ?? position, end = t.End ?? position + t.Data.Length;
            if (t.Begin is null) position += t.Data.Length;
            placed.Add((t.Name, t.Dtype, t.Shape, begin, end));
        }
        foreach (var t in placed.OrderByDescending(t => t.Name, StringComparer.Ordinal))
        {
            entries.Add($"\"{t.Name}\": {{\"dtype\": \"{t.Dtype}\", \"shape\": [{string.Join(", ", t.Shape)}], \"data_offsets\": [{t.Begin}, {t.End}]}}");
        }
        if (Metadata is not null) entries.Insert(entries.Count / 2, "\"__metadata__\": " + Metadata);
        return "{\n  " + string.Join(",\n  ", entries) + "\n}";
    }

    public byte[] ToBytes() => Build(Encoding.UTF8.GetBytes(HeaderText()));

    /// <summary>A file with the given header bytes and this writer's data.</summary>
    public byte[] Build(byte[] header)
    {
        var file = new List<byte>();
        file.AddRange(LittleEndian(BitConverter.GetBytes((ulong)header.Length)));
        file.AddRange(header);
        foreach (var t in _tensors) file.AddRange(t.Data);
        return file.ToArray();
    }

    /// <summary>The parameters of a network with these layer sizes as named tensors (weights [out, in], bias [out]).</summary>
    public static TestSafetensorsWriter ForLayers(int input, (int Index, int Units)[] layers, float[] parameters, string dtype = "F32")
    {
        var writer = new TestSafetensorsWriter();
        int offset = 0, fanIn = input;
        foreach (var (index, units) in layers)
        {
            writer.Add($"{index}.weight", new[] { units, fanIn }, parameters.Skip(offset).Take(units * fanIn), dtype);
            offset += units * fanIn;
            writer.Add($"{index}.bias", new[] { units }, parameters.Skip(offset).Take(units), dtype);
            offset += units;
            fanIn = units;
        }
        return writer;
    }

    private static byte[] LittleEndian(byte[] bytes)
    {
        if (!BitConverter.IsLittleEndian) Array.Reverse(bytes);
        return bytes;
    }

    public static MemoryStream Stream(byte[] bytes) => new(bytes, writable: false);
}

using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace NetGen.Tests.Files;

/// <summary>
/// The safetensors rules LoadSafetensors documents, written again independently of the runtime (System.Text.Json,
/// <see cref="BitConverter"/> and <see cref="Half"/>): the oracle of the property tests. Returns the parameters a
/// file holds for a network, or null when the file must be rejected.
/// </summary>
internal static class ReferenceSafetensorsReader
{
    public static float[]? Read(byte[] file, (string Name, int Offset, int[] Shape)[] tensors, int parameterCount)
    {
        if (file.Length < 8) return null;
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        ulong bound = 64 * 1024 + 1024 * (ulong)tensors.Length;
        if (headerLength < 2 || headerLength > bound || 8 + headerLength > (ulong)file.Length) return null;
        int dataStart = 8 + (int)headerLength;

        var entries = new Dictionary<string, (string Dtype, long[] Shape, long Begin, long End)>(StringComparer.Ordinal);
        try
        {
            new UTF8Encoding(false, true).GetString(file, 8, (int)headerLength);
        }
        catch (ArgumentException)
        {
            return null;   // the header must be UTF-8, all of it (System.Text.Json checks only the strings it reads)
        }
        try
        {
            using var header = JsonDocument.Parse(file.AsMemory(8, (int)headerLength));
            if (header.RootElement.ValueKind != JsonValueKind.Object) return null;
            bool metadata = false;
            foreach (var property in header.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__")
                {
                    if (metadata) return null;
                    metadata = true;
                    continue;
                }
                if (entries.ContainsKey(property.Name) || property.Value.ValueKind != JsonValueKind.Object) return null;
                var fields = property.Value.EnumerateObject().ToList();
                if (fields.Select(f => f.Name).Distinct(StringComparer.Ordinal).Count() != fields.Count) return null;
                var dtype = fields.SingleOrDefault(f => f.Name == "dtype").Value;
                var shape = fields.SingleOrDefault(f => f.Name == "shape").Value;
                var range = fields.SingleOrDefault(f => f.Name == "data_offsets").Value;
                if (dtype.ValueKind != JsonValueKind.String || shape.ValueKind != JsonValueKind.Array || range.ValueKind != JsonValueKind.Array) return null;
                long[]? dims = Integers(shape), offsets = Integers(range);
                if (dims is null || offsets is null || dims.Length > 16 || offsets.Length != 2 || offsets[1] < offsets[0]) return null;
                entries.Add(property.Name, (dtype.GetString()!, dims, offsets[0], offsets[1]));
            }
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;   // a string System.Text.Json cannot transcode (a lone surrogate escape)
        }

        if (entries.Count != tensors.Length || tensors.Any(t => !entries.ContainsKey(t.Name))) return null;
        var parameters = new float[parameterCount];
        var ranges = new List<(long Begin, long End)>();
        foreach (var (name, offset, shape) in tensors)
        {
            var entry = entries[name];
            if (!entry.Shape.SequenceEqual(shape.Select(d => (long)d))) return null;
            int size = entry.Dtype switch { "F32" => 4, "F16" => 2, "BF16" => 2, "F64" => 8, _ => 0 };
            int count = shape.Aggregate(1, (a, b) => a * b);
            if (size == 0 || entry.End - entry.Begin != (long)count * size) return null;
            ranges.Add((entry.Begin, entry.End));
            if (dataStart + entry.End > file.Length) return null;
            for (int k = 0; k < count; k++)
            {
                int at = dataStart + (int)entry.Begin + k * size;
                float value = entry.Dtype switch
                {
                    "F32" => BitConverter.ToSingle(file, at),
                    "F16" => (float)BitConverter.ToHalf(file, at),
                    "BF16" => BitConverter.Int32BitsToSingle(BitConverter.ToUInt16(file, at) << 16),
                    _ => (float)BitConverter.ToDouble(file, at),
                };
                if (!float.IsFinite(value)) return null;
                parameters[offset + k] = value;
            }
        }
        long position = 0;
        foreach (var (begin, end) in ranges.OrderBy(r => r.Begin))
        {
            if (begin != position) return null;
            position = end;
        }
        return dataStart + position == file.Length ? parameters : null;
    }

    private static long[]? Integers(JsonElement array)
    {
        var values = new List<long>();
        foreach (var element in array.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out long value) || value < 0) return null;
            values.Add(value);
        }
        return values.ToArray();
    }
}

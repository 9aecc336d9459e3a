using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace NetGen.Runtime
{
    /// <summary>One entry of a safetensors header: its dtype, shape and byte range in the data section.</summary>
    internal sealed class SafetensorsEntry
    {
        public SafetensorsEntry(string dtype, long[] shape, long begin, long end)
        {
            Dtype = dtype;
            Shape = shape;
            Begin = begin;
            End = end;
        }

        public string Dtype { get; }
        public long[] Shape { get; }
        public long Begin { get; }
        public long End { get; }
    }

    /// <summary>
    /// The safetensors format without any stream: header parsing, matching a header to a network's tensors,
    /// dtype conversion (F32, F16, BF16, F64 → float by bit manipulation) and writing. Shared (linked) by the
    /// runtime and the generator, so it uses only byte arrays and compiles for netstandard2.0 as well.
    /// </summary>
    /// <remarks>
    /// File layout: an unsigned 64-bit little-endian header length N, N bytes of UTF-8 JSON (an object whose keys
    /// are tensor names, each with <c>dtype</c>, <c>shape</c> and <c>data_offsets</c> [begin, end) relative to the
    /// data section, plus an optional <c>__metadata__</c> entry that is ignored), then the raw little-endian data.
    /// </remarks>
    internal static class SafetensorsFormat
    {
        /// <summary>The largest header accepted (the reference implementation's limit).</summary>
        public const long MaxHeaderLength = 100_000_000;

        /// <summary>The largest data section accepted (the largest byte array).</summary>
        public const long MaxDataLength = 0x7FFFFFC7;

        public const string MetadataKey = "__metadata__";

        /// <summary>Reads the 8-byte little-endian header length at <paramref name="offset"/>.</summary>
        /// <exception cref="InvalidDataException">The length is over <see cref="MaxHeaderLength"/>.</exception>
        public static int HeaderLength(byte[] bytes, int offset)
        {
            ulong length = 0;
            for (int k = 7; k >= 0; k--) length = (length << 8) | bytes[offset + k];
            if (length < 2 || length > MaxHeaderLength)
                throw new InvalidDataException("The safetensors header length " + length.ToString(CultureInfo.InvariantCulture) + " is not between 2 and " + MaxHeaderLength.ToString(CultureInfo.InvariantCulture) + " bytes: this is not a safetensors file.");
            return (int)length;
        }

        /// <summary>Parses the JSON header into its tensor entries (the metadata entry left out).</summary>
        /// <exception cref="InvalidDataException">The header is not UTF-8 JSON of the expected shape; the message names the tensor.</exception>
        public static Dictionary<string, SafetensorsEntry> ParseHeader(byte[] bytes, int offset, int length)
        {
            string text;
            try
            {
                text = new UTF8Encoding(false, true).GetString(bytes, offset, length);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException("The safetensors header is not valid UTF-8.", e);
            }
            if (!(SafetensorsJson.Parse(text) is Dictionary<string, object?> root))
                throw new InvalidDataException("The safetensors header is not a JSON object.");

            var entries = new Dictionary<string, SafetensorsEntry>(StringComparer.Ordinal);
            foreach (var pair in root)
            {
                if (pair.Key == MetadataKey) continue;
                string name = pair.Key;
                if (!(pair.Value is Dictionary<string, object?> tensor))
                    throw Invalid(name, "is not a JSON object");
                if (!tensor.TryGetValue("dtype", out object? dtypeValue) || !(dtypeValue is string dtype))
                    throw Invalid(name, "has no \"dtype\" string");
                long[] shape = Integers(name, tensor, "shape", -1);
                long[] range = Integers(name, tensor, "data_offsets", 2);
                if (range[1] < range[0]) throw Invalid(name, "has data_offsets that end before they begin");
                entries.Add(name, new SafetensorsEntry(dtype, shape, range[0], range[1]));
            }
            return entries;
        }

        /// <summary>The length of the data section the entries need (the largest end offset).</summary>
        /// <exception cref="InvalidDataException">The data section would be larger than <see cref="MaxDataLength"/>.</exception>
        public static int DataLength(Dictionary<string, SafetensorsEntry> entries)
        {
            long end = 0;
            foreach (var pair in entries)
            {
                if (pair.Value.End > MaxDataLength) throw Invalid(pair.Key, "ends past the largest supported data section (" + MaxDataLength.ToString(CultureInfo.InvariantCulture) + " bytes)");
                end = Math.Max(end, pair.Value.End);
            }
            return (int)end;
        }

        /// <summary>
        /// Checks the header against the network's tensors and converts their data to float parameters. Nothing is
        /// returned unless every tensor is present, has the expected shape, a supported dtype and a consistent size,
        /// and no other tensor is in the file.
        /// </summary>
        /// <param name="entries">The parsed header.</param>
        /// <param name="data">The bytes holding the data section, starting at <paramref name="dataOffset"/>.</param>
        /// <param name="dataOffset">Where the data section starts in <paramref name="data"/>.</param>
        /// <param name="dataLength">How many bytes of the data section <paramref name="data"/> holds.</param>
        /// <param name="names">Tensor names, in parameter order.</param>
        /// <param name="offsets">Offset of each tensor in the parameters.</param>
        /// <param name="shapes">Shape of each tensor.</param>
        /// <param name="parameterCount">The number of parameters.</param>
        /// <exception cref="InvalidDataException">A tensor is missing, extra, mis-shaped, of another dtype, or its range is inconsistent; the message names it.</exception>
        /// <exception cref="EndOfStreamException">A tensor's data lies past the end of the data that is there.</exception>
        public static float[] Decode(Dictionary<string, SafetensorsEntry> entries, byte[] data, int dataOffset, int dataLength,
            string[] names, int[] offsets, int[][] shapes, int parameterCount)
        {
            var expected = new HashSet<string>(names, StringComparer.Ordinal);
            foreach (var pair in entries)
            {
                if (!expected.Contains(pair.Key))
                    throw new InvalidDataException("The safetensors file has the tensor '" + pair.Key + "', which this network does not have (it expects " + string.Join(", ", names) + ").");
            }

            var parameters = new float[parameterCount];
            for (int t = 0; t < names.Length; t++)
            {
                string name = names[t];
                if (!entries.TryGetValue(name, out var entry))
                    throw new InvalidDataException("The safetensors file has no tensor '" + name + "' (expected shape " + ShapeText(shapes[t]) + ").");
                if (!SameShape(entry.Shape, shapes[t]))
                    throw new InvalidDataException("The tensor '" + name + "' has shape " + ShapeText(entry.Shape) + "; this network expects " + ShapeText(shapes[t]) + ".");
                int size = ElementSize(entry.Dtype);
                if (size == 0)
                    throw new InvalidDataException("The tensor '" + name + "' has dtype " + entry.Dtype + "; NetGen reads F32, F16, BF16 and F64.");
                long count = 1;
                foreach (int d in shapes[t]) count *= d;
                if (entry.End - entry.Begin != count * size)
                    throw new InvalidDataException("The tensor '" + name + "' has data_offsets [" + entry.Begin.ToString(CultureInfo.InvariantCulture) + ", " + entry.End.ToString(CultureInfo.InvariantCulture) + "), which is not " + count.ToString(CultureInfo.InvariantCulture) + " values of " + entry.Dtype + ".");
                if (entry.End > dataLength)
                    throw new EndOfStreamException("The data of the tensor '" + name + "' ends at byte " + entry.End.ToString(CultureInfo.InvariantCulture) + " of the data section, but the data ends at byte " + dataLength.ToString(CultureInfo.InvariantCulture) + ".");
                int at = dataOffset + (int)entry.Begin;
                for (int k = 0; k < count; k++)
                {
                    parameters[offsets[t] + k] = ReadValue(data, at + k * size, entry.Dtype);
                }
            }
            return parameters;
        }

        /// <summary>
        /// Writes a whole safetensors file (F32 tensors in parameter order, header padded with spaces to a multiple
        /// of 8 bytes, a <c>{"format":"pt"}</c> metadata entry) into one byte array.
        /// </summary>
        public static byte[] Encode(string[] names, int[] offsets, int[][] shapes, float[] parameters)
        {
            var json = new StringBuilder();
            json.Append('{');
            long position = 0;
            for (int t = 0; t < names.Length; t++)
            {
                long count = 1;
                foreach (int d in shapes[t]) count *= d;
                SafetensorsJson.WriteString(json, names[t]);
                json.Append(":{\"dtype\":\"F32\",\"shape\":[");
                for (int d = 0; d < shapes[t].Length; d++)
                {
                    if (d > 0) json.Append(',');
                    json.Append(shapes[t][d].ToString(CultureInfo.InvariantCulture));
                }
                json.Append("],\"data_offsets\":[").Append(position.ToString(CultureInfo.InvariantCulture)).Append(',');
                position += count * 4;
                json.Append(position.ToString(CultureInfo.InvariantCulture)).Append("]},");
            }
            json.Append("\"" + MetadataKey + "\":{\"format\":\"pt\"}}");
            while (Encoding.UTF8.GetByteCount(json.ToString()) % 8 != 0) json.Append(' ');
            byte[] header = Encoding.UTF8.GetBytes(json.ToString());

            var file = new byte[8 + header.Length + position];
            ulong length = (ulong)header.Length;
            for (int k = 0; k < 8; k++) file[k] = (byte)(length >> (8 * k));
            Buffer.BlockCopy(header, 0, file, 8, header.Length);
            int at = 8 + header.Length;
            for (int t = 0; t < names.Length; t++)
            {
                long count = 1;
                foreach (int d in shapes[t]) count *= d;
                for (int k = 0; k < count; k++)
                {
                    int bits = new SingleBits { Single = parameters[offsets[t] + k] }.Int32;
                    file[at++] = (byte)bits;
                    file[at++] = (byte)(bits >> 8);
                    file[at++] = (byte)(bits >> 16);
                    file[at++] = (byte)(bits >> 24);
                }
            }
            return file;
        }

        /// <summary>Bytes per element of a supported dtype, 0 for any other.</summary>
        public static int ElementSize(string dtype)
        {
            switch (dtype)
            {
                case "F32": return 4;
                case "F16":
                case "BF16": return 2;
                case "F64": return 8;
                default: return 0;
            }
        }

        /// <summary>One little-endian value of a supported dtype at <paramref name="at"/>, as a float.</summary>
        public static float ReadValue(byte[] data, int at, string dtype)
        {
            switch (dtype)
            {
                case "F32":
                    return new SingleBits { Int32 = data[at] | (data[at + 1] << 8) | (data[at + 2] << 16) | (data[at + 3] << 24) }.Single;
                case "F16":
                    return HalfToSingle((ushort)(data[at] | (data[at + 1] << 8)));
                case "BF16":
                    // bfloat16 is the upper half of a float32.
                    return new SingleBits { Int32 = (data[at] << 16) | (data[at + 1] << 24) }.Single;
                default: // F64
                    long bits = 0;
                    for (int k = 7; k >= 0; k--) bits = (bits << 8) | data[at + k];
                    return (float)new DoubleBits { Int64 = bits }.Double;
            }
        }

        /// <summary>IEEE 754 binary16 → binary32 (exact): sign, 5-bit exponent (bias 15), 10-bit mantissa.</summary>
        public static float HalfToSingle(ushort half)
        {
            int sign = (half >> 15) & 1;
            int exponent = (half >> 10) & 0x1F;
            int mantissa = half & 0x3FF;
            if (exponent == 0)
            {
                // Zero or subnormal: mantissa · 2^-24, exact in float.
                float value = mantissa * (1f / 16777216f);
                return sign != 0 ? -value : value;
            }
            int bits = exponent == 31
                ? (sign << 31) | 0x7F800000 | (mantissa << 13) // infinity or NaN
                : (sign << 31) | ((exponent - 15 + 127) << 23) | (mantissa << 13);
            return new SingleBits { Int32 = bits }.Single;
        }

        private static long[] Integers(string name, Dictionary<string, object?> tensor, string key, int requiredCount)
        {
            if (!tensor.TryGetValue(key, out object? value) || !(value is List<object?> list))
                throw Invalid(name, "has no \"" + key + "\" array");
            if (requiredCount >= 0 && list.Count != requiredCount)
                throw Invalid(name, "has a \"" + key + "\" array of " + list.Count.ToString(CultureInfo.InvariantCulture) + " numbers, expected " + requiredCount.ToString(CultureInfo.InvariantCulture));
            var result = new long[list.Count];
            for (int k = 0; k < list.Count; k++)
            {
                if (!(list[k] is long n) || n < 0) throw Invalid(name, "has a \"" + key + "\" entry that is not a non-negative integer");
                result[k] = n;
            }
            return result;
        }

        private static bool SameShape(long[] actual, int[] expected)
        {
            if (actual.Length != expected.Length) return false;
            for (int k = 0; k < actual.Length; k++)
            {
                if (actual[k] != expected[k]) return false;
            }
            return true;
        }

        private static string ShapeText(long[] shape)
        {
            var parts = new string[shape.Length];
            for (int k = 0; k < shape.Length; k++) parts[k] = shape[k].ToString(CultureInfo.InvariantCulture);
            return "[" + string.Join(", ", parts) + "]";
        }

        private static string ShapeText(int[] shape)
        {
            var parts = new string[shape.Length];
            for (int k = 0; k < shape.Length; k++) parts[k] = shape[k].ToString(CultureInfo.InvariantCulture);
            return "[" + string.Join(", ", parts) + "]";
        }

        private static InvalidDataException Invalid(string name, string what)
            => new InvalidDataException("The safetensors header entry '" + name + "' " + what + ".");

        /// <summary>Reinterprets float bits without unsafe code (netstandard2.0 has no <c>BitConverter.Int32BitsToSingle</c>).</summary>
        [StructLayout(LayoutKind.Explicit)]
        private struct SingleBits
        {
            [FieldOffset(0)] public float Single;
            [FieldOffset(0)] public int Int32;
        }

        [StructLayout(LayoutKind.Explicit)]
        private struct DoubleBits
        {
            [FieldOffset(0)] public double Double;
            [FieldOffset(0)] public long Int64;
        }
    }
}

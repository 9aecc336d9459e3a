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
    /// A reader calls, in order: <see cref="HeaderLength"/> (bounded by the network's tensor count, before the header is
    /// read), <see cref="ParseHeader"/>, <see cref="Match"/>, <see cref="CheckLayout"/> (which gives the exact length
    /// the data section must have), then <see cref="DecodeValues"/> on the data. Nothing is allocated from a length or
    /// offset in the file before it has been checked against the network.
    /// </remarks>
    internal static class SafetensorsFormat
    {
        /// <summary>The reference implementation's limit on the header length, an upper bound of <see cref="MaxHeaderLength"/>.</summary>
        public const long AbsoluteMaxHeaderLength = 100_000_000;

        /// <summary>The header length accepted for any network: room for a generous <c>__metadata__</c> entry.</summary>
        public const int HeaderBaseLength = 64 * 1024;

        /// <summary>The header length accepted per tensor of the network (an entry takes under 100 bytes unpadded).</summary>
        public const int HeaderLengthPerTensor = 1024;

        /// <summary>The most dimensions a tensor's shape may have.</summary>
        public const int MaxRank = 16;

        public const string MetadataKey = "__metadata__";

        /// <summary>
        /// The longest header accepted for a network of <paramref name="tensorCount"/> tensors: 64 KiB plus 1 KiB per
        /// tensor (at most 100,000,000 bytes, the reference implementation's limit). A header is read into memory, so
        /// this bounds what a hostile length field can make a reader allocate.
        /// </summary>
        public static long MaxHeaderLength(int tensorCount)
            => Math.Min(AbsoluteMaxHeaderLength, HeaderBaseLength + (long)HeaderLengthPerTensor * Math.Max(0, tensorCount));

        /// <summary>Reads the 8-byte little-endian header length at <paramref name="offset"/>.</summary>
        /// <exception cref="InvalidDataException">The length is under 2 or over <see cref="MaxHeaderLength"/> for <paramref name="tensorCount"/> tensors.</exception>
        public static int HeaderLength(byte[] bytes, int offset, int tensorCount)
        {
            ulong length = 0;
            for (int k = 7; k >= 0; k--) length = (length << 8) | bytes[offset + k];
            long max = MaxHeaderLength(tensorCount);
            if (length < 2 || length > (ulong)max)
                throw new InvalidDataException("The safetensors header length " + length.ToString(CultureInfo.InvariantCulture) + " is not between 2 and "
                    + max.ToString(CultureInfo.InvariantCulture) + " bytes (64 KiB plus 1 KiB per tensor of this network): this is not a safetensors file of this network.");
            return (int)length;
        }

        /// <summary>
        /// Parses the JSON header into the entries of the tensors named in <paramref name="names"/> (the metadata and
        /// any other tensor left out; the first other tensor's name is returned in <paramref name="extraTensor"/>).
        /// Allocates a constant amount plus one entry per expected tensor, whatever the header holds.
        /// </summary>
        /// <exception cref="InvalidDataException">The header is not UTF-8 JSON of the expected shape; the message names the tensor.</exception>
        public static Dictionary<string, SafetensorsEntry> ParseHeader(byte[] bytes, int offset, int length, string[] names, out string? extraTensor)
        {
            var reader = new SafetensorsJsonReader(bytes, offset, length);
            int longest = MetadataKey.Length;
            foreach (string name in names) longest = Math.Max(longest, name.Length);
            var key = new char[longest];
            var scratch = new EntryScratch();
            var entries = new Dictionary<string, SafetensorsEntry>(names.Length, StringComparer.Ordinal);
            bool metadata = false;
            extraTensor = null;
            if (reader.Peek() != (byte)'{') throw new InvalidDataException("The safetensors header is not a JSON object.");
            if (reader.BeginObject())
            {
                do
                {
                    bool whole = reader.ReadKey(key, out int stored);
                    if (whole && Same(key, stored, MetadataKey))
                    {
                        if (metadata) throw reader.Error("the key \"" + MetadataKey + "\" appears twice");
                        metadata = true;
                        reader.SkipValue(1);
                        continue;
                    }
                    string? name = whole ? Find(names, key, stored) : null;
                    ReadEntry(reader, scratch, name, key, stored, whole);
                    if (name is null)
                    {
                        extraTensor ??= Label(key, stored, whole);
                        continue;
                    }
                    if (entries.ContainsKey(name)) throw reader.Error("the key \"" + name + "\" appears twice");
                    var shape = new long[scratch.Rank];
                    Array.Copy(scratch.Shape, shape, scratch.Rank);
                    entries.Add(name, new SafetensorsEntry(scratch.DtypeText(), shape, scratch.Begin, scratch.End));
                }
                while (reader.NextMember());
            }
            reader.End();
            return entries;
        }

        /// <summary>
        /// Matches the parsed header to the network's tensors: every tensor present with its shape, a supported dtype
        /// and a data range of exactly its size, and no other tensor.
        /// </summary>
        /// <returns>The entries in the order of <paramref name="names"/>.</returns>
        /// <exception cref="InvalidDataException">A tensor is missing, extra, mis-shaped, of another dtype or of the wrong byte size; the message names it.</exception>
        /// <remarks>Integer dtypes (I64, I32) are accepted only for the tensors marked in <paramref name="integers"/> (a BatchNorm's <c>num_batches_tracked</c>).</remarks>
        public static SafetensorsEntry[] Match(Dictionary<string, SafetensorsEntry> entries, string? extraTensor, string[] names, int[][] shapes, bool[]? integers = null)
        {
            if (extraTensor != null)
                throw new InvalidDataException("The safetensors file has the tensor '" + extraTensor + "', which this network does not have (it expects " + string.Join(", ", names) + ").");
            var matched = new SafetensorsEntry[names.Length];
            for (int t = 0; t < names.Length; t++)
            {
                string name = names[t];
                if (!entries.TryGetValue(name, out var entry))
                    throw new InvalidDataException("The safetensors file has no tensor '" + name + "' (expected shape " + ShapeText(shapes[t]) + ").");
                if (!SameShape(entry.Shape, shapes[t]))
                    throw new InvalidDataException("The tensor '" + name + "' has shape " + ShapeText(entry.Shape) + "; this network expects " + ShapeText(shapes[t]) + ".");
                int size = ElementSize(entry.Dtype);
                bool integerDtype = entry.Dtype == "I64" || entry.Dtype == "I32";
                bool integer = integers != null && integers[t];
                if (size == 0 || (integerDtype && !integer))
                    throw new InvalidDataException("The tensor '" + name + "' has dtype " + entry.Dtype + "; NetGen reads F32, F16, BF16 and F64" + (integer ? ", I64 and I32" : "") + ".");
                long count = Count(shapes[t]);
                if (entry.End - entry.Begin != count * size)
                    throw new InvalidDataException("The tensor '" + name + "' has data_offsets [" + entry.Begin.ToString(CultureInfo.InvariantCulture) + ", " + entry.End.ToString(CultureInfo.InvariantCulture) + "), which is not " + count.ToString(CultureInfo.InvariantCulture) + " values of " + entry.Dtype + ".");
                matched[t] = entry;
            }
            return matched;
        }

        /// <summary>
        /// Checks that the matched tensors fill the data section exactly, as the safetensors format requires: in the
        /// order of their offsets, the first begins at 0 and each begins where the one before ends (no gap, no overlap).
        /// </summary>
        /// <param name="matched">The entries from <see cref="Match"/>.</param>
        /// <param name="names">Tensor names, in the order of <paramref name="matched"/>.</param>
        /// <param name="order">The tensors' indices in data order.</param>
        /// <returns>The length of the data section: the sum of the tensors' sizes.</returns>
        /// <exception cref="InvalidDataException">Two tensors overlap, or bytes lie before or between tensors; the message names them.</exception>
        public static long CheckLayout(SafetensorsEntry[] matched, string[] names, out int[] order)
        {
            order = new int[matched.Length];
            var begins = new long[matched.Length];
            for (int t = 0; t < matched.Length; t++)
            {
                order[t] = t;
                begins[t] = matched[t].Begin;
            }
            Array.Sort(begins, order);
            long position = 0;
            for (int k = 0; k < order.Length; k++)
            {
                var entry = matched[order[k]];
                string name = names[order[k]];
                if (entry.Begin < position)
                    throw new InvalidDataException("The tensor '" + name + "' (data_offsets " + Range(entry) + ") overlaps the tensor '" + names[order[k - 1]] + "' (data_offsets " + Range(matched[order[k - 1]]) + ").");
                if (entry.Begin > position)
                    throw new InvalidDataException(k == 0
                        ? "The safetensors data section has " + entry.Begin.ToString(CultureInfo.InvariantCulture) + " unused bytes before its first tensor '" + name + "' (data_offsets " + Range(entry) + "); the first tensor must begin at 0."
                        : "The safetensors data section has " + (entry.Begin - position).ToString(CultureInfo.InvariantCulture) + " unused bytes between the tensors '" + names[order[k - 1]] + "' (data_offsets " + Range(matched[order[k - 1]]) + ") and '" + name + "' (data_offsets " + Range(entry) + ").");
                position = entry.End;
            }
            return position;
        }

        /// <summary>
        /// Where the size of what follows the header is known (a seekable stream, a file in memory): throws unless it is
        /// exactly the data section, naming the tensor cut short or the number of bytes after the last tensor.
        /// </summary>
        /// <exception cref="EndOfStreamException">Fewer than <paramref name="dataLength"/> bytes are available.</exception>
        /// <exception cref="InvalidDataException">More than <paramref name="dataLength"/> bytes are available.</exception>
        public static void CheckAvailable(SafetensorsEntry[] matched, string[] names, int[] order, long dataLength, long available)
        {
            if (available < dataLength) throw Truncated(matched, names, order, Math.Max(0, available));
            if (available > dataLength) throw Trailing(dataLength, available - dataLength);
        }

        /// <summary>The exception for a data section that ends after <paramref name="available"/> of its bytes: names the tensor cut short.</summary>
        public static EndOfStreamException Truncated(SafetensorsEntry[] matched, string[] names, int[] order, long available)
        {
            foreach (int t in order)
            {
                if (matched[t].End > available)
                    return new EndOfStreamException("The data of the tensor '" + names[t] + "' ends at byte " + matched[t].End.ToString(CultureInfo.InvariantCulture) + " of the data section, but the data ends at byte " + available.ToString(CultureInfo.InvariantCulture) + ".");
            }
            return new EndOfStreamException("The safetensors data section ends early.");
        }

        /// <summary>The exception for bytes after the last tensor (<paramref name="extra"/> of them, or an unknown number when negative).</summary>
        public static InvalidDataException Trailing(long dataLength, long extra)
            => new InvalidDataException("The safetensors file has " + (extra < 0 ? "more bytes" : extra.ToString(CultureInfo.InvariantCulture) + " bytes")
                + " after its last tensor, whose data ends at byte " + dataLength.ToString(CultureInfo.InvariantCulture) + " of the data section; a safetensors file ends with its last tensor.");

        /// <summary>
        /// Converts <paramref name="count"/> values of <paramref name="dtype"/> at <paramref name="at"/> into
        /// <paramref name="parameters"/> from <paramref name="parameterOffset"/>, checking that each is finite.
        /// </summary>
        /// <param name="data">The bytes.</param>
        /// <param name="at">Where the first value starts in <paramref name="data"/>.</param>
        /// <param name="dtype">A supported dtype.</param>
        /// <param name="count">How many values.</param>
        /// <param name="parameters">The destination.</param>
        /// <param name="parameterOffset">Where the first value goes.</param>
        /// <param name="name">The tensor's name, for the message.</param>
        /// <param name="firstIndex">The index of the first value within the tensor, for the message.</param>
        /// <exception cref="InvalidDataException">A value is NaN or infinite (or, for F64, outside float's range); the message names the tensor and the index.</exception>
        public static void DecodeValues(byte[] data, int at, string dtype, int count, float[] parameters, int parameterOffset, string name, long firstIndex)
        {
            int size = ElementSize(dtype);
            for (int k = 0; k < count; k++)
            {
                float value = ReadValue(data, at + k * size, dtype);
                if (float.IsNaN(value) || float.IsInfinity(value)) throw NonFinite(data, at + k * size, dtype, name, firstIndex + k);
                parameters[parameterOffset + k] = value;
            }
        }

        /// <summary>
        /// Converts the whole data section, held by <paramref name="data"/> from <paramref name="dataOffset"/>, into
        /// parameters. The entries come from <see cref="Match"/> and <see cref="CheckLayout"/>, and the data must be there.
        /// </summary>
        /// <exception cref="InvalidDataException">A value is not finite; the message names the tensor and the index.</exception>
        public static float[] Decode(SafetensorsEntry[] matched, byte[] data, int dataOffset, string[] names, int[] offsets, int parameterCount)
        {
            var parameters = new float[parameterCount];
            for (int t = 0; t < matched.Length; t++)
            {
                var entry = matched[t];
                int count = (int)((entry.End - entry.Begin) / ElementSize(entry.Dtype));
                DecodeValues(data, dataOffset + (int)entry.Begin, entry.Dtype, count, parameters, offsets[t], names[t], 0);
            }
            return parameters;
        }

        /// <summary>
        /// Writes a whole safetensors file (F32 tensors in parameter order, header padded with spaces to a multiple
        /// of 8 bytes, a <c>{"format":"pt"}</c> metadata entry) into one byte array. Tensors marked in
        /// <paramref name="integers"/> are written as I64 (a BatchNorm's <c>num_batches_tracked</c>, as PyTorch stores it).
        /// </summary>
        public static byte[] Encode(string[] names, int[] offsets, int[][] shapes, float[] parameters, bool[]? integers = null)
        {
            var json = new StringBuilder();
            json.Append('{');
            long position = 0;
            for (int t = 0; t < names.Length; t++)
            {
                long count = 1;
                foreach (int d in shapes[t]) count *= d;
                SafetensorsJson.WriteString(json, names[t]);
                bool integer = integers != null && integers[t];
                json.Append(integer ? ":{\"dtype\":\"I64\",\"shape\":[" : ":{\"dtype\":\"F32\",\"shape\":[");
                for (int d = 0; d < shapes[t].Length; d++)
                {
                    if (d > 0) json.Append(',');
                    json.Append(shapes[t][d].ToString(CultureInfo.InvariantCulture));
                }
                json.Append("],\"data_offsets\":[").Append(position.ToString(CultureInfo.InvariantCulture)).Append(',');
                position += count * (integer ? 8 : 4);
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
                if (integers != null && integers[t])
                {
                    for (int k = 0; k < count; k++)
                    {
                        long value = (long)parameters[offsets[t] + k];
                        for (int b = 0; b < 8; b++) file[at++] = (byte)(value >> (8 * b));
                    }
                    continue;
                }
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
                case "I64": return 8;
                case "I32": return 4;
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
                case "I64":
                {
                    long integer = 0;
                    for (int k = 7; k >= 0; k--) integer = (integer << 8) | data[at + k];
                    return integer;
                }
                case "I32":
                    return data[at] | (data[at + 1] << 8) | (data[at + 2] << 16) | (data[at + 3] << 24);
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

        /// <summary>Reads one tensor entry into <paramref name="scratch"/>, allocating nothing unless it throws.</summary>
        private static void ReadEntry(SafetensorsJsonReader reader, EntryScratch scratch, string? name, char[] key, int stored, bool whole)
        {
            if (reader.Peek() != (byte)'{') throw Invalid(name ?? Label(key, stored, whole), "is not a JSON object");
            bool dtype = false, shape = false, range = false;
            if (reader.BeginObject())
            {
                do
                {
                    bool field = reader.ReadKey(scratch.Key, out int length);
                    if (field && Same(scratch.Key, length, "dtype"))
                    {
                        if (dtype) throw reader.Error("the key \"dtype\" appears twice");
                        dtype = true;
                        if (reader.Peek() != (byte)'"') throw Invalid(name ?? Label(key, stored, whole), "has no \"dtype\" string");
                        scratch.DtypeWhole = reader.ReadString(scratch.Dtype, out scratch.DtypeLength);
                    }
                    else if (field && Same(scratch.Key, length, "shape"))
                    {
                        if (shape) throw reader.Error("the key \"shape\" appears twice");
                        shape = true;
                        scratch.Rank = Integers(reader, scratch.Shape, -1, "shape", name, key, stored, whole);
                    }
                    else if (field && Same(scratch.Key, length, "data_offsets"))
                    {
                        if (range) throw reader.Error("the key \"data_offsets\" appears twice");
                        range = true;
                        Integers(reader, scratch.Range, 2, "data_offsets", name, key, stored, whole);
                    }
                    else
                    {
                        reader.SkipValue(2);
                    }
                }
                while (reader.NextMember());
            }
            if (!dtype) throw Invalid(name ?? Label(key, stored, whole), "has no \"dtype\" string");
            if (!shape) throw Invalid(name ?? Label(key, stored, whole), "has no \"shape\" array");
            if (!range) throw Invalid(name ?? Label(key, stored, whole), "has no \"data_offsets\" array");
            if (scratch.End < scratch.Begin) throw Invalid(name ?? Label(key, stored, whole), "has data_offsets that end before they begin");
        }

        /// <summary>Reads an array of non-negative integers into <paramref name="values"/>; returns how many there were.</summary>
        private static int Integers(SafetensorsJsonReader reader, long[] values, int requiredCount, string field, string? name, char[] key, int stored, bool whole)
        {
            if (reader.Peek() != (byte)'[') throw Invalid(name ?? Label(key, stored, whole), "has no \"" + field + "\" array");
            int count = 0;
            if (reader.BeginArray())
            {
                do
                {
                    if (count == values.Length)
                    {
                        throw Invalid(name ?? Label(key, stored, whole), requiredCount >= 0
                            ? "has a \"" + field + "\" array of more than " + requiredCount.ToString(CultureInfo.InvariantCulture) + " numbers, expected " + requiredCount.ToString(CultureInfo.InvariantCulture)
                            : "has a \"" + field + "\" array of more than " + MaxRank.ToString(CultureInfo.InvariantCulture) + " dimensions");
                    }
                    if (!reader.ReadNonNegativeInteger(out long value))
                        throw Invalid(name ?? Label(key, stored, whole), "has a \"" + field + "\" entry that is not a non-negative integer");
                    values[count++] = value;
                }
                while (reader.NextElement());
            }
            if (requiredCount >= 0 && count != requiredCount)
                throw Invalid(name ?? Label(key, stored, whole), "has a \"" + field + "\" array of " + count.ToString(CultureInfo.InvariantCulture) + " numbers, expected " + requiredCount.ToString(CultureInfo.InvariantCulture));
            return count;
        }

        private static bool Same(char[] buffer, int length, string text)
        {
            if (length != text.Length) return false;
            for (int k = 0; k < length; k++)
            {
                if (buffer[k] != text[k]) return false;
            }
            return true;
        }

        private static string? Find(string[] names, char[] key, int length)
        {
            foreach (string name in names)
            {
                if (Same(key, length, name)) return name;
            }
            return null;
        }

        /// <summary>A key for a message: the part that was stored, with an ellipsis when it was longer.</summary>
        private static string Label(char[] key, int stored, bool whole) => new string(key, 0, stored) + (whole ? "" : "\u2026");

        private static long Count(int[] shape)
        {
            long count = 1;
            foreach (int d in shape) count *= d;
            return count;
        }

        private static string Range(SafetensorsEntry entry)
            => "[" + entry.Begin.ToString(CultureInfo.InvariantCulture) + ", " + entry.End.ToString(CultureInfo.InvariantCulture) + ")";

        private static InvalidDataException NonFinite(byte[] data, int at, string dtype, string name, long index)
        {
            string value;
            if (dtype == "F64")
            {
                long bits = 0;
                for (int k = 7; k >= 0; k--) bits = (bits << 8) | data[at + k];
                double d = new DoubleBits { Int64 = bits }.Double;
                value = double.IsNaN(d) || double.IsInfinity(d)
                    ? d.ToString(CultureInfo.InvariantCulture)
                    : d.ToString("R", CultureInfo.InvariantCulture) + ", outside float's range,";
            }
            else
            {
                value = ReadValue(data, at, dtype).ToString(CultureInfo.InvariantCulture);
            }
            return new InvalidDataException("The tensor '" + name + "' holds " + value + " at index " + index.ToString(CultureInfo.InvariantCulture) + "; NetGen loads only finite weights.");
        }

        /// <summary>What <see cref="ReadEntry"/> reads, in buffers reused for every entry.</summary>
        private sealed class EntryScratch
        {
            private static readonly string[] KnownDtypes = { "F32", "F16", "BF16", "F64" };

            public readonly char[] Key = new char[16];
            public readonly char[] Dtype = new char[16];
            public readonly long[] Shape = new long[MaxRank];
            public readonly long[] Range = new long[2];
            public int DtypeLength;
            public bool DtypeWhole;
            public int Rank;

            public long Begin => Range[0];

            public long End => Range[1];

            /// <summary>The dtype, as one of the shared constants for the supported ones.</summary>
            public string DtypeText()
            {
                if (DtypeWhole)
                {
                    foreach (string known in KnownDtypes)
                    {
                        if (Same(Dtype, DtypeLength, known)) return known;
                    }
                }
                return Label(Dtype, DtypeLength, DtypeWhole);
            }
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

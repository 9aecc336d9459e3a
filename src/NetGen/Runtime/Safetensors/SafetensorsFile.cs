using System;
using System.ComponentModel;
using System.IO;

namespace NetGen.Runtime
{
    /// <summary>
    /// Reads and writes network parameters in PyTorch's safetensors format, used by the generated
    /// <c>LoadSafetensors</c> and <c>SaveSafetensors</c>. This type is infrastructure for generated code.
    /// </summary>
    /// <remarks>
    /// Reading accepts F32, F16, BF16 and F64 tensors (converted to float) and ignores the <c>__metadata__</c> entry.
    /// The file must hold exactly the network's tensors with exactly their shapes, their data must fill the data section
    /// exactly (no gap, no overlap, nothing after the last tensor), and every value must be finite. A file is checked
    /// against the network before its data is read, so a hostile one costs at most the header bound (64 KiB plus 1 KiB
    /// per tensor), the parameters and a 64 KiB buffer, and fails with <see cref="InvalidDataException"/> or
    /// <see cref="EndOfStreamException"/>, never <see cref="OutOfMemoryException"/>. Writing produces F32 tensors in
    /// parameter order, the header padded with spaces to a multiple of 8 bytes, and <c>{"format":"pt"}</c> metadata,
    /// which <c>safetensors.torch.load_file</c> reads.
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class SafetensorsFile
    {
        /// <summary>The largest buffer the data is read through (a multiple of every element size).</summary>
        private const int ChunkBytes = 64 * 1024;

        /// <summary>
        /// Reads a safetensors file from <paramref name="stream"/> and returns the parameters it holds for
        /// <paramref name="tensors"/>, in a new array. The caller's network is not touched, so a bad file leaves it unchanged.
        /// </summary>
        /// <remarks>
        /// <para>
        /// The header is checked against the network before any tensor data is read: its length field must be at most
        /// 64 KiB (room for a generous <c>__metadata__</c>) plus 1 KiB per tensor (an entry takes under 100 bytes), it
        /// must name exactly the network's tensors with their shapes, a supported dtype and data ranges of their size,
        /// and the ranges must fill the data section exactly (the first at 0, each where the one before ends: no gap, no overlap). The data section must then
        /// end the stream: for a seekable stream its remaining length is checked before reading; a non-seekable stream
        /// is read one byte past the data to check that it ends there. Every value must be finite.
        /// </para>
        /// <para>
        /// So a hostile or corrupt file costs at most the header bound, the parameters (4 bytes each), a 64 KiB read
        /// buffer and a few small objects per tensor; it never makes the reader allocate from a length the file claims,
        /// and the only exceptions it causes are <see cref="InvalidDataException"/> and <see cref="EndOfStreamException"/>
        /// (besides those of the stream itself).
        /// </para>
        /// </remarks>
        /// <param name="stream">A readable stream positioned at the start of the file.</param>
        /// <param name="tensors">The network's tensors.</param>
        /// <param name="parameterCount">The network's parameter count.</param>
        /// <returns>The parameters, <paramref name="parameterCount"/> values.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="tensors"/> is null.</exception>
        /// <exception cref="InvalidDataException">
        /// The header length is over the bound; the header is not valid; a tensor is missing, extra, mis-shaped, of an
        /// unsupported dtype or of the wrong byte size; tensors overlap or leave a gap; bytes follow the last tensor; or
        /// a value is NaN or infinite. The message names the tensor (and the index of a non-finite value).
        /// </exception>
        /// <exception cref="EndOfStreamException">The stream ends before the header or a tensor's data does (the message names the tensor).</exception>
        /// <exception cref="IOException">The stream failed.</exception>
        public static float[] Read(Stream stream, SafetensorsTensor[] tensors, int parameterCount)
        {
            if (stream is null) throw new ArgumentNullException(nameof(stream));
            if (tensors is null) throw new ArgumentNullException(nameof(tensors));
            Layout(tensors, out string[] names, out int[] offsets, out int[][] shapes);

            var prefix = new byte[8];
            ReadExactly(stream, prefix, "the 8-byte header length");
            int headerLength = SafetensorsFormat.HeaderLength(prefix, 0, tensors.Length);
            var header = new byte[headerLength];
            ReadExactly(stream, header, "the header");
            var entries = SafetensorsFormat.ParseHeader(header, 0, headerLength, names, out string? extra);
            var integers = new bool[tensors.Length];
            for (int t = 0; t < tensors.Length; t++) integers[t] = tensors[t].Integer;
            SafetensorsEntry[] matched = SafetensorsFormat.Match(entries, extra, names, shapes, integers);
            long dataLength = SafetensorsFormat.CheckLayout(matched, names, out int[] order);
            if (stream.CanSeek)
            {
                SafetensorsFormat.CheckAvailable(matched, names, order, dataLength, stream.Length - stream.Position);
            }

            var parameters = new float[parameterCount];
            var buffer = new byte[Math.Max(1, Math.Min(ChunkBytes, dataLength))];
            long position = 0;
            foreach (int t in order)
            {
                var entry = matched[t];
                int size = SafetensorsFormat.ElementSize(entry.Dtype);
                long count = (entry.End - entry.Begin) / size;
                // Whole values per read: the buffer is a multiple of 8 bytes, or holds the whole data section.
                int perChunk = buffer.Length / size;
                for (long done = 0; done < count;)
                {
                    int n = (int)Math.Min(perChunk, count - done);
                    int got = ReadAtMost(stream, buffer, n * size);
                    if (got < n * size) throw SafetensorsFormat.Truncated(matched, names, order, position + got);
                    SafetensorsFormat.DecodeValues(buffer, 0, entry.Dtype, n, parameters, offsets[t] + (int)done, names[t], done);
                    done += n;
                    position += got;
                }
            }
            if (!stream.CanSeek && ReadAtMost(stream, buffer, 1) > 0) throw SafetensorsFormat.Trailing(dataLength, -1);
            return parameters;
        }

        /// <summary>Writes <paramref name="parameters"/> as F32 tensors named by <paramref name="tensors"/>, with one write call.</summary>
        /// <param name="stream">A writable stream.</param>
        /// <param name="tensors">The network's tensors.</param>
        /// <param name="parameters">The network's parameters.</param>
        /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="tensors"/> is null.</exception>
        /// <exception cref="ArgumentException">A tensor lies outside <paramref name="parameters"/>.</exception>
        public static void Write(Stream stream, SafetensorsTensor[] tensors, ReadOnlySpan<float> parameters)
        {
            if (stream is null) throw new ArgumentNullException(nameof(stream));
            if (tensors is null) throw new ArgumentNullException(nameof(tensors));
            foreach (var tensor in tensors)
            {
                if ((long)tensor.Offset + tensor.Count > parameters.Length)
                    throw new ArgumentException("The tensor '" + tensor.Name + "' lies outside the parameters.", nameof(parameters));
            }
            Layout(tensors, out string[] names, out int[] offsets, out int[][] shapes);
            var integers = new bool[tensors.Length];
            for (int t = 0; t < tensors.Length; t++) integers[t] = tensors[t].Integer;
            byte[] file = SafetensorsFormat.Encode(names, offsets, shapes, parameters.ToArray(), integers);
            stream.Write(file, 0, file.Length);
        }

        private static void Layout(SafetensorsTensor[] tensors, out string[] names, out int[] offsets, out int[][] shapes)
        {
            names = new string[tensors.Length];
            offsets = new int[tensors.Length];
            shapes = new int[tensors.Length][];
            for (int t = 0; t < tensors.Length; t++)
            {
                names[t] = tensors[t].Name;
                offsets[t] = tensors[t].Offset;
                shapes[t] = tensors[t].ShapeArray;
            }
        }

        private static void ReadExactly(Stream stream, byte[] buffer, string what)
        {
            if (ReadAtMost(stream, buffer, buffer.Length) != buffer.Length)
                throw new EndOfStreamException("The stream ended inside " + what + " of the safetensors file.");
        }

        private static int ReadAtMost(Stream stream, byte[] buffer, int count)
        {
            int total = 0;
            while (total < count)
            {
                int n = stream.Read(buffer, total, count - total);
                if (n <= 0) break;
                total += n;
            }
            return total;
        }
    }
}

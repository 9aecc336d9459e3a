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
    /// The file must hold exactly the network's tensors with exactly their shapes. Writing produces F32 tensors in
    /// parameter order, the header padded with spaces to a multiple of 8 bytes, and <c>{"format":"pt"}</c> metadata,
    /// which <c>safetensors.torch.load_file</c> reads.
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class SafetensorsFile
    {
        /// <summary>
        /// Reads a safetensors file from <paramref name="stream"/> and returns the parameters it holds for
        /// <paramref name="tensors"/>, in a new array. The caller's network is not touched, so a bad file leaves it unchanged.
        /// </summary>
        /// <param name="stream">A readable stream positioned at the start of the file.</param>
        /// <param name="tensors">The network's tensors.</param>
        /// <param name="parameterCount">The network's parameter count.</param>
        /// <returns>The parameters, <paramref name="parameterCount"/> values.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="tensors"/> is null.</exception>
        /// <exception cref="InvalidDataException">
        /// The header is not valid, or a tensor is missing, extra, mis-shaped or of an unsupported dtype (the message names it).
        /// </exception>
        /// <exception cref="EndOfStreamException">The stream ends before the header or a tensor's data does.</exception>
        public static float[] Read(Stream stream, SafetensorsTensor[] tensors, int parameterCount)
        {
            if (stream is null) throw new ArgumentNullException(nameof(stream));
            if (tensors is null) throw new ArgumentNullException(nameof(tensors));
            var prefix = new byte[8];
            ReadExactly(stream, prefix, "the 8-byte header length");
            int headerLength = SafetensorsFormat.HeaderLength(prefix, 0);
            var header = new byte[headerLength];
            ReadExactly(stream, header, "the header");
            var entries = SafetensorsFormat.ParseHeader(header, 0, headerLength);
            int dataLength = SafetensorsFormat.DataLength(entries);
            var data = new byte[dataLength];
            int read = ReadAtMost(stream, data);
            Layout(tensors, out string[] names, out int[] offsets, out int[][] shapes);
            return SafetensorsFormat.Decode(entries, data, 0, read, names, offsets, shapes, parameterCount);
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
            byte[] file = SafetensorsFormat.Encode(names, offsets, shapes, parameters.ToArray());
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
            if (ReadAtMost(stream, buffer) != buffer.Length)
                throw new EndOfStreamException("The stream ended inside " + what + " of the safetensors file.");
        }

        private static int ReadAtMost(Stream stream, byte[] buffer)
        {
            int total = 0;
            while (total < buffer.Length)
            {
                int n = stream.Read(buffer, total, buffer.Length - total);
                if (n <= 0) break;
                total += n;
            }
            return total;
        }
    }
}

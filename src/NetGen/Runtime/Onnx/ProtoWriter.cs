using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;

namespace NetGen.Runtime.Onnx
{
    /// <summary>
    /// A minimal protobuf encoder (the wire format only, no schema): varint fields (wire type 0), fixed32 floats (5) and
    /// length-delimited fields (2: strings, bytes, nested messages). Fields are written in the order they are added, so the
    /// same calls give the same bytes. <see cref="OnnxGraphBuilder"/> writes ONNX models with it.
    /// </summary>
    public sealed class ProtoWriter
    {
        private readonly MemoryStream _stream = new MemoryStream();

        /// <summary>Bytes written so far.</summary>
        public long Length => _stream.Length;

        /// <summary>A varint field (int32, int64, enum, bool); a negative value takes ten bytes, as protobuf's int64 does.</summary>
        /// <param name="field">The field number.</param>
        /// <param name="value">The value.</param>
        public void Varint(int field, long value)
        {
            Tag(field, 0);
            Raw((ulong)value);
        }

        /// <summary>A fixed32 float field (little-endian IEEE 754).</summary>
        /// <param name="field">The field number.</param>
        /// <param name="value">The value.</param>
        public void Fixed32(int field, float value)
        {
            Tag(field, 5);
            Span<byte> bytes = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(bytes, BitConverter.SingleToInt32Bits(value));
            _stream.Write(bytes);
        }

        /// <summary>A string field (UTF-8).</summary>
        /// <param name="field">The field number.</param>
        /// <param name="value">The text.</param>
        /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
        public void String(int field, string value)
        {
            if (value is null) throw new ArgumentNullException(nameof(value));
            Bytes(field, Encoding.UTF8.GetBytes(value));
        }

        /// <summary>A bytes field.</summary>
        /// <param name="field">The field number.</param>
        /// <param name="value">The bytes.</param>
        public void Bytes(int field, ReadOnlySpan<byte> value)
        {
            Tag(field, 2);
            Raw((ulong)value.Length);
            _stream.Write(value);
        }

        /// <summary>A bytes field.</summary>
        /// <param name="field">The field number.</param>
        /// <param name="value">The bytes.</param>
        /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
        public void Bytes(int field, byte[] value)
        {
            if (value is null) throw new ArgumentNullException(nameof(value));
            Bytes(field, new ReadOnlySpan<byte>(value));
        }

        /// <summary>A nested message field: the bytes another writer holds.</summary>
        /// <param name="field">The field number.</param>
        /// <param name="message">The message's writer.</param>
        /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
        public void Message(int field, ProtoWriter message)
        {
            if (message is null) throw new ArgumentNullException(nameof(message));
            Tag(field, 2);
            Raw((ulong)message._stream.Length);
            message._stream.Position = 0;
            message._stream.CopyTo(_stream);
        }

        /// <summary>Appends another writer's fields as they are (fields of the same message).</summary>
        /// <param name="other">The writer whose bytes are appended.</param>
        /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
        public void Append(ProtoWriter other)
        {
            if (other is null) throw new ArgumentNullException(nameof(other));
            other._stream.Position = 0;
            other._stream.CopyTo(_stream);
        }

        /// <summary>The bytes written so far, in a new array.</summary>
        /// <returns>The encoded message.</returns>
        public byte[] ToArray() => _stream.ToArray();

        /// <summary>Copies the bytes written so far to <paramref name="stream"/>.</summary>
        /// <param name="stream">A writable stream.</param>
        /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
        public void WriteTo(Stream stream)
        {
            if (stream is null) throw new ArgumentNullException(nameof(stream));
            _stream.WriteTo(stream);
        }

        private void Tag(int field, int wireType) => Raw(((ulong)(uint)field << 3) | (uint)wireType);

        private void Raw(ulong value)
        {
            while (value >= 0x80)
            {
                _stream.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }

            _stream.WriteByte((byte)value);
        }
    }
}

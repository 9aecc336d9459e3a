using System;
using System.Buffers.Binary;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace NetGen.Runtime;

/// <summary>
/// Writes and reads NetGen's versioned binary network file, used by the generated <c>Save</c> and <c>Load</c>.
/// This type is infrastructure for generated code.
/// </summary>
/// <remarks>
/// <para>The layout (version 1), every value little-endian:</para>
/// <list type="number">
/// <item><description>magic: the 4 ASCII bytes <c>NGEN</c>;</description></item>
/// <item><description>int32 format version (<see cref="FormatVersion"/>);</description></item>
/// <item><description>uint64 fingerprint of the network's layout;</description></item>
/// <item><description>int32 parameter count <c>P</c>, then <c>P</c> float32 parameters;</description></item>
/// <item><description>float32 learning rate; int64 step count;</description></item>
/// <item><description>int32 momentum length (0 or <c>P</c>) and that many float32 values;</description></item>
/// <item><description>int32 Adam first-moment length (0 or <c>P</c>) and that many float32 values;</description></item>
/// <item><description>int32 Adam second-moment length (0 or <c>P</c>) and that many float32 values;</description></item>
/// <item><description>uint64 state of the dropout generator;</description></item>
/// <item><description>sequence networks only (their layout fingerprint is of their own): int32 streaming-state length
/// <c>S</c> and <c>S</c> float32 values, the network's own recurrent state (<c>Predict</c>'s);</description></item>
/// <item><description>uint32 CRC-32 (<see cref="Crc32"/>) of every byte before it.</description></item>
/// </list>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class NetworkFile
{
    /// <summary>The format version this library writes and the only one it reads.</summary>
    public const int FormatVersion = 1;

    private const int HeaderSize = 4 + 4 + 8 + 4;
    private const int TrailerSize = 8 + 4;
    private const int FloatsPerChunk = 16384;

    // The largest byte[] the runtime allows.
    private const long MaxImageLength = 0x7FFFFFC7;

    private static ReadOnlySpan<byte> Magic => new byte[] { (byte)'N', (byte)'G', (byte)'E', (byte)'N' };

    /// <summary>
    /// Writes one network file to <paramref name="stream"/>. The whole image is built in memory first and written
    /// with a single <see cref="Stream.Write(byte[], int, int)"/>, so nothing is written when an argument is invalid.
    /// </summary>
    /// <param name="stream">The stream to write to, at its current position.</param>
    /// <param name="fingerprint">The fingerprint of the network's layout.</param>
    /// <param name="parameters">The parameters; all finite.</param>
    /// <param name="learningRate">The current learning rate; finite and positive.</param>
    /// <param name="step">The number of optimizer steps taken; non-negative.</param>
    /// <param name="momentum">The SGD momentum buffer: empty, or one finite value per parameter.</param>
    /// <param name="adamM">Adam's first moments: empty, or one finite value per parameter.</param>
    /// <param name="adamV">Adam's second moments: empty, or one finite value per parameter.</param>
    /// <param name="dropoutState">The raw state of the dropout generator.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// A length of <paramref name="momentum"/>, <paramref name="adamM"/> or <paramref name="adamV"/> is neither 0 nor
    /// the length of <paramref name="parameters"/>; a value is not finite; the image would exceed the largest array.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="learningRate"/> is not finite and positive, or <paramref name="step"/> is negative.
    /// </exception>
    /// <exception cref="IOException">The stream failed.</exception>
    public static void Write(
        Stream stream,
        ulong fingerprint,
        ReadOnlySpan<float> parameters,
        float learningRate,
        long step,
        ReadOnlySpan<float> momentum,
        ReadOnlySpan<float> adamM,
        ReadOnlySpan<float> adamV,
        ulong dropoutState)
        => Write(stream, fingerprint, parameters, learningRate, step, momentum, adamM, adamV, dropoutState, streamingState: ReadOnlySpan<float>.Empty, hasStreamingState: false);

    /// <summary>
    /// Writes the file of a sequence network: as <see cref="Write(Stream, ulong, ReadOnlySpan{float}, float, long, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ulong)"/>,
    /// followed by the network's streaming state (its length, then its values) before the CRC-32.
    /// </summary>
    /// <param name="stream">The stream to write to, at its current position.</param>
    /// <param name="fingerprint">The fingerprint of the network's layout.</param>
    /// <param name="parameters">The parameters; all finite.</param>
    /// <param name="learningRate">The current learning rate; finite and positive.</param>
    /// <param name="step">The number of optimizer steps taken; non-negative.</param>
    /// <param name="momentum">The SGD momentum buffer: empty, or one finite value per parameter.</param>
    /// <param name="adamM">Adam's first moments: empty, or one finite value per parameter.</param>
    /// <param name="adamV">Adam's second moments: empty, or one finite value per parameter.</param>
    /// <param name="dropoutState">The raw state of the dropout generator.</param>
    /// <param name="streamingState">The recurrent state <c>Predict</c> carries from one step to the next; all finite.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">As the other overload, or a state value is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As the other overload.</exception>
    /// <exception cref="IOException">The stream failed.</exception>
    public static void Write(
        Stream stream,
        ulong fingerprint,
        ReadOnlySpan<float> parameters,
        float learningRate,
        long step,
        ReadOnlySpan<float> momentum,
        ReadOnlySpan<float> adamM,
        ReadOnlySpan<float> adamV,
        ulong dropoutState,
        ReadOnlySpan<float> streamingState)
        => Write(stream, fingerprint, parameters, learningRate, step, momentum, adamM, adamV, dropoutState, streamingState, hasStreamingState: true);

    private static void Write(
        Stream stream,
        ulong fingerprint,
        ReadOnlySpan<float> parameters,
        float learningRate,
        long step,
        ReadOnlySpan<float> momentum,
        ReadOnlySpan<float> adamM,
        ReadOnlySpan<float> adamV,
        ulong dropoutState,
        ReadOnlySpan<float> streamingState,
        bool hasStreamingState)
    {
        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }

        int count = parameters.Length;
        CheckSectionArgument(momentum, count, nameof(momentum));
        CheckSectionArgument(adamM, count, nameof(adamM));
        CheckSectionArgument(adamV, count, nameof(adamV));
        CheckFiniteArgument(parameters, nameof(parameters));
        CheckFiniteArgument(streamingState, nameof(streamingState));
        if (!IsFinite(learningRate) || learningRate <= 0f)
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be finite and positive.");
        }

        if (step < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step count must not be negative.");
        }

        long length = HeaderSize + 4L * count + 4 + 8
            + 4 + 4L * momentum.Length
            + 4 + 4L * adamM.Length
            + 4 + 4L * adamV.Length
            + (hasStreamingState ? 4 + 4L * streamingState.Length : 0)
            + TrailerSize;
        if (length > MaxImageLength)
        {
            throw new ArgumentException($"{count} parameters with their optimizer state need {length} bytes, more than one file image can hold.", nameof(parameters));
        }

        var image = new byte[length];
        Span<byte> span = image;
        int offset = 0;
        Magic.CopyTo(span);
        offset += Magic.Length;
        BinaryPrimitives.WriteInt32LittleEndian(span.Slice(offset), FormatVersion);
        offset += 4;
        BinaryPrimitives.WriteUInt64LittleEndian(span.Slice(offset), fingerprint);
        offset += 8;
        BinaryPrimitives.WriteInt32LittleEndian(span.Slice(offset), count);
        offset += 4;
        offset = WriteFloats(span, offset, parameters);
        BinaryPrimitives.WriteInt32LittleEndian(span.Slice(offset), BitConverter.SingleToInt32Bits(learningRate));
        offset += 4;
        BinaryPrimitives.WriteInt64LittleEndian(span.Slice(offset), step);
        offset += 8;
        offset = WriteSection(span, offset, momentum);
        offset = WriteSection(span, offset, adamM);
        offset = WriteSection(span, offset, adamV);
        BinaryPrimitives.WriteUInt64LittleEndian(span.Slice(offset), dropoutState);
        offset += 8;
        if (hasStreamingState)
        {
            offset = WriteSection(span, offset, streamingState);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(span.Slice(offset), Crc32.Compute(span.Slice(0, offset)));

        stream.Write(image, 0, image.Length);
    }

    /// <summary>
    /// Reads one network file from <paramref name="stream"/> and validates all of it before returning. The stream is read
    /// sequentially (it need not be seekable) and never past the end of the file.
    /// </summary>
    /// <remarks>
    /// No length in the file is trusted: the parameter count must equal <paramref name="expectedParameterCount"/> and each
    /// optimizer section's length must be 0 or that count before anything is allocated from it, and the values are read
    /// in chunks of at most 64 KiB. So a hostile or corrupt file makes this allocate at most 16 bytes per parameter (the
    /// parameters and three optimizer sections) plus a constant; the generated <c>Load</c> and <c>Restore</c> call the
    /// overload that also requires the network's own optimizer sections, so there it is at most what the network holds.
    /// It fails with
    /// <see cref="InvalidDataException"/> or <see cref="EndOfStreamException"/>, never <see cref="OutOfMemoryException"/>.
    /// </remarks>
    /// <param name="stream">The stream to read from, at its current position.</param>
    /// <param name="expectedFingerprint">The fingerprint of the layout of the network being loaded.</param>
    /// <param name="expectedParameterCount">The parameter count of the network being loaded.</param>
    /// <returns>The validated contents of the file.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expectedParameterCount"/> is negative.</exception>
    /// <exception cref="EndOfStreamException">The stream ends before the file does (a truncated file).</exception>
    /// <exception cref="InvalidDataException">
    /// The data is not a NetGen network file, has an unsupported format version, was saved from a different layout
    /// (fingerprint or parameter count), has an invalid section length, a non-finite value, a learning rate that is
    /// not finite and positive, a negative step count, or a CRC-32 that does not match (a corrupted file).
    /// </exception>
    /// <exception cref="IOException">The stream failed.</exception>
    public static NetworkFileContents Read(Stream stream, ulong expectedFingerprint, int expectedParameterCount)
        => Read(stream, expectedFingerprint, expectedParameterCount, momentumLength: -1, adamLength: -1);

    /// <summary>
    /// Reads one network file like <see cref="Read(Stream, ulong, int)"/>, and also requires the optimizer sections of the
    /// network being loaded: a momentum section of <paramref name="momentumLength"/> values and Adam sections of
    /// <paramref name="adamLength"/> values each (0 or the parameter count; -1 accepts either). A file whose sections do not
    /// match is rejected before they are allocated, so a hostile file costs at most what the network itself holds.
    /// </summary>
    /// <param name="stream">The stream to read from, at its current position.</param>
    /// <param name="expectedFingerprint">The fingerprint of the layout of the network being loaded.</param>
    /// <param name="expectedParameterCount">The parameter count of the network being loaded.</param>
    /// <param name="momentumLength">Length of the network's momentum buffer (0 or the parameter count), or -1 for either.</param>
    /// <param name="adamLength">Length of each of the network's Adam moment buffers (0 or the parameter count), or -1 for either.</param>
    /// <returns>The validated contents of the file.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="expectedParameterCount"/> is negative, or a section length is not -1, 0 or the parameter count.
    /// </exception>
    /// <exception cref="EndOfStreamException">The stream ends before the file does (a truncated file).</exception>
    /// <exception cref="InvalidDataException">
    /// As <see cref="Read(Stream, ulong, int)"/>, or the file's optimizer state does not match the network's optimizer.
    /// </exception>
    /// <exception cref="IOException">The stream failed.</exception>
    public static NetworkFileContents Read(Stream stream, ulong expectedFingerprint, int expectedParameterCount, int momentumLength, int adamLength)
        => Read(stream, expectedFingerprint, expectedParameterCount, momentumLength, adamLength, streamingStateLength: -1);

    /// <summary>
    /// Reads the file of a sequence network: as <see cref="Read(Stream, ulong, int, int, int)"/>, and also its streaming-state
    /// section, which must hold exactly <paramref name="streamingStateLength"/> values (checked before it is allocated).
    /// </summary>
    /// <param name="stream">The stream to read from, at its current position.</param>
    /// <param name="expectedFingerprint">The fingerprint of the layout of the network being loaded.</param>
    /// <param name="expectedParameterCount">The parameter count of the network being loaded.</param>
    /// <param name="momentumLength">Length of the network's momentum buffer (0 or the parameter count), or -1 for either.</param>
    /// <param name="adamLength">Length of each of the network's Adam moment buffers (0 or the parameter count), or -1 for either.</param>
    /// <param name="streamingStateLength">The network's streaming-state length (0 or more); -1 reads a file without that section.</param>
    /// <returns>The validated contents of the file; <see cref="NetworkFileContents.StreamingState"/> holds the state.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As the other overloads, or <paramref name="streamingStateLength"/> is below -1.</exception>
    /// <exception cref="EndOfStreamException">The stream ends before the file does (a truncated file).</exception>
    /// <exception cref="InvalidDataException">As the other overloads, or the state section has another length or a non-finite value.</exception>
    /// <exception cref="IOException">The stream failed.</exception>
    public static NetworkFileContents Read(Stream stream, ulong expectedFingerprint, int expectedParameterCount, int momentumLength, int adamLength, int streamingStateLength)
    {
        if (streamingStateLength < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(streamingStateLength), streamingStateLength, "The streaming-state length must be -1 (no section) or at least 0.");
        }

        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }

        if (expectedParameterCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(expectedParameterCount), expectedParameterCount, "The parameter count must not be negative.");
        }

        CheckSectionLength(momentumLength, expectedParameterCount, nameof(momentumLength));
        CheckSectionLength(adamLength, expectedParameterCount, nameof(adamLength));

        uint crc = 0;
        Span<byte> header = stackalloc byte[HeaderSize];
        ReadExactly(stream, header, "header", ref crc);
        if (!header.Slice(0, 4).SequenceEqual(Magic))
        {
            throw new InvalidDataException("The data is not a NetGen network file (the magic bytes \"NGEN\" are missing).");
        }

        int version = BinaryPrimitives.ReadInt32LittleEndian(header.Slice(4));
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"Unsupported NetGen network file format version {version}; this library reads version {FormatVersion}.");
        }

        ulong fingerprint = BinaryPrimitives.ReadUInt64LittleEndian(header.Slice(8));
        if (fingerprint != expectedFingerprint)
        {
            throw new InvalidDataException(
                $"The file was saved from a different network layout (fingerprint 0x{fingerprint:X16}, this network 0x{expectedFingerprint:X16}).");
        }

        int count = BinaryPrimitives.ReadInt32LittleEndian(header.Slice(16));
        if (count != expectedParameterCount)
        {
            throw new InvalidDataException($"The file holds {count} parameters; this network has {expectedParameterCount}.");
        }

        float[] parameters = ReadFloats(stream, count, "parameters", ref crc);

        Span<byte> scalars = stackalloc byte[12];
        ReadExactly(stream, scalars, "learning rate and step count", ref crc);
        float learningRate = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadInt32LittleEndian(scalars));
        long step = BinaryPrimitives.ReadInt64LittleEndian(scalars.Slice(4));

        float[] momentum = ReadSection(stream, count, momentumLength, "momentum", ref crc);
        float[] adamM = ReadSection(stream, count, adamLength, "Adam first moments", ref crc);
        float[] adamV = ReadSection(stream, count, adamLength, "Adam second moments", ref crc);

        Span<byte> dropout = stackalloc byte[8];
        ReadExactly(stream, dropout, "dropout generator state", ref crc);
        ulong dropoutState = BinaryPrimitives.ReadUInt64LittleEndian(dropout);

        float[] streamingState = Array.Empty<float>();
        if (streamingStateLength >= 0)
        {
            Span<byte> stateLength = stackalloc byte[4];
            ReadExactly(stream, stateLength, "streaming-state length", ref crc);
            int length = BinaryPrimitives.ReadInt32LittleEndian(stateLength);
            if (length != streamingStateLength)
            {
                throw new InvalidDataException($"The file's streaming state holds {length} values; this network's holds {streamingStateLength}.");
            }

            streamingState = ReadFloats(stream, length, "streaming state", ref crc);
        }

        Span<byte> checksum = stackalloc byte[4];
        uint ignored = 0;
        ReadExactly(stream, checksum, "CRC-32", ref ignored);
        uint storedCrc = BinaryPrimitives.ReadUInt32LittleEndian(checksum);
        if (storedCrc != crc)
        {
            throw new InvalidDataException($"The network file is corrupted: its CRC-32 is 0x{storedCrc:X8}, its contents give 0x{crc:X8}.");
        }

        CheckFiniteData(parameters, "parameters");
        CheckFiniteData(momentum, "momentum");
        CheckFiniteData(adamM, "Adam first moments");
        CheckFiniteData(adamV, "Adam second moments");
        CheckFiniteData(streamingState, "streaming state");
        if (!IsFinite(learningRate) || learningRate <= 0f)
        {
            throw new InvalidDataException($"The network file's learning rate {learningRate} is not finite and positive.");
        }

        if (step < 0)
        {
            throw new InvalidDataException($"The network file's step count {step} is negative.");
        }

        return new NetworkFileContents(parameters, learningRate, step, momentum, adamM, adamV, dropoutState, streamingState);
    }

    private static void CheckSectionArgument(ReadOnlySpan<float> section, int parameterCount, string paramName)
    {
        if (section.Length != 0 && section.Length != parameterCount)
        {
            throw new ArgumentException($"Expected length 0 or {parameterCount}, got {section.Length}.", paramName);
        }

        CheckFiniteArgument(section, paramName);
    }

    private static void CheckFiniteArgument(ReadOnlySpan<float> values, string paramName)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!IsFinite(values[i]))
            {
                throw new ArgumentException($"The value at index {i} is {values[i]}; only finite values can be saved.", paramName);
            }
        }
    }

    private static void CheckFiniteData(float[] values, string part)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!IsFinite(values[i]))
            {
                throw new InvalidDataException($"The network file's {part} hold a non-finite value ({values[i]}) at index {i}.");
            }
        }
    }

    private static bool IsFinite(float value) => !float.IsNaN(value) && !float.IsInfinity(value);

    private static int WriteSection(Span<byte> image, int offset, ReadOnlySpan<float> values)
    {
        BinaryPrimitives.WriteInt32LittleEndian(image.Slice(offset), values.Length);
        return WriteFloats(image, offset + 4, values);
    }

    private static int WriteFloats(Span<byte> image, int offset, ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(values).CopyTo(image.Slice(offset));
            return offset + 4 * values.Length;
        }

        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(image.Slice(offset), BitConverter.SingleToInt32Bits(values[i]));
            offset += 4;
        }

        return offset;
    }

    private static void CheckSectionLength(int length, int parameterCount, string paramName)
    {
        if (length != -1 && length != 0 && length != parameterCount)
        {
            throw new ArgumentOutOfRangeException(paramName, length, $"A section length must be -1 (either), 0 or the parameter count {parameterCount}.");
        }
    }

    private static float[] ReadSection(Stream stream, int parameterCount, int requiredLength, string part, ref uint crc)
    {
        Span<byte> lengthBytes = stackalloc byte[4];
        ReadExactly(stream, lengthBytes, part + " length", ref crc);
        int length = BinaryPrimitives.ReadInt32LittleEndian(lengthBytes);
        if (length != 0 && length != parameterCount)
        {
            throw new InvalidDataException($"The network file's {part} section has length {length}; expected 0 or {parameterCount}.");
        }

        if (requiredLength != -1 && length != requiredLength)
        {
            throw new InvalidDataException(
                $"The file's optimizer state does not match this network's optimizer: its {part} section has {length} values, this network keeps {requiredLength}.");
        }

        return ReadFloats(stream, length, part, ref crc);
    }

    private static float[] ReadFloats(Stream stream, int count, string part, ref uint crc)
    {
        if (count == 0)
        {
            return Array.Empty<float>();
        }

        var values = new float[count];
        for (int start = 0; start < count; start += FloatsPerChunk)
        {
            Span<float> chunk = values.AsSpan(start, Math.Min(FloatsPerChunk, count - start));
            Span<byte> bytes = MemoryMarshal.AsBytes(chunk);
            ReadExactly(stream, bytes, part, ref crc, 4L * start, 4L * count);
            if (!BitConverter.IsLittleEndian)
            {
                Span<int> bits = MemoryMarshal.Cast<float, int>(chunk);
                for (int i = 0; i < bits.Length; i++)
                {
                    bits[i] = BinaryPrimitives.ReverseEndianness(bits[i]);
                }
            }
        }

        return values;
    }

    // Reads exactly destination.Length bytes (never more) and adds them to the running CRC. For a part read in
    // chunks, partOffset is where the chunk starts within the part and partLength the part's length in bytes.
    private static void ReadExactly(
        Stream stream,
        Span<byte> destination,
        string part,
        ref uint crc,
        long partOffset = 0,
        long partLength = -1)
    {
        int total = 0;
        while (total < destination.Length)
        {
            int read = stream.Read(destination.Slice(total));
            if (read <= 0)
            {
                throw new EndOfStreamException(
                    $"The network file is truncated: the stream ended after {partOffset + total} of the {(partLength < 0 ? destination.Length : partLength)} bytes expected for the {part}.");
            }

            total += read;
        }

        crc = Crc32.Append(crc, destination);
    }
}

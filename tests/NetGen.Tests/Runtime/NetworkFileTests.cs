using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using NetGen.Runtime;

namespace NetGen.Tests.Runtime;

public sealed class NetworkFileTests
{
    private const ulong Fingerprint = 0x0123456789ABCDEFUL;
    private static readonly float[] Parameters = { 0.5f, -1.25f, 3e-7f, -0f, 42f };
    private static readonly float[] Momentum = { 0.1f, 0.2f, -0.3f, 0.4f, -0.5f };
    private static readonly float[] AdamM = { 1f, -2f, 3f, -4f, 5f };
    private static readonly float[] AdamV = { 0.01f, 0.02f, 0.03f, 0.04f, 0.05f };

    [Fact]
    public void RoundTrip_KeepsEveryField()
    {
        byte[] image = Save(Parameters, 0.125f, 17, Momentum, AdamM, AdamV, 0xFEDCBA9876543210UL);

        NetworkFileContents contents = NetworkFile.Read(new MemoryStream(image), Fingerprint, Parameters.Length);

        Assert.Equal(Parameters, contents.Parameters);
        Assert.True(BitConverter.SingleToInt32Bits(contents.Parameters[3]) < 0, "-0 keeps its sign bit");
        Assert.Equal(0.125f, contents.LearningRate);
        Assert.Equal(17L, contents.Step);
        Assert.Equal(Momentum, contents.Momentum);
        Assert.Equal(AdamM, contents.AdamM);
        Assert.Equal(AdamV, contents.AdamV);
        Assert.Equal(0xFEDCBA9876543210UL, contents.DropoutState);
    }

    [Fact]
    public void RoundTrip_WithAbsentSections_GivesEmptyArrays()
    {
        byte[] image = Save(Parameters, 0.01f, 0, default, default, default, 0);

        NetworkFileContents contents = NetworkFile.Read(new MemoryStream(image), Fingerprint, Parameters.Length);

        Assert.Equal(Parameters, contents.Parameters);
        Assert.Empty(contents.Momentum);
        Assert.Empty(contents.AdamM);
        Assert.Empty(contents.AdamV);
        Assert.Equal(0L, contents.Step);
        Assert.Equal(0UL, contents.DropoutState);
    }

    [Fact]
    public void RoundTrip_OfNoParameters()
    {
        byte[] image = Save(Array.Empty<float>(), 1f, 3, default, default, default, 9);
        NetworkFileContents contents = NetworkFile.Read(new MemoryStream(image), Fingerprint, 0);
        Assert.Empty(contents.Parameters);
        Assert.Equal(3L, contents.Step);
    }

    [Fact]
    public void Layout_IsThePinnedVersion1Format()
    {
        byte[] image = Save(Parameters, 0.125f, 17, Momentum, default, default, 0x1122334455667788UL);

        int p = Parameters.Length;
        Assert.Equal(4 + 4 + 8 + 4 + 4 * p + 4 + 8 + (4 + 4 * p) + 4 + 4 + 8 + 4, image.Length);
        Assert.Equal("NGEN"u8.ToArray(), image[..4]);
        Assert.Equal(NetworkFile.FormatVersion, BinaryPrimitives.ReadInt32LittleEndian(image.AsSpan(4)));
        Assert.Equal(1, NetworkFile.FormatVersion);
        Assert.Equal(Fingerprint, BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(8)));
        Assert.Equal(p, BinaryPrimitives.ReadInt32LittleEndian(image.AsSpan(16)));
        Assert.Equal(Parameters[1], BinaryPrimitives.ReadSingleLittleEndian(image.AsSpan(24)));
        int offset = 20 + 4 * p;
        Assert.Equal(0.125f, BinaryPrimitives.ReadSingleLittleEndian(image.AsSpan(offset)));
        Assert.Equal(17L, BinaryPrimitives.ReadInt64LittleEndian(image.AsSpan(offset + 4)));
        Assert.Equal(p, BinaryPrimitives.ReadInt32LittleEndian(image.AsSpan(offset + 12)));
        offset += 16 + 4 * p;
        Assert.Equal(0, BinaryPrimitives.ReadInt32LittleEndian(image.AsSpan(offset)));
        Assert.Equal(0, BinaryPrimitives.ReadInt32LittleEndian(image.AsSpan(offset + 4)));
        Assert.Equal(0x1122334455667788UL, BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(offset + 8)));
        Assert.Equal(
            Crc32.Compute(image.AsSpan(0, image.Length - 4)),
            BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(image.Length - 4)));
    }

    [Fact]
    public void Read_WorksOnANonSeekableStreamWithPartialReads_AndStopsAtTheEndOfTheFile()
    {
        // More than one read chunk of parameters, with every section present.
        var random = new DeterministicRandom(DeterministicRandom.SeedFrom(3));
        float[] parameters = new float[40_000];
        ParameterInitializer.FillUniform(parameters, 1f, ref random);
        byte[] image = Save(parameters, 0.5f, 2, parameters, parameters, parameters, 1);
        byte[] withTrailingData = image.Concat(new byte[] { 1, 2, 3 }).ToArray();

        var stream = new TrickleStream(withTrailingData, chunk: 4093);
        NetworkFileContents contents = NetworkFile.Read(stream, Fingerprint, parameters.Length);

        Assert.Equal(image.Length, stream.BytesRead);
        Assert.Equal(parameters, contents.Parameters);
        Assert.Equal(parameters, contents.AdamV);

        var byteByByte = new TrickleStream(Save(Parameters, 0.125f, 17, Momentum, AdamM, AdamV, 5), chunk: 1);
        Assert.Equal(AdamM, NetworkFile.Read(byteByByte, Fingerprint, Parameters.Length).AdamM);
    }

    [Fact]
    public void Write_WritesTheImageInOneCall()
    {
        var stream = new RecordingStream();
        NetworkFile.Write(stream, Fingerprint, Parameters, 0.125f, 17, Momentum, AdamM, AdamV, 5);
        Assert.Single(stream.Writes);
        Assert.Equal(Save(Parameters, 0.125f, 17, Momentum, AdamM, AdamV, 5), stream.Writes[0]);
    }

    [Fact]
    public void Write_PropagatesStreamFailures()
    {
        Assert.Throws<IOException>(() => NetworkFile.Write(new RecordingStream(fail: true), Fingerprint, Parameters, 0.125f, 17, default, default, default, 0));
    }

    [Fact]
    public void Write_RejectsInvalidArguments_WithoutWriting()
    {
        var stream = new RecordingStream();
        Assert.Throws<ArgumentNullException>("stream", () => NetworkFile.Write(null!, Fingerprint, Parameters, 0.1f, 0, default, default, default, 0));
        Assert.Throws<ArgumentException>("momentum", () => NetworkFile.Write(stream, Fingerprint, Parameters, 0.1f, 0, new float[2], default, default, 0));
        Assert.Throws<ArgumentException>("adamM", () => NetworkFile.Write(stream, Fingerprint, Parameters, 0.1f, 0, default, new float[6], default, 0));
        Assert.Throws<ArgumentException>("adamV", () => NetworkFile.Write(stream, Fingerprint, Parameters, 0.1f, 0, default, default, new float[1], 0));
        Assert.Throws<ArgumentException>("parameters", () => NetworkFile.Write(stream, Fingerprint, new[] { float.NaN }, 0.1f, 0, default, default, default, 0));
        Assert.Throws<ArgumentException>("adamV", () => NetworkFile.Write(stream, Fingerprint, new[] { 1f }, 0.1f, 0, default, default, new[] { float.PositiveInfinity }, 0));
        Assert.Throws<ArgumentOutOfRangeException>("learningRate", () => NetworkFile.Write(stream, Fingerprint, Parameters, 0f, 0, default, default, default, 0));
        Assert.Throws<ArgumentOutOfRangeException>("learningRate", () => NetworkFile.Write(stream, Fingerprint, Parameters, float.NaN, 0, default, default, default, 0));
        Assert.Throws<ArgumentOutOfRangeException>("step", () => NetworkFile.Write(stream, Fingerprint, Parameters, 0.1f, -1, default, default, default, 0));
        Assert.Empty(stream.Writes);
    }

    [Fact]
    public void Read_RejectsNullStreamAndNegativeCount()
    {
        Assert.Throws<ArgumentNullException>("stream", () => NetworkFile.Read(null!, Fingerprint, 5));
        Assert.Throws<ArgumentOutOfRangeException>("expectedParameterCount", () => NetworkFile.Read(new MemoryStream(), Fingerprint, -1));
    }

    [Fact]
    public void Read_OfAnEmptyStream_ThrowsEndOfStream()
    {
        var e = Assert.Throws<EndOfStreamException>(() => NetworkFile.Read(new MemoryStream(), Fingerprint, Parameters.Length));
        Assert.Contains("0 of the 20 bytes expected for the header", e.Message);
    }

    [Fact]
    public void Read_OfEveryTruncation_ThrowsEndOfStream()
    {
        byte[] image = Save(Parameters, 0.125f, 17, Momentum, AdamM, AdamV, 5);
        for (int length = 0; length < image.Length; length++)
        {
            var stream = new TrickleStream(image[..length], chunk: 7);
            var e = Assert.Throws<EndOfStreamException>(() => NetworkFile.Read(stream, Fingerprint, Parameters.Length));
            Assert.Contains("truncated", e.Message);
        }
    }

    [Fact]
    public void Read_OfATruncatedParameterSection_SaysWhereItEnded()
    {
        var random = new DeterministicRandom(DeterministicRandom.SeedFrom(4));
        float[] parameters = new float[20_000];
        ParameterInitializer.FillUniform(parameters, 1f, ref random);
        byte[] image = Save(parameters, 0.5f, 2, default, default, default, 1);

        var e = Assert.Throws<EndOfStreamException>(() => NetworkFile.Read(new MemoryStream(image[..(20 + 70_000)]), Fingerprint, parameters.Length));
        Assert.Contains("70000 of the 80000 bytes expected for the parameters", e.Message);
    }

    [Fact]
    public void Read_WithAnySingleByteChanged_Throws()
    {
        byte[] image = Save(Parameters, 0.125f, 17, Momentum, AdamM, AdamV, 5);
        foreach (byte mask in new byte[] { 0x01, 0x10, 0x80, 0xFF })
        {
            for (int i = 0; i < image.Length; i++)
            {
                byte[] corrupt = (byte[])image.Clone();
                corrupt[i] ^= mask;
                Exception e = Assert.ThrowsAny<Exception>(() => NetworkFile.Read(new MemoryStream(corrupt), Fingerprint, Parameters.Length));
                Assert.True(e is InvalidDataException or EndOfStreamException, $"byte {i} ^ 0x{mask:X2}: {e}");
            }
        }
    }

    [Fact]
    public void Read_OfACorruptedValue_SaysCorrupted()
    {
        byte[] image = Save(Parameters, 0.125f, 17, Momentum, AdamM, AdamV, 5);
        image[image.Length - 10] ^= 0x40;  // inside the dropout state
        var e = Assert.Throws<InvalidDataException>(() => NetworkFile.Read(new MemoryStream(image), Fingerprint, Parameters.Length));
        Assert.Contains("corrupted", e.Message);
    }

    [Fact]
    public void Read_OfRandomBytes_Throws()
    {
        var random = new DeterministicRandom(DeterministicRandom.SeedFrom(99));
        byte[] header = Save(Parameters, 0.125f, 17, Momentum, AdamM, AdamV, 5)[..20];
        for (int trial = 0; trial < 2000; trial++)
        {
            byte[] data = new byte[(int)(random.NextUInt64() % 200)];
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = (byte)random.NextUInt64();
            }

            // Half the trials start with a valid header, so that the later checks see random data too.
            if (trial % 2 == 1 && data.Length >= header.Length)
            {
                header.CopyTo(data, 0);
            }

            Exception e = Assert.ThrowsAny<Exception>(() => NetworkFile.Read(new MemoryStream(data), Fingerprint, Parameters.Length));
            Assert.True(e is InvalidDataException or EndOfStreamException, $"trial {trial}: {e}");
        }
    }

    [Fact]
    public void Read_OfAnotherFormat_SaysSo()
    {
        byte[] image = Save(Parameters, 0.125f, 17, default, default, default, 5);
        image[0] = (byte)'P';
        var e = Assert.Throws<InvalidDataException>(() => NetworkFile.Read(new MemoryStream(image), Fingerprint, Parameters.Length));
        Assert.Contains("not a NetGen network file", e.Message);

        image = Save(Parameters, 0.125f, 17, default, default, default, 5);
        BinaryPrimitives.WriteInt32LittleEndian(image.AsSpan(4), 2);
        e = Assert.Throws<InvalidDataException>(() => NetworkFile.Read(new MemoryStream(image), Fingerprint, Parameters.Length));
        Assert.Contains("version 2", e.Message);
    }

    [Fact]
    public void Read_OfAnotherLayout_NamesBothFingerprints()
    {
        byte[] image = Save(Parameters, 0.125f, 17, default, default, default, 5);
        var e = Assert.Throws<InvalidDataException>(() => NetworkFile.Read(new MemoryStream(image), 0xAAUL, Parameters.Length));
        Assert.Contains("different network layout", e.Message);
        Assert.Contains("0x0123456789ABCDEF", e.Message);
        Assert.Contains("0x00000000000000AA", e.Message);
    }

    [Fact]
    public void Read_WithAnotherParameterCount_Throws_BeforeAllocating()
    {
        byte[] image = Save(Parameters, 0.125f, 17, default, default, default, 5);
        var e = Assert.Throws<InvalidDataException>(() => NetworkFile.Read(new MemoryStream(image), Fingerprint, 6));
        Assert.Contains("5 parameters", e.Message);

        // A huge count in the header is rejected from the header alone.
        BinaryPrimitives.WriteInt32LittleEndian(image.AsSpan(16), int.MaxValue);
        Assert.Throws<InvalidDataException>(() => NetworkFile.Read(new MemoryStream(image), Fingerprint, Parameters.Length));
    }

    [Fact]
    public void Read_RejectsValuesThatPassTheChecksum()
    {
        // Files with a valid CRC but impossible values (written by something other than NetworkFile.Write).
        AssertRejected(WithValidCrc(Save(Parameters, 0.125f, 17, default, default, default, 5), image => BinaryPrimitives.WriteSingleLittleEndian(image.AsSpan(20), float.NaN)), "non-finite");
        int lrOffset = 20 + 4 * Parameters.Length;
        AssertRejected(WithValidCrc(Save(Parameters, 0.125f, 17, default, default, default, 5), image => BinaryPrimitives.WriteSingleLittleEndian(image.AsSpan(lrOffset), -1f)), "learning rate");
        AssertRejected(WithValidCrc(Save(Parameters, 0.125f, 17, default, default, default, 5), image => BinaryPrimitives.WriteSingleLittleEndian(image.AsSpan(lrOffset), float.PositiveInfinity)), "learning rate");
        AssertRejected(WithValidCrc(Save(Parameters, 0.125f, 17, default, default, default, 5), image => BinaryPrimitives.WriteInt64LittleEndian(image.AsSpan(lrOffset + 4), -3)), "step count");
        AssertRejected(WithValidCrc(Save(Parameters, 0.125f, 17, Momentum, default, default, 5), image => BinaryPrimitives.WriteSingleLittleEndian(image.AsSpan(lrOffset + 16), float.NaN)), "momentum");
        AssertRejected(WithValidCrc(Save(Parameters, 0.125f, 17, default, default, default, 5), image => BinaryPrimitives.WriteInt32LittleEndian(image.AsSpan(lrOffset + 12), 3)), "momentum section has length 3");
    }

    private static void AssertRejected(byte[] image, string messagePart)
    {
        var e = Assert.Throws<InvalidDataException>(() => NetworkFile.Read(new MemoryStream(image), Fingerprint, Parameters.Length));
        Assert.Contains(messagePart, e.Message);
    }

    private static byte[] WithValidCrc(byte[] image, Action<byte[]> edit)
    {
        edit(image);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(image.Length - 4), Crc32.Compute(image.AsSpan(0, image.Length - 4)));
        return image;
    }

    private static byte[] Save(
        ReadOnlySpan<float> parameters,
        float learningRate,
        long step,
        ReadOnlySpan<float> momentum,
        ReadOnlySpan<float> adamM,
        ReadOnlySpan<float> adamV,
        ulong dropoutState)
    {
        var stream = new MemoryStream();
        NetworkFile.Write(stream, Fingerprint, parameters, learningRate, step, momentum, adamM, adamV, dropoutState);
        return stream.ToArray();
    }
}

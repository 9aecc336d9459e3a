using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using NetGen.Runtime;
using NetGen.Tests.Runtime;
using NetGen.Tests.Safetensors;

namespace NetGen.Tests.Files;

/// <summary>
/// Issue 13: hostile safetensors files. Each throws the documented exception (InvalidDataException for bad content,
/// EndOfStreamException for a short stream), leaves the network unchanged, and allocates no more than the network's
/// own size (8 bytes per parameter, the widest dtype) plus <see cref="AllocationMeter.Slack"/>, whatever its length
/// fields and data_offsets claim.
/// </summary>
public sealed class HostileSafetensorsTests
{
    // Game8x16x16x4: Input(8) → Dense(16, Tanh) → Dense(16, Tanh) → Dense(4) is Linear 0, Tanh 1, Linear 2, Tanh 3, Linear 4.
    private static readonly (int Index, int Units)[] GameLayers = { (0, 16), (2, 16), (4, 4) };
    private const long NetworkBytes = 8L * Game8x16x16x4.ParameterCount;
    private const int Weight2Offset = 16 * 8 + 16;   // 2.weight's first parameter

    static HostileSafetensorsTests()
    {
        // Warm up the reader (statics, first-call allocations) so that the measured loads see only their own.
        new Game8x16x16x4(1).LoadSafetensors(TestSafetensorsWriter.Stream(Valid()));
        Assert.ThrowsAny<Exception>(() => new Game8x16x16x4(1).LoadSafetensors(TestSafetensorsWriter.Stream(Valid()[..100])));
    }

    /// <summary>bfloat16-exact values, so that every dtype holds them exactly.</summary>
    private static float[] Values(int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, Game8x16x16x4.ParameterCount)
            .Select(_ => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits((float)(random.NextDouble() * 2 - 1)) & unchecked((int)0xFFFF0000)))
            .ToArray();
    }

    private static byte[] Valid(string dtype = "F32", float[]? values = null)
        => TestSafetensorsWriter.ForLayers(8, GameLayers, values ?? Values(1), dtype).ToBytes();

    private static TException Rejected<TException>(byte[] file, bool seekable = true, long? limit = null) where TException : Exception
    {
        var net = new Game8x16x16x4(5);
        var before = net.Parameters.ToArray();
        Stream stream = seekable ? TestSafetensorsWriter.Stream(file) : new TrickleStream(file, 7);
        var (error, allocated) = AllocationMeter.Measure(() => net.LoadSafetensors(stream));
        Assert.NotNull(error);
        Assert.IsType<TException>(error);
        Assert.Equal(before, net.Parameters.ToArray());
        long bound = limit ?? NetworkBytes + AllocationMeter.Slack;
        Assert.True(allocated < bound, $"{allocated} bytes allocated, more than {bound}, for {error!.GetType().Name}: {error.Message}");
        return (TException)error;
    }

    private static byte[] ShiftOffsets(byte[] file, Func<long, bool> which, int by)
        => FileSurgery.EditHeader(file, h => Regex.Replace(h, @"""data_offsets"": \[(\d+), (\d+)\]", m =>
        {
            long begin = long.Parse(m.Groups[1].Value), end = long.Parse(m.Groups[2].Value);
            return which(begin) ? $"\"data_offsets\": [{begin + by}, {end + by}]" : m.Value;
        }));

    [Fact]
    public void AValidFile_LoadsFromSeekableAndNonSeekableStreams()
    {
        float[] values = Values(2);
        foreach (string dtype in new[] { "F32", "F16", "BF16", "F64" })
        {
            byte[] file = Valid(dtype, values);
            var net = new Game8x16x16x4(3);
            net.LoadSafetensors(TestSafetensorsWriter.Stream(file));
            Assert.Equal(values, net.Parameters.ToArray());
            var trickled = new Game8x16x16x4(3);
            trickled.LoadSafetensors(new TrickleStream(file, 5));
            Assert.Equal(values, trickled.Parameters.ToArray());
        }
    }

    [Theory]
    [InlineData("[2147483579, 2147483591]")]   // the issue's edit: 12 bytes at 2 GiB
    [InlineData("[2147483579, 2147483595]")]   // the right size, at 2 GiB
    [InlineData("[9223372036854775791, 9223372036854775807]")]
    public void DataOffsetsNear2GiB_AreRejectedBeforeAnyDataIsRead(string range)
    {
        var e = Rejected<InvalidDataException>(FileSurgery.ReplaceInHeader(Valid(), "[1920, 1936]", range));
        Assert.Contains("'4.bias'", e.Message);
    }

    [Fact]
    public void AnExtraTensor_IsRejected_EvenWithHugeOffsets()
    {
        var withData = TestSafetensorsWriter.ForLayers(8, GameLayers, Values(1)).Add("6.weight", new[] { 1, 2 }, new[] { 1f, 2f });
        Assert.Contains("'6.weight'", Rejected<InvalidDataException>(withData.ToBytes()).Message);
        var huge = TestSafetensorsWriter.ForLayers(8, GameLayers, Values(1)).AddRaw("6.weight", "F32", new[] { 536870000, 1 }, 1936, 2147481936);
        Assert.Contains("'6.weight'", Rejected<InvalidDataException>(huge.ToBytes()).Message);
    }

    [Fact]
    public void ATenByteFile_WithHeaderLength99999999_IsRejectedWithoutAllocatingIt()
    {
        byte[] file = new byte[10];
        BitConverter.GetBytes(99_999_999UL).CopyTo(file, 0);
        var e = Rejected<InvalidDataException>(file, limit: 16 * 1024);
        Assert.Contains("99999999", e.Message);
        Rejected<InvalidDataException>(file, seekable: false, limit: 16 * 1024);
    }

    [Fact]
    public void TheHeaderLengthBound_Is64KiBPlus1KiBPerTensor()
    {
        long bound = SafetensorsFormat.MaxHeaderLength(6);
        Assert.Equal(64 * 1024 + 6 * 1024, bound);
        Assert.Equal(64 * 1024, SafetensorsFormat.MaxHeaderLength(0));
        Assert.Equal(100_000_000, SafetensorsFormat.MaxHeaderLength(int.MaxValue));

        // A header padded with spaces to the bound loads; one byte more is rejected before it is read.
        byte[] valid = Valid();
        string header = FileSurgery.Header(valid);
        byte[] atBound = FileSurgery.Build(header.PadRight((int)bound), FileSurgery.Data(valid));
        var net = new Game8x16x16x4(3);
        net.LoadSafetensors(TestSafetensorsWriter.Stream(atBound));
        Assert.Equal(Values(1), net.Parameters.ToArray());
        Rejected<InvalidDataException>(FileSurgery.Build(header.PadRight((int)bound + 1), FileSurgery.Data(valid)));

        // A length field at the bound on a short stream costs the bound, not more.
        Rejected<EndOfStreamException>(FileSurgery.WithUInt64(valid, 0, (ulong)bound)[..200]);
        Rejected<InvalidDataException>(FileSurgery.WithUInt64(valid, 0, (ulong)bound + 1)[..200], limit: 16 * 1024);
        Rejected<InvalidDataException>(FileSurgery.WithUInt64(valid, 0, ulong.MaxValue), limit: 16 * 1024);
    }

    [Fact]
    public void OverlappingTensors_AreRejected_NamingBoth()
    {
        var e = Rejected<InvalidDataException>(FileSurgery.ReplaceInHeader(Valid(), "[1920, 1936]", "[1904, 1920]"));
        Assert.Contains("overlaps", e.Message);
        Assert.Contains("'4.bias'", e.Message);
        Assert.Contains("'4.weight'", e.Message);
    }

    [Fact]
    public void AGapBeforeTheFirstTensor_IsRejected()
    {
        byte[] valid = Valid();
        byte[] shifted = ShiftOffsets(valid, _ => true, 4);
        byte[] file = FileSurgery.Build(FileSurgery.Header(shifted), FileSurgery.Concat(new byte[4], FileSurgery.Data(valid)));
        var e = Rejected<InvalidDataException>(file);
        Assert.Contains("before its first tensor '0.weight'", e.Message);
    }

    [Fact]
    public void AGapBetweenTensors_IsRejected()
    {
        byte[] valid = Valid();
        byte[] data = FileSurgery.Data(valid);
        byte[] shifted = ShiftOffsets(valid, begin => begin >= 1664, 8);
        byte[] file = FileSurgery.Build(FileSurgery.Header(shifted), FileSurgery.Concat(data[..1664], new byte[8], data[1664..]));
        var e = Rejected<InvalidDataException>(file);
        Assert.Contains("between the tensors '2.bias'", e.Message);
        Assert.Contains("'4.weight'", e.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void BytesAfterTheLastTensor_AreRejected(bool seekable)
    {
        var e = Rejected<InvalidDataException>(FileSurgery.Concat(Valid(), new byte[] { 0 }), seekable);
        Assert.Contains("after its last tensor", e.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ATruncatedDataSection_ThrowsEndOfStream_NamingTheTensor(bool seekable)
    {
        var e = Rejected<EndOfStreamException>(Valid()[..^20], seekable);
        Assert.Contains("'4.", e.Message);
    }

    [Theory]
    [InlineData("F32", float.NaN)]
    [InlineData("F32", float.PositiveInfinity)]
    [InlineData("F32", float.NegativeInfinity)]
    [InlineData("F16", float.NaN)]
    [InlineData("F16", float.PositiveInfinity)]
    [InlineData("F16", float.NegativeInfinity)]
    [InlineData("BF16", float.NaN)]
    [InlineData("BF16", float.PositiveInfinity)]
    [InlineData("BF16", float.NegativeInfinity)]
    [InlineData("F64", float.NaN)]
    [InlineData("F64", float.PositiveInfinity)]
    [InlineData("F64", float.NegativeInfinity)]
    public void NonFiniteWeights_AreRejected_NamingTheTensorAndIndex(string dtype, float value)
    {
        float[] values = Values(3);
        values[Weight2Offset + 37] = value;
        foreach (bool seekable in new[] { true, false })
        {
            var e = Rejected<InvalidDataException>(Valid(dtype, values), seekable);
            Assert.Contains("'2.weight'", e.Message);
            Assert.Contains("index 37", e.Message);
        }
    }

    [Theory]
    [InlineData(1e300)]
    [InlineData(-3.5e38)]
    public void F64WeightsOutsideFloatRange_AreRejected(double value)
    {
        byte[] file = Valid("F64");
        int data = file.Length - 8 * Game8x16x16x4.ParameterCount;
        BitConverter.GetBytes(value).CopyTo(file, data + 8 * (Weight2Offset + 37));
        var e = Rejected<InvalidDataException>(file);
        Assert.Contains("'2.weight'", e.Message);
        Assert.Contains("index 37", e.Message);
        Assert.Contains("outside float's range", e.Message);
    }

    [Fact]
    public void F16SubnormalsAndExtremes_StillLoad()
    {
        float[] values = Values(4);
        values[0] = 65504f;
        values[1] = -65504f;
        values[2] = (float)BitConverter.UInt16BitsToHalf(0x0001);
        var net = new Game8x16x16x4(3);
        net.LoadSafetensors(TestSafetensorsWriter.Stream(Valid("F16", values)));
        Assert.Equal(values, net.Parameters.ToArray());
    }
}

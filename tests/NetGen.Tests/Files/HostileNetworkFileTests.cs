using System;
using System.IO;
using NetGen.Runtime;
using NetGen.Tests.Runtime;
using NetGen.Tests.Safetensors;
using NetGen.Tests.Networks;

namespace NetGen.Tests.Files;

/// <summary>
/// Issue 13 for NetGen's own format (<c>Save</c>/<c>Load</c>, <see cref="NetworkFile"/>): a length field is checked
/// against the network before anything is allocated from it, so a hostile one costs at most the network's own state
/// (the parameters and the optimizer sections the network keeps, 4 bytes per parameter each) plus a constant.
/// </summary>
public sealed class HostileNetworkFileTests
{
    private const int P = Game8x16x16x4.ParameterCount;
    private const int CountOffset = 16;
    private const int MomentumLengthOffset = 20 + 4 * P + 4 + 8;

    static HostileNetworkFileTests()
    {
        Game8x16x16x4.Load(new MemoryStream(Valid()));
        Assert.ThrowsAny<Exception>(() => Game8x16x16x4.Load(new MemoryStream(Valid()[..100])));
    }

    private static byte[] Valid()
    {
        var stream = new MemoryStream();
        new Game8x16x16x4(9).Save(stream);
        return stream.ToArray();
    }

    private static TException Rejected<TException>(byte[] file, long bound, bool seekable = true) where TException : Exception
    {
        Stream stream = seekable ? new MemoryStream(file, writable: false) : new TrickleStream(file, 7);
        var (error, allocated) = AllocationMeter.Measure(() => Game8x16x16x4.Load(stream));
        Assert.NotNull(error);
        Assert.IsType<TException>(error);
        Assert.True(allocated < bound, $"{allocated} bytes allocated, more than {bound}, for {error!.GetType().Name}: {error.Message}");
        return (TException)error;
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(536_870_000)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(P + 1)]
    public void AHostileParameterCount_IsRejectedBeforeAllocating(int count)
    {
        byte[] file = FileSurgery.WithInt32(Valid(), CountOffset, count);
        var e = Rejected<InvalidDataException>(file, 16 * 1024);
        Assert.Contains(count.ToString(), e.Message);
        Rejected<InvalidDataException>(file[..20], 16 * 1024, seekable: false);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(P + 1)]
    [InlineData(-P)]
    public void AHostileSectionLength_IsRejectedBeforeAllocatingIt(int length)
    {
        byte[] file = FileSurgery.WithInt32(Valid(), MomentumLengthOffset, length);
        var e = Rejected<InvalidDataException>(file, 4L * P + AllocationMeter.Slack);
        Assert.Contains("momentum", e.Message);
    }

    [Fact]
    public void ATruncatedFile_ThrowsEndOfStream_AllocatingAtMostTheParameters()
    {
        byte[] valid = Valid();
        foreach (int length in new[] { 0, 3, 19, 20, 21, 20 + 4 * P - 1, valid.Length - 1 })
        {
            Rejected<EndOfStreamException>(valid[..length], 4L * P + AllocationMeter.Slack);
            Rejected<EndOfStreamException>(valid[..length], 4L * P + AllocationMeter.Slack, seekable: false);
        }
    }

    [Fact]
    public void Read_ChecksTheCountAgainstTheExpectedOneFirst()
    {
        // A file claiming half a billion parameters, read for a network of 3: rejected from the 20-byte header alone.
        byte[] file = FileSurgery.WithInt32(Valid(), CountOffset, 500_000_000)[..20];
        var fingerprint = BitConverter.ToUInt64(file, 8);
        var (error, allocated) = AllocationMeter.Measure(() => NetworkFile.Read(new MemoryStream(file), fingerprint, 3));
        Assert.IsType<InvalidDataException>(error);
        Assert.True(allocated < 16 * 1024, $"{allocated} bytes");
    }

    /// <summary>
    /// A well-formed file (valid CRC) that claims Adam moments for an SGD network: Load and Restore reject it at the first
    /// section the network does not keep, before allocating it, so it costs no more than the network's own parameters.
    /// </summary>
    [Fact]
    public void OptimizerSectionsTheNetworkDoesNotKeep_AreRejectedBeforeAllocatingThem()
    {
        const int count = Mnist784.ParameterCount;   // SGD without momentum: keeps no optimizer section
        var saved = new MemoryStream();
        new Mnist784(3).Save(saved);
        ulong fingerprint = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(saved.ToArray().AsSpan(8));
        var hostile = new MemoryStream();
        var parameters = new Mnist784(3).Parameters.ToArray();
        var moments = new float[count];
        NetworkFile.Write(hostile, fingerprint, parameters, 0.1f, 1, Array.Empty<float>(), moments, moments, 0);
        byte[] file = hostile.ToArray();

        var target = new Mnist784(4);
        float[] before = target.Parameters.ToArray();
        foreach (Action load in new Action[] { () => Mnist784.Load(new MemoryStream(file)), () => target.Restore(new MemoryStream(file)) })
        {
            var (error, allocated) = AllocationMeter.Measure(load);
            var e = Assert.IsType<InvalidDataException>(error);
            Assert.Contains("optimizer", e.Message);
            // The parameters (4 bytes each) and a constant; the two Adam sections (8 bytes per parameter) are never allocated.
            Assert.True(allocated < 4L * count + 64 * 1024, $"{allocated} bytes allocated for {count} parameters");
        }
        Assert.Equal(before, target.Parameters.ToArray());
    }
}

using System;
using System.IO;
using NetGen.Tests.Data;
using NetGen.Tests.Networks;
using Xunit.Sdk;

namespace NetGen.Tests.Serialization;

/// <summary>
/// <c>Load</c> rejects anything but an intact file of its own layout with <see cref="InvalidDataException"/> or
/// <see cref="EndOfStreamException"/>: empty streams, every truncation, every single corrupted byte, random bytes, and
/// files saved by other layouts.
/// </summary>
public sealed class CorruptFileTests
{
    private static byte[] ValidFile(string name)
    {
        var c = RandomCase.Create(name, 4, 1401);
        c.Network.TrainBatch(c.Inputs, c.Targets);
        c.Network.TrainBatch(c.Inputs, c.Targets);
        return SaveLoadRoundTripTests.Save(c.Network);
    }

    [Theory]
    [InlineData(nameof(CeAdam))]
    [InlineData(nameof(CeMomentum))]
    [InlineData(nameof(PassFail))]
    public void AnEmptyStream_IsRejected(string name)
    {
        AssertRejected(name, Array.Empty<byte>(), "an empty stream");
    }

    [Theory]
    [InlineData(nameof(CeAdam))]
    [InlineData(nameof(CeMomentum))]
    [InlineData(nameof(PassFail))]
    public void EveryTruncation_IsRejected(string name)
    {
        byte[] file = ValidFile(name);
        NetworkType.Named(name).Load(new MemoryStream(file));       // the intact file loads
        for (int length = 0; length < file.Length; length++)
            AssertRejected(name, file.AsSpan(0, length).ToArray(), $"the first {length} of {file.Length} bytes");
    }

    [Theory]
    [InlineData(nameof(CeAdam))]
    [InlineData(nameof(CeMomentum))]
    [InlineData(nameof(PassFail))]
    public void EverySingleCorruptedByte_IsRejected(string name)
    {
        byte[] file = ValidFile(name);
        foreach (byte mask in new byte[] { 0x01, 0x80, 0xFF })
        {
            for (int i = 0; i < file.Length; i++)
            {
                byte[] corrupted = (byte[])file.Clone();
                corrupted[i] ^= mask;
                AssertRejected(name, corrupted, $"byte {i} of {file.Length} xor 0x{mask:X2}");
            }
        }
    }

    [Theory]
    [InlineData(nameof(CeAdam))]
    [InlineData(nameof(PassFail))]
    public void RandomBytes_AreRejected(string name)
    {
        var random = new Random(1402);
        int validLength = ValidFile(name).Length;
        foreach (int length in new[] { 1, 4, 8, 16, 64, validLength - 1, validLength, validLength + 1, 4096 })
        {
            for (int trial = 0; trial < 20; trial++)
            {
                var bytes = new byte[length];
                random.NextBytes(bytes);
                AssertRejected(name, bytes, $"{length} random bytes (trial {trial})");
            }
        }
    }

    [Theory]
    [InlineData(nameof(CeSgd), nameof(CeMomentum))]       // same topology and loss, other optimizer
    [InlineData(nameof(CeSgd), nameof(CeAdam))]
    [InlineData(nameof(CeAdam), nameof(CeSgd))]
    [InlineData(nameof(CeMomentum), nameof(CeAdam))]
    [InlineData(nameof(R1Sgd), nameof(R1Adam))]
    [InlineData(nameof(MseSgd), nameof(CeSgd))]           // other topology
    [InlineData(nameof(A_Tanh_Identity_Mse), nameof(A_Sigmoid_Identity_Mse))]   // same sizes, other activation
    [InlineData(nameof(A_Tanh_Sigmoid_Mse), nameof(A_Tanh_Sigmoid_Bce))]       // same sizes, other loss
    [InlineData(nameof(Mnist784), nameof(PassFail))]
    public void AFileOfAnotherLayout_IsRejected(string savedBy, string loadedBy)
    {
        byte[] file = SaveLoadRoundTripTests.Save(NetworkType.Named(savedBy).Create());
        AssertRejected(loadedBy, file, $"a file saved by {savedBy}");
    }

    private static void AssertRejected(string name, byte[] bytes, string what)
    {
        Exception? thrown = null;
        try
        {
            NetworkType.Named(name).Load(new MemoryStream(bytes, writable: false));
        }
        catch (Exception e)
        {
            thrown = e;
        }
        if (thrown is null) throw new XunitException($"{name}.Load accepted {what}");
        if (thrown is not (InvalidDataException or EndOfStreamException))
            throw new XunitException($"{name}.Load threw {thrown.GetType().Name} for {what}, expected InvalidDataException or EndOfStreamException: {thrown.Message}");
    }
}

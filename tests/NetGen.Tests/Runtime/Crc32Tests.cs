using System;
using System.Text;
using NetGen.Runtime;

namespace NetGen.Tests.Runtime;

public sealed class Crc32Tests
{
    [Fact]
    public void Compute_GivesTheStandardCheckValue()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void Compute_OfNothingIsZero()
    {
        Assert.Equal(0u, Crc32.Compute(ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void Compute_MatchesKnownValues()
    {
        // zlib.crc32 values.
        Assert.Equal(0xE8B7BE43u, Crc32.Compute(Encoding.ASCII.GetBytes("a")));
        Assert.Equal(0x414FA339u, Crc32.Compute(Encoding.ASCII.GetBytes("The quick brown fox jumps over the lazy dog")));
    }

    [Fact]
    public void Append_OverEverySplitEqualsCompute()
    {
        byte[] data = Encoding.ASCII.GetBytes("NetGen writes networks at compile time.");
        uint whole = Crc32.Compute(data);
        for (int split = 0; split <= data.Length; split++)
        {
            uint first = Crc32.Compute(data.AsSpan(0, split));
            Assert.Equal(whole, Crc32.Append(first, data.AsSpan(split)));
        }

        Assert.Equal(whole, Crc32.Append(0u, data));
    }
}

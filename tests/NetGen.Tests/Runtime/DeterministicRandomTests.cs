using System;
using NetGen.Runtime;

namespace NetGen.Tests.Runtime;

public sealed class DeterministicRandomTests
{
    [Fact]
    public void NextUInt64_IsSplitMix64()
    {
        // The reference SplitMix64 sequence for state 0.
        var random = new DeterministicRandom(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, random.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, random.NextUInt64());
        Assert.Equal(0x06C45D188009454FUL, random.NextUInt64());
        Assert.Equal(unchecked(3 * 0x9E3779B97F4A7C15UL), random.State);
    }

    [Fact]
    public void SeedFrom_GivesPinnedFirstValues()
    {
        // Pinned: changing the seed mapping or the generator changes every network's initial parameters.
        Assert.Equal(0x6A09E667F3BCC909UL, DeterministicRandom.SeedFrom(0));
        Assert.Equal(0x6A09E667F3BCC909UL ^ 0xFFFFFFFFUL, DeterministicRandom.SeedFrom(-1));

        var random = new DeterministicRandom(DeterministicRandom.SeedFrom(0));
        Assert.Equal(0x63CFC62A2B097592UL, random.NextUInt64());

        random = new DeterministicRandom(DeterministicRandom.SeedFrom(42));
        Assert.Equal(14183952f / 16777216f, random.NextSingle());

        random = new DeterministicRandom(DeterministicRandom.SeedFrom(42));
        Assert.Equal(0.5f * (2f * (14183952f / 16777216f) - 1f), random.NextUniform(0.5f));
    }

    [Fact]
    public void SameSeed_GivesSameSequence_AndStateResumes()
    {
        var a = new DeterministicRandom(DeterministicRandom.SeedFrom(7));
        var b = new DeterministicRandom(DeterministicRandom.SeedFrom(7));
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(a.NextUInt64(), b.NextUInt64());
        }

        ulong saved = a.State;
        float[] expected = new float[10];
        for (int i = 0; i < expected.Length; i++)
        {
            expected[i] = a.NextUniform(1f);
        }

        var resumed = new DeterministicRandom { State = saved };
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], resumed.NextUniform(1f));
        }
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentSequences()
    {
        var a = new DeterministicRandom(DeterministicRandom.SeedFrom(1));
        var b = new DeterministicRandom(DeterministicRandom.SeedFrom(2));
        Assert.NotEqual(a.NextUInt64(), b.NextUInt64());
    }

    [Fact]
    public void NextSingle_AndNextUniform_StayInRange()
    {
        var random = new DeterministicRandom(DeterministicRandom.SeedFrom(123));
        const float limit = 0.75f;
        float min = float.MaxValue, max = float.MinValue;
        for (int i = 0; i < 100_000; i++)
        {
            float u = random.NextSingle();
            Assert.InRange(u, 0f, 1f);
            Assert.NotEqual(1f, u);

            float x = random.NextUniform(limit);
            Assert.InRange(x, -limit, limit);
            Assert.NotEqual(limit, x);
            min = Math.Min(min, x);
            max = Math.Max(max, x);
        }

        // The draws cover the interval.
        Assert.True(min < -0.74f, $"min {min}");
        Assert.True(max > 0.74f, $"max {max}");
    }
}

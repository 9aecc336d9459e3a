using System.Linq;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;

namespace NetGen.Tests.Initialisation;

/// <summary>Initialisation is a function of the seed: same seed, same parameters; other seed, other parameters.</summary>
public sealed class DeterminismTests
{
    [Fact]
    public void TheSameSeed_GivesIdenticalParameters_InEveryNetwork()
    {
        foreach (var type in NetworkType.All)
        {
            foreach (int seed in new[] { 0, 1, -1, 123456789, int.MinValue })
                NumericAssert.Identical(type.Create(seed).Parameters, type.Create(seed).Parameters, $"{type.Name} seed {seed}");
        }
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentParameters_InEveryNetwork()
    {
        foreach (var type in NetworkType.All)
        {
            float[] a = type.Create(1).Parameters.ToArray(), b = type.Create(2).Parameters.ToArray(), c = type.Create(-1).Parameters.ToArray();
            Assert.False(a.SequenceEqual(b), $"{type.Name}: seeds 1 and 2 give the same parameters");
            Assert.False(a.SequenceEqual(c), $"{type.Name}: seeds 1 and −1 give the same parameters");
        }
    }

    [Fact]
    public void TheParameterlessConstructor_UsesTheAttributesSeed()
    {
        foreach (var type in NetworkType.All)
        {
            NumericAssert.Identical(type.Create(type.Attribute.Seed).Parameters, type.Create().Parameters, $"{type.Name} (Seed = {type.Attribute.Seed})");
        }
        // Seeds other than the default 0 are among them.
        Assert.Contains(NetworkType.All, t => t.Attribute.Seed == 11);
        Assert.Contains(NetworkType.All, t => t.Attribute.Seed == -7);
        Assert.False(new CeSgd().Parameters.ToArray().SequenceEqual(new CeSgd(0).Parameters.ToArray()), "CeSgd has Seed = 11, so new CeSgd() ≠ new CeSgd(0)");
    }

    [Fact]
    public void SeparateInstances_DoNotShareStorage()
    {
        var a = new CeSgd(3);
        var b = new CeSgd(3);
        float[] changed = a.Parameters.ToArray();
        changed[0] += 1;
        a.SetParameters(changed);
        Assert.NotEqual(a.Parameters[0], b.Parameters[0]);
    }
}

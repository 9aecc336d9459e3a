using System;
using NetGen.Runtime;

namespace NetGen.Tests.Runtime;

public sealed class ParameterInitializerTests
{
    [Fact]
    public void Limits_AreGlorotAndHe()
    {
        Assert.Equal((float)Math.Sqrt(6.0 / 7.0), ParameterInitializer.GlorotLimit(3, 4));
        Assert.Equal((float)Math.Sqrt(6.0 / 3.0), ParameterInitializer.HeLimit(3));
        Assert.Equal((float)Math.Sqrt(6.0 / 4_000_000_000.0), ParameterInitializer.GlorotLimit(2_000_000_000, 2_000_000_000));
    }

    [Fact]
    public void FillUniform_DrawsInOrderFromTheGenerator()
    {
        var random = new DeterministicRandom(DeterministicRandom.SeedFrom(5));
        var reference = random;
        float[] values = new float[17];
        ParameterInitializer.FillUniform(values, 0.3f, ref random);

        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(reference.NextUniform(0.3f), values[i]);
            Assert.InRange(values[i], -0.3f, 0.3f);
        }

        Assert.Equal(reference.State, random.State);
    }
}

using System;
using System.Runtime.Intrinsics;
using NetGen.Runtime;

namespace NetGen.Tests.Simd;

/// <summary>
/// Tests that set <see cref="SimdOptions.ForcedWidth"/> (process-wide) belong to this collection, which xUnit runs on
/// its own after the parallel ones, so that no other test sees a width it did not ask for.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SimdOptionsCollection
{
    public const string Name = "SimdOptions (process-wide)";
}

[Collection(SimdOptionsCollection.Name)]
public sealed class SimdOptionsTests
{
    [Fact]
    public void ForcedWidth_IsAutomaticByDefault()
    {
        Assert.Equal(0, SimdOptions.ForcedWidth);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(128)]
    [InlineData(256)]
    [InlineData(512)]
    [InlineData(0)]
    public void ForcedWidth_TakesTheDocumentedValues(int width)
    {
        try
        {
            SimdOptions.ForcedWidth = width;
            Assert.Equal(width, SimdOptions.ForcedWidth);
        }
        finally
        {
            SimdOptions.ForcedWidth = 0;
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-2)]
    [InlineData(64)]
    [InlineData(1024)]
    [InlineData(int.MinValue)]
    public void ForcedWidth_RejectsOtherValues(int width)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SimdOptions.ForcedWidth = width);
        Assert.Equal("value", ex.ParamName);
        Assert.Equal(0, SimdOptions.ForcedWidth);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(128)]
    [InlineData(256)]
    [InlineData(512)]
    public void PreferredWidth_IsTheWidestAcceleratedWidthNotAboveTheForcedOne(int forced)
    {
        bool v128 = Vector128.IsHardwareAccelerated;
        bool v256 = Vector256.IsHardwareAccelerated;
        bool v512 = Vector512.IsHardwareAccelerated;
        int expected = forced switch
        {
            -1 => 0,
            512 when v512 => 512,
            0 or 256 or 512 when v256 => 256,
            _ => v128 ? 128 : 0,
        };
        try
        {
            SimdOptions.ForcedWidth = forced;
            Assert.Equal(expected, SimdOptions.PreferredWidth);
        }
        finally
        {
            SimdOptions.ForcedWidth = 0;
        }
    }

    [Fact]
    public void PreferredWidth_AutomaticNeverPicks512()
    {
        Assert.Equal(0, SimdOptions.ForcedWidth);
        Assert.NotEqual(512, SimdOptions.PreferredWidth);
        Assert.Equal(Vector256.IsHardwareAccelerated ? 256 : Vector128.IsHardwareAccelerated ? 128 : 0, SimdOptions.PreferredWidth);
    }
}

using System;
using NetGen.Runtime;

namespace NetGen.Tests.Runtime;

public sealed class NetworkArgumentsTests
{
    [Fact]
    public void CheckLength_AcceptsTheExpectedLength()
    {
        NetworkArguments.CheckLength(3, 3, "input");
    }

    [Fact]
    public void CheckLength_NamesTheParameterAndBothLengths()
    {
        var e = Assert.Throws<ArgumentException>(() => NetworkArguments.CheckLength(2, 3, "input"));
        Assert.Equal("input", e.ParamName);
        Assert.Contains("Expected length 3, got 2.", e.Message);
    }

    [Fact]
    public void CheckBatch_ReturnsTheSampleCount()
    {
        Assert.Equal(4, NetworkArguments.CheckBatch(12, 3, "inputs", 8, 2, "outputs", allowEmpty: false));
        Assert.Equal(0, NetworkArguments.CheckBatch(0, 3, "inputs", 0, 2, "outputs", allowEmpty: true));
    }

    [Fact]
    public void CheckBatch_RejectsAPartialRow()
    {
        var e = Assert.Throws<ArgumentException>(() => NetworkArguments.CheckBatch(7, 3, "inputs", 4, 2, "targets", false));
        Assert.Equal("inputs", e.ParamName);
        Assert.Contains("multiple of 3", e.Message);
        Assert.Contains("got 7", e.Message);
    }

    [Fact]
    public void CheckBatch_RejectsAnEmptyBatchUnlessAllowed()
    {
        var e = Assert.Throws<ArgumentException>(() => NetworkArguments.CheckBatch(0, 3, "inputs", 0, 2, "targets", false));
        Assert.Equal("inputs", e.ParamName);
        Assert.Contains("at least one sample", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void CheckBatch_NamesTheOtherSpanWithTheExpectedLength()
    {
        var e = Assert.Throws<ArgumentException>(() => NetworkArguments.CheckBatch(12, 3, "inputs", 7, 2, "outputs", false));
        Assert.Equal("outputs", e.ParamName);
        Assert.Contains("Expected length 8", e.Message);
        Assert.Contains("4 samples", e.Message);
        Assert.Contains("× 2", e.Message);
        Assert.Contains("got 7", e.Message);
    }

    [Fact]
    public void CheckBatch_DoesNotOverflowOnHugeSizes()
    {
        // n·otherSize = 4·0x40000001 wraps to 4 in int arithmetic; it must not be taken for a matching length.
        var e = Assert.Throws<ArgumentException>(() => NetworkArguments.CheckBatch(4, 1, "inputs", 4, 0x40000001, "targets", false));
        Assert.Equal("targets", e.ParamName);
        Assert.Contains("Expected length 4294967300", e.Message);
    }
}

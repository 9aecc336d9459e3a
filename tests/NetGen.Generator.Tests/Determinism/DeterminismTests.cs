using System;
using System.Globalization;
using System.Linq;
using System.Text;
using NetGen.Generator.Tests.Driving;
using Xunit;

namespace NetGen.Generator.Tests.Determinism;

/// <summary>
/// The generated text is byte-identical across independent runs on fresh compilations, and under cultures whose
/// number format differs (decimal comma, other digit grouping).
/// </summary>
public sealed class DeterminismTests
{
    private static readonly string[] Sources =
    {
        NetworkSources.ThreeLayer, NetworkSources.EveryActivation, NetworkSources.Looped,
        NetworkSources.Layered, NetworkSources.LayeredBatchNorm,
    };

    [Fact]
    public void TwoIndependentRuns_ProduceIdenticalBytes()
    {
        var first = GeneratedBytes();
        var second = GeneratedBytes();

        Assert.Equal(first.Length, second.Length);
        for (int i = 0; i < first.Length; i++) Assert.Equal(first[i], second[i]);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    [InlineData("ar-SA")]
    [InlineData("tr-TR")]
    public void OtherCulture_ProducesIdenticalBytes(string culture)
    {
        if (culture != "ar-SA")
        {
            // The test only means something where the culture's data is real (not invariant globalization mode).
            Assert.Equal(",", CultureInfo.GetCultureInfo(culture).NumberFormat.NumberDecimalSeparator);
        }
        var invariant = WithCulture(CultureInfo.InvariantCulture, GeneratedBytes);
        var other = WithCulture(CultureInfo.GetCultureInfo(culture), GeneratedBytes);

        Assert.Equal(invariant.Length, other.Length);
        for (int i = 0; i < invariant.Length; i++)
        {
            Assert.True(invariant[i].SequenceEqual(other[i]),
                $"{culture}: file {i} differs:\n" + Output.Snapshot.UnifiedDiff(Encoding.UTF8.GetString(invariant[i]), Encoding.UTF8.GetString(other[i])));
        }
    }

    /// <summary>Each generated file's bytes (UTF-8 as the SourceText encodes it), in hint-name order.</summary>
    private static byte[][] GeneratedBytes()
    {
        var outcome = GeneratorHarness.Run(Sources);
        Assert.Null(outcome.Result.Exception);
        Assert.Equal(Sources.Length, outcome.Sources.Count);
        return outcome.Sources
            .OrderBy(s => s.HintName, StringComparer.Ordinal)
            .Select(s => Encoding.UTF8.GetBytes(s.SourceText.ToString()))
            .ToArray();
    }

    private static T WithCulture<T>(CultureInfo culture, Func<T> action)
    {
        var (saved, savedUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
            CultureInfo.CurrentUICulture = savedUi;
        }
    }
}

using NetGen.Generator.Tests.Driving;
using Xunit;

namespace NetGen.Generator.Tests.Output;

/// <summary>
/// The whole generated file for a few networks, compared with the checked-in expected files in Snapshots/, so that
/// any change to the shape or readability of the output is seen in review.
/// </summary>
public sealed class SnapshotTests
{
    [Fact]
    public void PassFail() => Snapshot.Match("PassFail", GeneratedText(NetworkSources.PassFail));

    [Fact]
    public void ThreeLayer() => Snapshot.Match("ThreeLayer", GeneratedText(NetworkSources.ThreeLayer));

    [Fact]
    public void Looped() => Snapshot.Match("Looped", GeneratedText(NetworkSources.Looped));

    private static string GeneratedText(string source)
    {
        var outcome = GeneratorHarness.Run(source);
        Assert.Null(outcome.Result.Exception);
        Assert.DoesNotContain(outcome.BuildDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        return outcome.SingleSourceText;
    }
}

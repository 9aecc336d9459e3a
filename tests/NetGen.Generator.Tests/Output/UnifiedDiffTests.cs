using Xunit;

namespace NetGen.Generator.Tests.Output;

/// <summary>The snapshot failure message: a unified diff that shows only the changed lines and their context.</summary>
public sealed class UnifiedDiffTests
{
    [Fact]
    public void ShowsRemovedAndAddedLinesWithContext()
    {
        string expected = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";
        string received = "a\nb\nc\nd\ne\nF\ng\nh\ni\nj\n";

        string diff = Snapshot.UnifiedDiff(expected, received);

        Assert.Contains("-f", diff);
        Assert.Contains("+F", diff);
        Assert.Contains("\n e\n", diff);
        Assert.DoesNotContain("\n a\n", diff); // more than three lines away
        Assert.Contains("@@ -3 +3 @@", diff);
    }
}

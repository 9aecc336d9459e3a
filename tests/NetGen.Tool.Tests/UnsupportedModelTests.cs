using System.IO;
using Xunit;

namespace NetGen.Tool.Tests;

/// <summary>
/// Graphs NetGen cannot express: `netgen import` exits with 1, names the node and its op type with what NetGen can do
/// instead, and writes no file; `netgen inspect` prints the same reason.
/// </summary>
public sealed class UnsupportedModelTests
{
    /// <summary>What each rejected model's message must name: the node and op type (and a word of the reason).</summary>
    [Theory]
    [InlineData("unsup_residual", "'/Add' (Add)", "skip connection")]
    [InlineData("unsup_concat", "'/Concat' (Concat)", "branches")]
    [InlineData("unsup_attention", "(MatMul)", "branches")]
    [InlineData("unsup_leaky02", "'/1/LeakyRelu' (LeakyRelu)", "slope 0.2")]
    [InlineData("unsup_groupconv", "'/conv/Conv' (Conv)", "group = 2")]
    [InlineData("unsup_rect_kernel", "'/conv/Conv' (Conv)", "[3, 2]")]
    [InlineData("unsup_bidir_gru", "'/rnn/GRU' (GRU)", "bidirectional")]
    public void Import_rejects_the_model_naming_the_node_and_writes_nothing(string name, string node, string reason)
    {
        string folder = ToolRunner.TemporaryFolder();
        try
        {
            var (code, output, error) = ToolRunner.Run("import", ModelFixture.Load(name).OnnxPath, "--class", "Policy", "--out", Path.Combine(folder, "Policy.cs"));
            Assert.Equal(1, code);
            Assert.Contains(node, error);
            Assert.Contains(reason, error);
            Assert.Contains("Nothing was written", error);
            Assert.Equal("", output);
            Assert.Empty(Directory.GetFiles(folder));

            var (inspectCode, inspect, _) = ToolRunner.Run("inspect", ModelFixture.Load(name).OnnxPath);
            Assert.Equal(1, inspectCode);
            Assert.Contains("Does not map", inspect);
            Assert.Contains(node, inspect);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Every_unsupported_fixture_is_covered()
    {
        Assert.Equal(
            new[] { "unsup_attention", "unsup_bidir_gru", "unsup_concat", "unsup_groupconv", "unsup_leaky02", "unsup_rect_kernel", "unsup_residual" },
            ModelFixture.Names(unsupported: true));
    }
}

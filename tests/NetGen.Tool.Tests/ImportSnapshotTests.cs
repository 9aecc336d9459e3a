using System;
using System.IO;
using System.Linq;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Xunit;

namespace NetGen.Tool.Tests;

/// <summary>
/// `netgen import` writes exactly the checked-in Imported/ files for each model of Models/ (the classes the other tests
/// build and run), byte for byte, twice in a row. Set NETGEN_ACCEPT_SNAPSHOTS=1 to rewrite Imported/ from the tool
/// (then rebuild: the project compiles those files).
/// </summary>
public sealed class ImportSnapshotTests
{
    /// <summary>
    /// The test project's folder (to rewrite Imported/ on accept), or the test output, which holds copies of Imported/,
    /// when the build mapped source paths away (ContinuousIntegrationBuild writes /_/ paths).
    /// </summary>
    private static string SourceFolder([System.Runtime.CompilerServices.CallerFilePath] string path = "")
    {
        string folder = Path.GetDirectoryName(path)!;
        return Directory.Exists(Path.Combine(folder, "Imported")) ? folder : AppContext.BaseDirectory;
    }

    [Theory]
    [MemberData(nameof(ModelFixture.Supported), MemberType = typeof(ModelFixture))]
    public void Import_writes_the_checked_in_class_and_weights(string name)
    {
        string className = ImportedModels.ClassName(name);
        string folder = ToolRunner.TemporaryFolder();
        try
        {
            string outPath = Path.Combine(folder, className + ".cs");
            var (code, output, error) = ToolRunner.Run("import", ModelFixture.Load(name).OnnxPath, "--class", className, "--namespace", "NetGen.Tool.Tests.Imported", "--out", outPath);
            Assert.True(code == 0, output + error);
            string source = File.ReadAllText(outPath);
            byte[] weights = File.ReadAllBytes(Path.Combine(folder, className + ".safetensors"));

            // Deterministic: a second run writes the same bytes.
            var (again, _, _) = ToolRunner.Run("import", ModelFixture.Load(name).OnnxPath, "--class", className, "--namespace", "NetGen.Tool.Tests.Imported", "--out", outPath, "--force");
            Assert.Equal(0, again);
            Assert.Equal(source, File.ReadAllText(outPath));
            Assert.Equal(weights, File.ReadAllBytes(Path.Combine(folder, className + ".safetensors")));

            string expectedSource = Path.Combine(SourceFolder(), "Imported", className + ".cs");
            string expectedWeights = Path.Combine(SourceFolder(), "Imported", className + ".safetensors");
            if (Environment.GetEnvironmentVariable("NETGEN_ACCEPT_SNAPSHOTS") == "1")
            {
                File.WriteAllText(expectedSource, source);
                File.WriteAllBytes(expectedWeights, weights);
                return;
            }
            string checkedIn = File.ReadAllText(expectedSource);
            if (checkedIn != source) Assert.Fail($"netgen import wrote another {className}.cs than Imported/ holds:\n{Diff(checkedIn, source)}");
            Assert.True(File.ReadAllBytes(expectedWeights).SequenceEqual(weights), $"netgen import wrote other weights than Imported/{className}.safetensors.");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Diff(string expected, string actual)
    {
        var diff = InlineDiffBuilder.Diff(expected, actual);
        return string.Join("\n", diff.Lines.Where(l => l.Type != ChangeType.Unchanged).Take(40).Select(l => (l.Type == ChangeType.Inserted ? "+ " : "- ") + l.Text));
    }
}

using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Xunit.Sdk;

namespace NetGen.Generator.Tests.Output;

/// <summary>
/// Whole-file expected outputs under <c>tests/NetGen.Generator.Tests/Snapshots/</c>. A mismatch writes
/// <c>&lt;Name&gt;.received.cs</c> beside the expected file and fails with a unified diff;
/// <c>NETGEN_ACCEPT_SNAPSHOTS=1</c> overwrites the expected file instead.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "NETGEN_ACCEPT_SNAPSHOTS";

    private const int ContextLines = 3;

    public static void Match(string name, string actual, [CallerFilePath] string callerFile = "")
    {
        string directory = SnapshotDirectory(callerFile);
        string expectedPath = Path.Combine(directory, name + ".g.cs");
        string receivedPath = Path.Combine(directory, name + ".received.cs");
        actual = Normalize(actual);

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(expectedPath)!);
            File.WriteAllText(expectedPath, actual, new UTF8Encoding(false));
            if (File.Exists(receivedPath)) File.Delete(receivedPath);
            return;
        }

        string? expected = File.Exists(expectedPath) ? Normalize(File.ReadAllText(expectedPath)) : null;
        if (expected == actual)
        {
            if (File.Exists(receivedPath)) File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, actual, new UTF8Encoding(false));
        string header = expected is null
            ? $"No snapshot {expectedPath}; the output was written to {receivedPath}."
            : $"The generated code differs from {expectedPath}; the output was written to {receivedPath}.";
        throw new XunitException(
            header + Environment.NewLine
            + $"Review the diff and set {AcceptVariable}=1 to accept it." + Environment.NewLine
            + UnifiedDiff(expected ?? "", actual));
    }

    /// <summary>The Snapshots folder of the source tree (beside this file's folder), or the copy in the output folder.</summary>
    private static string SnapshotDirectory(string callerFile)
    {
        if (callerFile.Length > 0)
        {
            string source = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(callerFile)!, "..", "Snapshots"));
            if (Directory.Exists(Path.GetDirectoryName(source))) return source;
        }
        return Path.Combine(AppContext.BaseDirectory, "Snapshots");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n").Replace("\r", "\n");

    /// <summary>A unified diff (− expected, + received) with a few lines of context around each change.</summary>
    public static string UnifiedDiff(string expected, string actual)
    {
        var lines = InlineDiffBuilder.Diff(expected, actual, ignoreWhiteSpace: false).Lines;
        var keep = new bool[lines.Count];
        for (int i = 0; i < lines.Count; i++)
        {
            if (lines[i].Type == ChangeType.Unchanged) continue;
            for (int k = Math.Max(0, i - ContextLines); k <= Math.Min(lines.Count - 1, i + ContextLines); k++) keep[k] = true;
        }

        var text = new StringBuilder();
        text.AppendLine("--- expected").AppendLine("+++ received");
        int expectedLine = 1, actualLine = 1;
        bool inHunk = false;
        for (int i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (keep[i])
            {
                if (!inHunk) text.AppendLine($"@@ -{expectedLine} +{actualLine} @@");
                inHunk = true;
                string prefix = line.Type switch
                {
                    ChangeType.Deleted => "-",
                    ChangeType.Inserted => "+",
                    _ => " ",
                };
                text.Append(prefix).AppendLine(line.Text);
            }
            else
            {
                inHunk = false;
            }
            if (line.Type != ChangeType.Inserted) expectedLine++;
            if (line.Type != ChangeType.Deleted) actualLine++;
        }
        return text.ToString();
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetGen.Tool.Import;
using NetGen.Tool.Onnx;
using NetGen.Tool.Output;

namespace NetGen.Tool.Commands;

/// <summary><c>netgen import model.onnx --class Name [--namespace Ns] [--out Name.cs] [--output tensor] [--trainable] [--sequence-length T] [--force]</c>.</summary>
internal static class ImportCommand
{
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "--trainable", "--force" };
    private static readonly HashSet<string> Valued = new(StringComparer.Ordinal) { "--class", "--namespace", "--out", "--output", "--sequence-length" };

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        var line = CommandLine.Parse(args, "import", Flags, Valued);
        if (line.Positional.Count != 1)
            throw new UsageException(line.Positional.Count == 0 ? "import needs the model file: netgen import model.onnx --class Name." : $"import takes one model file; got {line.Positional.Count}: {string.Join(", ", line.Positional)}.");
        string model = line.Positional[0];
        string className = line.Value("--class") ?? throw new UsageException("import needs --class <Name>: the C# class to write.");
        if (!Identifiers.IsIdentifier(className)) throw new UsageException($"--class '{className}' is not a C# identifier.");
        string? ns = line.Value("--namespace");
        if (ns is not null && !ns.Split('.').All(Identifiers.IsIdentifier)) throw new UsageException($"--namespace '{ns}' is not a C# namespace name.");
        string sourcePath = line.Value("--out") ?? className + ".cs";
        if (!sourcePath.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)) throw new UsageException($"--out '{sourcePath}' must name a .cs file.");
        int sequenceLength = 0;
        if (line.Value("--sequence-length") is { } t && (!int.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out sequenceLength) || sequenceLength < 1 || sequenceLength > 65536))
            throw new UsageException($"--sequence-length '{t}' must be a whole number from 1 to 65536.");
        if (!File.Exists(model)) throw new UsageException($"The model file '{model}' does not exist.");

        var onnx = OnnxModelReader.Read(model);
        var network = NetworkImporter.Import(onnx, line.Value("--output"));
        bool trainable = line.Has("--trainable");
        if (!network.IsSequence && sequenceLength != 0) throw new UsageException("--sequence-length applies to sequence networks only, and this model has no time axis.");
        if (network.IsSequence && sequenceLength == 0)
        {
            // The input's fixed time axis is the window (PredictBatch takes [n, T, inputs]); a trainable network needs one.
            sequenceLength = network.StaticSequenceLength ?? 0;
            if (trainable && sequenceLength == 0)
                throw new UsageException("A trainable sequence network needs a training window: the model's time axis is not fixed, so give --sequence-length <T>.");
        }
        string folder = Path.GetDirectoryName(Path.GetFullPath(sourcePath))!;
        string weightsName = Path.GetFileNameWithoutExtension(sourcePath) + ".safetensors";
        string weightsPath = Path.Combine(folder, weightsName);
        var options = new SourceOptions(className, ns, weightsName, Path.GetFileName(model), trainable, sequenceLength);
        string source = NetworkSource.Write(network, onnx, options);
        byte[] weights = SequentialWeights.Encode(network);
        if (!line.Has("--force"))
        {
            foreach (string path in new[] { sourcePath, weightsPath })
                if (File.Exists(path)) throw new UsageException($"'{path}' exists; pass --force to overwrite it.");
        }
        if (!Directory.Exists(folder)) throw new UsageException($"The folder '{folder}' does not exist.");
        AtomicFiles.Write(new[] { (Path.GetFullPath(sourcePath), System.Text.Encoding.UTF8.GetBytes(source)), (weightsPath, weights) });

        output.WriteLine($"{model}: {network.Layers.Count} layers, {SequentialWeights.ParameterCount(network)} parameters.");
        foreach (var layer in network.Layers) output.WriteLine("  " + layer.Attribute);
        output.WriteLine($"Wrote {sourcePath} and {weightsPath}.");
        output.WriteLine($"Add to the project: <NetGenWeights Include=\"{weightsName}\" /> (with a PackageReference to NetGen).");
        return 0;
    }
}

/// <summary>C# identifier checks for the names a user passes.</summary>
internal static class Identifiers
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue", "decimal", "default",
        "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally", "fixed", "float", "for", "foreach", "goto",
        "if", "implicit", "in", "int", "interface", "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out",
        "override", "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc",
        "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>True for a C# identifier that is not a keyword (letters, digits, underscores; not starting with a digit).</summary>
    public static bool IsIdentifier(string name) => name.Length > 0 && name.Length <= 512 && (char.IsLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsLetterOrDigit(c) || c == '_') && !Keywords.Contains(name);
}

/// <summary>Writes several files so that either all of them are there afterwards or none changed.</summary>
internal static class AtomicFiles
{
    /// <summary>Writes each file to a temporary name beside it, then renames them all; on failure removes what it wrote.</summary>
    public static void Write(IReadOnlyList<(string Path, byte[] Bytes)> files)
    {
        var temporary = new List<string>();
        var moved = new List<(string Path, string? Backup)>();
        try
        {
            foreach (var (path, bytes) in files)
            {
                string temp = path + ".netgen-" + Guid.NewGuid().ToString("N") + ".tmp";
                File.WriteAllBytes(temp, bytes);
                temporary.Add(temp);
            }
            for (int i = 0; i < files.Count; i++)
            {
                string path = files[i].Path;
                string? backup = null;
                if (File.Exists(path))
                {
                    backup = path + ".netgen-" + Guid.NewGuid().ToString("N") + ".bak";
                    File.Move(path, backup);
                }
                moved.Add((path, backup));
                File.Move(temporary[i], path);
            }
            foreach (var (_, backup) in moved) if (backup is not null) File.Delete(backup);
        }
        catch
        {
            foreach (var (path, backup) in moved)
            {
                try
                {
                    if (File.Exists(path)) File.Delete(path);
                    if (backup is not null) File.Move(backup, path);
                }
                catch (IOException) { }
            }
            foreach (string temp in temporary) { try { File.Delete(temp); } catch (IOException) { } }
            throw;
        }
    }
}

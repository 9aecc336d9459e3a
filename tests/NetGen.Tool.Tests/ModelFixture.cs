using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace NetGen.Tool.Tests;

/// <summary>
/// One model of Models/: the .onnx file PyTorch exported and its .json (written by make_onnx_models.py): a batch of
/// inputs and PyTorch's outputs for them.
/// </summary>
public sealed class ModelFixture
{
    /// <summary>The folder of the models in the test output.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Models");

    /// <summary>The model's name (its file name without extension).</summary>
    public string Name { get; private init; } = "";

    /// <summary>"feedforward", "layered", "sequence" or "unsupported".</summary>
    public string Kind { get; private init; } = "";

    /// <summary>For unsupported models: what must be rejected.</summary>
    public string Reason { get; private init; } = "";

    /// <summary>The input shape, batch first.</summary>
    public int[] InputShape { get; private init; } = Array.Empty<int>();

    /// <summary>The inputs, row-major.</summary>
    public float[] Inputs { get; private init; } = Array.Empty<float>();

    /// <summary>The output shape, batch first.</summary>
    public int[] OutputShape { get; private init; } = Array.Empty<int>();

    /// <summary>PyTorch's outputs, row-major.</summary>
    public float[] Outputs { get; private init; } = Array.Empty<float>();

    /// <summary>The graph output PyTorch's outputs are of ("output" unless the model has several).</summary>
    public string OutputName { get; private init; } = "output";

    /// <summary>The .onnx file.</summary>
    public string OnnxPath => Path.Combine(Folder, Name + ".onnx");

    /// <summary>Reads a fixture.</summary>
    public static ModelFixture Load(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, name + ".json")));
        var root = json.RootElement;
        float[] Floats(string key) => root.GetProperty(key).EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();
        int[] Ints(string key) => root.GetProperty(key).EnumerateArray().Select(e => e.GetInt32()).ToArray();
        return new ModelFixture
        {
            Name = name,
            Kind = root.GetProperty("kind").GetString()!,
            Reason = root.TryGetProperty("reason", out var r) ? r.GetString() ?? "" : "",
            InputShape = Ints("input_shape"),
            Inputs = Floats("inputs"),
            OutputShape = Ints("output_shape"),
            Outputs = Floats("outputs"),
            OutputName = root.TryGetProperty("main_output", out var main) ? main.GetString() ?? "output" : "output",
        };
    }

    /// <summary>Every model's name of a kind (or of all supported kinds when <paramref name="unsupported"/> is false).</summary>
    public static IEnumerable<string> Names(bool unsupported) => Directory.GetFiles(Folder, "*.json")
        .Select(Path.GetFileNameWithoutExtension)
        .Select(n => Load(n!))
        .Where(f => (f.Kind == "unsupported") == unsupported)
        .Select(f => f.Name)
        .OrderBy(n => n, StringComparer.Ordinal);

    /// <summary>xunit member data: the supported models.</summary>
    public static IEnumerable<object[]> Supported => Names(false).Select(n => new object[] { n });

    /// <summary>xunit member data: the models the importer must reject.</summary>
    public static IEnumerable<object[]> Unsupported => Names(true).Select(n => new object[] { n });

    /// <inheritdoc />
    public override string ToString() => Name;
}

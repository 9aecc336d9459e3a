using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using NetGen.Generator.Tests.Driving;
using Xunit;

namespace NetGen.Generator.Tests.BakedWeights;

/// <summary>
/// [Network(Weights = "…")] through the driver, with the weight file handed over as NetGen.targets does (base64 text,
/// NetGenWeightsName metadata): baked data emitted, regenerated when the file changes, and NG0021/NG0022/NG0023 at
/// the Weights argument for a missing, corrupt or mis-shaped file — never an exception.
/// </summary>
public sealed class BakedWeightsGeneratorTests
{
    private const string Source = @"using NetGen;
namespace Samples
{
    [Network(Loss.MeanSquaredError, Weights = ""model.safetensors"")]
    [Input(2)]
    [Dense(3, Activation.Tanh)]
    [Dense(1)]
    public partial class Baked { }
}
";

    // nn.Sequential(Linear(2, 3), Tanh, Linear(3, 1)): 0.weight [3, 2], 0.bias [3], 2.weight [1, 3], 2.bias [1].
    private static byte[] File(float first = 0.5f, bool dropLastBias = false, int[]? firstShape = null)
    {
        var tensors = new List<(string, int[], float[])>
        {
            ("0.weight", firstShape ?? new[] { 3, 2 }, new[] { first, -0.25f, 1f, 2f, -3f, 0.125f }),
            ("0.bias", new[] { 3 }, new[] { 0.1f, 0.2f, 0.3f }),
            ("2.weight", new[] { 1, 3 }, new[] { 1.5f, -1.5f, 0.75f }),
        };
        if (!dropLastBias) tensors.Add(("2.bias", new[] { 1 }, new[] { -0.5f }));
        var header = new StringBuilder("{");
        var data = new List<byte>();
        foreach (var (name, shape, values) in tensors)
        {
            header.Append($"\"{name}\":{{\"dtype\":\"F32\",\"shape\":[{string.Join(",", shape)}],\"data_offsets\":[{data.Count},{data.Count + 4 * values.Length}]}},");
            foreach (float v in values) data.AddRange(BitConverter.GetBytes(v));
        }
        header.Length--;
        header.Append('}');
        byte[] h = Encoding.UTF8.GetBytes(header.ToString());
        return BitConverter.GetBytes((ulong)h.Length).Concat(h).Concat(data).ToArray();
    }

    private sealed class Text : AdditionalText
    {
        private readonly string _text;
        public Text(string path, string text) { Path = path; _text = text; }
        public override string Path { get; }
        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(_text, Encoding.UTF8);
    }

    private sealed class Options : AnalyzerConfigOptions
    {
        private readonly Dictionary<string, string> _values;
        public Options(Dictionary<string, string> values) => _values = values;
        public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
    }

    private sealed class OptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly Dictionary<string, string> _names;
        public OptionsProvider(Dictionary<string, string> names) => _names = names;
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(new());
        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new());
        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
            => new Options(_names.TryGetValue(textFile.Path, out var name)
                ? new Dictionary<string, string> { ["build_metadata.AdditionalFiles.NetGenWeightsName"] = name }
                : new Dictionary<string, string>());
    }

    private const string TextPath = "/obj/netgen/model.safetensors.base64.txt";

    private static (GeneratorDriver Driver, GeneratorOutcome Outcome) Run(string? base64, string itemName = "model.safetensors")
        => Run(base64 is null ? null : new Text(TextPath, base64), itemName);

    private static (GeneratorDriver Driver, GeneratorOutcome Outcome) Run(Text? text, string itemName = "model.safetensors")
    {
        var compilation = GeneratorHarness.Compile(new[] { Source });
        var texts = text is null ? ImmutableArray<AdditionalText>.Empty : ImmutableArray.Create<AdditionalText>(text);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new NetworkGenerator().AsSourceGenerator() },
            texts,
            (CSharpParseOptions)compilation.SyntaxTrees.First().Options,
            new OptionsProvider(new Dictionary<string, string> { [TextPath] = itemName }),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return (driver, new GeneratorOutcome(compilation, output, diagnostics, driver.GetRunResult()));
    }

    private static string BytesOf(float value) => string.Join(", ", BitConverter.GetBytes(value)) + ",";

    [Fact]
    public void ValidFile_BakesTheParametersAsStaticData_AndCompiles()
    {
        var (_, outcome) = Run(Convert.ToBase64String(File()));
        Assert.Empty(outcome.NgIds);
        string text = outcome.SingleSourceText;
        Assert.Contains("private static global::System.ReadOnlySpan<byte> NetGenBakedWeights => new byte[]", text);
        Assert.Contains("public Baked() : this(0)", text);
        Assert.Contains("global::NetGen.Runtime.BakedWeights.CopyTo(NetGenBakedWeights, _netgenParameters);", text);
        // The first parameter (0.weight[0, 0] = 0.5) opens the data; the last (2.bias = -0.5) closes it.
        string data = text.Substring(text.IndexOf("NetGenBakedWeights => new byte[]", StringComparison.Ordinal));
        Assert.StartsWith(BytesOf(0.5f), data.Substring(data.IndexOf('{') + 1).TrimStart());
        string body = data.Substring(0, data.IndexOf("};", StringComparison.Ordinal)).TrimEnd();
        Assert.EndsWith(BytesOf(-0.5f), body);
        Assert.Empty(outcome.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void ItemNameWithAFolder_MatchesTheWeightsFileName()
    {
        var (_, outcome) = Run(Convert.ToBase64String(File()), itemName: "Models\\model.safetensors");
        Assert.Empty(outcome.NgIds);
        Assert.Contains("NetGenBakedWeights", outcome.SingleSourceText);
    }

    [Fact]
    public void EditedWeightFile_Regenerates_WithTheNewValues()
    {
        var original = new Text(TextPath, Convert.ToBase64String(File(0.5f)));
        var (driver, first) = Run(original);
        var compilation = first.Input;
        var old = first.SingleSourceText;

        var edited = new Text(TextPath, Convert.ToBase64String(File(0.75f)));
        driver = driver.ReplaceAdditionalText(original, edited).RunGenerators(compilation);
        var second = driver.GetRunResult().Results.Single();
        string text = second.GeneratedSources.Single().SourceText.ToString().Replace("\r\n", "\n");

        Assert.NotEqual(old, text);
        string data = text.Substring(text.IndexOf("NetGenBakedWeights => new byte[]", StringComparison.Ordinal));
        Assert.StartsWith(BytesOf(0.75f), data.Substring(data.IndexOf('{') + 1).TrimStart());
        // Only the regenerated network's step ran again.
        var outputs = driver.GetRunResult().Results.Single().TrackedSteps["BakedWeights"].SelectMany(s => s.Outputs).ToList();
        Assert.Contains(outputs, o => o.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void UnchangedWeightFile_SecondRunIsCached()
    {
        var (driver, first) = Run(Convert.ToBase64String(File()));
        var second = driver.RunGenerators(first.Input).GetRunResult().Results.Single();
        foreach (string step in new[] { "WeightFiles", "BakedWeights" })
        {
            var outputs = second.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
        }
    }

    private static Diagnostic SingleAtWeights(GeneratorOutcome outcome, string id)
    {
        Assert.Equal(new[] { id }, outcome.NgIds);
        var diagnostic = outcome.GeneratorDiagnostics.Single(d => d.Id == id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        var location = diagnostic.Location;
        Assert.Equal("Source0.cs", location.GetLineSpan().Path);
        Assert.Equal("Weights = \"model.safetensors\"", Source.Substring(location.SourceSpan.Start, location.SourceSpan.Length));
        // Still generated, without baked weights, so the NG error is the only error.
        Assert.DoesNotContain("NetGenBakedWeights =>", outcome.SingleSourceText);
        return diagnostic;
    }

    [Fact]
    public void MissingFile_IsNG0021AtTheWeightsArgument()
    {
        var d = SingleAtWeights(Run((string?)null).Outcome, "NG0021");
        Assert.Contains("'model.safetensors'", d.GetMessage());
        Assert.Contains("'Baked'", d.GetMessage());
    }

    [Fact]
    public void OtherWeightFileOnly_IsNG0021()
    {
        SingleAtWeights(Run(Convert.ToBase64String(File()), itemName: "other.safetensors").Outcome, "NG0021");
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("AAAA")]                            // 3 bytes
    [InlineData("/////////////////////////w==")]    // absurd header length
    public void CorruptFile_IsNG0022(string base64)
    {
        SingleAtWeights(Run(base64).Outcome, "NG0022");
    }

    [Fact]
    public void TruncatedFile_IsNG0022()
    {
        byte[] file = File();
        SingleAtWeights(Run(Convert.ToBase64String(file.Take(file.Length - 2).ToArray())).Outcome, "NG0022");
    }

    [Fact]
    public void MissingTensor_IsNG0023NamingIt()
    {
        var d = SingleAtWeights(Run(Convert.ToBase64String(File(dropLastBias: true))).Outcome, "NG0023");
        Assert.Contains("'2.bias'", d.GetMessage());
    }

    [Fact]
    public void MisShapedTensor_IsNG0023NamingIt()
    {
        var d = SingleAtWeights(Run(Convert.ToBase64String(File(firstShape: new[] { 2, 3 }))).Outcome, "NG0023");
        Assert.Contains("'0.weight'", d.GetMessage());
        Assert.Contains("[2, 3]", d.GetMessage());
    }
    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void NonFiniteWeight_IsNG0022NamingTheTensorAndIndex(float value)
    {
        var d = SingleAtWeights(Run(Convert.ToBase64String(File(first: value))).Outcome, "NG0022");
        Assert.Contains("'0.weight'", d.GetMessage());
        Assert.Contains("index 0", d.GetMessage());
    }

    [Fact]
    public void BytesAfterTheLastTensor_AreNG0022()
    {
        SingleAtWeights(Run(Convert.ToBase64String(File().Concat(new byte[] { 0 }).ToArray())).Outcome, "NG0022");
    }

    [Fact]
    public void OverlappingTensors_AreNG0022()
    {
        // 2.bias moved onto the last 4 bytes of 2.weight (the file then also has 4 bytes after its last tensor).
        string file = Encoding.Latin1.GetString(File()).Replace("\"data_offsets\":[48,52]", "\"data_offsets\":[44,48]");
        byte[] bytes = Encoding.Latin1.GetBytes(file);
        var d = SingleAtWeights(Run(Convert.ToBase64String(bytes)).Outcome, "NG0022");
        Assert.Contains("overlaps", d.GetMessage());
    }

    [Fact]
    public void AbsurdHeaderLength_IsNG0022BeforeAnythingIsRead()
    {
        byte[] file = File();
        BitConverter.GetBytes(99_999_999UL).CopyTo(file, 0);
        var d = SingleAtWeights(Run(Convert.ToBase64String(file)).Outcome, "NG0022");
        Assert.Contains("99999999", d.GetMessage());
    }
}

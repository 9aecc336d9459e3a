using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using NetGen.Benchmarks.Speed;

namespace NetGen.Benchmarks.Suite;

/// <summary>
/// Turns the suite's BenchmarkDotNet results (the <c>*-report-brief.json</c> files that <see cref="SuiteConfig"/>
/// exports) into the Markdown tables of benchmarks/README.md: Predict times with speed-ups against the plain C#
/// baseline of the same run, ONNX Runtime against NetGen, TrainBatch(64) times, samples/s and the fraction of the
/// measured FMA peak, each next to the issue's target. Usage:
/// <c>--report [results folder] [--readme benchmarks/README.md]</c>; without <c>--readme</c> it prints the tables,
/// with it it replaces the text between the README's <c>suite-table</c> markers.
/// </summary>
public static class ReportWriter
{
    /// <summary>Start marker of the generated section in the README.</summary>
    public const string BeginMarker = "<!-- suite-table:begin -->";

    /// <summary>End marker of the generated section in the README.</summary>
    public const string EndMarker = "<!-- suite-table:end -->";

    private static readonly string[] NetGenMethods = { "NetGenScalar", "NetGenSimd", "NetGen512" };

    private static readonly Dictionary<string, string> Titles = new()
    {
        ["NetGenScalar"] = "NetGen scalar",
        ["NetGenSimd"] = "NetGen SIMD",
        ["NetGen512"] = "NetGen 512",
    };

    /// <summary>Runs the report; returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        string folder = Path.Combine("BenchmarkDotNet.Artifacts", "results");
        string? readme = null;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--readme" && i + 1 < args.Length) readme = args[++i];
            else folder = args[i];
        }

        if (!Directory.Exists(folder))
        {
            Console.Error.WriteLine($"No results folder '{folder}'. Run the suite first (benchmarks/README.md).");
            return 1;
        }

        var results = Load(folder, out string machine);
        var speed = Load(folder, SpeedReport.Namespace, out string speedMachine);
        bool hasSuite = results.Keys.Any(k => !k.StartsWith("FmaPeak.", StringComparison.Ordinal));
        if (!hasSuite && speed.Count == 0)
        {
            Console.Error.WriteLine($"No suite results (*-report-brief.json of NetGen.Benchmarks.Suite or NetGen.Benchmarks.Speed) in '{folder}'.");
            return 1;
        }

        // Each section is written only from results that exist, so a --speed run leaves the suite table alone and back.
        var sections = new List<(string Begin, string End, string Table)>();
        if (hasSuite) sections.Add((BeginMarker, EndMarker, Format(results, machine)));
        if (speed.Count > 0) sections.Add((SpeedReport.BeginMarker, SpeedReport.EndMarker, SpeedReport.Format(speed, results, speedMachine)));
        if (readme is null)
        {
            foreach (var section in sections) Console.Write(section.Table);
            return 0;
        }

        string text = File.ReadAllText(readme);
        foreach (var (beginMarker, endMarker, table) in sections)
        {
            int begin = text.IndexOf(beginMarker, StringComparison.Ordinal);
            int end = text.IndexOf(endMarker, StringComparison.Ordinal);
            if (begin < 0 || end < begin)
            {
                Console.Error.WriteLine($"'{readme}' has no {beginMarker} … {endMarker} section.");
                return 1;
            }

            text = text.Substring(0, begin + beginMarker.Length) + "\n" + table + text.Substring(end);
        }

        File.WriteAllText(readme, text);
        Console.WriteLine($"Updated {readme}.");
        return 0;
    }

    /// <summary>One measured benchmark: mean time of one operation and bytes allocated per operation.</summary>
    public readonly record struct Measurement(double MeanNs, double AllocatedBytes);

    /// <summary>Reads every suite result in <paramref name="folder"/>, keyed "Type.Method".</summary>
    public static Dictionary<string, Measurement> Load(string folder, out string machine) =>
        Load(folder, "NetGen.Benchmarks.Suite", out machine);

    /// <summary>
    /// Reads every result of the benchmarks in namespace <paramref name="ns"/> in <paramref name="folder"/>, keyed
    /// "Type.Method", or "Type.Method(Name=value, …)" for parameterised benchmarks (parameters in BenchmarkDotNet's order).
    /// </summary>
    public static Dictionary<string, Measurement> Load(string folder, string ns, out string machine)
    {
        var results = new Dictionary<string, Measurement>(StringComparer.Ordinal);
        machine = "unknown machine";
        foreach (string file in Directory.GetFiles(folder, "*-report-brief.json").OrderBy(f => f, StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            JsonElement root = document.RootElement;
            if (root.TryGetProperty("HostEnvironmentInfo", out JsonElement host)) machine = Describe(host);
            if (!root.TryGetProperty("Benchmarks", out JsonElement benchmarks)) continue;
            foreach (JsonElement benchmark in benchmarks.EnumerateArray())
            {
                if (String(benchmark, "Namespace") != ns) continue;
                if (!benchmark.TryGetProperty("Statistics", out JsonElement statistics)
                    || statistics.ValueKind != JsonValueKind.Object
                    || !statistics.TryGetProperty("Mean", out JsonElement mean)
                    || mean.ValueKind != JsonValueKind.Number)
                {
                    continue; // a benchmark that failed has no statistics
                }

                double allocated = 0;
                if (benchmark.TryGetProperty("Memory", out JsonElement memory)
                    && memory.ValueKind == JsonValueKind.Object
                    && memory.TryGetProperty("BytesAllocatedPerOperation", out JsonElement bytes)
                    && bytes.ValueKind == JsonValueKind.Number)
                {
                    allocated = bytes.GetDouble();
                }

                string key = $"{String(benchmark, "Type")}.{String(benchmark, "Method")}";
                string parameters = Parameters(String(benchmark, "Parameters"));
                if (parameters.Length > 0) key += $"({parameters})";
                results[key] = new Measurement(mean.GetDouble(), allocated);
            }
        }

        return results;
    }

    /// <summary>The README section for <paramref name="results"/>.</summary>
    public static string Format(IReadOnlyDictionary<string, Measurement> results, string machine)
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine($"Machine: {machine}. Written by `--report` from one run's results; speed-up = plain C# time ÷ that time.");
        text.AppendLine();

        double peakFlops = PeakFlops(results, out string peakLine);
        text.AppendLine(peakLine);
        text.AppendLine();

        text.AppendLine("### Predict (batch 1)");
        text.AppendLine();
        text.AppendLine("| Net | plain C# | NetGen scalar | NetGen SIMD | NetGen 512 | ONNX Runtime | NetGen allocated | best NetGen vs plain | target |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        var predictTargets = new Dictionary<string, double> { ["B"] = 7, ["C"] = 20, ["D"] = 20 };
        double? ortOverNetGenB = null;
        foreach (string net in new[] { "A", "B", "C", "D" })
        {
            string type = "Predict" + net;
            if (!results.TryGetValue($"{type}.PlainCSharp", out Measurement plain)) continue;
            var row = new List<string> { net, Time(plain.MeanNs) };
            foreach (string method in NetGenMethods) row.Add(Cell(results, type, method, plain.MeanNs));
            row.Add(Cell(results, type, "OnnxRuntime", plain.MeanNs));
            var best = Best(results, type);
            row.Add(best is null ? "–" : Bytes(NetGenMethods.Select(m => results.TryGetValue($"{type}.{m}", out var x) ? x.AllocatedBytes : 0).Max()));
            row.Add(best is null ? "–" : $"{Number(plain.MeanNs / best.Value.MeanNs, 1)}× ({Titles[best.Value.Method]})");
            row.Add(predictTargets.TryGetValue(net, out double target) && best is not null
                ? Verdict(plain.MeanNs / best.Value.MeanNs, target, "×")
                : "–");
            text.AppendLine("| " + string.Join(" | ", row) + " |");
            if (net == "B" && best is not null && results.TryGetValue($"{type}.OnnxRuntime", out Measurement ort))
            {
                ortOverNetGenB = ort.MeanNs / best.Value.MeanNs;
            }
        }

        text.AppendLine();
        text.AppendLine(ortOverNetGenB is null
            ? "ONNX Runtime ÷ NetGen on B: not measured."
            : $"ONNX Runtime ÷ best NetGen on B: {Number(ortOverNetGenB.Value, 1)}× (target {Verdict(ortOverNetGenB.Value, 30, "×")}).");
        text.AppendLine();

        text.AppendLine("### TrainBatch(64), SGD, MSE");
        text.AppendLine();
        text.AppendLine("| Net | plain C# | NetGen scalar | NetGen SIMD | NetGen 512 | NetGen allocated | best NetGen samples/s | % of FMA peak | target |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        var trainTargets = new Dictionary<string, double> { ["B"] = 50, ["C"] = 80 };
        var multiplyAdds = new Dictionary<string, long>
        {
            ["A"] = SuiteNetworks.MultiplyAdds(3, SuiteNetworks.A),
            ["B"] = SuiteNetworks.MultiplyAdds(8, SuiteNetworks.B),
            ["C"] = SuiteNetworks.MultiplyAdds(32, SuiteNetworks.C),
            ["D"] = SuiteNetworks.MultiplyAdds(784, SuiteNetworks.D),
        };
        foreach (string net in new[] { "A", "B", "C", "D" })
        {
            string type = "Train" + net;
            if (!results.TryGetValue($"{type}.PlainCSharp", out Measurement plain)) continue;
            var row = new List<string> { net, Time(plain.MeanNs) };
            foreach (string method in NetGenMethods) row.Add(Cell(results, type, method, plain.MeanNs));
            var best = Best(results, type);
            row.Add(best is null ? "–" : Bytes(NetGenMethods.Select(m => results.TryGetValue($"{type}.{m}", out var x) ? x.AllocatedBytes : 0).Max()));
            if (best is null)
            {
                row.AddRange(new[] { "–", "–", "–" });
            }
            else
            {
                double samples = SuiteNetworks.Batch / (best.Value.MeanNs * 1e-9);
                row.Add($"{Number(samples / 1e6, 2)} M ({Titles[best.Value.Method]})");
                if (peakFlops > 0)
                {
                    double percent = 100 * 6 * multiplyAdds[net] * samples / peakFlops;
                    row.Add(Number(percent, 1) + " %");
                    row.Add(trainTargets.TryGetValue(net, out double target) ? Verdict(percent, target, " %") : "–");
                }
                else
                {
                    row.AddRange(new[] { "–", "–" });
                }
            }

            text.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        text.AppendLine();
        text.AppendLine("% of FMA peak = 6 × multiply-adds per sample × samples/s ÷ peak flops/s (multiply-adds per sample: "
            + string.Join(", ", multiplyAdds.Select(p => $"{p.Key} {p.Value.ToString("N0", CultureInfo.InvariantCulture)}"))
            + ").");
        return text.ToString();
    }

    /// <summary>
    /// One core's FMA peak in flops per second from the <see cref="FmaPeak"/> results (whose Mean is the time of one lane
    /// multiply-add, 2 flops): the faster of the 256- and 512-bit probes, 0 if neither ran; <paramref name="line"/>
    /// describes it for the README.
    /// </summary>
    public static double PeakFlops(IReadOnlyDictionary<string, Measurement> results, out string line)
    {
        double peakFlops = 0;
        var peaks = new List<string>();
        foreach (var (method, title) in new[] { ("Fma256", "Vector256"), ("Fma512", "Vector512") })
        {
            if (!results.TryGetValue($"FmaPeak.{method}", out Measurement fma) || fma.MeanNs <= 0) continue;
            double flops = 2 / (fma.MeanNs * 1e-9);
            peakFlops = Math.Max(peakFlops, flops);
            peaks.Add($"{title} {Number(flops / 1e9, 1)} GFLOP/s");
        }

        line = peaks.Count == 0
            ? "FMA peak (one core): not measured."
            : $"FMA peak (one core): {string.Join(", ", peaks)}; the peak used below is {Number(peakFlops / 1e9, 1)} GFLOP/s.";
        return peakFlops;
    }

    private static (string Method, double MeanNs)? Best(IReadOnlyDictionary<string, Measurement> results, string type)
    {
        (string, double)? best = null;
        foreach (string method in NetGenMethods)
        {
            if (results.TryGetValue($"{type}.{method}", out Measurement m) && (best is null || m.MeanNs < best.Value.Item2))
            {
                best = (method, m.MeanNs);
            }
        }

        return best;
    }

    private static string Cell(IReadOnlyDictionary<string, Measurement> results, string type, string method, double plainNs) =>
        results.TryGetValue($"{type}.{method}", out Measurement m)
            ? $"{Time(m.MeanNs)} ({Number(plainNs / m.MeanNs, 2)}×)"
            : "–";

    /// <summary>"≥ target: met", or "≥ target: missed by target ÷ value×".</summary>
    internal static string Verdict(double value, double target, string unit) =>
        value >= target
            ? $"≥ {Number(target, 0)}{unit}: met"
            : $"≥ {Number(target, 0)}{unit}: missed by {Number(target / value, 2)}×";

    /// <summary>A time in ns, µs or ms.</summary>
    internal static string Time(double ns) => ns switch
    {
        >= 1e6 => Number(ns / 1e6, 3) + " ms",
        >= 1e3 => Number(ns / 1e3, 2) + " µs",
        _ => Number(ns, 1) + " ns",
    };

    private static string Bytes(double bytes) => bytes <= 0 ? "0 B" : Number(bytes, 0) + " B";

    /// <summary>A number with thousands separators and <paramref name="decimals"/> decimals.</summary>
    internal static string Number(double value, int decimals) =>
        value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string String(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";

    /// <summary>BenchmarkDotNet's parameter text ("Batch=64", several joined by '&amp;' or ", ") as "Batch=64, …".</summary>
    private static string Parameters(string text) =>
        string.Join(", ", text.Split(new[] { '&', ',' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string Describe(JsonElement host)
    {
        string processor = String(host, "ProcessorName");
        string cores = host.TryGetProperty("PhysicalCoreCount", out JsonElement c) && c.ValueKind == JsonValueKind.Number
            ? $"{c.GetInt32()} cores"
            : "? cores";
        return $"{processor}, {cores}, {String(host, "RuntimeVersion")}, {String(host, "OsVersion")}, "
            + $"AVX-512F {(System.Runtime.Intrinsics.X86.Avx512F.IsSupported ? "yes" : "no")} (where --report ran)";
    }
}

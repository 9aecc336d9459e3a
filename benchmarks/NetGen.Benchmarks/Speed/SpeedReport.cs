using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using NetGen.Benchmarks.Suite;
using static NetGen.Benchmarks.Suite.ReportWriter;

namespace NetGen.Benchmarks.Speed;

/// <summary>
/// The issue-15 tables of benchmarks/README.md (between the <c>speed-tables</c> markers), written by <c>--report</c>
/// (<see cref="ReportWriter.Run"/>) from the results of the <c>NetGen.Benchmarks.Speed</c> classes and the
/// <see cref="FmaPeak"/> probe: chained Predict against the plain loops and the hand-written code, TrainBatch by batch
/// size with samples/s and the fraction of the FMA peak, and the 1 → 2 thread scaling, each next to issue 15's targets.
/// </summary>
public static class SpeedReport
{
    /// <summary>The namespace of the classes this report reads.</summary>
    public const string Namespace = "NetGen.Benchmarks.Speed";

    /// <summary>Start marker of the generated section in the README.</summary>
    public const string BeginMarker = "<!-- speed-tables:begin -->";

    /// <summary>End marker of the generated section in the README.</summary>
    public const string EndMarker = "<!-- speed-tables:end -->";

    /// <summary>The nets in table order, with their descriptions.</summary>
    public static readonly (string Name, string Title)[] Nets =
    {
        ("B", "B 8-16-16-4 tanh"),
        ("C", "C 32-64-64-8 relu"),
        ("D", "D 784-128-10 softmax"),
        ("PolicySwish", "PolicySwish 64-128-128-8 SiLU"),
        ("PolicyRelu", "PolicyRelu 64-256×3-8 relu"),
    };

    /// <summary>Multiply-adds of one forward pass per net (Σ in·out).</summary>
    public static readonly Dictionary<string, long> MultiplyAdds = new()
    {
        ["B"] = SuiteNetworks.MultiplyAdds(8, SuiteNetworks.B),
        ["C"] = SuiteNetworks.MultiplyAdds(32, SuiteNetworks.C),
        ["D"] = SuiteNetworks.MultiplyAdds(784, SuiteNetworks.D),
        ["PolicySwish"] = SuiteNetworks.MultiplyAdds(64, SuiteNetworks.PolicySwish),
        ["PolicyRelu"] = SuiteNetworks.MultiplyAdds(64, SuiteNetworks.PolicyRelu),
    };

    /// <summary>Issue 15: chained Predict, best NetGen time ÷ hand-written time at most this.</summary>
    public const double PredictVsHandTarget = 1.0;

    /// <summary>Issue 15: chained Predict, speed-up over the plain loops at least this.</summary>
    public static readonly Dictionary<string, double> PredictVsPlainTargets = new() { ["B"] = 9, ["C"] = 26, ["D"] = 22 };

    /// <summary>Issue 15: TrainBatch, NetGen's % of the FMA peak at least this, by (net, batch).</summary>
    public static readonly Dictionary<(string Net, int Batch), double> PeakTargets = new()
    {
        [("B", 64)] = 65,
        [("C", 64)] = 90,
        [("D", 64)] = 70,
        [("PolicySwish", 256)] = 70,
        [("PolicyRelu", 256)] = 70,
    };

    /// <summary>Issue 15: TrainBatch(64), NetGen time ÷ hand-written time at most 1.0 on these nets.</summary>
    public static readonly HashSet<string> TrainVsHandNets = new() { "B", "C" };

    /// <summary>The batch sizes of the TrainBatch classes.</summary>
    public static readonly int[] Batches = { 16, 64, 256, 1024 };

    /// <summary>The README section for the speed results <paramref name="speed"/>, the peak from <paramref name="suite"/>.</summary>
    public static string Format(
        IReadOnlyDictionary<string, Measurement> speed, IReadOnlyDictionary<string, Measurement> suite, string machine)
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine($"Machine: {machine}. Written by `--report` from one `--speed` run's results.");
        text.AppendLine();
        double peakFlops = PeakFlops(suite, out string peakLine);
        text.AppendLine(peakLine);
        text.AppendLine();
        Predict(text, speed);
        Train(text, speed, peakFlops);
        Scaling(text, speed);
        return text.ToString();
    }

    private static void Predict(StringBuilder text, IReadOnlyDictionary<string, Measurement> results)
    {
        text.AppendLine("### Predict (batch 1), chained");
        text.AppendLine();
        var rows = new List<string>();
        foreach (var (net, title) in Nets)
        {
            string type = "ChainedPredict" + net;
            if (!results.TryGetValue($"{type}.PlainCSharp", out Measurement plain)) continue;
            var row = new List<string> { title, Time(plain.MeanNs) };
            bool hasHand = results.TryGetValue($"{type}.HandWritten", out Measurement hand);
            foreach (string method in new[] { "HandWritten", "NetGenSimd", "NetGen512" })
            {
                row.Add(results.TryGetValue($"{type}.{method}", out Measurement m)
                    ? $"{Time(m.MeanNs)} ({Number(plain.MeanNs / m.MeanNs, 2)}×)"
                    : "–");
            }

            (string Method, double MeanNs)? best = null;
            foreach (var (method, name) in new[] { ("NetGenSimd", "SIMD"), ("NetGen512", "512") })
            {
                if (results.TryGetValue($"{type}.{method}", out Measurement m) && (best is null || m.MeanNs < best.Value.MeanNs)) best = (name, m.MeanNs);
            }

            if (best is { } b && hasHand)
            {
                double ratio = b.MeanNs / hand.MeanNs;
                row.Add($"{Number(ratio, 2)}× ({b.Method})");
                row.Add(AtMost(ratio, PredictVsHandTarget));
            }
            else
            {
                row.AddRange(new[] { "–", "–" });
            }

            if (best is { } c)
            {
                double speedUp = plain.MeanNs / c.MeanNs;
                row.Add($"{Number(speedUp, 1)}×");
                row.Add(PredictVsPlainTargets.TryGetValue(net, out double target) ? Verdict(speedUp, target, "×") : "–");
            }
            else
            {
                row.AddRange(new[] { "–", "–" });
            }

            rows.Add("| " + string.Join(" | ", row) + " |");
        }

        if (!Table(text, rows,
            "| Net | plain C# | hand-written SIMD | NetGen SIMD | NetGen 512 | best NetGen ÷ hand-written | target ≤ 1.0× hand-written | best NetGen vs plain | target vs plain |",
            "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |"))
        {
            return;
        }

        text.AppendLine("Times are BenchmarkDotNet's Mean of one call plus the feedback of its outputs into the next input; in parentheses the "
            + "speed-up over the plain C# loops (plain time ÷ that time). The targets (issue 15) are checked on the faster NetGen row: "
            + "NetGen ≤ 1.0× the hand-written time on B, C and D, and ≥ 9× (B), 26× (C), 22× (D) the plain loops.");
        text.AppendLine();
    }

    private static void Train(StringBuilder text, IReadOnlyDictionary<string, Measurement> results, double peakFlops)
    {
        text.AppendLine("### TrainBatch by batch size, SGD");
        text.AppendLine();
        var rows = new List<string>();
        foreach (var (net, title) in Nets)
        {
            string type = "TrainBatch" + net;
            foreach (int batch in Batches)
            {
                string suffix = $"(Batch={batch})";
                bool hasHand = results.TryGetValue($"{type}.HandWritten{suffix}", out Measurement hand);
                bool hasNetGen = results.TryGetValue($"{type}.NetGen{suffix}", out Measurement netGen);
                bool hasPlain = results.TryGetValue($"{type}.PlainCSharp{suffix}", out Measurement plain);
                if (!hasHand && !hasNetGen) continue;
                var row = new List<string>
                {
                    title,
                    batch.ToString("N0", CultureInfo.InvariantCulture),
                    hasHand ? Time(hand.MeanNs) : "–",
                    hasNetGen ? Time(netGen.MeanNs) : "–",
                    hasPlain ? $"{Time(plain.MeanNs)} ({Percent(net, batch, plain.MeanNs, peakFlops)})" : "–",
                    hasHand ? Throughput(net, batch, hand.MeanNs, peakFlops) : "–",
                    hasNetGen ? Throughput(net, batch, netGen.MeanNs, peakFlops) : "–",
                    hasHand && hasNetGen ? Number(netGen.MeanNs / hand.MeanNs, 2) + "×" : "–",
                };

                var targets = new List<string>();
                if (PeakTargets.TryGetValue((net, batch), out double peakTarget))
                {
                    targets.Add(hasNetGen && peakFlops > 0
                        ? "NetGen " + Verdict(PercentOfPeak(net, batch, netGen.MeanNs, peakFlops), peakTarget, " % of peak")
                        : $"NetGen ≥ {Number(peakTarget, 0)} % of peak: not measured");
                }

                if (batch == 64 && TrainVsHandNets.Contains(net))
                {
                    targets.Add(hasHand && hasNetGen
                        ? "NetGen ÷ hand-written " + AtMost(netGen.MeanNs / hand.MeanNs, 1.0)
                        : "NetGen ÷ hand-written ≤ 1.0×: not measured");
                }

                row.Add(targets.Count == 0 ? "–" : string.Join("; ", targets));
                rows.Add("| " + string.Join(" | ", row) + " |");
            }
        }

        if (!Table(text, rows,
            "| Net | batch | hand-written SIMD | NetGen | plain C# | hand-written samples/s (% of peak) | NetGen samples/s (% of peak) | NetGen ÷ hand-written | target |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"))
        {
            return;
        }

        text.AppendLine("% of peak = 6 × multiply-adds per sample × samples/s ÷ peak flops/s (multiply-adds per sample: "
            + string.Join(", ", MultiplyAdds.Select(p => $"{p.Key} {p.Value.ToString("N0", CultureInfo.InvariantCulture)}"))
            + "); NetGen ÷ hand-written is the time ratio (below 1: NetGen faster). Targets (issue 15): NetGen ≥ 65 % of the peak "
            + "on B, ≥ 90 % on C and ≥ 70 % on D at batch 64, ≥ 70 % on the policy nets at batch 256, and NetGen at least as fast as "
            + "the hand-written code at batch 64 on B and C.");
        text.AppendLine();
    }

    private static void Scaling(StringBuilder text, IReadOnlyDictionary<string, Measurement> results)
    {
        text.AppendLine("### Scaling from 1 to 2 threads (NetGen, 1,024 samples)");
        text.AppendLine();
        var rows = new List<string>();
        bool anyMissing = false;
        foreach (var (net, title) in Nets)
        {
            foreach (var (method, member) in new[] { ("TrainBatch1024", "TrainBatch(1024)"), ("PredictBatch1024", "PredictBatch(1024)") })
            {
                string key = $"Scaling{net}.{method}";
                bool hasOne = results.TryGetValue($"{key}(MaxThreads=1)", out Measurement one);
                bool hasTwo = results.TryGetValue($"{key}(MaxThreads=2)", out Measurement two);
                if (!hasOne && !hasTwo) continue;
                anyMissing |= !hasTwo;
                rows.Add($"| {title} | {member} | {(hasOne ? Time(one.MeanNs) : "–")} | {(hasTwo ? Time(two.MeanNs) : "n/a")} | "
                    + $"{(hasOne && hasTwo ? Number(two.MeanNs / one.MeanNs, 2) : "n/a")} |");
            }
        }

        if (!Table(text, rows, "| Net | member | 1 thread | 2 threads | 2-thread ÷ 1-thread time |", "| --- | --- | ---: | ---: | ---: |"))
        {
            return;
        }

        text.AppendLine("2-thread ÷ 1-thread time: 0.50 would be perfect scaling on 2 cores, 1.00 none."
            + (anyMissing
                ? $" n/a: no 2-thread result; the benchmarks with MaxThreads = 2 run only where NetGen has `{Threads.TypeName}.MaxThreads`."
                : ""));
    }

    /// <summary>Writes the table (header, rows, blank line) and returns true, or "Not in this run." and false without rows.</summary>
    private static bool Table(StringBuilder text, List<string> rows, string header, string separator)
    {
        if (rows.Count == 0)
        {
            text.AppendLine("Not in this run.");
            text.AppendLine();
            return false;
        }

        text.AppendLine(header);
        text.AppendLine(separator);
        foreach (string row in rows) text.AppendLine(row);
        text.AppendLine();
        return true;
    }

    private static double PercentOfPeak(string net, int batch, double meanNs, double peakFlops) =>
        100 * 6.0 * MultiplyAdds[net] * (batch / (meanNs * 1e-9)) / peakFlops;

    private static string Percent(string net, int batch, double meanNs, double peakFlops) =>
        peakFlops > 0 ? Number(PercentOfPeak(net, batch, meanNs, peakFlops), 1) + " %" : "– %";

    private static string Throughput(string net, int batch, double meanNs, double peakFlops)
    {
        double samples = batch / (meanNs * 1e-9);
        return $"{Number(samples / 1e6, 3)} M ({Percent(net, batch, meanNs, peakFlops)})";
    }

    private static string AtMost(double value, double target) =>
        value <= target
            ? $"≤ {Number(target, 1)}×: met"
            : $"≤ {Number(target, 1)}×: missed by {Number(value / target, 2)}×";
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using NetGen.Runtime;
using NetGen.Runtime.Threading;
using NetGen.Tests.Concurrency;
using NetGen.Tests.Simd;
using Xunit;

namespace NetGen.Tests.Determinism;

/// <summary>
/// <c>Deterministic = true</c>: the same bits at every forced SIMD width (the scalar path, 128, 256, 512 and the automatic
/// choice), for every batch size and position, and the same bits as the checked-in <c>expected-bits.txt</c> (written on
/// an x64 AVX-512 machine: a different processor, instruction set or runtime that changed one bit fails here; .ci/run reruns
/// these tests without AVX-512, without AVX2/FMA and without any hardware intrinsic).
/// </summary>
[Collection(SimdOptionsCollection.Name)]
public sealed class DeterminismWidthTests : IDisposable
{
    public void Dispose() => SimdOptions.ForcedWidth = 0;

    [Theory]
    [MemberData(nameof(DeterministicSubjects.Names), MemberType = typeof(DeterministicSubjects))]
    public void EveryForcedWidth_GivesTheSameBits(string name)
    {
        var subject = DeterministicSubjects.Named(name);
        SimdOptions.ForcedWidth = -1;
        var reference = Transcript.Run(subject);
        foreach (int width in new[] { 0, 128, 256, 512 })
        {
            SimdOptions.ForcedWidth = width;
            var transcript = Transcript.Run(subject);
            int at = Transcript.FirstDifference(reference, transcript);
            Assert.True(at < 0, $"{name}: ForcedWidth {width} differs from the scalar path at transcript value {at}");
        }
    }

    /// <summary>
    /// The control: the default twin of DetTanh (same layout, not deterministic) gives other bits on its SIMD paths than
    /// on its scalar path, so the comparisons above can fail (where the processor runs any SIMD code).
    /// </summary>
    [Fact]
    public void TheDefaultTwin_DiffersBetweenItsPaths()
    {
        if (!System.Numerics.Vector.IsHardwareAccelerated || !System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated) return;
        var inputs = DeterministicSubjects.Data(64 * DefaultTanh.InputSize, 1, probabilities: false);
        var outputs = new float[2][];
        for (int pass = 0; pass < 2; pass++)
        {
            SimdOptions.ForcedWidth = pass == 0 ? -1 : 0;
            var net = new DefaultTanh(7);
            outputs[pass] = new float[64 * DefaultTanh.OutputSize];
            net.PredictBatch(inputs, outputs[pass]);
        }
        Assert.Contains(Enumerable.Range(0, outputs[0].Length), i => BitConverter.SingleToInt32Bits(outputs[0][i]) != BitConverter.SingleToInt32Bits(outputs[1][i]));
    }

    [Fact]
    public void TheBits_AreTheCheckedInOnes()
    {
        SimdOptions.ForcedWidth = 0;
        string path = Path.Combine(DeterministicMathTests.RepositoryRoot(), "tests", "NetGen.Tests", "Determinism", "expected-bits.txt");
        var actual = new StringBuilder();
        actual.Append("# Deterministic networks (tests/NetGen.Tests/Determinism): bits of Predict on the first 4 samples, of Predict after\n");
        actual.Append("# training, and an FNV-1a hash of the whole transcript (Transcript.Run). Written on x64 (AVX-512); every machine must\n");
        actual.Append("# reproduce it. Rewrite with NETGEN_ACCEPT_BITS=1 only for an intended change of the computation.\n");
        foreach (var subject in DeterministicSubjects.All)
        {
            var transcript = Transcript.Run(subject);
            int outputs = 4 * subject.SampleOutput;
            var predict = transcript.Take(outputs);
            var trained = transcript.Skip(transcript.Count - Transcript.Pool * subject.SampleOutput).Take(outputs);
            actual.Append($"{subject.Name} predict {Hex(predict)}\n");
            actual.Append($"{subject.Name} trained {Hex(trained)}\n");
            actual.Append($"{subject.Name} transcript {Transcript.Hash(transcript):x16} ({transcript.Count} values)\n");
        }
        if (Environment.GetEnvironmentVariable("NETGEN_ACCEPT_BITS") == "1") File.WriteAllText(path, actual.ToString());
        string expected = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : "";
        var expectedLines = expected.Split('\n');
        var actualLines = actual.ToString().Split('\n');
        var differences = actualLines.Where((line, i) => i >= expectedLines.Length || expectedLines[i] != line).Take(6).ToList();
        Assert.True(differences.Count == 0 && expectedLines.Length == actualLines.Length,
            $"expected-bits.txt differs ({expectedLines.Length} vs {actualLines.Length} lines); these lines are now:\n" + string.Join("\n", differences));
    }

    private static string Hex(IEnumerable<float> values) => string.Join(",", values.Select(v => BitConverter.SingleToInt32Bits(v).ToString("x8")));
}

/// <summary><c>Deterministic = true</c>: the same bits on 1, 2 and 4 threads, batches large enough to be split (≥ 1,000,000 multiply-adds where a family splits).</summary>
[Collection(BatchParallelismCollection.Name)]
public sealed class DeterminismThreadsTests : IDisposable
{
    private readonly int _threads = BatchParallelism.MaxThreads;

    public void Dispose() => BatchParallelism.MaxThreads = _threads;

    [Theory]
    [MemberData(nameof(DeterministicSubjects.Names), MemberType = typeof(DeterministicSubjects))]
    public void ThreadCounts_GiveTheSameBits(string name)
    {
        var subject = DeterministicSubjects.Named(name);
        List<float>? reference = null;
        foreach (int threads in new[] { 1, 2, 4 })
        {
            BatchParallelism.MaxThreads = threads;
            var record = Large(subject);
            if (reference is null)
            {
                reference = record;
                continue;
            }
            int at = Transcript.FirstDifference(reference, record);
            Assert.True(at < 0, $"{name}: {threads} threads differ from 1 thread at value {at}");
        }
    }

    // 1,600 samples: GradientBatch, Evaluate, PredictBatch and three TrainBatch steps.
    private static List<float> Large(Subject s)
    {
        const int n = 1600;
        var inputs = DeterministicSubjects.Data(n * s.SampleInput, 3, probabilities: false);
        var targets = DeterministicSubjects.Data(n * s.SampleTarget, 4, probabilities: true);
        var net = s.Create(11);
        var record = new List<float>();
        var gradient = new float[net.Parameters.Length];
        record.Add(net.GradientBatch(inputs, targets, gradient));
        record.AddRange(gradient);
        record.Add(net.Evaluate(inputs, targets));
        var outputs = new float[n * s.SampleOutput];
        net.PredictBatch(inputs, outputs);
        record.AddRange(outputs);
        for (int step = 0; step < 3; step++) record.Add(net.TrainBatch(inputs, targets));
        record.AddRange(net.Parameters.ToArray());
        return record;
    }
}

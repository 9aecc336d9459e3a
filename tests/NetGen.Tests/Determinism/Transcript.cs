using System;
using System.Collections.Generic;
using NetGen.Tests.Reference;

namespace NetGen.Tests.Determinism;

/// <summary>
/// Everything a deterministic network computes in a fixed scenario, as one list of floats: Predict on every sample of a
/// pool, Gradient, GradientBatch, Evaluate, BackwardBatch, InputGradient, ApplyGradient, a sequence of TrainBatch calls of several sizes and TrainStep calls, the
/// parameters after them and Predict again. Along the way it asserts that PredictBatch gives each sample's Predict bits at
/// every batch size 1–70 and at every position.
/// </summary>
public static class Transcript
{
    public const int Pool = 141;

    public static List<float> Run(Subject s, int batchScale = 1)
    {
        var record = new List<float>();
        var inputs = DeterministicSubjects.Data(Pool * s.SampleInput, 1, probabilities: false);
        var targets = DeterministicSubjects.Data(Pool * s.SampleTarget, 2, probabilities: true);
        var net = s.Create(7);

        var single = new float[Pool * s.SampleOutput];
        for (int i = 0; i < Pool; i++) net.PredictOne(Rows(inputs, i, 1, s.SampleInput), single.AsSpan(i * s.SampleOutput, s.SampleOutput));
        record.AddRange(single);
        CheckBatches(s, net, inputs, single);

        var gradient = new float[net.Parameters.Length];
        record.Add(net.Gradient(Rows(inputs, 3, 1, s.SampleInput), Rows(targets, 3, 1, s.SampleTarget), gradient));
        record.AddRange(gradient);
        record.Add(net.GradientBatch(Rows(inputs, 0, 64, s.SampleInput), Rows(targets, 0, 64, s.SampleTarget), gradient));
        record.AddRange(gradient);
        record.Add(net.Evaluate(Rows(inputs, 5, 70, s.SampleInput), Rows(targets, 5, 70, s.SampleTarget)));

        // Your own loss: BackwardBatch of 5 samples with output gradients of the caller's, InputGradient, ApplyGradient.
        var outputGradients = DeterministicSubjects.Data(5 * s.SampleOutput, 3, probabilities: false);
        var own = new float[net.Parameters.Length];
        var inputGradients = new float[5 * s.SampleInput];
        net.BackwardBatch(Rows(inputs, 20, 5, s.SampleInput), outputGradients, own, inputGradients);
        record.AddRange(own);
        record.AddRange(inputGradients);
        record.Add(net.InputGradient(Rows(inputs, 7, 1, s.SampleInput), Rows(targets, 7, 1, s.SampleTarget), inputGradients.AsSpan(0, s.SampleInput)));
        record.AddRange(inputGradients);
        net.ApplyGradient(own);

        int start = 0;
        foreach (int n in new[] { 64, 70, 33, 2, 130, 17 })
        {
            int size = Math.Min(n * batchScale, Pool);
            start = (start + 29) % (Pool - size + 1);
            record.Add(net.TrainBatch(Rows(inputs, start, size, s.SampleInput), Rows(targets, start, size, s.SampleTarget)));
        }
        for (int i = 0; i < 3; i++) record.Add(net.TrainStep(Rows(inputs, 10 + i, 1, s.SampleInput), Rows(targets, 10 + i, 1, s.SampleTarget)));
        record.AddRange(net.Parameters.ToArray());

        var after = new float[Pool * s.SampleOutput];
        net.PredictBatch(inputs, after);
        record.AddRange(after);
        return record;
    }

    /// <summary>PredictBatch at every size 1–70, each at a different start in the pool (so a sample sits at every position): each row equals its Predict bits.</summary>
    private static void CheckBatches(Subject s, Driver net, float[] inputs, float[] single)
    {
        for (int n = 1; n <= 70; n++)
        {
            foreach (int start in new[] { 0, (n * 13) % (Pool - n + 1), Pool - n })
            {
                var batch = new float[n * s.SampleOutput];
                net.PredictBatch(Rows(inputs, start, n, s.SampleInput), batch);
                NumericAssert.Identical(single.AsSpan(start * s.SampleOutput, n * s.SampleOutput), batch, $"{s.Name}: PredictBatch of {n} from sample {start}");
            }
        }
    }

    private static ReadOnlySpan<float> Rows(float[] data, int start, int count, int width) => data.AsSpan(start * width, count * width);

    /// <summary>The first index where two transcripts differ in their bits, or −1.</summary>
    public static int FirstDifference(List<float> a, List<float> b)
    {
        if (a.Count != b.Count) return Math.Min(a.Count, b.Count);
        for (int i = 0; i < a.Count; i++)
        {
            if (BitConverter.SingleToInt32Bits(a[i]) != BitConverter.SingleToInt32Bits(b[i])) return i;
        }
        return -1;
    }

    /// <summary>FNV-1a (64 bits) over the float bits of a transcript.</summary>
    public static ulong Hash(List<float> values)
    {
        ulong h = 14695981039346656037ul;
        foreach (float v in values)
        {
            uint bits = (uint)BitConverter.SingleToInt32Bits(v);
            for (int b = 0; b < 4; b++)
            {
                h ^= (bits >> (8 * b)) & 0xFF;
                h *= 1099511628211ul;
            }
        }
        return h;
    }
}

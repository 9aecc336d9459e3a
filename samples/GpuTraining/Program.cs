// Trains Classifier on a synthetic data set with its generated GpuTrainer and prints samples/s.
// Usage: GpuTraining [samples] [epochs] [batchSize]   (NETGEN_ACCELERATOR=cpu|cuda|opencl picks the accelerator)
//        GpuTraining --check   GPU trainer vs CPU path (predictions, 10 steps), exit code 1 on a mismatch
//        GpuTraining --bench   training samples/s, GPU trainer vs CPU path, batch sizes 1,024 to 65,536
using System;
using System.Diagnostics;
using System.Globalization;
using GpuTraining;
using NetGen;

var (context, accelerator) = Accelerators.Create();
using (context)
using (accelerator)
{
    if (args.Length > 0 && args[0] == "--check")
    {
        Console.WriteLine($"Accelerator: {accelerator.Name} ({accelerator.AcceleratorType})");
        NetGen.Runtime.SimdOptions.ForcedWidth = -1; // the scalar path sums in the kernels' order
        return Checks.Check(accelerator);
    }
    if (args.Length > 0 && args[0] == "--bench")
    {
        Console.WriteLine($"Accelerator: {accelerator.Name} ({accelerator.AcceleratorType})");
        Checks.Bench(accelerator);
        return 0;
    }
    bool cpu = accelerator.AcceleratorType == ILGPU.Runtime.AcceleratorType.CPU;
    int samples = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : cpu ? 8_192 : 1_048_576;
    int epochs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : cpu ? 2 : 5;
    int batchSize = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : cpu ? 1_024 : 65_536;
    Console.WriteLine($"Accelerator: {accelerator.Name} ({accelerator.AcceleratorType}), {accelerator.MaxNumThreadsPerGroup} threads per group, warp {accelerator.WarpSize}");
    Console.WriteLine($"Data: {samples:N0} synthetic samples, {Classifier.InputSize} features, {Classifier.OutputSize} classes; batch {batchSize:N0}, {epochs} epochs");

    var (inputs, targets, labels) = SyntheticData.Create(samples, seed: 7);
    var network = new Classifier();
    using var trainer = new Classifier.GpuTrainer(accelerator, network, batchSize);

    var watch = Stopwatch.StartNew();
    trainer.Train(inputs, targets, epochs, batchSize, new ProgressBar());
    watch.Stop();
    Console.WriteLine();
    Console.WriteLine($"Trained {(long)samples * epochs:N0} samples in {watch.Elapsed.TotalSeconds:F2} s: {samples * (double)epochs / watch.Elapsed.TotalSeconds:N0} samples/s (including kernel compilation on first use)");

    var outputs = new float[samples * Classifier.OutputSize];
    for (int start = 0; start < samples; start += batchSize)
    {
        int count = Math.Min(batchSize, samples - start);
        trainer.PredictBatch(inputs.AsSpan(start * Classifier.InputSize, count * Classifier.InputSize), outputs.AsSpan(start * Classifier.OutputSize, count * Classifier.OutputSize));
    }
    Console.WriteLine($"Training accuracy: {SyntheticData.Accuracy(outputs, labels):P1}");

    trainer.CopyParametersTo(network);
    Console.WriteLine($"Mean loss on the CPU with the trained parameters: {network.Evaluate(inputs, targets):G6}");
    return 0;
}

/// <summary>A one-line progress bar, redrawn in place.</summary>
internal sealed class ProgressBar : IProgress<EpochReport>
{
    public void Report(EpochReport value)
    {
        const int width = 30;
        int filled = (int)((long)width * value.Batch / value.BatchCount);
        string bar = new string('#', filled) + new string('.', width - filled);
        Console.Write(string.Format(CultureInfo.InvariantCulture, "\repoch {0}/{1} [{2}] loss {3:F4}  {4,14:N0} samples/s", value.Epoch, value.EpochCount, bar, value.Loss, value.SamplesPerSecond));
        if (value.IsEpochComplete) Console.WriteLine();
    }
}

/// <summary>Points in [-1, 1]³² labelled by a fixed random linear "teacher" (the argmax of 4 scores).</summary>
internal static class SyntheticData
{
    public static (float[] Inputs, float[] Targets, int[] Labels) Create(int samples, int seed)
    {
        var random = new Random(seed);
        int features = Classifier.InputSize, classes = Classifier.OutputSize;
        var teacher = new float[classes * features];
        for (int i = 0; i < teacher.Length; i++) teacher[i] = (float)(random.NextDouble() * 2 - 1);
        var inputs = new float[samples * features];
        var targets = new float[samples * classes];
        var labels = new int[samples];
        for (int s = 0; s < samples; s++)
        {
            for (int i = 0; i < features; i++) inputs[s * features + i] = (float)(random.NextDouble() * 2 - 1);
            int best = 0;
            float bestScore = float.NegativeInfinity;
            for (int c = 0; c < classes; c++)
            {
                float score = 0;
                for (int i = 0; i < features; i++) score += teacher[c * features + i] * inputs[s * features + i];
                if (score > bestScore) (best, bestScore) = (c, score);
            }
            labels[s] = best;
            targets[s * classes + best] = 1f;
        }
        return (inputs, targets, labels);
    }

    public static double Accuracy(float[] outputs, int[] labels)
    {
        int classes = Classifier.OutputSize, correct = 0;
        for (int s = 0; s < labels.Length; s++)
        {
            int best = 0;
            for (int c = 1; c < classes; c++) if (outputs[s * classes + c] > outputs[s * classes + best]) best = c;
            if (best == labels[s]) correct++;
        }
        return correct / (double)labels.Length;
    }
}

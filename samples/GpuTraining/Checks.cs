using System;
using System.Diagnostics;
using System.Globalization;
using ILGPU.Runtime;

namespace GpuTraining;

/// <summary>
/// <c>--check</c>: the GPU trainer against the CPU path on this machine's accelerator (predictions and 10 training steps,
/// within 1e-5 relative), exit code 1 on any mismatch: the GPU tests for a machine without the .NET SDK.
/// <c>--bench</c>: training samples/s of the GPU trainer and of the CPU (SIMD) path at batch sizes 1,024 to 65,536.
/// </summary>
internal static class Checks
{
    private delegate float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);

    public static int Check(Accelerator accelerator)
    {
        int failures = 0;
        {
            var cpu = new Classifier();
            using var gpu = new Classifier.GpuTrainer(accelerator, new Classifier(), 256);
            failures += Compare("Classifier", Classifier.InputSize, Classifier.OutputSize, Classifier.ParameterCount, 256,
                cpu.PredictBatch, gpu.PredictBatch, cpu.TrainBatch, gpu.TrainBatch, () => cpu.Parameters.ToArray(), gpu.CopyParametersTo);
        }
        {
            var cpu = new Mnist();
            using var gpu = new Mnist.GpuTrainer(accelerator, new Mnist(), 64);
            failures += Compare("Mnist", Mnist.InputSize, Mnist.OutputSize, Mnist.ParameterCount, 64,
                cpu.PredictBatch, gpu.PredictBatch, cpu.TrainBatch, gpu.TrainBatch, () => cpu.Parameters.ToArray(), gpu.CopyParametersTo);
        }
        Console.WriteLine(failures == 0 ? "GPU check: all passed" : $"GPU check: {failures} failed");
        return failures == 0 ? 0 : 1;
    }

    private delegate void Predict(ReadOnlySpan<float> inputs, Span<float> outputs);
    private delegate void Copy(Span<float> destination);

    private static int Compare(string name, int inputSize, int outputSize, int parameterCount, int batch,
        Predict cpuPredict, Predict gpuPredict, TrainStep cpuTrain, TrainStep gpuTrain, Func<float[]> cpuParameters, Copy gpuParameters)
    {
        var random = new Random(1);
        int failures = 0;
        var inputs = new float[batch * inputSize];
        var targets = new float[batch * outputSize];
        void Fill()
        {
            Array.Clear(targets);
            for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)(random.NextDouble() * 2 - 1);
            for (int s = 0; s < batch; s++) targets[s * outputSize + random.Next(outputSize)] = 1f;
        }
        Fill();
        var expected = new float[batch * outputSize];
        var actual = new float[batch * outputSize];
        cpuPredict(inputs, expected);
        gpuPredict(inputs, actual);
        failures += Report($"{name} predictions", expected, actual);
        var gpu = new float[parameterCount];
        for (int step = 1; step <= 10; step++)
        {
            Fill();
            float cpuLoss = cpuTrain(inputs, targets);
            float gpuLoss = gpuTrain(inputs, targets);
            failures += Report($"{name} loss of step {step}", new[] { cpuLoss }, new[] { gpuLoss });
        }
        gpuParameters(gpu);
        failures += Report($"{name} parameters after 10 steps", cpuParameters(), gpu);
        return failures;
    }

    private static int Report(string what, float[] expected, float[] actual)
    {
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]) / Math.Max(Math.Abs(expected[i]), 1e-2);
            if (!(error <= worst)) (worst, at) = (error, i);
        }
        bool ok = worst <= 1e-5;
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-6} {1}: worst relative error {2:E2}{3}", ok ? "PASS" : "FAIL", what, worst,
            at >= 0 && !ok ? $" at [{at}] (expected {expected[at]:R}, got {actual[at]:R})" : ""));
        return ok ? 0 : 1;
    }

    public static void Bench(Accelerator accelerator)
    {
        Console.WriteLine("network     batch   GPU samples/s   CPU samples/s");
        foreach (int batch in new[] { 1_024, 4_096, 16_384, 65_536 })
        {
            var (inputs, targets, _) = SyntheticData.Create(batch, seed: 5);
            var cpu = new Classifier();
            using var gpu = new Classifier.GpuTrainer(accelerator, new Classifier(), batch);
            double gpuRate = Rate(batch, () => gpu.TrainBatch(inputs, targets));
            double cpuRate = Rate(batch, () => cpu.TrainBatch(inputs, targets));
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "Classifier {0,6} {1,15:N0} {2,15:N0}", batch, gpuRate, cpuRate));
        }
        foreach (int batch in new[] { 1_024, 4_096, 16_384 })
        {
            var inputs = new float[batch * Mnist.InputSize];
            var targets = new float[batch * Mnist.OutputSize];
            var random = new Random(2);
            for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextDouble();
            for (int s = 0; s < batch; s++) targets[s * Mnist.OutputSize + random.Next(Mnist.OutputSize)] = 1f;
            var cpu = new Mnist();
            using var gpu = new Mnist.GpuTrainer(accelerator, new Mnist(), batch);
            double gpuRate = Rate(batch, () => gpu.TrainBatch(inputs, targets));
            double cpuRate = Rate(batch, () => cpu.TrainBatch(inputs, targets));
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "Mnist      {0,6} {1,15:N0} {2,15:N0}", batch, gpuRate, cpuRate));
        }
    }

    /// <summary>Samples/s of a training step after one warm-up step, over at least 1 s or 3 steps.</summary>
    private static double Rate(int batch, Action step)
    {
        step();
        var watch = Stopwatch.StartNew();
        int steps = 0;
        while (steps < 3 || watch.Elapsed.TotalSeconds < 1) { step(); steps++; }
        return (double)batch * steps / watch.Elapsed.TotalSeconds;
    }
}

using System;
using System.Diagnostics;
using System.Globalization;
using ILGPU.Runtime;
using NetGen.Benchmarks.Suite;

namespace GpuTraining;

/// <summary>
/// <c>--check</c>: the GPU trainer against the CPU path on this machine's accelerator (predictions and 10 training steps,
/// within 1e-5 relative), exit code 1 on any mismatch: the GPU tests for a machine without the .NET SDK.
/// <c>--bench</c>: training samples/s (TrainBatch, SGD) of the GPU trainer and of the CPU (SIMD) path for the suite's nets
/// B, C and D at batch sizes 1,024 to 65,536.
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
        {
            // A batch of 4,096: many gradient slots reduced on the device against the CPU path's lane sums.
            var cpu = new NetC();
            using var gpu = new NetC.GpuTrainer(accelerator, new NetC(), 4_096);
            failures += Compare("NetC", NetC.InputSize, NetC.OutputSize, NetC.ParameterCount, 4_096,
                cpu.PredictBatch, gpu.PredictBatch, cpu.TrainBatch, gpu.TrainBatch, () => cpu.Parameters.ToArray(), gpu.CopyParametersTo);
        }
        {
            // Dropout: the trainer draws each sample's masks on the host from a copy of the network's generator.
            var cpu = new DropoutClassifier();
            using var gpu = new DropoutClassifier.GpuTrainer(accelerator, new DropoutClassifier(), 256);
            failures += Compare("DropoutClassifier", DropoutClassifier.InputSize, DropoutClassifier.OutputSize, DropoutClassifier.ParameterCount, 256,
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
        // Relative to the largest magnitude of the expected vector (floor 1e-3), as the tests' NumericAssert: an output
        // near 0 that is a sum of terms of size 1 carries their rounding, so an element-wise relative error would be noise.
        double scale = 1e-3;
        foreach (float e in expected) scale = Math.Max(scale, Math.Abs(e));
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]) / scale;
            if (!(error <= worst)) (worst, at) = (error, i);
        }
        bool ok = worst <= 1e-5;
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-6} {1}: worst relative error {2:E2}{3}", ok ? "PASS" : "FAIL", what, worst,
            at >= 0 && !ok ? $" at [{at}] (expected {expected[at]:R}, got {actual[at]:R})" : ""));
        return ok ? 0 : 1;
    }

    /// <summary>Batch sizes of the throughput table.</summary>
    private static readonly int[] BenchBatches = { 1_024, 4_096, 16_384, 65_536 };

    public static void Bench(Accelerator accelerator)
    {
        Console.WriteLine($"accelerator: {accelerator.Name} ({accelerator.AcceleratorType}, {accelerator.MemorySize / (1 << 20):N0} MiB); CPU path: {Environment.ProcessorCount} logical cores, one used, SIMD {NetGen.Runtime.SimdOptions.PreferredWidth}-bit");
        Console.WriteLine("GPU: TrainBatch with the default gradient slots, then with one slot per sample where device memory allows (slots = batch)");
        Console.WriteLine("network  batch   slots   GPU samples/s   slots   GPU samples/s    CPU samples/s");
        foreach (int batch in BenchBatches)
        {
            BenchRow("B", batch, NetB.InputSize, NetB.OutputSize, NetB.ParameterCount, new NetB().TrainBatch,
                slots => slots == 0 ? new NetB.GpuTrainer(accelerator, new NetB(), batch) : new NetB.GpuTrainer(accelerator, new NetB(), batch, slots),
                t => ((NetB.GpuTrainer)t).GradientSlots, (t, x, y) => ((NetB.GpuTrainer)t).TrainBatch(x, y), accelerator);
        }
        foreach (int batch in BenchBatches)
        {
            BenchRow("C", batch, NetC.InputSize, NetC.OutputSize, NetC.ParameterCount, new NetC().TrainBatch,
                slots => slots == 0 ? new NetC.GpuTrainer(accelerator, new NetC(), batch) : new NetC.GpuTrainer(accelerator, new NetC(), batch, slots),
                t => ((NetC.GpuTrainer)t).GradientSlots, (t, x, y) => ((NetC.GpuTrainer)t).TrainBatch(x, y), accelerator);
        }
        foreach (int batch in BenchBatches)
        {
            BenchRow("C loops", batch, NetCLooped.InputSize, NetCLooped.OutputSize, NetCLooped.ParameterCount, new NetCLooped().TrainBatch,
                slots => slots == 0 ? new NetCLooped.GpuTrainer(accelerator, new NetCLooped(), batch) : new NetCLooped.GpuTrainer(accelerator, new NetCLooped(), batch, slots),
                t => ((NetCLooped.GpuTrainer)t).GradientSlots, (t, x, y) => ((NetCLooped.GpuTrainer)t).TrainBatch(x, y), accelerator);
        }
        foreach (int batch in BenchBatches)
        {
            BenchRow("D", batch, NetD.InputSize, NetD.OutputSize, NetD.ParameterCount, new NetD().TrainBatch,
                slots => slots == 0 ? new NetD.GpuTrainer(accelerator, new NetD(), batch) : new NetD.GpuTrainer(accelerator, new NetD(), batch, slots),
                t => ((NetD.GpuTrainer)t).GradientSlots, (t, x, y) => ((NetD.GpuTrainer)t).TrainBatch(x, y), accelerator);
        }
    }

    private static void BenchRow(string name, int batch, int inputSize, int outputSize, int parameterCount, TrainStep cpu,
        Func<int, IDisposable> trainer, Func<IDisposable, int> slotsOf, Action<IDisposable, float[], float[]> gpuStep, Accelerator accelerator)
    {
        var random = new Random(batch);
        var inputs = new float[batch * inputSize];
        var targets = new float[batch * outputSize];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)(random.NextDouble() * 2 - 1);
        for (int s = 0; s < batch; s++) targets[s * outputSize + random.Next(outputSize)] = 1f;
        int defaultSlots;
        double defaultRate;
        using (var gpu = trainer(0))
        {
            defaultSlots = slotsOf(gpu);
            defaultRate = Rate(batch, () => gpuStep(gpu, inputs, targets));
        }
        // One slot per sample: 2·ParameterCount floats per slot (gradient + a generous scratch estimate) within half the device memory.
        string wide = "      -               -";
        if (defaultSlots < batch && 8L * parameterCount * batch < accelerator.MemorySize / 2)
        {
            using var gpu = trainer(batch);
            wide = string.Format(CultureInfo.InvariantCulture, "{0,7} {1,15:N0}", batch, Rate(batch, () => gpuStep(gpu, inputs, targets)));
        }
        double cpuRate = Rate(batch, () => cpu(inputs, targets));
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-7} {1,6} {2,7} {3,15:N0} {4} {5,16:N0}", name, batch, defaultSlots, defaultRate, wide, cpuRate));
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

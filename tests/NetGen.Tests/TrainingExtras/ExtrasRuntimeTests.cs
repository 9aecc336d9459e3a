using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetGen.Runtime;
using NetGen.Training;

namespace NetGen.Tests.TrainingExtras;

/// <summary>The warm-up schedule against PyTorch's LinearLR/SequentialLR, the TrainingData helpers and the file-path overloads.</summary>
public sealed class ExtrasRuntimeTests
{
    private static JsonElement Schedule(string name) => ExtrasReferenceTests.Root.GetProperty("schedules").GetProperty(name);

    private static void Rates(JsonElement expected, Func<int, int, float, float> rate)
    {
        float lr = (float)expected.GetProperty("lr").GetDouble();
        int epochs = expected.GetProperty("epochs").GetInt32();
        double[] rates = expected.GetProperty("rates").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(epochs, rates.Length);
        for (int e = 0; e < epochs; e++)
        {
            float actual = rate(e, epochs, lr);
            Assert.True(Math.Abs(actual - rates[e]) <= 1e-6 * rates[e], $"epoch {e}: NetGen {actual:R}, PyTorch {rates[e]:R}");
        }
    }

    // ---- warm-up ----

    [Fact]
    public void Warmup_IsPyTorchsLinearLR()
    {
        var schedule = LearningRateSchedule.Warmup(4, startFactor: 0.25f);
        Rates(Schedule("linear"), schedule.LearningRate);
    }

    [Fact]
    public void Warmup_WithPyTorchsDefaultStartFactor()
    {
        var schedule = LearningRateSchedule.Warmup(3);
        Rates(Schedule("linear_default"), schedule.LearningRate);
    }

    [Fact]
    public void Warmup_ThenCosine_IsPyTorchsSequentialLR()
    {
        var schedule = LearningRateSchedule.Warmup(4, LearningRateSchedule.Cosine(0.001f), 0.25f);
        Rates(Schedule("linear_cosine"), schedule.LearningRate);
    }

    [Fact]
    public void Warmup_ThroughFit_SetsEachEpochsRate()
    {
        var net = new Extras_PlainSgd();
        float[] inputs = Enumerable.Range(0, 12).Select(i => (i % 5) * 0.1f).ToArray(), targets = new float[8];
        var result = Trainer.Fit(net, inputs, targets, new FitOptions { Epochs = 10, BatchSize = 2, Schedule = LearningRateSchedule.Warmup(4, LearningRateSchedule.Cosine(0.001f), 0.25f) });
        var expected = Schedule("linear_cosine").GetProperty("rates").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(10, result.LearningRates.Length);
        for (int e = 0; e < 10; e++) Assert.True(Math.Abs(result.LearningRates[e] - expected[e]) <= 1e-6 * expected[e], $"epoch {e}");
    }

    [Fact]
    public void Warmup_ChecksItsArguments()
    {
        Assert.Equal("epochs", Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Warmup(0)).ParamName);
        Assert.Equal("startFactor", Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Warmup(2, startFactor: 0f)).ParamName);
        Assert.Equal("startFactor", Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Warmup(2, startFactor: 1.5f)).ParamName);
        Assert.Equal("startFactor", Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Warmup(2, startFactor: float.NaN)).ParamName);
    }

    // ---- helpers ----

    [Fact]
    public void ArgMax_FirstOfTies_AndNaNWins()
    {
        Assert.Equal(1, TrainingData.ArgMax(new[] { 0f, 3f, 3f, -1f }));
        Assert.Equal(0, TrainingData.ArgMax(new[] { 7f }));
        Assert.Equal(2, TrainingData.ArgMax(new[] { 1f, 5f, float.NaN, 9f }));
        Assert.Equal(0, TrainingData.ArgMax(new[] { float.NegativeInfinity, float.NegativeInfinity }));
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => TrainingData.ArgMax(ReadOnlySpan<float>.Empty)).ParamName);
        var result = new int[3];
        TrainingData.ArgMax(new[] { 1f, 2f, 4f, 3f, 5f, 5f }, 2, result);
        Assert.Equal(new[] { 1, 0, 0 }, result);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => TrainingData.ArgMax(new float[5], 2, new int[2])).ParamName);
        Assert.Equal("result", Assert.Throws<ArgumentException>(() => TrainingData.ArgMax(new float[6], 2, new int[2])).ParamName);
        Assert.Equal("width", Assert.Throws<ArgumentOutOfRangeException>(() => TrainingData.ArgMax(new float[6], 0, new int[2])).ParamName);
    }

    [Fact]
    public void Accuracy_OfArgmaxRows_AndOfOneOutput()
    {
        float[] outputs = { 0.1f, 0.7f, 0.2f, /**/ 0.5f, 0.4f, 0.1f, /**/ 0.3f, 0.3f, 0.4f, /**/ 0.2f, 0.2f, 0.6f };
        float[] targets = TrainingData.OneHot(new[] { 1, 0, 0, 2 }, 3);
        Assert.Equal(0.75f, TrainingData.Accuracy(outputs, targets, 3));
        Assert.Equal(0.5f, TrainingData.Accuracy(new[] { 0.9f, 0.2f, 0.5f, 0.49f }, new[] { 1f, 1f, 1f, 1f }, 1));
        Assert.Equal(1f, TrainingData.Accuracy(new[] { 0.2f, 0.8f }, new[] { 0f, 1f }, 1));
        Assert.Equal("outputs", Assert.Throws<ArgumentException>(() => TrainingData.Accuracy(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty, 3)).ParamName);
        Assert.Equal("outputs", Assert.Throws<ArgumentException>(() => TrainingData.Accuracy(new float[4], new float[4], 3)).ParamName);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => TrainingData.Accuracy(new float[6], new float[3], 3)).ParamName);
        Assert.Equal("width", Assert.Throws<ArgumentOutOfRangeException>(() => TrainingData.Accuracy(new float[6], new float[6], -1)).ParamName);
    }

    [Fact]
    public void OneHot_PutsAOneAtEachLabel()
    {
        Assert.Equal(new[] { 0f, 0f, 1f, 1f, 0f, 0f }, TrainingData.OneHot(new[] { 2, 0 }, 3));
        Assert.Empty(TrainingData.OneHot(ReadOnlySpan<int>.Empty, 4));
        Assert.Equal("labels", Assert.Throws<ArgumentOutOfRangeException>(() => TrainingData.OneHot(new[] { 0, 3 }, 3)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentOutOfRangeException>(() => TrainingData.OneHot(new[] { -1 }, 3)).ParamName);
        Assert.Equal("classes", Assert.Throws<ArgumentOutOfRangeException>(() => TrainingData.OneHot(new[] { 0 }, 0)).ParamName);
    }

    [Fact]
    public void Split_IsSeeded_KeepsRowsTogether_AndCoversEverySample()
    {
        const int n = 23;
        float[] inputs = Enumerable.Range(0, n * 2).Select(i => (float)i).ToArray();          // sample k: 2k, 2k + 1
        float[] targets = Enumerable.Range(0, n).Select(i => 1000f + i).ToArray();           // sample k: 1000 + k
        var a = TrainingData.Split(inputs, targets, 2, 1, 0.25f, seed: 5);
        var b = TrainingData.Split(inputs, targets, 2, 1, 0.25f, seed: 5);
        var c = TrainingData.Split(inputs, targets, 2, 1, 0.25f, seed: 6);
        Assert.Equal(6, a.ValidationTargets.Length);   // round(23 · 0.25) = round(5.75)
        Assert.Equal(17, a.TrainingTargets.Length);
        Assert.Equal(a.TrainingInputs, b.TrainingInputs);
        Assert.Equal(a.ValidationTargets, b.ValidationTargets);
        Assert.NotEqual(a.TrainingTargets, c.TrainingTargets);
        var all = a.TrainingTargets.Concat(a.ValidationTargets).Select(t => (int)t - 1000).OrderBy(k => k);
        Assert.Equal(Enumerable.Range(0, n), all);
        Assert.NotEqual(Enumerable.Range(0, n), a.ValidationTargets.Concat(a.TrainingTargets).Select(t => (int)t - 1000));
        for (int k = 0; k < 17; k++)
        {
            int sample = (int)a.TrainingTargets[k] - 1000;
            Assert.Equal(new[] { 2f * sample, 2f * sample + 1 }, a.TrainingInputs.Skip(2 * k).Take(2));
        }
        // Pinned: the shuffle is NetGen's SplitMix64, the same on every platform.
        Assert.Equal(new[] { 1004f, 1022f, 1014f, 1017f, 1020f, 1016f }, a.ValidationTargets);   // SplitMix64 recomputed in Python
        Assert.Empty(TrainingData.Split(inputs, targets, 2, 1, 0f, 1).ValidationInputs);
        Assert.Empty(TrainingData.Split(inputs, targets, 2, 1, 1f, 1).TrainingInputs);
    }

    [Fact]
    public void Split_ChecksItsArguments()
    {
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => TrainingData.Split(new float[5], new float[2], 2, 1, 0.5f, 0)).ParamName);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => TrainingData.Split(new float[4], new float[3], 2, 1, 0.5f, 0)).ParamName);
        Assert.Equal("inputSize", Assert.Throws<ArgumentOutOfRangeException>(() => TrainingData.Split(new float[4], new float[2], 0, 1, 0.5f, 0)).ParamName);
        Assert.Equal("targetSize", Assert.Throws<ArgumentOutOfRangeException>(() => TrainingData.Split(new float[4], new float[2], 2, 0, 0.5f, 0)).ParamName);
        Assert.Equal("validationFraction", Assert.Throws<ArgumentOutOfRangeException>(() => TrainingData.Split(new float[4], new float[2], 2, 1, 1.5f, 0)).ParamName);
        Assert.Equal("validationFraction", Assert.Throws<ArgumentOutOfRangeException>(() => TrainingData.Split(new float[4], new float[2], 2, 1, float.NaN, 0)).ParamName);
    }

    // ---- file overloads ----

    private static string Folder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "netgen-extras-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    [Fact]
    public void SaveAndLoad_ByPath_RoundTrip_WithOptimizerState()
    {
        string folder = Folder();
        try
        {
            var net = new Extras_AdamW(3);
            float[] inputs = { 0.1f, 0.2f, 0.3f, -0.4f, 0.5f, 0.6f }, targets = { 1f, -1f, 0.5f, 0.25f };
            net.TrainBatch(inputs, targets);
            string path = Path.Combine(folder, "net.bin");
            net.Save(path);
            var loaded = Extras_AdamW.Load(path);
            Assert.Equal(net.Parameters.ToArray(), loaded.Parameters.ToArray());
            Assert.Equal(net.TrainBatch(inputs, targets), loaded.TrainBatch(inputs, targets));
            Assert.Equal(net.Parameters.ToArray(), loaded.Parameters.ToArray());
            // Replacing an existing file, and the Stream form reads what the path form wrote.
            net.Save(path);
            using (var stream = File.OpenRead(path)) Assert.Equal(net.Parameters.ToArray(), Extras_AdamW.Load(stream).Parameters.ToArray());
            Assert.Equal(new[] { "net.bin" }, Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Safetensors_AndOnnx_ByPath_RoundTrip()
    {
        string folder = Folder();
        try
        {
            var layered = new Extras_LayeredHuber(4);
            string tensors = Path.Combine(folder, "layered.safetensors");
            layered.SaveSafetensors(tensors);
            var other = new Extras_LayeredHuber(5);
            Assert.NotEqual(layered.Parameters.ToArray(), other.Parameters.ToArray());
            other.LoadSafetensors(tensors);
            Assert.Equal(layered.Parameters.ToArray(), other.Parameters.ToArray());

            var sequence = new Extras_SequenceL1(6);
            string sequenceTensors = Path.Combine(folder, "sequence.safetensors");
            sequence.SaveSafetensors(sequenceTensors);
            var sequenceOther = new Extras_SequenceL1(7);
            sequenceOther.LoadSafetensors(sequenceTensors);
            Assert.Equal(sequence.Parameters.ToArray(), sequenceOther.Parameters.ToArray());

            string onnx = Path.Combine(folder, "model.onnx");
            layered.SaveOnnx(onnx);
            using var memory = new MemoryStream();
            layered.SaveOnnx(memory);
            Assert.Equal(memory.ToArray(), File.ReadAllBytes(onnx));
            Assert.Equal(3, Directory.GetFiles(folder).Length);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void FailedSave_LeavesTheOldFile_AndNoTemporaryFile()
    {
        string folder = Folder();
        try
        {
            string path = Path.Combine(folder, "keep.bin");
            File.WriteAllBytes(path, new byte[] { 1, 2, 3 });
            var error = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
            {
                stream.Write(new byte[100], 0, 100);
                throw new InvalidOperationException("writer failed");
            }));
            Assert.Equal("writer failed", error.Message);
            Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
            Assert.Equal(new[] { "keep.bin" }, Directory.GetFiles(folder).Select(Path.GetFileName));

            // A new file that fails is not created at all.
            string fresh = Path.Combine(folder, "fresh.bin");
            Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(fresh, _ => throw new InvalidOperationException()));
            Assert.False(File.Exists(fresh));
            Assert.Single(Directory.GetFiles(folder));

            // A generated save whose writer fails (a folder where the file should be) leaves nothing behind either.
            string folderPath = Path.Combine(folder, "sub");
            Directory.CreateDirectory(folderPath);
            Assert.Equal("path", Assert.Throws<ArgumentException>(() => new Extras_Huber().Save(folderPath)).ParamName);
            Assert.Single(Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void PathOverloads_CheckTheirArguments()
    {
        var net = new Extras_Huber();
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => net.Save((string)null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => net.Save("")).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => Extras_Huber.Load((string)null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => net.SaveSafetensors((string)null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => net.LoadSafetensors((string)null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => net.SaveOnnx((string)null!)).ParamName);
        Assert.Throws<FileNotFoundException>(() => Extras_Huber.Load(Path.Combine(Path.GetTempPath(), "netgen-missing-" + Guid.NewGuid().ToString("N"))));
        // A corrupt file is the Stream member's InvalidDataException, and the network is unchanged.
        string folder = Folder();
        try
        {
            string path = Path.Combine(folder, "bad.safetensors");
            File.WriteAllBytes(path, new byte[] { 8, 0, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'}', 0, 0, 0, 0, 0, 0 });
            float[] before = net.Parameters.ToArray();
            Assert.Throws<InvalidDataException>(() => net.LoadSafetensors(path));
            Assert.Equal(before, net.Parameters.ToArray());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

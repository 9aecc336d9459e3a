using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace NetGen.Tests.TrainingExtras;

/// <summary>
/// Issue #19's training extras against PyTorch (Reference/extras-reference.json, made by make_extras_reference.py): Huber and
/// L1 losses and gradients, AdamW, weight decay for SGD (with and without momentum), Adam and AdamW, global-norm clipping that
/// triggers and one that does not, on a Dense, a layered and a sequence network. Each case starts from PyTorch's parameters,
/// checks the batch's loss and mean gradient, then three <c>TrainBatch</c> steps on the same batch.
/// </summary>
public sealed class ExtrasReferenceTests
{
    private static readonly Lazy<JsonDocument> s_document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TrainingExtras", "Reference", "extras-reference.json"))));

    internal static JsonElement Root => s_document.Value.RootElement;

    private static readonly Dictionary<string, Func<IExtrasNetwork>> s_networks = new()
    {
        ["Extras_Huber"] = () => new Extras_Huber(),
        ["Extras_L1"] = () => new Extras_L1(),
        ["Extras_AdamW"] = () => new Extras_AdamW(),
        ["Extras_AdamW_Default"] = () => new Extras_AdamW_Default(),
        ["Extras_SgdDecay"] = () => new Extras_SgdDecay(),
        ["Extras_SgdMomentumDecay"] = () => new Extras_SgdMomentumDecay(),
        ["Extras_AdamDecay"] = () => new Extras_AdamDecay(),
        ["Extras_ClipTriggers"] = () => new Extras_ClipTriggers(),
        ["Extras_ClipIdle"] = () => new Extras_ClipIdle(),
        ["Extras_LayeredHuber"] = () => new Extras_LayeredHuber(),
        ["Extras_LayeredL1"] = () => new Extras_LayeredL1(),
        ["Extras_SequenceHuber"] = () => new Extras_SequenceHuber(),
        ["Extras_SequenceL1"] = () => new Extras_SequenceL1(),
    };

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in Root.GetProperty("cases").EnumerateArray()) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    internal static float[] Floats(JsonElement e) => e.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();

    private static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static JsonElement Case(string name) => Root.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    /// <summary>|actual − expected| ≤ 1e-4·max(|expected|, 1e-2·max|expected vector|) + 1e-6, per element.</summary>
    internal static void Close(double[] expected, ReadOnlySpan<float> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < expected.Length; i++)
        {
            double tolerance = 1e-4 * Math.Max(Math.Abs(expected[i]), 1e-2 * scale) + 1e-6;
            Assert.True(Math.Abs(actual[i] - expected[i]) <= tolerance, $"{what}[{i}]: NetGen {actual[i]:R}, PyTorch {expected[i]:R}");
        }
    }

    [Fact]
    public void EveryCaseHasANetwork_AndHuberCasesCrossDelta()
    {
        Assert.Equal(s_networks.Keys.OrderBy(k => k, StringComparer.Ordinal), Root.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).OrderBy(k => k, StringComparer.Ordinal));
        foreach (var c in Root.GetProperty("cases").EnumerateArray().Where(c => c.GetProperty("loss").GetString() == "Huber"))
        {
            Assert.True(c.GetProperty("errors_below_delta").GetInt32() > 0);
            Assert.True(c.GetProperty("errors_above_delta").GetInt32() > 0);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LossAndGradient_MatchPyTorch(string name)
    {
        var c = Case(name);
        var net = s_networks[name]();
        if (net is INetwork trainable) Assert.Equal(c.GetProperty("loss").GetString(), trainable.Loss.ToString());
        net.SetParameters(Floats(c.GetProperty("parameters")));
        var gradient = new float[net.Parameters.Length];
        float loss = net.GradientBatch(Floats(c.GetProperty("inputs")), Floats(c.GetProperty("targets")), gradient);
        Close(new[] { c.GetProperty("initial_loss").GetDouble() }, new[] { loss }, name + " loss");
        Close(Doubles(c.GetProperty("initial_gradient")), gradient, name + " gradient");
        float evaluated = net.Evaluate(Floats(c.GetProperty("inputs")), Floats(c.GetProperty("targets")));
        Close(new[] { c.GetProperty("initial_loss").GetDouble() }, new[] { evaluated }, name + " Evaluate");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void OptimizerSteps_MatchPyTorch(string name)
    {
        var c = Case(name);
        var net = s_networks[name]();
        net.SetParameters(Floats(c.GetProperty("parameters")));
        float[] inputs = Floats(c.GetProperty("inputs")), targets = Floats(c.GetProperty("targets"));
        int step = 0;
        foreach (var s in c.GetProperty("steps").EnumerateArray())
        {
            step++;
            float loss = net.TrainBatch(inputs, targets);
            Close(new[] { s.GetProperty("loss").GetDouble() }, new[] { loss }, $"{name} loss before step {step}");
            Close(Doubles(s.GetProperty("parameters")), net.Parameters, $"{name} parameters after step {step}");
        }
    }

    /// <summary>
    /// Save/Load carries AdamW's moments and step: a network saved after one step and loaded takes the same next steps as the
    /// original (and PyTorch's).
    /// </summary>
    [Theory]
    [InlineData("Extras_AdamW")]
    [InlineData("Extras_LayeredHuber")]
    [InlineData("Extras_SequenceL1")]
    [InlineData("Extras_SgdMomentumDecay")]
    public void SaveLoad_CarriesTheOptimizerState(string name)
    {
        var c = Case(name);
        var net = s_networks[name]();
        net.SetParameters(Floats(c.GetProperty("parameters")));
        float[] inputs = Floats(c.GetProperty("inputs")), targets = Floats(c.GetProperty("targets"));
        net.TrainBatch(inputs, targets);
        using var stream = new MemoryStream();
        net.Save(stream);
        stream.Position = 0;
        var loaded = s_networks[name]();
        loaded.Restore(stream);
        var steps = c.GetProperty("steps").EnumerateArray().ToArray();
        for (int k = 1; k < steps.Length; k++)
        {
            loaded.TrainBatch(inputs, targets);
            Close(Doubles(steps[k].GetProperty("parameters")), loaded.Parameters, $"{name} restored, parameters after step {k + 1}");
        }
    }

    /// <summary>A Dense layer emitted as loops (the MatVec macro) and the SIMD lanes give Extras_Huber's numbers too.</summary>
    [Fact]
    public void Huber_WithLoopsAndLanes_MatchesPyTorch()
    {
        var c = Case("Extras_Huber");
        var net = new Extras_HuberLoops();
        net.SetParameters(Floats(c.GetProperty("parameters")));
        float[] inputs = Floats(c.GetProperty("inputs")), targets = Floats(c.GetProperty("targets"));
        // Enough samples for every lane width: the batch repeated 8 times has the same mean gradient.
        float[] many = Enumerable.Repeat(inputs, 8).SelectMany(v => v).ToArray(), manyTargets = Enumerable.Repeat(targets, 8).SelectMany(v => v).ToArray();
        var gradient = new float[Extras_HuberLoops.ParameterCount];
        float loss = net.GradientBatch(many, manyTargets, gradient);
        Close(new[] { c.GetProperty("initial_loss").GetDouble() }, new[] { loss }, "loops loss");
        Close(Doubles(c.GetProperty("initial_gradient")), gradient, "loops gradient");
        foreach (var s in c.GetProperty("steps").EnumerateArray())
        {
            net.TrainBatch(many, manyTargets);
            Close(Doubles(s.GetProperty("parameters")), net.Parameters, "loops parameters");
        }
    }

    /// <summary>GradientCheck's independent double reference knows Huber and L1: the derived gradients pass it.</summary>
    [Theory]
    [InlineData("Extras_Huber")]
    [InlineData("Extras_L1")]
    public void GradientCheck_PassesForHuberAndL1(string name)
    {
        var c = Case(name);
        var net = (INetwork)s_networks[name]();
        net.SetParameters(Floats(c.GetProperty("parameters")));
        var report = NetGen.Training.GradientCheck.Run(net, Floats(c.GetProperty("inputs")), Floats(c.GetProperty("targets")));
        Assert.True(report.Passed, report.ToString());
        Assert.True(report.WorstError < 1e-4, report.ToString());
    }

    /// <summary>L1 at y = t: PyTorch's sign(0) = 0, so the gradient is exactly 0 (not ±1/n).</summary>
    [Fact]
    public void L1_AtZeroError_HasZeroGradient()
    {
        var net = new Extras_L1Kink();
        net.SetParameters(new float[Extras_L1Kink.ParameterCount]);
        var gradient = new float[Extras_L1Kink.ParameterCount];
        float loss = net.Gradient(new[] { 0.5f, -2f }, new[] { 0f }, gradient);
        Assert.Equal(0f, loss);
        Assert.All(gradient, g => Assert.Equal(0f, g));
        // Above and below the target: ±1 times the input (the weights) and ±1 (the bias).
        loss = net.Gradient(new[] { 0.5f, -2f }, new[] { -1f }, gradient);
        Assert.Equal(1f, loss);
        Assert.Equal(new[] { 0.5f, -2f, 1f }, gradient);
        net.Gradient(new[] { 0.5f, -2f }, new[] { 3f }, gradient);
        Assert.Equal(new[] { -0.5f, 2f, -1f }, gradient);
    }

    /// <summary>Clipping leaves Gradient/GradientBatch alone (PyTorch's .grad before clip_grad_norm_), and an idle clip is plain SGD, bit for bit.</summary>
    [Fact]
    public void IdleClip_IsPlainSgd_AndGradientIsUnclipped()
    {
        var c = Case("Extras_ClipTriggers");
        var clipped = new Extras_ClipTriggers();
        clipped.SetParameters(Floats(c.GetProperty("parameters")));
        var gradient = new float[Extras_ClipTriggers.ParameterCount];
        clipped.GradientBatch(Floats(c.GetProperty("inputs")), Floats(c.GetProperty("targets")), gradient);
        Close(Doubles(c.GetProperty("initial_gradient")), gradient, "unclipped gradient");
        double norm = Math.Sqrt(gradient.Sum(g => (double)g * g));
        Assert.True(norm > 0.1 * 10, $"norm {norm}");

        var idle = new Extras_ClipIdle();
        var plain = new Extras_PlainSgd();
        float[] start = Floats(Case("Extras_ClipIdle").GetProperty("parameters"));
        idle.SetParameters(start);
        plain.SetParameters(start);
        float[] inputs = Floats(Case("Extras_ClipIdle").GetProperty("inputs")), targets = Floats(Case("Extras_ClipIdle").GetProperty("targets"));
        for (int k = 0; k < 3; k++)
        {
            Assert.Equal(plain.TrainBatch(inputs, targets), idle.TrainBatch(inputs, targets));
            Assert.Equal(plain.Parameters.ToArray(), idle.Parameters.ToArray());
        }
    }
}

/// <summary>Extras_ClipIdle without the clip.</summary>
[Network(Loss.MeanSquaredError, LearningRate = 0.1f)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2)]
public partial class Extras_PlainSgd : IExtrasNetwork;

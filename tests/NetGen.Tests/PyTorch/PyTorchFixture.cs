using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace NetGen.Tests.PyTorch;

/// <summary>
/// Fixtures/pytorch-reference.json: PyTorch's own numbers (float64) for three small networks — outputs, per-sample
/// losses and gradients, the batch's loss and gradient, and three optimizer steps each for SGD, momentum and Adam.
/// </summary>
public sealed class PyTorchFixture
{
    private static readonly Lazy<IReadOnlyDictionary<string, PyTorchFixture>> s_nets = new(Read);

    private PyTorchFixture(JsonElement net)
    {
        Name = net.GetProperty("name").GetString()!;
        Loss = net.GetProperty("loss").GetString()!;
        InputSize = net.GetProperty("input").GetInt32();
        Layers = net.GetProperty("layers").EnumerateArray()
            .Select(l => (l.GetProperty("units").GetInt32(), l.GetProperty("activation").GetString()!)).ToArray();
        Parameters = Flat(net.GetProperty("parameters"));
        SampleCount = net.GetProperty("inputs").GetArrayLength();
        Inputs = Flat(net.GetProperty("inputs"));
        Targets = Flat(net.GetProperty("targets"));
        Outputs = Flat(net.GetProperty("outputs"));
        SampleLosses = net.GetProperty("samples").EnumerateArray().Select(s => s.GetProperty("loss").GetDouble()).ToArray();
        SampleGradients = net.GetProperty("samples").EnumerateArray().Select(s => Flat(s.GetProperty("gradient"))).ToArray();
        BatchLoss = net.GetProperty("batchLoss").GetDouble();
        BatchGradient = Flat(net.GetProperty("batchGradient"));
        Trajectories = net.GetProperty("optimizers").EnumerateObject().ToDictionary(
            o => o.Name,
            o => (IReadOnlyList<(double LossBefore, double[] Parameters)>)o.Value.GetProperty("trajectory").EnumerateArray()
                .Select(s => (s.GetProperty("lossBefore").GetDouble(), Flat(s.GetProperty("parameters")))).ToArray());
    }

    /// <summary>The fixture's nets by name (R1, R2, R3).</summary>
    public static IReadOnlyDictionary<string, PyTorchFixture> Nets => s_nets.Value;

    public string Name { get; }

    public string Loss { get; }

    public int InputSize { get; }

    public (int Units, string Activation)[] Layers { get; }

    public double[] Parameters { get; }

    public int SampleCount { get; }

    public int OutputSize => Targets.Length / SampleCount;

    public double[] Inputs { get; }

    public double[] Targets { get; }

    public double[] Outputs { get; }

    public double[] SampleLosses { get; }

    public double[][] SampleGradients { get; }

    public double BatchLoss { get; }

    public double[] BatchGradient { get; }

    /// <summary>Per optimizer (Sgd, SgdMomentum, Adam): loss before and parameters after each of three steps.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<(double LossBefore, double[] Parameters)>> Trajectories { get; }

    public float[] FloatInputs => Array.ConvertAll(Inputs, v => (float)v);

    public float[] FloatTargets => Array.ConvertAll(Targets, v => (float)v);

    public float[] FloatParameters => Array.ConvertAll(Parameters, v => (float)v);

    private static IReadOnlyDictionary<string, PyTorchFixture> Read()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "pytorch-reference.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("nets").EnumerateArray()
            .Select(n => new PyTorchFixture(n))
            .ToDictionary(n => n.Name);
    }

    private static double[] Flat(JsonElement e) => e.ValueKind == JsonValueKind.Array
        ? e.EnumerateArray().SelectMany(v => v.ValueKind == JsonValueKind.Array ? Flat(v) : new[] { v.GetDouble() }).ToArray()
        : new[] { e.GetDouble() };
}

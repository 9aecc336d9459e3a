using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace NetGen.Tests.Activations;

/// <summary>
/// One net of Reference/activation-reference.json: its layout, parameters, batch and PyTorch's float64 results (the
/// format of Fixtures/pytorch-reference.json).
/// </summary>
public sealed class ActivationNetCase
{
    internal ActivationNetCase(JsonElement net)
    {
        Name = net.GetProperty("name").GetString()!;
        Activation = Enum.Parse<Activation>(net.GetProperty("activation").GetString()!);
        Loss = Enum.Parse<Loss>(net.GetProperty("loss").GetString()!);
        InputSize = net.GetProperty("input").GetInt32();
        Layers = net.GetProperty("layers").EnumerateArray()
            .Select(l => (l.GetProperty("units").GetInt32(), Enum.Parse<Activation>(l.GetProperty("activation").GetString()!))).ToArray();
        Parameters = ActivationReference.Flat(net.GetProperty("parameters"));
        SampleCount = net.GetProperty("inputs").GetArrayLength();
        Inputs = ActivationReference.Flat(net.GetProperty("inputs"));
        Targets = ActivationReference.Flat(net.GetProperty("targets"));
        Outputs = ActivationReference.Flat(net.GetProperty("outputs"));
        SampleLosses = net.GetProperty("samples").EnumerateArray().Select(s => s.GetProperty("loss").GetDouble()).ToArray();
        SampleGradients = net.GetProperty("samples").EnumerateArray().Select(s => ActivationReference.Flat(s.GetProperty("gradient"))).ToArray();
        BatchLoss = net.GetProperty("batchLoss").GetDouble();
        BatchGradient = ActivationReference.Flat(net.GetProperty("batchGradient"));
        Trajectories = net.GetProperty("optimizers").EnumerateObject().ToDictionary(
            o => o.Name,
            o => (IReadOnlyList<(double LossBefore, double[] Parameters)>)o.Value.GetProperty("trajectory").EnumerateArray()
                .Select(s => (s.GetProperty("lossBefore").GetDouble(), ActivationReference.Flat(s.GetProperty("parameters")))).ToArray());
    }

    /// <summary>"Silu_Mse", "Silu_Bce", …</summary>
    public string Name { get; }

    /// <summary>The activation under test (of the hidden layers).</summary>
    public Activation Activation { get; }

    public Loss Loss { get; }

    public int InputSize { get; }

    public (int Units, Activation Activation)[] Layers { get; }

    /// <summary>Per layer: weight <c>[out, in]</c> row-major, then bias (NetGen's order).</summary>
    public double[] Parameters { get; }

    public int SampleCount { get; }

    public int OutputSize => Targets.Length / SampleCount;

    /// <summary>Row-major <c>[SampleCount, InputSize]</c>.</summary>
    public double[] Inputs { get; }

    /// <summary>Row-major <c>[SampleCount, OutputSize]</c>.</summary>
    public double[] Targets { get; }

    /// <summary>Row-major <c>[SampleCount, OutputSize]</c>.</summary>
    public double[] Outputs { get; }

    /// <summary>Each sample's loss alone (mean over its outputs).</summary>
    public double[] SampleLosses { get; }

    /// <summary>Each sample's gradient alone.</summary>
    public double[][] SampleGradients { get; }

    /// <summary>The batch's mean loss.</summary>
    public double BatchLoss { get; }

    /// <summary>The gradient of the batch's mean loss.</summary>
    public double[] BatchGradient { get; }

    /// <summary>"Adam" (three steps, lr 0.01) and "Sgd" (one step, lr 0.1): loss before and parameters after each step.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<(double LossBefore, double[] Parameters)>> Trajectories { get; }

    public float[] FloatInputs => ActivationReference.ToFloats(Inputs);

    public float[] FloatTargets => ActivationReference.ToFloats(Targets);

    public float[] FloatParameters => ActivationReference.ToFloats(Parameters);
}

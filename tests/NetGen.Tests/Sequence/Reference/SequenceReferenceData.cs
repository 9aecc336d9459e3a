using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace NetGen.Tests.Sequence;

/// <summary>
/// Reference/sequence-reference.json (made by Reference/make_sequence_reference.py; Reference/README.md): PyTorch's own
/// float64 numbers for the sequence layers (Gru, Lstm, Rnn, CausalConv1D, Dense at every step), and beside it one
/// &lt;name&gt;.safetensors per net with its initial state_dict(). Self-contained (System.Text.Json only).
/// </summary>
public static class SequenceReferenceData
{
    /// <summary>The folder of the data under the test's output folder.</summary>
    public static readonly string RelativeFolder = Path.Combine("Sequence", "Reference");

    /// <summary>Where the JSON file lies under the test's output folder.</summary>
    public static readonly string RelativePath = Path.Combine(RelativeFolder, "sequence-reference.json");

    /// <summary>The nets' names, in the file's order.</summary>
    public static readonly string[] Names =
    {
        "Gru_Mse", "Gru_CrossEntropy_Last", "Lstm_Mse", "Lstm_Bce_Last", "Rnn_Tanh", "Rnn_Relu_Last",
        "Conv_K3_D2", "Conv_Gru", "Stacked", "Audio", "Gru_Bce_Every",
    };

    private static readonly Lazy<IReadOnlyDictionary<string, SequenceNetCase>> s_nets = new(Read);

    /// <summary>The nets by name (<see cref="Names"/>).</summary>
    public static IReadOnlyDictionary<string, SequenceNetCase> Nets => s_nets.Value;

    /// <summary>The full path of a net's safetensors file (its state_dict() at the initial parameters, float32).</summary>
    /// <param name="name">The net's name.</param>
    public static string SafetensorsPath(string name) => Path.Combine(AppContext.BaseDirectory, RelativeFolder, name + ".safetensors");

    private static IReadOnlyDictionary<string, SequenceNetCase> Read()
    {
        string path = Path.Combine(AppContext.BaseDirectory, RelativePath);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("nets").EnumerateArray().Select(n => new SequenceNetCase(n)).ToDictionary(n => n.Name);
    }

    /// <summary>An array of numbers, nested or not, flattened in row-major order.</summary>
    internal static double[] Flat(JsonElement e) => e.ValueKind == JsonValueKind.Array
        ? e.EnumerateArray().SelectMany(v => v.ValueKind == JsonValueKind.Array ? Flat(v) : new[] { v.GetDouble() }).ToArray()
        : new[] { e.GetDouble() };

    /// <summary>Per sequence (the outer dimension), its values flattened row-major.</summary>
    internal static double[][] PerSequence(JsonElement e) => e.EnumerateArray().Select(Flat).ToArray();

    /// <summary>A layer of the file: {"kind", "size", "activation"?, "kernel_size"?, "dilation"?}.</summary>
    internal static SequenceLayer Layer(JsonElement e)
    {
        var kind = Enum.Parse<SequenceLayerKind>(e.GetProperty("kind").GetString()!);
        int size = e.TryGetProperty("size", out var s) ? s.GetInt32() : 0;
        var activation = e.TryGetProperty("activation", out var a) ? Enum.Parse<Activation>(a.GetString()!) : Activation.Identity;
        int kernel = e.TryGetProperty("kernel_size", out var k) ? k.GetInt32() : 1;
        int dilation = e.TryGetProperty("dilation", out var d) ? d.GetInt32() : 1;
        return new SequenceLayer(kind, size, activation, kernel, dilation);
    }
}

/// <summary>A recurrent layer's state after the last step, per sequence of the batch.</summary>
/// <param name="H">h [n][H].</param>
/// <param name="C">c [n][H] for LSTM; null otherwise.</param>
public sealed record SequenceFinalState(double[][] H, double[][]? C);

/// <summary>One optimizer step of the data: the batch's mean loss before it and the parameters after it.</summary>
/// <param name="LossBefore">The batch's mean loss at the parameters before the step.</param>
/// <param name="ParametersAfter">The flat parameters after the step.</param>
public sealed record SequenceOptimizerStep(double LossBefore, double[] ParametersAfter);

/// <summary>One net of sequence-reference.json: its layout, parameters, batch and PyTorch's float64 results.</summary>
public sealed class SequenceNetCase
{
    internal SequenceNetCase(JsonElement net)
    {
        Name = net.GetProperty("name").GetString()!;
        Seed = net.GetProperty("seed").GetInt32();
        Layout = new SequenceLayout(
            net.GetProperty("input_size").GetInt32(),
            net.GetProperty("layers").EnumerateArray().Select(SequenceReferenceData.Layer).ToArray(),
            Enum.Parse<Loss>(net.GetProperty("loss").GetString()!),
            Enum.Parse<SequenceLossMode>(net.GetProperty("sequence_loss").GetString()!),
            net.GetProperty("sequence_length").GetInt32());
        Parameters = SequenceReferenceData.Flat(net.GetProperty("parameters"));
        Tensors = net.GetProperty("tensors").EnumerateArray()
            .Select(t => new SequenceTensor(t.GetProperty("name").GetString()!, t.GetProperty("offset").GetInt32(),
                t.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()).ToArray())).ToArray();
        Inputs = SequenceReferenceData.PerSequence(net.GetProperty("inputs"));
        Targets = SequenceReferenceData.PerSequence(net.GetProperty("targets"));
        Outputs = SequenceReferenceData.PerSequence(net.GetProperty("outputs"));
        FinalStates = net.GetProperty("final_states").EnumerateObject().ToDictionary(
            s => int.Parse(s.Name, System.Globalization.CultureInfo.InvariantCulture),
            s => new SequenceFinalState(
                SequenceReferenceData.PerSequence(s.Value.GetProperty("h")),
                s.Value.TryGetProperty("c", out var c) ? SequenceReferenceData.PerSequence(c) : null));
        Losses = SequenceReferenceData.Flat(net.GetProperty("losses"));
        Gradients = SequenceReferenceData.PerSequence(net.GetProperty("gradients"));
        BatchLoss = net.GetProperty("batch_loss").GetDouble();
        BatchGradient = SequenceReferenceData.Flat(net.GetProperty("batch_gradient"));
        var adam = net.GetProperty("adam");
        AdamLearningRate = adam.GetProperty("lr").GetDouble();
        AdamSteps = adam.GetProperty("steps").EnumerateArray()
            .Select(s => new SequenceOptimizerStep(s.GetProperty("loss_before").GetDouble(), SequenceReferenceData.Flat(s.GetProperty("parameters_after"))))
            .ToArray();
        var sgd = net.GetProperty("sgd");
        SgdLearningRate = sgd.GetProperty("lr").GetDouble();
        SgdStep = new SequenceOptimizerStep(sgd.GetProperty("loss_before").GetDouble(), SequenceReferenceData.Flat(sgd.GetProperty("parameters_after")));
    }

    /// <summary>"Gru_Mse", "Lstm_Bce_Last", … (<see cref="SequenceReferenceData.Names"/>).</summary>
    public string Name { get; }

    /// <summary>The torch.manual_seed the parameters, inputs and targets were drawn from.</summary>
    public int Seed { get; }

    /// <summary>Input size, layers, loss, sequence loss and T.</summary>
    public SequenceLayout Layout { get; }

    /// <summary>The flat initial parameters (float32 values).</summary>
    public double[] Parameters { get; }

    /// <summary>The state_dict tensors: name, offset into <see cref="Parameters"/>, shape.</summary>
    public IReadOnlyList<SequenceTensor> Tensors { get; }

    /// <summary>The batch's sequences, each [T·In] step-major (float32 values).</summary>
    public double[][] Inputs { get; }

    /// <summary>Each sequence's targets: [T·Out] (EveryStep) or [Out] (LastStep) (float32 values).</summary>
    public double[][] Targets { get; }

    /// <summary>Each sequence's outputs, [T·Out] after the output activation.</summary>
    public double[][] Outputs { get; }

    /// <summary>The recurrent layers' final states, by module index.</summary>
    public IReadOnlyDictionary<int, SequenceFinalState> FinalStates { get; }

    /// <summary>Each sequence's loss alone.</summary>
    public double[] Losses { get; }

    /// <summary>Each sequence's gradient alone.</summary>
    public double[][] Gradients { get; }

    /// <summary>The mean of <see cref="Losses"/>.</summary>
    public double BatchLoss { get; }

    /// <summary>The gradient of <see cref="BatchLoss"/>.</summary>
    public double[] BatchGradient { get; }

    /// <summary>Adam's learning rate (0.01; default betas and eps).</summary>
    public double AdamLearningRate { get; }

    /// <summary>Three Adam steps on the batch's mean loss from <see cref="Parameters"/>.</summary>
    public IReadOnlyList<SequenceOptimizerStep> AdamSteps { get; }

    /// <summary>SGD's learning rate (0.1).</summary>
    public double SgdLearningRate { get; }

    /// <summary>One SGD step on the batch's mean loss from <see cref="Parameters"/>.</summary>
    public SequenceOptimizerStep SgdStep { get; }

    /// <summary>The name, for xunit's display.</summary>
    public override string ToString() => Name;
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetGen.Tests.Sequence;

namespace NetGen.Tests.Backward;

/// <summary>
/// Reference/sequence-backward-reference.json (make_sequence_backward_reference.py): for each net of the sequence reference
/// data and each of its sequences, PyTorch autograd's float64 vector–Jacobian products with an output gradient, and the
/// built-in loss's gradient with respect to the inputs.
/// </summary>
public sealed class SequenceBackwardReference
{
    private static readonly Lazy<IReadOnlyDictionary<string, SequenceBackwardReference>> s_nets = new(Read);

    private SequenceBackwardReference(JsonElement net)
    {
        Name = net.GetProperty("name").GetString()!;
        OutputGradients = SequenceReferenceData.PerSequence(net.GetProperty("output_gradients"));
        ParameterGradients = SequenceReferenceData.PerSequence(net.GetProperty("parameter_gradients"));
        InputGradients = SequenceReferenceData.PerSequence(net.GetProperty("input_gradients"));
        Losses = SequenceReferenceData.Flat(net.GetProperty("losses"));
        LossInputGradients = SequenceReferenceData.PerSequence(net.GetProperty("loss_input_gradients"));
    }

    /// <summary>The nets by name (the names of <see cref="SequenceReferenceData.Names"/>).</summary>
    public static IReadOnlyDictionary<string, SequenceBackwardReference> Nets => s_nets.Value;

    /// <summary>The net's name in the sequence reference data.</summary>
    public string Name { get; }

    /// <summary>Per sequence, ∂L/∂y(t) [T·Out] (float32 values).</summary>
    public double[][] OutputGradients { get; }

    /// <summary>Per sequence, (∂y/∂θ)ᵀ·g in Parameters order.</summary>
    public double[][] ParameterGradients { get; }

    /// <summary>Per sequence, (∂y/∂x)ᵀ·g [T·In].</summary>
    public double[][] InputGradients { get; }

    /// <summary>Per sequence, the loss Gradient returns.</summary>
    public double[] Losses { get; }

    /// <summary>Per sequence, ∂(that loss)/∂x [T·In].</summary>
    public double[][] LossInputGradients { get; }

    private static IReadOnlyDictionary<string, SequenceBackwardReference> Read()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Backward", "Reference", "sequence-backward-reference.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("nets").EnumerateArray().Select(n => new SequenceBackwardReference(n)).ToDictionary(n => n.Name);
    }
}

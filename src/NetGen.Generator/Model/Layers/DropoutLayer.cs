using System.Collections.Generic;
using System.Globalization;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Emit;
using NetGen.Generator.Graph;
using NetGen.Generator.Parsing;

namespace NetGen.Generator.Model.Layers;

/// <summary>
/// <c>[Dropout(p)]</c> between two layers: inverted dropout (PyTorch's <c>nn.Dropout</c>) in the training graph, each value
/// multiplied by a mask value m ∈ {0, 1/(1−p)} drawn per sample; the identity at inference. No parameters.
/// </summary>
/// <param name="Number">The number of the layer it follows (its comments say "after layer N").</param>
/// <param name="Size">Values in and out.</param>
/// <param name="Probability">The drop probability p, in (0, 1).</param>
internal sealed record DropoutLayer(int Number, int Size, float Probability) : LayerModel(Number, Size)
{
    /// <summary>
    /// Checks every <c>[Dropout]</c> (NG0030–NG0033: p in [0, 1), written between two <c>[Dense]</c> layers, at most one
    /// after a layer) and returns the valid ones that drop something (p &gt; 0), keyed by the number of the layer they follow.
    /// A <c>Dropout(0)</c> is the identity and adds no layer.
    /// </summary>
    public static Dictionary<int, float> Validate(ParsedNetwork p, List<DiagnosticInfo> errors)
    {
        var valid = new Dictionary<int, float>();
        var seen = new Dictionary<int, int>();
        foreach (var dropout in p.Dropouts)
        {
            float value = dropout.P ?? float.NaN;
            string shown = Text(dropout.P);
            bool inRange = value >= 0f && value < 1f;
            if (!inRange) errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DropoutProbabilityOutOfRange, dropout.Location, shown));
            if (dropout.AfterLayers == 0)
            {
                errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DropoutBeforeFirstDense, dropout.Location, shown));
                continue;
            }
            if (dropout.AfterLayers >= p.Layers.Count)
            {
                errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DropoutAfterLastDense, dropout.Location, shown, p.Layers.Count));
                continue;
            }
            seen.TryGetValue(dropout.AfterLayers, out int count);
            seen[dropout.AfterLayers] = ++count;
            if (count == 2)
            {
                int total = 0;
                foreach (var other in p.Dropouts) if (other.AfterLayers == dropout.AfterLayers) total++;
                errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConsecutiveDropout, dropout.Location, dropout.AfterLayers, total));
            }
            if (inRange && count == 1 && value > 0f) valid[dropout.AfterLayers] = value;
        }
        return valid;
    }

    private static string Text(float? value)
        => value is float f ? f.ToString("R", CultureInfo.InvariantCulture) : "?";

    /// <inheritdoc/>
    public override int OutputSize => Size;

    /// <inheritdoc/>
    public override long ParameterCount => 0;

    /// <summary>One <c>nn.Dropout</c>.</summary>
    public override int SequentialModules => 1;

    /// <inheritdoc/>
    public override int MaskSize => Size;

    /// <summary>Not shown in the summary's chain (the layer table lists the Dense layers).</summary>
    public override string ChainText => "";

    /// <summary>Dropout does not change the saved file's shape (its generator state is always there).</summary>
    public override string FingerprintText => "";

    /// <summary>No tensors: <c>nn.Dropout</c> has no state.</summary>
    public override IEnumerable<SequentialTensor> Tensors(int moduleIndex, int parameterOffset) => new SequentialTensor[0];

    /// <inheritdoc/>
    public override UniformInitialisation? Initialisation(int parameterOffset) => null;

    /// <inheritdoc/>
    public override string Description(int parameterOffset) => string.Format(CultureInfo.InvariantCulture,
        "new global::NetGen.LayerDescription(global::NetGen.LayerKind.Dropout, {0}, {0}, global::NetGen.Activation.Identity, {1}, 0, {2})",
        Size, parameterOffset, FloatLiteral.Format(Probability));

    /// <summary>In the training graph, each value times its mask leaf m[k] (so the derivation multiplies by the same mask); nothing at inference.</summary>
    public override void Lower(LayerLoweringContext context)
    {
        if (!context.Training) return;
        var g = context.Graph;
        int[] a = context.Values;
        int maskSize = context.MaskSize;
        var dropped = new int[a.Length];
        for (int j = 0; j < a.Length; j++)
        {
            int k = maskSize + j;
            dropped[j] = g.Multiply(a[j], g.Mask(k));
            g.Label(dropped[j], $"d{Number}_{j}", $"d{Number}[{j}]");
            g.Comment(dropped[j], string.Format(CultureInfo.InvariantCulture,
                "Dropout({0}) after layer {1}: d{1}[j] = a{1}[j]·m[{2} + j], m ∈ {{0, 1/(1−p)}} drawn per sample", Probability.ToString("R", CultureInfo.InvariantCulture), Number, maskSize));
        }
        context.MaskSize = maskSize + a.Length;
        context.Values = dropped;
    }
}

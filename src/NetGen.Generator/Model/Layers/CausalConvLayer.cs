using System;
using System.Collections.Generic;
using System.Globalization;
using NetGen.Generator.Graph;

namespace NetGen.Generator.Model.Layers;

/// <summary>
/// <c>[CausalConv1D(outChannels, kernelSize, dilation, activation)]</c>: PyTorch's <c>nn.Conv1d</c> over time with
/// (k − 1)·d zeros of left padding, so output t sees inputs ≤ t. Per step
/// z[o] = b[o] + Σ_c Σ_j w[o, c, j]·x(t − (k − 1 − j)·d)[c], then the activation. Its state is the last R = (k − 1)·d
/// steps of its input, oldest first (slot r holds x(t − R + r)), shifted by one slot every step. Weights
/// <c>[out, in, k]</c> row-major, then biases, so one output is one row over the taps gathered as v[c·k + j].
/// </summary>
internal sealed record CausalConvLayer(int Number, int InputSize, int OutChannels, int KernelSize, int Dilation, ActivationKind Activation)
    : LayerModel(Number, InputSize)
{
    /// <summary>R = (k − 1)·d: the steps of history the layer keeps.</summary>
    public int ReceptiveSteps => (KernelSize - 1) * Dilation;

    /// <inheritdoc/>
    public override bool IsSequenceLayer => true;

    /// <inheritdoc/>
    public override int StateSize => ReceptiveSteps * InputSize;

    /// <inheritdoc/>
    public override string StateText => $"the last {ReceptiveSteps} inputs of layer {Number}, oldest first";

    /// <inheritdoc/>
    public override int OutputSize => OutChannels;

    /// <inheritdoc/>
    public override long ParameterCount => (long)OutChannels * InputSize * KernelSize + OutChannels;

    /// <inheritdoc/>
    public override long MultiplyAdds => (long)OutChannels * InputSize * KernelSize;

    /// <summary>The <c>nn.Conv1d</c>, then the activation's module unless Identity.</summary>
    public override int SequentialModules => Activation == ActivationKind.Identity ? 1 : 2;

    /// <inheritdoc/>
    public override string ChainText => $" → CausalConv1D({OutChannels}, k {KernelSize}, d {Dilation}, {Activation})";

    /// <inheritdoc/>
    public override string FingerprintText => string.Format(CultureInfo.InvariantCulture, "causalconv1d={0},{1},{2},{3};", OutChannels, KernelSize, Dilation, Activation);

    /// <inheritdoc/>
    public override IEnumerable<SequentialTensor> Tensors(int moduleIndex, int parameterOffset)
    {
        yield return new SequentialTensor($"{moduleIndex}.weight", parameterOffset, new EquatableArray<int>(new[] { OutChannels, InputSize, KernelSize }), $"layer {Number} kernels [out, in, k]");
        yield return new SequentialTensor($"{moduleIndex}.bias", parameterOffset + OutChannels * InputSize * KernelSize, new EquatableArray<int>(new[] { OutChannels }), $"layer {Number} biases");
    }

    /// <summary>PyTorch's rule for <c>nn.Conv1d</c>: weights and biases from U(±1/√(in·k)).</summary>
    public override UniformInitialisation? Initialisation(int parameterOffset)
        => new(parameterOffset, (int)ParameterCount, (float)(1.0 / Math.Sqrt((double)InputSize * KernelSize)),
            $"Layer {Number}: CausalConv1D({OutChannels}, k {KernelSize}), all {ParameterCount} weights and biases from U(±1/√({InputSize}·{KernelSize})) as PyTorch initialises nn.Conv1d");

    /// <inheritdoc/>
    public override string Description(int parameterOffset) => string.Format(CultureInfo.InvariantCulture,
        "new global::NetGen.LayerDescription(global::NetGen.LayerKind.CausalConv1D, {0}, {1}, global::NetGen.Activation.{2}, {3}, {4}, 0f)",
        InputSize, OutChannels, Activation, parameterOffset, ParameterCount);

    /// <summary>Gathers the taps, one affine row per output channel, the activation; the history shifted by one step.</summary>
    public override void Lower(LayerLoweringContext context)
    {
        var g = context.Graph;
        int n = Number, channels = InputSize, steps = ReceptiveSteps;
        int weights = context.ParameterOffset, biases = weights + OutChannels * channels * KernelSize;
        context.ParameterOffset = biases + OutChannels;
        var current = context.Values;
        int History(int slot, int c)
        {
            int leaf = context.PreviousState(slot * channels + c);
            g.Label(leaf, $"x{n}hist{slot}_{c}", $"x{n}(t−{steps - slot})[{c}]");
            return leaf;
        }

        var taps = new int[channels * KernelSize];
        for (int c = 0; c < channels; c++)
        {
            for (int j = 0; j < KernelSize; j++)
            {
                int back = (KernelSize - 1 - j) * Dilation;
                taps[c * KernelSize + j] = back == 0 ? current[c] : History(steps - back, c);
            }
        }
        var z = AffineLowering.Build(g, new DenseBlock(weights, biases, OutChannels, channels * KernelSize), taps, MultiplyAdds <= context.UnrollLimit, $"z{n}",
            $"Layer {n}: CausalConv1D({OutChannels}, k {KernelSize}, d {Dilation}) output channel {{0}}: z{n} = b + Σc Σj w[·, c, j]·x(t − ({KernelSize - 1} − j)·{Dilation})[c]");

        // Next history: every slot moves one step older, the newest slot takes this step's input.
        for (int slot = 0; slot < steps; slot++)
        {
            for (int c = 0; c < channels; c++) context.StateOutputs.Add(slot + 1 < steps ? History(slot + 1, c) : current[c]);
        }
        context.StateOffset += StateSize;
        context.Values = ActivationLowering.Apply(g, z, Activation, n);
    }

    /// <summary>Checks one <c>[CausalConv1D]</c> (sizes, kernel and dilation ≥ 1, a receptive field within the limit, no Softmax).</summary>
    public static CausalConvLayer Validate(Parsing.ParsedDense parsed, int number, int inputSize, List<DiagnosticInfo> errors)
    {
        Diagnostics.SizeRules.Check(errors, $"Layer {number} ([CausalConv1D])", parsed.Units, parsed.Location);
        int kernel = parsed.KernelSize ?? 0, dilation = parsed.Dilation ?? 0;
        if (kernel < 1 || kernel > Diagnostics.NetworkLimits.MaxReceptiveField + 1)
            errors.Add(DiagnosticInfo.Create(Diagnostics.DiagnosticDescriptors.InvalidKernelShape, parsed.Location, number, "kernelSize", Shown(parsed.KernelSize), $"a value in [1, {Diagnostics.NetworkLimits.MaxReceptiveField + 1}]"));
        if (dilation < 1 || dilation > Diagnostics.NetworkLimits.MaxReceptiveField)
            errors.Add(DiagnosticInfo.Create(Diagnostics.DiagnosticDescriptors.InvalidKernelShape, parsed.Location, number, "dilation", Shown(parsed.Dilation), $"a value in [1, {Diagnostics.NetworkLimits.MaxReceptiveField}]"));
        else if (kernel >= 1 && (long)(kernel - 1) * dilation > Diagnostics.NetworkLimits.MaxReceptiveField)
            errors.Add(DiagnosticInfo.Create(Diagnostics.DiagnosticDescriptors.InvalidKernelShape, parsed.Location, number, "the receptive field (kernelSize − 1)·dilation",
                ((long)(kernel - 1) * dilation).ToString(CultureInfo.InvariantCulture) + " steps", $"at most {Diagnostics.NetworkLimits.MaxReceptiveField} steps"));
        var activation = ActivationKind.Identity;
        if (parsed.Activation is int a && Enum.IsDefined(typeof(ActivationKind), a) && a != (int)ActivationKind.Softmax) activation = (ActivationKind)a;
        else if (parsed.Activation is int s && s == (int)ActivationKind.Softmax)
            errors.Add(DiagnosticInfo.Create(Diagnostics.DiagnosticDescriptors.InvalidLayerActivation, parsed.Location, number, "CausalConv1D", "Softmax", "an element-wise activation (put a [Dense(n, Activation.Softmax)] after it for class probabilities)"));
        else
            errors.Add(DiagnosticInfo.Create(Diagnostics.DiagnosticDescriptors.UnknownEnumValue, parsed.Location, $"The activation of layer {number}", Shown(parsed.Activation), "NetGen.Activation"));
        bool valid = kernel >= 1 && dilation >= 1 && (long)(kernel - 1) * dilation <= Diagnostics.NetworkLimits.MaxReceptiveField;
        return new CausalConvLayer(number, inputSize, parsed.Units is int u && u > 0 ? u : 0, valid ? kernel : 1, valid ? dilation : 1, activation);
    }

    private static string Shown(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "?";
}

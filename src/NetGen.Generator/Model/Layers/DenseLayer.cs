using System;
using System.Collections.Generic;
using System.Globalization;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Graph;
using NetGen.Generator.Parsing;

namespace NetGen.Generator.Model.Layers;

/// <summary>
/// <c>[Dense(units, activation)]</c>: per neuron zⱼ = bⱼ + Σᵢ wⱼᵢ·aᵢ, then the activation. Its parameters are an
/// <c>nn.Linear</c>: weights <c>[Units, InputSize]</c> row-major, then <see cref="Units"/> biases.
/// </summary>
/// <param name="Number">The layer's number (1-based among the Dense layers).</param>
/// <param name="InputSize">Inputs of each neuron (the network's input, or the previous layer's outputs).</param>
/// <param name="Units">Neurons.</param>
/// <param name="Activation">The activation applied to every neuron.</param>
internal sealed record DenseLayer(int Number, int InputSize, int Units, ActivationKind Activation) : LayerModel(Number, InputSize)
{
    /// <summary>
    /// Checks one <c>[Dense]</c> as written (NG0006/NG0018 size, NG0012 activation value, NG0007 Softmax not last,
    /// NG0008 Softmax on one unit) and returns the layer it describes (with size 0 or Identity where the value is wrong).
    /// </summary>
    public static DenseLayer Validate(ParsedDense parsed, int number, int inputSize, bool last, List<DiagnosticInfo> errors)
    {
        SizeRules.Check(errors, $"Layer {number} ([Dense])", parsed.Units, parsed.Location);
        var activation = ActivationKind.Identity;
        if (parsed.Activation is int a && Enum.IsDefined(typeof(ActivationKind), a)) activation = (ActivationKind)a;
        else errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownEnumValue, parsed.Location, $"The activation of layer {number}", parsed.Activation?.ToString(CultureInfo.InvariantCulture) ?? "?", "NetGen.Activation"));
        if (activation == ActivationKind.Softmax && !last)
            errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxNotLast, parsed.Location, number, parsed.Units ?? 0));
        if (activation == ActivationKind.Softmax && parsed.Units == 1)
            errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxSingleUnit, parsed.Location, number));
        return new DenseLayer(number, inputSize, parsed.Units ?? 0, activation);
    }

    /// <summary>NG0016 (info) when the layer is past the unroll limit and so emitted as loops.</summary>
    public void ReportLoops(List<DiagnosticInfo> infos, LocationInfo? location, int unrollLimit)
    {
        if (MultiplyAdds > unrollLimit)
            infos.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerEmittedAsLoop, location, Number, Units, InputSize, MultiplyAdds, unrollLimit));
    }

    /// <inheritdoc/>
    public override int OutputSize => Units;

    /// <inheritdoc/>
    public override long ParameterCount => ((long)InputSize + 1) * Units;

    /// <inheritdoc/>
    public override long MultiplyAdds => (long)InputSize * Units;

    /// <summary>The <c>nn.Linear</c>, then the activation's module unless Identity (which PyTorch writes as nothing).</summary>
    public override int SequentialModules => Activation == ActivationKind.Identity ? 1 : 2;

    /// <inheritdoc/>
    public override string ChainText => $" → Dense({Units}, {Activation})";

    /// <inheritdoc/>
    public override string FingerprintText => "dense=" + Units.ToString(CultureInfo.InvariantCulture) + "," + Activation + ";";

    /// <inheritdoc/>
    public override IEnumerable<SequentialTensor> Tensors(int moduleIndex, int parameterOffset)
    {
        yield return new SequentialTensor($"{moduleIndex}.weight", parameterOffset, new EquatableArray<int>(new[] { Units, InputSize }), $"layer {Number} weights [out, in]");
        yield return new SequentialTensor($"{moduleIndex}.bias", parameterOffset + Units * InputSize, new EquatableArray<int>(new[] { Units }), $"layer {Number} biases");
    }

    /// <summary>The activation's rule (<see cref="Activations.ActivationTable"/>): Glorot uniform U(±√(6/(in+out))) or He uniform U(±√(6/in)); biases 0.</summary>
    public override UniformInitialisation? Initialisation(int parameterOffset)
    {
        bool he = Activations.ActivationTable.Of(Activation).Initialisation == Activations.Initialisation.He;
        double limit = he ? Math.Sqrt(6.0 / InputSize) : Math.Sqrt(6.0 / (InputSize + Units));
        string rule = he ? $"He uniform U(±√(6/{InputSize}))" : $"Glorot uniform U(±√(6/({InputSize}+{Units})))";
        return new UniformInitialisation(parameterOffset, InputSize * Units, (float)limit, $"Layer {Number}: {Units}×{InputSize} weights, {rule}; biases stay 0");
    }

    /// <inheritdoc/>
    public override string Description(int parameterOffset) => string.Format(CultureInfo.InvariantCulture,
        "new global::NetGen.LayerDescription(global::NetGen.LayerKind.Dense, {0}, {1}, global::NetGen.Activation.{2}, {3}, {4}, 0f)",
        InputSize, Units, Activation, parameterOffset, ParameterCount);

    /// <summary>Per neuron the affine sum (scalar nodes within the unroll budget, a matvec macro past it), then the activation.</summary>
    public override void Lower(LayerLoweringContext context)
    {
        var g = context.Graph;
        int offset = context.ParameterOffset;
        var block = new DenseBlock(offset, offset + Units * InputSize, Units, InputSize);
        context.ParameterOffset = block.BiasOffset + Units;
        bool unrolled = MultiplyAdds <= context.UnrollLimit;
        string source = Number == 1 ? $"Input({InputSize})" : $"layer {Number - 1}";
        context.Layouts.Add(new LayerLayout(Number, InputSize, Units, Activation, block.WeightOffset, block.BiasOffset, unrolled));

        NameParameters(g, block);
        int n = Number;
        int[] z = AffineLowering.Build(g, block, context.Values, unrolled, $"z{n}",
            j => $"Layer {n}: Dense({Units}, {Activation}) ← {source}, neuron {j}: z{n}[{j}] = b{n}[{j}] + Σi w{n}[{j},i]·a{n - 1}[i]",
            string.Format(CultureInfo.InvariantCulture,
                "Layer {0}: Dense({1}, {2}) ← {3}: z{0} = W{0}·a{4} + b{0} as loops ({5} multiply-adds, past the unroll budget)",
                n, Units, Activation, source, n - 1, (long)block.Rows * block.Columns));
        context.Values = ActivationLowering.Apply(g, z, Activation, Number);
    }

    private void NameParameters(ExpressionGraph g, DenseBlock block)
    {
        // Only display names: parameters are read from p[k] in the emitted code.
        if ((long)block.Rows * block.Columns > 65536) return;
        for (int j = 0; j < block.Rows; j++)
        {
            for (int i = 0; i < block.Columns; i++)
            {
                g.Label(g.Parameter(block.WeightOffset + j * block.Columns + i), $"w{Number}_{j}_{i}", $"w{Number}[{j},{i}]");
            }
            g.Label(g.Parameter(block.BiasOffset + j), $"b{Number}_{j}", $"b{Number}[{j}]");
        }
    }
}

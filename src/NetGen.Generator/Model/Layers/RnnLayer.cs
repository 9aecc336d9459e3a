using NetGen.Generator.Graph;

namespace NetGen.Generator.Model.Layers;

/// <summary><c>[Rnn(hiddenSize, activation)]</c>, PyTorch's <c>nn.RNN</c>: h′ = f(gi + gh) with f Tanh or Relu. State: h.</summary>
internal sealed record RnnLayer(int Number, int InputSize, int HiddenSize, ActivationKind Activation) : RecurrentLayer(Number, InputSize, HiddenSize)
{
    /// <inheritdoc/>
    public override int Gates => 1;

    /// <inheritdoc/>
    public override string Kind => "Rnn";

    /// <inheritdoc/>
    protected override string RuntimeKind => "Rnn";

    /// <inheritdoc/>
    public override int StateSize => HiddenSize;

    /// <inheritdoc/>
    public override string ChainText => $" → Rnn({HiddenSize}, {Activation})";

    /// <inheritdoc/>
    public override string FingerprintText => base.FingerprintText + Activation + ";";

    /// <inheritdoc/>
    protected override ActivationKind DescribedActivation => Activation;

    /// <summary>z = gi + gh, then the activation (lowered from its definition, <see cref="ActivationLowering"/>).</summary>
    public override CellNeuron Neuron(ExpressionGraph g, int j, int[] gi, int[] gh, int[] previous)
    {
        int h = ActivationLowering.Apply(g, new[] { PreActivation(g, j, gi[0], gh[0]) }, Activation, Number)[0];
        return new CellNeuron(h, new[] { h });
    }

    /// <summary>Every neuron's z, then the activation over the layer (so each a{n}[j] is labelled with its own j).</summary>
    protected override int[] Cell(LayerLoweringContext context, int[] gi, int[] gh)
    {
        var g = context.Graph;
        var z = new int[HiddenSize];
        for (int j = 0; j < HiddenSize; j++) z[j] = PreActivation(g, j, gi[j], gh[j]);
        var h = ActivationLowering.Apply(g, z, Activation, Number);
        context.StateOutputs.AddRange(h);
        return h;
    }

    /// <summary>z[j] = gi[j] + gh[j], labelled and commented.</summary>
    private int PreActivation(ExpressionGraph g, int j, int gi, int gh)
    {
        int n = Number;
        return Named(g, g.Add(gi, gh), $"z{n}_{j}", $"z{n}[{j}]", $"Layer {n}: Rnn z{n}[{j}] = gi{n}[{j}] + gh{n}[{j}]");
    }
}

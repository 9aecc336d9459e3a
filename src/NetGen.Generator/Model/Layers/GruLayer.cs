using NetGen.Generator.Graph;

namespace NetGen.Generator.Model.Layers;

/// <summary>
/// <c>[Gru(hiddenSize)]</c>, PyTorch's <c>nn.GRU</c>: gates r, z, n in PyTorch's order, r = σ(gi_r + gh_r),
/// z = σ(gi_z + gh_z), n = tanh(gi_n + r ⊙ gh_n), h′ = (1 − z) ⊙ n + z ⊙ h. State: h.
/// </summary>
internal sealed record GruLayer(int Number, int InputSize, int HiddenSize) : RecurrentLayer(Number, InputSize, HiddenSize)
{
    /// <inheritdoc/>
    public override int Gates => 3;

    /// <inheritdoc/>
    public override string Kind => "Gru";

    /// <inheritdoc/>
    protected override string RuntimeKind => "Gru";

    /// <inheritdoc/>
    public override int StateSize => HiddenSize;

    /// <inheritdoc/>
    public override string ChainText => $" → Gru({HiddenSize})";

    /// <inheritdoc/>
    public override CellNeuron Neuron(ExpressionGraph g, int j, int[] gi, int[] gh, int[] previous)
    {
        int n = Number, hidden = HiddenSize;
        int r = Named(g, g.Unary(OpKind.Sigmoid, g.Add(gi[0], gh[0])), $"r{n}_{j}", $"r{n}[{j}]",
            $"Layer {n}: Gru reset gate r{n}[{j}] = σ(gi{n}[{j}] + gh{n}[{j}])");
        int z = Named(g, g.Unary(OpKind.Sigmoid, g.Add(gi[1], gh[1])), $"u{n}_{j}", $"z{n}[{j}]",
            $"Layer {n}: Gru update gate z{n}[{j}] = σ(gi{n}[{hidden + j}] + gh{n}[{hidden + j}])");
        int candidate = Named(g, g.Unary(OpKind.Tanh, g.Add(gi[2], g.Multiply(r, gh[2]))), $"n{n}_{j}", $"n{n}[{j}]",
            $"Layer {n}: Gru candidate n{n}[{j}] = tanh(gi{n}[{2 * hidden + j}] + r{n}[{j}]·gh{n}[{2 * hidden + j}])");
        int h = Named(g, g.Add(g.Multiply(g.Subtract(g.Constant(1f), z), candidate), g.Multiply(z, previous[0])), $"h{n}_{j}", $"h{n}[{j}]",
            $"Layer {n}: Gru state h{n}[{j}] = (1 − z{n}[{j}])·n{n}[{j}] + z{n}[{j}]·h{n}(t−1)[{j}]");
        return new CellNeuron(h, new[] { h });
    }
}

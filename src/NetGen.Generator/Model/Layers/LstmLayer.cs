using NetGen.Generator.Graph;

namespace NetGen.Generator.Model.Layers;

/// <summary>
/// <c>[Lstm(hiddenSize)]</c>, PyTorch's <c>nn.LSTM</c>: gates i, f, g, o in PyTorch's order, c′ = f ⊙ c + i ⊙ g,
/// h′ = o ⊙ tanh(c′). State: h (H values), then c (H values).
/// </summary>
internal sealed record LstmLayer(int Number, int InputSize, int HiddenSize) : RecurrentLayer(Number, InputSize, HiddenSize)
{
    /// <inheritdoc/>
    public override int Gates => 4;

    /// <inheritdoc/>
    public override string Kind => "Lstm";

    /// <inheritdoc/>
    protected override string RuntimeKind => "Lstm";

    /// <inheritdoc/>
    public override int StateSize => 2 * HiddenSize;

    /// <inheritdoc/>
    public override string StateText => $"h then c of layer {Number}";

    /// <inheritdoc/>
    public override string ChainText => $" → Lstm({HiddenSize})";

    /// <inheritdoc/>
    public override CellNeuron Neuron(ExpressionGraph g, int j, int[] gi, int[] gh, int[] previous)
    {
        int n = Number, hidden = HiddenSize;
        int Gate(int block, OpKind op, string name, string what)
        {
            int row = block * hidden + j;
            return Named(g, g.Unary(op, g.Add(gi[block], gh[block])), $"{name}{n}_{j}", $"{name}{n}[{j}]",
                $"Layer {n}: Lstm {what} {name}{n}[{j}] = {(op == OpKind.Sigmoid ? "σ" : "tanh")}(gi{n}[{row}] + gh{n}[{row}])");
        }
        g.Label(previous[1], $"c{n}prev_{j}", $"c{n}(t−1)[{j}]");
        int input = Gate(0, OpKind.Sigmoid, "i", "input gate");
        int forget = Gate(1, OpKind.Sigmoid, "f", "forget gate");
        int cell = Gate(2, OpKind.Tanh, "g", "cell candidate");
        int output = Gate(3, OpKind.Sigmoid, "o", "output gate");
        int c = Named(g, g.Add(g.Multiply(forget, previous[1]), g.Multiply(input, cell)), $"c{n}_{j}", $"c{n}[{j}]",
            $"Layer {n}: Lstm cell c{n}[{j}] = f{n}[{j}]·c{n}(t−1)[{j}] + i{n}[{j}]·g{n}[{j}]");
        int h = Named(g, g.Multiply(output, g.Unary(OpKind.Tanh, c)), $"h{n}_{j}", $"h{n}[{j}]",
            $"Layer {n}: Lstm state h{n}[{j}] = o{n}[{j}]·tanh(c{n}[{j}])");
        return new CellNeuron(h, new[] { h, c });
    }
}

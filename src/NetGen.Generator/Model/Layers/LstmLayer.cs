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
    public override string ChainText => $" → Lstm({HiddenSize})";

    /// <inheritdoc/>
    protected override int[] Cell(LayerLoweringContext context, int[] gi, int[] gh)
    {
        var g = context.Graph;
        int n = Number, hidden = HiddenSize;
        var h = new int[hidden];
        var c = new int[hidden];
        int Gate(int block, int j, OpKind op, string name, string what)
        {
            int row = block * hidden + j;
            return Named(g, g.Unary(op, g.Add(gi[row], gh[row])), $"{name}{n}_{j}", $"{name}{n}[{j}]",
                $"Layer {n}: Lstm {what} {name}{n}[{j}] = {(op == OpKind.Sigmoid ? "σ" : "tanh")}(gi{n}[{row}] + gh{n}[{row}])");
        }
        for (int j = 0; j < hidden; j++)
        {
            int previousCell = context.PreviousState(hidden + j);
            g.Label(previousCell, $"c{n}prev_{j}", $"c{n}(t−1)[{j}]");
            int input = Gate(0, j, OpKind.Sigmoid, "i", "input gate");
            int forget = Gate(1, j, OpKind.Sigmoid, "f", "forget gate");
            int cell = Gate(2, j, OpKind.Tanh, "g", "cell candidate");
            int output = Gate(3, j, OpKind.Sigmoid, "o", "output gate");
            c[j] = Named(g, g.Add(g.Multiply(forget, previousCell), g.Multiply(input, cell)), $"c{n}_{j}", $"c{n}[{j}]",
                $"Layer {n}: Lstm cell c{n}[{j}] = f{n}[{j}]·c{n}(t−1)[{j}] + i{n}[{j}]·g{n}[{j}]");
            h[j] = Named(g, g.Multiply(output, g.Unary(OpKind.Tanh, c[j])), $"h{n}_{j}", $"h{n}[{j}]",
                $"Layer {n}: Lstm state h{n}[{j}] = o{n}[{j}]·tanh(c{n}[{j}])");
        }
        context.StateOutputs.AddRange(h);
        context.StateOutputs.AddRange(c);
        return h;
    }
}

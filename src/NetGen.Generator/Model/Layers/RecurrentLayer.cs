using System;
using System.Collections.Generic;
using System.Globalization;
using NetGen.Generator.Graph;

namespace NetGen.Generator.Model.Layers;

/// <summary>
/// What the three recurrent layers (<see cref="GruLayer"/>, <see cref="LstmLayer"/>, <see cref="RnnLayer"/>) share: PyTorch's
/// parameter layout (<c>weight_ih_l0</c> <c>[G·H, I]</c>, <c>weight_hh_l0</c> <c>[G·H, H]</c>, <c>bias_ih_l0</c>, <c>bias_hh_l0</c>
/// <c>[G·H]</c>, G gate blocks), PyTorch's initialisation U(±1/√H), and the two affine maps every step starts with:
/// gi = W_ih·x + b_ih and gh = W_hh·h + b_hh. Each layer's <see cref="Cell"/> turns them into the next state.
/// </summary>
/// <param name="Number">The layer's number among the layers with parameters (1-based).</param>
/// <param name="InputSize">Features of one step entering the layer.</param>
/// <param name="HiddenSize">H, the size of the hidden state and of the layer's output.</param>
internal abstract record RecurrentLayer(int Number, int InputSize, int HiddenSize) : LayerModel(Number, InputSize)
{
    /// <summary>G: gate blocks stacked in the weight matrices (GRU 3, LSTM 4, RNN 1).</summary>
    public abstract int Gates { get; }

    /// <summary>The attribute's name, for comments and the summary (<c>Gru</c>, <c>Lstm</c>, <c>Rnn</c>).</summary>
    public abstract string Kind { get; }

    /// <summary>The runtime's <c>LayerKind</c> member.</summary>
    protected abstract string RuntimeKind { get; }

    /// <summary>
    /// One neuron j of the cell, the layer's one definition of its step: from gate row j of each of the G blocks of gi and gh
    /// (<paramref name="gi"/>[k] is gi[k·H + j]) and the neuron's previous state values (h, then c for the LSTM), its output
    /// and its next state values (same order). The scalar step graph calls it for every neuron; the SIMD step prints it once
    /// on whole vectors of neurons.
    /// </summary>
    public abstract CellNeuron Neuron(ExpressionGraph g, int j, int[] gi, int[] gh, int[] previous);

    /// <summary>State values one neuron carries (1: h; 2 for the LSTM: h and c).</summary>
    public int StatePerNeuron => StateSize / System.Math.Max(1, HiddenSize);

    /// <summary>Builds the step: every neuron's <see cref="Neuron"/>, its next state added to the context (h values, then c values).</summary>
    protected virtual int[] Cell(LayerLoweringContext context, int[] gi, int[] gh)
    {
        var g = context.Graph;
        int hidden = HiddenSize, per = StatePerNeuron;
        var outputs = new int[hidden];
        var next = new int[per, hidden];
        for (int j = 0; j < hidden; j++)
        {
            var rowsI = new int[Gates];
            var rowsH = new int[Gates];
            for (int k = 0; k < Gates; k++)
            {
                rowsI[k] = gi[k * hidden + j];
                rowsH[k] = gh[k * hidden + j];
            }
            var previous = new int[per];
            for (int s = 0; s < per; s++) previous[s] = context.PreviousState(s * hidden + j);
            var neuron = Neuron(g, j, rowsI, rowsH, previous);
            outputs[j] = neuron.Output;
            for (int s = 0; s < per; s++) next[s, j] = neuron.Next[s];
        }
        for (int s = 0; s < per; s++)
        {
            for (int j = 0; j < hidden; j++) context.StateOutputs.Add(next[s, j]);
        }
        return outputs;
    }

    /// <inheritdoc/>
    public override bool IsSequenceLayer => true;

    /// <inheritdoc/>
    public override string StateText => $"h of layer {Number}";

    /// <inheritdoc/>
    public override int OutputSize => HiddenSize;

    /// <inheritdoc/>
    public override long ParameterCount => (long)Gates * HiddenSize * ((long)InputSize + HiddenSize + 2);

    /// <inheritdoc/>
    public override long MultiplyAdds => (long)Gates * HiddenSize * ((long)InputSize + HiddenSize);

    /// <summary>One module (<c>nn.GRU</c>, <c>nn.LSTM</c>, <c>nn.RNN</c>; the RNN's nonlinearity is inside it).</summary>
    public override int SequentialModules => 1;

    /// <inheritdoc/>
    public override string FingerprintText => Kind.ToLowerInvariant() + "=" + HiddenSize.ToString(CultureInfo.InvariantCulture) + ";";

    private int Rows => Gates * HiddenSize;

    /// <summary>PyTorch's four tensors, named after the module as <c>state_dict()</c> names them.</summary>
    public override IEnumerable<SequentialTensor> Tensors(int moduleIndex, int parameterOffset)
    {
        int ih = parameterOffset, hh = ih + Rows * InputSize, bih = hh + Rows * HiddenSize, bhh = bih + Rows;
        yield return new SequentialTensor($"{moduleIndex}.weight_ih_l0", ih, new EquatableArray<int>(new[] { Rows, InputSize }), $"layer {Number} input weights [{Gates}·hidden, in]");
        yield return new SequentialTensor($"{moduleIndex}.weight_hh_l0", hh, new EquatableArray<int>(new[] { Rows, HiddenSize }), $"layer {Number} recurrent weights [{Gates}·hidden, hidden]");
        yield return new SequentialTensor($"{moduleIndex}.bias_ih_l0", bih, new EquatableArray<int>(new[] { Rows }), $"layer {Number} input biases");
        yield return new SequentialTensor($"{moduleIndex}.bias_hh_l0", bhh, new EquatableArray<int>(new[] { Rows }), $"layer {Number} recurrent biases");
    }

    /// <summary>PyTorch's rule for recurrent layers: every weight and bias from U(±1/√H).</summary>
    public override UniformInitialisation? Initialisation(int parameterOffset)
        => new(parameterOffset, (int)ParameterCount, (float)(1.0 / Math.Sqrt(HiddenSize)),
            $"Layer {Number}: {Kind}({HiddenSize}), all {ParameterCount} weights and biases from U(±1/√{HiddenSize}) as PyTorch initialises nn.{Kind.ToUpperInvariant()}");

    /// <inheritdoc/>
    public override string Description(int parameterOffset) => string.Format(CultureInfo.InvariantCulture,
        "new global::NetGen.LayerDescription(global::NetGen.LayerKind.{0}, {1}, {2}, global::NetGen.Activation.{3}, {4}, {5}, 0f)",
        RuntimeKind, InputSize, HiddenSize, DescribedActivation, parameterOffset, ParameterCount);

    /// <summary>The activation the description reports (Tanh for GRU and LSTM, the RNN's own).</summary>
    protected virtual ActivationKind DescribedActivation => ActivationKind.Tanh;

    /// <summary>gi = W_ih·x + b_ih and gh = W_hh·h + b_hh (both scalar sums within the unroll budget), then the cell.</summary>
    public override void Lower(LayerLoweringContext context)
    {
        var g = context.Graph;
        int ih = context.ParameterOffset, hh = ih + Rows * InputSize, bih = hh + Rows * HiddenSize, bhh = bih + Rows;
        context.ParameterOffset = bhh + Rows;
        bool unrolled = MultiplyAdds <= context.UnrollLimit;
        var previous = new int[HiddenSize];
        for (int j = 0; j < HiddenSize; j++)
        {
            previous[j] = context.PreviousState(j);
            g.Label(previous[j], $"h{Number}prev_{j}", $"h{Number}(t−1)[{j}]");
        }
        int n = Number;
        var gi = AffineLowering.Build(g, new DenseBlock(ih, bih, Rows, InputSize), context.Values, unrolled, $"gi{n}",
            $"Layer {n}: {Kind}({HiddenSize}), input part of gate row {{0}}: gi{n} = b_ih + W_ih·x(t)");
        var gh = AffineLowering.Build(g, new DenseBlock(hh, bhh, Rows, HiddenSize), previous, unrolled, $"gh{n}",
            $"Layer {n}: {Kind}({HiddenSize}), recurrent part of gate row {{0}}: gh{n} = b_hh + W_hh·h(t−1)");
        context.Values = Cell(context, gi, gh);
        context.StateOffset += StateSize;
    }

    /// <summary>Labels and comments a cell value.</summary>
    protected static int Named(ExpressionGraph g, int node, string identifier, string display, string comment)
    {
        g.Label(node, identifier, display);
        g.Comment(node, comment);
        return node;
    }

    /// <summary>Checks one recurrent layer attribute and returns its record (size 0 where the value is wrong).</summary>
    public static LayerModel Validate(Parsing.ParsedDense parsed, int number, int inputSize, List<DiagnosticInfo> errors)
    {
        string kind = parsed.Kind.ToString();
        Diagnostics.SizeRules.Check(errors, $"Layer {number} ([{kind}])", parsed.Units, parsed.Location);
        int size = parsed.Units is int u && u > 0 ? u : 0;
        switch (parsed.Kind)
        {
            case Parsing.ParsedLayerKind.Gru: return new GruLayer(number, inputSize, size);
            case Parsing.ParsedLayerKind.Lstm: return new LstmLayer(number, inputSize, size);
            default:
                var activation = ActivationKind.Tanh;
                if (parsed.Activation is int a && (a == (int)ActivationKind.Tanh || a == (int)ActivationKind.Relu)) activation = (ActivationKind)a;
                else
                {
                    string shown = parsed.Activation is int b && Enum.IsDefined(typeof(ActivationKind), b) ? ((ActivationKind)b).ToString() : parsed.Activation?.ToString(CultureInfo.InvariantCulture) ?? "?";
                    errors.Add(DiagnosticInfo.Create(Diagnostics.DiagnosticDescriptors.InvalidLayerActivation, parsed.Location, number, "Rnn", shown, "Activation.Tanh or Activation.Relu (nn.RNN's nonlinearities)"));
                }
                return new RnnLayer(number, inputSize, size, activation);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Tests.Reference;

namespace NetGen.Tests.Sequence;

/// <summary>The kinds of layer a sequence network is made of (the <c>kind</c> strings of sequence-reference.json).</summary>
public enum SequenceLayerKind
{
    /// <summary>nn.Linear on the last dimension, at every time step, then the layer's activation.</summary>
    Dense,

    /// <summary>Multiplies every element at every step by a caller-supplied mask value (no parameters).</summary>
    Dropout,

    /// <summary>nn.GRU, single layer, gates r, z, n.</summary>
    Gru,

    /// <summary>nn.LSTM, single layer, gates i, f, g, o.</summary>
    Lstm,

    /// <summary>nn.RNN with the layer's activation (Tanh or Relu) as its nonlinearity.</summary>
    Rnn,

    /// <summary>nn.Conv1d over time with (k − 1)·d zeros of left padding only, then the layer's activation.</summary>
    CausalConv1D,
}

/// <summary>Which steps a sequence's loss looks at.</summary>
public enum SequenceLossMode
{
    /// <summary>The per-step loss averaged over the T steps; targets are [T, Out] per sequence.</summary>
    EveryStep,

    /// <summary>The usual per-sample loss on the last step's output only; targets are [Out] per sequence.</summary>
    LastStep,
}

/// <summary>One layer of a <see cref="SequenceLayout"/>, as sequence-reference.json describes it.</summary>
/// <param name="Kind">What the layer is.</param>
/// <param name="Size">Hidden size (Gru, Lstm, Rnn), units (Dense) or output channels (CausalConv1D); 0 for Dropout (it
/// keeps its input's width).</param>
/// <param name="Activation">Dense's and CausalConv1D's output activation, Rnn's nonlinearity (Tanh or Relu); Identity
/// for the others.</param>
/// <param name="KernelSize">CausalConv1D's kernel size (1 for the others).</param>
/// <param name="Dilation">CausalConv1D's dilation (1 for the others).</param>
public sealed record SequenceLayer(SequenceLayerKind Kind, int Size, Activation Activation = Activation.Identity, int KernelSize = 1, int Dilation = 1)
{
    /// <summary>A Dense layer.</summary>
    public static SequenceLayer Dense(int units, Activation activation = Activation.Identity) => new(SequenceLayerKind.Dense, units, activation);

    /// <summary>A Dropout layer (its mask comes from the caller).</summary>
    public static SequenceLayer Dropout() => new(SequenceLayerKind.Dropout, 0);

    /// <summary>A GRU layer.</summary>
    public static SequenceLayer Gru(int hidden) => new(SequenceLayerKind.Gru, hidden);

    /// <summary>An LSTM layer.</summary>
    public static SequenceLayer Lstm(int hidden) => new(SequenceLayerKind.Lstm, hidden);

    /// <summary>An Elman RNN layer with nonlinearity Tanh or Relu.</summary>
    public static SequenceLayer Rnn(int hidden, Activation activation) => new(SequenceLayerKind.Rnn, hidden, activation);

    /// <summary>A causal 1-D convolution over time.</summary>
    public static SequenceLayer CausalConv1D(int channels, int kernelSize, int dilation, Activation activation = Activation.Identity)
        => new(SequenceLayerKind.CausalConv1D, channels, activation, kernelSize, dilation);
}

/// <summary>One parameter tensor of a layout: its state_dict name ("&lt;module index&gt;.&lt;name&gt;"), where it starts in
/// the flat parameter vector, and its shape (row-major).</summary>
/// <param name="Name">The state_dict key, e.g. "0.weight_ih_l0".</param>
/// <param name="Offset">Index of its first element in the flat parameters.</param>
/// <param name="Shape">PyTorch's shape, e.g. [3H, I].</param>
public sealed record SequenceTensor(string Name, int Offset, int[] Shape)
{
    /// <summary>The number of elements.</summary>
    public int Length => Shape.Aggregate(1, (a, b) => a * b);
}

/// <summary>
/// A sequence network's description, and a naive, readable double-precision reference of what it computes (PyTorch's
/// semantics: batch_first, single-layer recurrent layers with both biases, zero initial state for every sequence).
/// Independent of any generated code. One call handles one sequence: inputs [T·In] step-major, outputs [T·Out].
/// </summary>
/// <remarks>
/// Flat parameters: layer by layer in order, each layer's tensors in state_dict order (Dense and CausalConv1D: weight,
/// bias; Gru, Lstm, Rnn: weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0), each tensor row-major.
/// Masks (only when the layout has Dropout layers): for each Dropout layer in order, T·width values (step-major), the
/// factor each element of its input is multiplied by; null means all ones.
/// </remarks>
public sealed class SequenceLayout
{
    private readonly int[] _widths;      // _widths[i] = the width of layer i's input; _widths[^1] = the output width
    private readonly int[] _offsets;     // where each layer's parameters start
    private readonly int[] _maskOffsets; // where each Dropout layer's mask starts (−1 for other layers)

    /// <summary>Describes a network.</summary>
    /// <param name="inputSize">Features per step.</param>
    /// <param name="layers">The layers in order.</param>
    /// <param name="loss">The per-step loss.</param>
    /// <param name="sequenceLoss">Which steps the loss looks at.</param>
    /// <param name="sequenceLength">T, the number of steps of every sequence.</param>
    public SequenceLayout(int inputSize, IReadOnlyList<SequenceLayer> layers, NetGen.Loss loss, SequenceLossMode sequenceLoss, int sequenceLength)
    {
        if (layers.Count == 0) throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        InputSize = inputSize;
        Layers = layers.ToArray();
        LossKind = loss;
        SequenceLoss = sequenceLoss;
        SequenceLength = sequenceLength;

        _widths = new int[layers.Count + 1];
        _offsets = new int[layers.Count];
        _maskOffsets = new int[layers.Count];
        var moduleIndices = new int[layers.Count];
        var tensors = new List<SequenceTensor>();
        int width = inputSize, offset = 0, mask = 0, module = 0;
        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            _widths[i] = width;
            _offsets[i] = offset;
            _maskOffsets[i] = -1;
            moduleIndices[i] = module;
            int h = layer.Size;
            void Add(string name, params int[] shape)
            {
                var tensor = new SequenceTensor($"{moduleIndices[i]}.{name}", offset, shape);
                tensors.Add(tensor);
                offset += tensor.Length;
            }
            switch (layer.Kind)
            {
                case SequenceLayerKind.Dense:
                    Add("weight", h, width);
                    Add("bias", h);
                    module += layer.Activation == Activation.Identity ? 1 : 2;
                    width = h;
                    break;
                case SequenceLayerKind.CausalConv1D:
                    Add("weight", h, width, layer.KernelSize);
                    Add("bias", h);
                    module += layer.Activation == Activation.Identity ? 1 : 2;
                    width = h;
                    break;
                case SequenceLayerKind.Gru:
                case SequenceLayerKind.Lstm:
                case SequenceLayerKind.Rnn:
                    int gates = Gates(layer.Kind);
                    Add("weight_ih_l0", gates * h, width);
                    Add("weight_hh_l0", gates * h, h);
                    Add("bias_ih_l0", gates * h);
                    Add("bias_hh_l0", gates * h);
                    module += 1;
                    width = h;
                    break;
                case SequenceLayerKind.Dropout:
                    _maskOffsets[i] = mask;
                    mask += sequenceLength * width;
                    module += 1;
                    break;
                default:
                    throw new NotSupportedException(layer.Kind.ToString());
            }
        }
        _widths[layers.Count] = width;
        ParameterCount = offset;
        MaskCount = mask;
        ModuleIndices = moduleIndices;
        Tensors = tensors;
    }

    /// <summary>Features per step.</summary>
    public int InputSize { get; }

    /// <summary>The layers in order.</summary>
    public IReadOnlyList<SequenceLayer> Layers { get; }

    /// <summary>The per-step loss (<see cref="Loss(double[], double[], double[], double[])"/> computes it).</summary>
    public NetGen.Loss LossKind { get; }

    /// <summary>Which steps the loss looks at.</summary>
    public SequenceLossMode SequenceLoss { get; }

    /// <summary>T, the number of steps of every sequence.</summary>
    public int SequenceLength { get; }

    /// <summary>Outputs per step (the last layer's width).</summary>
    public int OutputSize => _widths[^1];

    /// <summary>The number of parameters.</summary>
    public int ParameterCount { get; }

    /// <summary>The number of mask values a call takes (T·width per Dropout layer; 0 without Dropout).</summary>
    public int MaskCount { get; }

    /// <summary>Per layer, the index of its first module in nn.Sequential numbering (Dense and CausalConv1D take two
    /// modules unless their activation is Identity; the others one).</summary>
    public IReadOnlyList<int> ModuleIndices { get; }

    /// <summary>The parameter tensors in flat order, with their state_dict names.</summary>
    public IReadOnlyList<SequenceTensor> Tensors { get; }

    /// <summary>The number of target values per sequence: T·Out (EveryStep) or Out (LastStep).</summary>
    public int TargetCount => SequenceLoss == SequenceLossMode.EveryStep ? SequenceLength * OutputSize : OutputSize;

    /// <summary>The outputs of one sequence, [T·Out] step-major, after the output activation.</summary>
    /// <param name="parameters">The flat parameters (<see cref="ParameterCount"/>).</param>
    /// <param name="inputs">The sequence, [T·In] step-major.</param>
    /// <param name="masks">Dropout masks (<see cref="MaskCount"/> values), or null for all ones.</param>
    public double[] Forward(double[] parameters, double[] inputs, double[]? masks = null)
        => Flatten(Run(parameters, inputs, masks).Outputs);

    /// <summary>The loss of one sequence, by <see cref="LossKind"/> and <see cref="SequenceLoss"/>: EveryStep averages the
    /// per-step loss over the T steps (MSE and BCE: the mean over T·Out; CE: −Σ t·log_softmax(z) per step, then the mean
    /// over T); LastStep takes the last step's output only (MSE and BCE: mean over Out; CE: the sum over classes). BCE's
    /// logs are clamped at −100 (nn.BCELoss); CE needs a last Dense layer with Softmax and uses its pre-softmax z.</summary>
    /// <param name="parameters">The flat parameters.</param>
    /// <param name="inputs">The sequence, [T·In].</param>
    /// <param name="targets">[T·Out] (EveryStep) or [Out] (LastStep); for CE, probability vectors.</param>
    /// <param name="masks">Dropout masks, or null for all ones.</param>
    public double Loss(double[] parameters, double[] inputs, double[] targets, double[]? masks = null)
    {
        if (targets.Length != TargetCount) throw new ArgumentException($"{targets.Length} targets, expected {TargetCount}.", nameof(targets));
        var run = Run(parameters, inputs, masks);
        int T = SequenceLength, o = OutputSize;
        int first = SequenceLoss == SequenceLossMode.EveryStep ? 0 : T - 1;
        double sum = 0;
        for (int t = first; t < T; t++)
        {
            int targetOffset = (t - first) * o;
            sum += StepLoss(run.Outputs[t], run.LastPreActivation?[t], targets.AsSpan(targetOffset, o));
        }
        return sum / (T - first);
    }

    /// <summary>The mean of <see cref="Loss(double[], double[], double[], double[])"/> over a batch of sequences.</summary>
    /// <param name="parameters">The flat parameters.</param>
    /// <param name="inputs">One [T·In] array per sequence.</param>
    /// <param name="targets">One target array per sequence.</param>
    public double BatchLoss(double[] parameters, IReadOnlyList<double[]> inputs, IReadOnlyList<double[]> targets)
    {
        double sum = 0;
        for (int s = 0; s < inputs.Count; s++) sum += Loss(parameters, inputs[s], targets[s]);
        return sum / inputs.Count;
    }

    /// <summary>The final states of the recurrent layers after one sequence, keyed by module index
    /// (<see cref="ModuleIndices"/>): h [H], and c [H] for LSTM (null for GRU and RNN).</summary>
    /// <param name="parameters">The flat parameters.</param>
    /// <param name="inputs">The sequence, [T·In].</param>
    /// <param name="masks">Dropout masks, or null for all ones.</param>
    public IReadOnlyDictionary<int, (double[] H, double[]? C)> FinalStates(double[] parameters, double[] inputs, double[]? masks = null)
        => Run(parameters, inputs, masks).States;

    /// <summary>The gradient of <see cref="Loss(double[], double[], double[], double[])"/> with respect to the parameters, by central finite differences
    /// (<see cref="FiniteDifferences"/>).</summary>
    /// <param name="parameters">The flat parameters.</param>
    /// <param name="inputs">The sequence, [T·In].</param>
    /// <param name="targets">The sequence's targets.</param>
    /// <param name="masks">Dropout masks, or null for all ones.</param>
    /// <param name="relativeStep">The step, relative to max(1, |θk|).</param>
    public double[] Gradient(double[] parameters, double[] inputs, double[] targets, double[]? masks = null, double relativeStep = 1e-5)
        => FiniteDifferences.Gradient(p => Loss(p, inputs, targets, masks), parameters, relativeStep);

    /// <summary>The gradient of <see cref="BatchLoss"/> by central finite differences.</summary>
    /// <param name="parameters">The flat parameters.</param>
    /// <param name="inputs">One [T·In] array per sequence.</param>
    /// <param name="targets">One target array per sequence.</param>
    /// <param name="relativeStep">The step, relative to max(1, |θk|).</param>
    public double[] BatchGradient(double[] parameters, IReadOnlyList<double[]> inputs, IReadOnlyList<double[]> targets, double relativeStep = 1e-5)
        => FiniteDifferences.Gradient(p => BatchLoss(p, inputs, targets), parameters, relativeStep);

    private static int Gates(SequenceLayerKind kind) => kind switch
    {
        SequenceLayerKind.Gru => 3,
        SequenceLayerKind.Lstm => 4,
        _ => 1,
    };

    private double StepLoss(double[] y, double[]? z, ReadOnlySpan<double> target)
    {
        double sum = 0;
        switch (LossKind)
        {
            case NetGen.Loss.MeanSquaredError:
                for (int j = 0; j < y.Length; j++) sum += (y[j] - target[j]) * (y[j] - target[j]);
                return sum / y.Length;
            case NetGen.Loss.BinaryCrossEntropy:
                for (int j = 0; j < y.Length; j++)
                    sum -= target[j] * Math.Max(Math.Log(y[j]), -100) + (1 - target[j]) * Math.Max(Math.Log(1 - y[j]), -100);
                return sum / y.Length;
            case NetGen.Loss.CrossEntropy:
                if (z is null) throw new NotSupportedException("CrossEntropy needs a last Dense layer with Softmax.");
                double max = z.Max(), exp = 0;
                foreach (double v in z) exp += Math.Exp(v - max);
                double logSum = max + Math.Log(exp);
                for (int j = 0; j < z.Length; j++) sum -= target[j] * (z[j] - logSum);
                return sum;
            default:
                throw new NotSupportedException(LossKind.ToString());
        }
    }

    private sealed record RunResult(double[][] Outputs, double[][]? LastPreActivation, Dictionary<int, (double[] H, double[]? C)> States);

    /// <summary>The whole sequence through every layer: per step arrays.</summary>
    private RunResult Run(double[] parameters, double[] inputs, double[]? masks)
    {
        int T = SequenceLength;
        if (parameters.Length != ParameterCount) throw new ArgumentException($"{parameters.Length} parameters, expected {ParameterCount}.", nameof(parameters));
        if (inputs.Length != T * InputSize) throw new ArgumentException($"{inputs.Length} inputs, expected {T * InputSize}.", nameof(inputs));
        if (masks is not null && masks.Length != MaskCount) throw new ArgumentException($"{masks.Length} mask values, expected {MaskCount}.", nameof(masks));

        var x = new double[T][];
        for (int t = 0; t < T; t++) x[t] = inputs.AsSpan(t * InputSize, InputSize).ToArray();
        double[][]? pre = null;
        var states = new Dictionary<int, (double[] H, double[]? C)>();
        for (int i = 0; i < Layers.Count; i++)
        {
            var layer = Layers[i];
            int w = _offsets[i];
            int inWidth = _widths[i];
            switch (layer.Kind)
            {
                case SequenceLayerKind.Dense:
                    pre = new double[T][];
                    for (int t = 0; t < T; t++) pre[t] = Affine(parameters, w, w + layer.Size * inWidth, layer.Size, x[t]);
                    x = pre.Select(v => Activate(layer.Activation, v)).ToArray();
                    continue;
                case SequenceLayerKind.CausalConv1D:
                    x = Activate(layer.Activation, CausalConv(parameters, w, layer, inWidth, x));
                    break;
                case SequenceLayerKind.Gru:
                    x = Gru(parameters, w, layer.Size, inWidth, x, out var gruH);
                    states[ModuleIndices[i]] = (gruH, null);
                    break;
                case SequenceLayerKind.Lstm:
                    x = Lstm(parameters, w, layer.Size, inWidth, x, out var lstmH, out var lstmC);
                    states[ModuleIndices[i]] = (lstmH, lstmC);
                    break;
                case SequenceLayerKind.Rnn:
                    x = Rnn(parameters, w, layer.Size, inWidth, layer.Activation, x, out var rnnH);
                    states[ModuleIndices[i]] = (rnnH, null);
                    break;
                case SequenceLayerKind.Dropout:
                    if (masks is not null)
                    {
                        for (int t = 0; t < T; t++)
                            for (int j = 0; j < inWidth; j++) x[t][j] *= masks[_maskOffsets[i] + t * inWidth + j];
                    }
                    break;
            }
            pre = null; // the last layer's pre-activation is only kept when that layer is Dense
        }
        return new RunResult(x, pre is not null && Layers[^1].Kind == SequenceLayerKind.Dense && Layers[^1].Activation == Activation.Softmax ? pre : null, states);
    }

    /// <summary>W·x + b for W [rows, x.Length] at parameters[weight], b [rows] at parameters[bias].</summary>
    private static double[] Affine(double[] p, int weight, int bias, int rows, double[] x)
    {
        var y = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            double s = p[bias + r];
            for (int c = 0; c < x.Length; c++) s += p[weight + r * x.Length + c] * x[c];
            y[r] = s;
        }
        return y;
    }

    /// <summary>y[t][o] = b[o] + Σ_c Σ_k W[o, c, k]·x[t − (K − 1 − k)·d][c], with x = 0 before the first step.</summary>
    private static double[][] CausalConv(double[] p, int w, SequenceLayer layer, int inWidth, double[][] x)
    {
        int T = x.Length, outWidth = layer.Size, K = layer.KernelSize, d = layer.Dilation;
        int bias = w + outWidth * inWidth * K;
        var y = new double[T][];
        for (int t = 0; t < T; t++)
        {
            y[t] = new double[outWidth];
            for (int o = 0; o < outWidth; o++)
            {
                double s = p[bias + o];
                for (int c = 0; c < inWidth; c++)
                {
                    for (int k = 0; k < K; k++)
                    {
                        int source = t - (K - 1 - k) * d;
                        if (source >= 0) s += p[w + (o * inWidth + c) * K + k] * x[source][c];
                    }
                }
                y[t][o] = s;
            }
        }
        return y;
    }

    /// <summary>Where the four tensors of a recurrent layer start: W_ih [G·H, I], W_hh [G·H, H], b_ih [G·H], b_hh [G·H].</summary>
    private static (int Wih, int Whh, int Bih, int Bhh) Recurrent(int w, int gates, int h, int inWidth)
    {
        int whh = w + gates * h * inWidth;
        int bih = whh + gates * h * h;
        return (w, whh, bih, bih + gates * h);
    }

    /// <summary>Row r of W_ih·x + b_ih (ih) and of W_hh·h + b_hh (hh).</summary>
    private static (double Ih, double Hh) Row(double[] p, (int Wih, int Whh, int Bih, int Bhh) at, int r, double[] x, double[] h)
    {
        double ih = p[at.Bih + r], hh = p[at.Bhh + r];
        for (int c = 0; c < x.Length; c++) ih += p[at.Wih + r * x.Length + c] * x[c];
        for (int c = 0; c < h.Length; c++) hh += p[at.Whh + r * h.Length + c] * h[c];
        return (ih, hh);
    }

    /// <summary>nn.GRU: r = σ(ih_r + hh_r), z = σ(ih_z + hh_z), n = tanh(ih_n + r·hh_n), h' = (1 − z)·n + z·h.</summary>
    private static double[][] Gru(double[] p, int w, int H, int inWidth, double[][] x, out double[] final)
    {
        var at = Recurrent(w, 3, H, inWidth);
        var h = new double[H];
        var y = new double[x.Length][];
        for (int t = 0; t < x.Length; t++)
        {
            var next = new double[H];
            for (int j = 0; j < H; j++)
            {
                var (ihR, hhR) = Row(p, at, j, x[t], h);
                var (ihZ, hhZ) = Row(p, at, H + j, x[t], h);
                var (ihN, hhN) = Row(p, at, 2 * H + j, x[t], h);
                double r = Sigmoid(ihR + hhR);
                double z = Sigmoid(ihZ + hhZ);
                double n = Math.Tanh(ihN + r * hhN);
                next[j] = (1 - z) * n + z * h[j];
            }
            h = next;
            y[t] = (double[])h.Clone();
        }
        final = h;
        return y;
    }

    /// <summary>nn.LSTM: i, f, o = σ(ih + hh), g = tanh(ih + hh) (rows in that order: i, f, g, o); c' = f·c + i·g,
    /// h' = o·tanh(c').</summary>
    private static double[][] Lstm(double[] p, int w, int H, int inWidth, double[][] x, out double[] finalH, out double[] finalC)
    {
        var at = Recurrent(w, 4, H, inWidth);
        var h = new double[H];
        var c = new double[H];
        var y = new double[x.Length][];
        for (int t = 0; t < x.Length; t++)
        {
            var nextH = new double[H];
            var nextC = new double[H];
            for (int j = 0; j < H; j++)
            {
                var (ihI, hhI) = Row(p, at, j, x[t], h);
                var (ihF, hhF) = Row(p, at, H + j, x[t], h);
                var (ihG, hhG) = Row(p, at, 2 * H + j, x[t], h);
                var (ihO, hhO) = Row(p, at, 3 * H + j, x[t], h);
                double i = Sigmoid(ihI + hhI), f = Sigmoid(ihF + hhF), g = Math.Tanh(ihG + hhG), o = Sigmoid(ihO + hhO);
                nextC[j] = f * c[j] + i * g;
                nextH[j] = o * Math.Tanh(nextC[j]);
            }
            h = nextH;
            c = nextC;
            y[t] = (double[])h.Clone();
        }
        finalH = h;
        finalC = c;
        return y;
    }

    /// <summary>nn.RNN: h' = act(W_ih·x + b_ih + W_hh·h + b_hh), act = tanh or relu.</summary>
    private static double[][] Rnn(double[] p, int w, int H, int inWidth, Activation activation, double[][] x, out double[] final)
    {
        if (activation is not (Activation.Tanh or Activation.Relu)) throw new NotSupportedException($"Rnn with {activation}");
        var at = Recurrent(w, 1, H, inWidth);
        var h = new double[H];
        var y = new double[x.Length][];
        for (int t = 0; t < x.Length; t++)
        {
            var pre = new double[H];
            for (int j = 0; j < H; j++)
            {
                var (ih, hh) = Row(p, at, j, x[t], h);
                pre[j] = ih + hh;
            }
            h = Activate(activation, pre);
            y[t] = (double[])h.Clone();
        }
        final = h;
        return y;
    }

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    private static double[][] Activate(Activation activation, double[][] x) => x.Select(v => Activate(activation, v)).ToArray();

    /// <summary>The activation on one step's values (Softmax over them; the others element-wise).</summary>
    private static double[] Activate(Activation activation, double[] v)
    {
        switch (activation)
        {
            case Activation.Identity: return (double[])v.Clone();
            case Activation.Sigmoid: return v.Select(Sigmoid).ToArray();
            case Activation.Tanh: return v.Select(Math.Tanh).ToArray();
            case Activation.Relu: return v.Select(e => Math.Max(e, 0)).ToArray();
            case Activation.Softmax:
                double max = v.Max();
                var e = v.Select(u => Math.Exp(u - max)).ToArray();
                double sum = e.Sum();
                return e.Select(u => u / sum).ToArray();
            default: throw new NotSupportedException($"The sequence reference has no {activation}.");
        }
    }

    private static double[] Flatten(double[][] steps) => steps.SelectMany(s => s).ToArray();
}

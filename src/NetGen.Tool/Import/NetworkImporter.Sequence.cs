using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Tool.Onnx;

namespace NetGen.Tool.Import;

internal sealed partial class NetworkImporter
{
    private void Transpose(OnnxNode node)
    {
        RequireInput(node);
        int rank = _value.Axes.Length;
        var perm = node.Ints("perm") ?? Enumerable.Range(0, rank).Reverse().Select(i => (long)i).ToArray();
        if (perm.Length != rank || perm.Distinct().Count() != rank || perm.Any(p => p < 0 || p >= rank))
            throw Unsupported(node, $"its perm [{string.Join(", ", perm)}] does not fit {_value.Text}.");
        var axes = perm.Select(p => _value.Axes[p]).ToArray();
        var dims = perm.Select(p => _value.Dims[p]).ToArray();
        var moved = new ValueLayout(node.Outputs[0], axes, dims);
        // Only layouts whose meaning NetGen can follow: the sample's own axes keep their order.
        var sampleOrder = axes.Where(a => a is Axis.Channel or Axis.Spatial).ToArray();
        if (!sampleOrder.SequenceEqual(_value.Axes.Where(a => a is Axis.Channel or Axis.Spatial)))
            throw Unsupported(node, $"it reorders the axes of a sample ({_value.Text} → perm [{string.Join(", ", perm)}]); NetGen's shaped values are NCHW as PyTorch's.");
        Advance(node.Outputs[0], moved);
    }

    private void SqueezeOrUnsqueeze(OnnxNode node)
    {
        RequireInput(node);
        long[]? axes = node.Ints("axes") ?? (node.Inputs.Length > 1 && node.Inputs[1].Length > 0 ? _index.Constant(node.Inputs[1])?.Integers : null);
        if (node.OpType == "Squeeze")
        {
            int rank = _value.Axes.Length;
            var positions = axes?.Select(a => (int)(a < 0 ? a + rank : a)).ToArray()
                ?? Enumerable.Range(0, rank).Where(i => _value.Dims[i] == 1).ToArray();
            foreach (int p in positions)
            {
                if (p < 0 || p >= rank || _value.Dims[p] != 1 || _value.Axes[p] is Axis.Batch)
                    throw Unsupported(node, $"it removes axis {p} of {_value.Text}, which is not an axis of size 1 NetGen can drop.");
            }
            // A spatial axis of size 1 (after a global pool) leaves the channels as features.
            var result = _value.Without(node.Outputs[0], positions);
            if (!result.Axes.Contains(Axis.Spatial) && result.Axes.Contains(Axis.Channel) && _value.Axes.Contains(Axis.Spatial))
            {
                FlattenValue(node);
                return;
            }
            Advance(node.Outputs[0], result);
            return;
        }
        if (axes is null) throw Unsupported(node, "its axes are not constants.");
        var axesList = _value.Axes.ToList();
        var dimsList = _value.Dims.ToList();
        int newRank = axesList.Count + axes.Length;
        foreach (long a in axes.Select(a => a < 0 ? a + newRank : a).OrderBy(a => a))
        {
            if (a < 0 || a > axesList.Count) throw Unsupported(node, $"its axes [{string.Join(", ", axes)}] do not fit {_value.Text}.");
            axesList.Insert((int)a, Axis.One);
            dimsList.Insert((int)a, 1);
        }
        Advance(node.Outputs[0], new ValueLayout(node.Outputs[0], axesList.ToArray(), dimsList.ToArray()));
    }

    private void Gather(OnnxNode node)
    {
        RequireInput(node);
        long axis = AxisIndex(node, node.Int("axis", 0));
        var indices = node.Inputs.Length > 1 ? _index.Constant(node.Inputs[1]) : null;
        if (indices?.Integers is not { Length: 1 } index || indices.Dims.Length != 0)
            throw Unsupported(node, "NetGen maps a Gather only as taking the last step of a sequence (out[:, -1]) with a constant scalar index.");
        var what = _value.Axes[axis];
        long length = _value.Dims[axis];
        long i = index[0];
        if (what == Axis.Time)
        {
            if (!(i == -1 || (length > 0 && i == length - 1)))
                throw Unsupported(node, $"it takes step {i} of the sequence; NetGen's sequence output can be every step or the last one (index -1).");
            _lastStep = true;
        }
        else if (!(what == Axis.One && length == 1 && (i == 0 || i == -1)))
            throw Unsupported(node, $"it indexes axis {axis} of {_value.Text}; NetGen maps a Gather only as taking the last step of a sequence.");
        Advance(node.Outputs[0], _value.Without(node.Outputs[0], new[] { (int)axis }));
    }

    private void Slice(OnnxNode node)
    {
        RequireInput(node);
        int rank = _value.Axes.Length;
        long[]? Get(int i, string attribute) => node.Ints(attribute) ?? (node.Inputs.Length > i && node.Inputs[i].Length > 0 ? _index.Constant(node.Inputs[i])?.Integers : null);
        var starts = Get(1, "starts");
        var ends = Get(2, "ends");
        var axes = Get(3, "axes") ?? Enumerable.Range(0, starts?.Length ?? 0).Select(a => (long)a).ToArray();
        var steps = Get(4, "steps");
        if (starts is null || ends is null || (steps is not null && steps.Any(s => s != 1)))
            throw Unsupported(node, "NetGen maps a Slice only as taking the last step of a sequence (out[:, -1:]).");
        var dims = _value.Dims.ToArray();
        var kinds = _value.Axes.ToArray();
        for (int k = 0; k < axes.Length; k++)
        {
            if (k >= starts.Length || k >= ends.Length) throw Unsupported(node, "its starts, ends and axes differ in length.");
            int a = AxisIndex(node, axes[k]);
            bool whole = starts[k] == 0 && (ends[k] >= int.MaxValue || (dims[a] > 0 && ends[k] >= dims[a]));
            bool last = kinds[a] == Axis.Time && (starts[k] == -1 || (dims[a] > 0 && starts[k] == dims[a] - 1)) && (ends[k] >= int.MaxValue || (dims[a] > 0 && ends[k] >= dims[a]));
            if (whole) continue;
            if (!last) throw Unsupported(node, $"it slices axis {a} of {_value.Text} from {starts[k]} to {ends[k]}; NetGen maps a Slice only as taking the last step of a sequence.");
            _lastStep = true;
            kinds[a] = Axis.One;
            dims[a] = 1;
        }
        Advance(node.Outputs[0], new ValueLayout(node.Outputs[0], kinds, dims));
    }

    private void Recurrent(OnnxNode node)
    {
        RequireInput(node);
        if (!_sequence || _lastStep) throw Unsupported(node, $"a recurrent layer needs a sequence, and the value here is {_value.Text}.");
        string op = node.OpType;
        string direction = node.String("direction", "forward");
        if (direction != "forward") throw Unsupported(node, $"direction = {direction}; NetGen's {op} runs forward only (no bidirectional layers).");
        int layout = (int)node.Int("layout", 0);
        var expected = layout == 0 ? new[] { Axis.Time, Axis.Batch, Axis.Feature } : new[] { Axis.Batch, Axis.Time, Axis.Feature };
        if (!_value.Axes.SequenceEqual(expected))
            throw Unsupported(node, $"its input (layout {layout}) must be [{(layout == 0 ? "T, N" : "N, T")}, features], and the value here is {_value.Text}.");
        if (node.Attributes.ContainsKey("clip")) throw Unsupported(node, "it clips its cell values (clip); PyTorch's layers do not.");
        if (node.Int("input_forget", 0) != 0) throw Unsupported(node, "input_forget = 1 is not PyTorch's LSTM.");
        if (op == "GRU" && node.Int("linear_before_reset", 0) != 1)
            throw Unsupported(node, "linear_before_reset = 0 (Keras' and TensorFlow's GRU); NetGen's Gru is PyTorch's (linear_before_reset = 1), whose candidate is tanh(W·x + r ⊙ (R·h + b)).");
        if (node.Inputs.Length > 4 && node.Inputs[4].Length > 0) throw Unsupported(node, "it takes sequence lengths; NetGen runs every sequence to its end.");
        if (node.Inputs.Length > 5 && node.Inputs[5].Length > 0 && !_index.IsZeros(node.Inputs[5]))
            throw Unsupported(node, $"its initial hidden state '{node.Inputs[5]}' is not zero; NetGen starts every sequence from a zero state (streaming carries the state in T.State).");
        if (op == "LSTM" && node.Inputs.Length > 6 && node.Inputs[6].Length > 0 && !_index.IsZeros(node.Inputs[6]))
            throw Unsupported(node, $"its initial cell state '{node.Inputs[6]}' is not zero; NetGen starts every sequence from a zero state.");
        if (op == "LSTM" && node.Inputs.Length > 7 && node.Inputs[7].Length > 0) throw Unsupported(node, "it has peephole weights P; PyTorch's LSTM has none.");
        var activations = node.Attributes.TryGetValue("activations", out var attr) ? attr.Strings : new List<string>();
        Activation nonlinearity = Activation.Tanh;
        if (op == "RNN")
        {
            string f = activations.Count == 0 ? "Tanh" : activations[0];
            nonlinearity = f switch
            {
                "Tanh" => Activation.Tanh,
                "Relu" => Activation.Relu,
                _ => throw Unsupported(node, $"its activation {f}; NetGen's Rnn has Tanh or Relu (nn.RNN's nonlinearity)."),
            };
        }
        else
        {
            var standard = op == "GRU" ? new[] { "Sigmoid", "Tanh" } : new[] { "Sigmoid", "Tanh", "Tanh" };
            if (activations.Count > 0 && !activations.SequenceEqual(standard, StringComparer.OrdinalIgnoreCase))
                throw Unsupported(node, $"its activations [{string.Join(", ", activations)}] are not PyTorch's ({string.Join(", ", standard)}).");
        }
        int gates = op switch { "GRU" => 3, "LSTM" => 4, _ => 1 };
        var w = ConstantInput(node, 1, "input weights W");
        var r = ConstantInput(node, 2, "recurrent weights R");
        if (w.Dims.Length != 3 || w.Dims[0] != 1) throw Unsupported(node, $"its W has the shape {w.ShapeText}; one direction [1, {gates}·H, in] is expected.");
        int hidden = (int)(w.Dims[1] / gates);
        int inputs = (int)w.Dims[2];
        if (node.Int("hidden_size", hidden) != hidden || w.Dims[1] != gates * hidden) throw Unsupported(node, $"its W {w.ShapeText} does not fit hidden_size {node.Int("hidden_size", hidden)}.");
        if (inputs != _value.SampleShape[0]) throw Unsupported(node, $"its W {w.ShapeText} takes {inputs} features, and the value here has {_value.SampleShape[0]}.");
        if (!r.Dims.SequenceEqual(new long[] { 1, gates * hidden, hidden })) throw Unsupported(node, $"its R has the shape {r.ShapeText}; [1, {gates * hidden}, {hidden}] is expected.");
        var b = node.Inputs.Length > 3 && node.Inputs[3].Length > 0 ? ConstantInput(node, 3, "biases B").AsFloats() : new float[2 * gates * hidden];
        if (b.Length != 2 * gates * hidden) throw Unsupported(node, $"its B has {b.Length} values; {2 * gates * hidden} are expected.");
        // ONNX's gate order → PyTorch's: GRU z, r, h → r, z, n; LSTM i, o, f, c → i, f, g, o.
        int[] order = op switch { "GRU" => new[] { 1, 0, 2 }, "LSTM" => new[] { 0, 2, 3, 1 }, _ => new[] { 0 } };
        float[] Reorder(float[] values, int columns)
        {
            var result = new float[values.Length];
            for (int g = 0; g < gates; g++) Array.Copy(values, order[g] * hidden * columns, result, g * hidden * columns, hidden * columns);
            return result;
        }
        var layer = new RecurrentImport
        {
            Kind = op switch { "GRU" => "Gru", "LSTM" => "Lstm", _ => "Rnn" },
            Gates = gates, Inputs = inputs, Hidden = hidden, Nonlinearity = nonlinearity,
            WeightIh = Reorder(w.AsFloats(), inputs), WeightHh = Reorder(r.AsFloats(), hidden),
            BiasIh = Reorder(b.Take(gates * hidden).ToArray(), 1), BiasHh = Reorder(b.Skip(gates * hidden).ToArray(), 1),
        };
        layer.Sources.Add(node.Display);
        if (gates > 1) layer.Notes.Add(op == "GRU" ? "gates reordered from ONNX's z, r, h to PyTorch's r, z, n" : "gates reordered from ONNX's i, o, f, c to PyTorch's i, f, g, o");
        _assembler.Shape = _value.SampleShape;
        _assembler.AddLayer(layer, new[] { hidden });
        // Which output continues the chain: Y (every step) or Y_h (the last step).
        bool yUsed = node.Outputs.Length > 0 && (_index.ValueConsumers(node.Outputs[0]).Count > 0 || node.Outputs[0] == _output);
        bool hUsed = node.Outputs.Length > 1 && node.Outputs[1].Length > 0 && (_index.ValueConsumers(node.Outputs[1]).Count > 0 || node.Outputs[1] == _output);
        bool cUsed = node.Outputs.Length > 2 && node.Outputs[2].Length > 0 && (_index.ValueConsumers(node.Outputs[2]).Count > 0 || node.Outputs[2] == _output);
        if (cUsed) throw Unsupported(node, "its cell state output Y_c is used; NetGen's network output is the hidden state.");
        if (yUsed && hUsed) throw Unsupported(node, "both its outputs Y and Y_h are used (the graph branches); NetGen networks are one chain.");
        long time = _value.Dims[_value.IndexOf(Axis.Time)];
        if (hUsed)
        {
            _lastStep = true;
            var hLayout = layout == 0
                ? new ValueLayout(node.Outputs[1], new[] { Axis.One, Axis.Batch, Axis.Feature }, new long[] { 1, -1, hidden })
                : new ValueLayout(node.Outputs[1], new[] { Axis.Batch, Axis.One, Axis.Feature }, new long[] { -1, 1, hidden });
            Advance(node.Outputs[1], hLayout);
            return;
        }
        var yLayout = layout == 0
            ? new ValueLayout(node.Outputs[0], new[] { Axis.Time, Axis.One, Axis.Batch, Axis.Feature }, new long[] { time, 1, -1, hidden })
            : new ValueLayout(node.Outputs[0], new[] { Axis.Batch, Axis.Time, Axis.One, Axis.Feature }, new long[] { -1, time, 1, hidden });
        Advance(node.Outputs[0], yLayout);
    }

    /// <summary>A convolution over time in a sequence network: <c>[CausalConv1D]</c> when it pads (k − 1)·d steps on the left only.</summary>
    private void CausalConv(OnnxNode node)
    {
        if (!_value.Axes.SequenceEqual(new[] { Axis.Batch, Axis.Feature, Axis.Time }))
            throw Unsupported(node, $"a convolution in a sequence network must read [N, features, T] (a Transpose before it), and the value here is {_value.Text}.");
        var w = ConstantInput(node, 1, "weight");
        if (w.Dims.Length != 3) throw Unsupported(node, $"its weight {w.ShapeText} is not a 1-D convolution's.");
        if (node.Int("group", 1) != 1) throw Unsupported(node, "a grouped convolution is not a NetGen layer.");
        int k = (int)w.Dims[2];
        int dilation = Spatial(node, "dilations", 1, 1)[0];
        int stride = Spatial(node, "strides", 1, 1)[0];
        var pads = Pads(node, 1)[0];
        if (stride != 1 || pads.End != 0 || pads.Begin + _pendingPad != (k - 1) * dilation)
            throw Unsupported(node, $"a convolution over time maps to CausalConv1D only with stride 1 and (k − 1)·d = {(k - 1) * dilation} zeros on the left and none on the right (pads here [{pads.Begin + _pendingPad}, {pads.End}]).");
        _pendingPad = 0;
        int inChannels = (int)w.Dims[1], outChannels = (int)w.Dims[0];
        if (inChannels != _value.SampleShape[0]) throw Unsupported(node, $"its weight {w.ShapeText} takes {inChannels} channels, and the value here has {_value.SampleShape[0]}.");
        var bias = node.Inputs.Length > 2 && node.Inputs[2].Length > 0 ? ConstantInput(node, 2, "bias").AsFloats().ToArray() : new float[outChannels];
        var layer = new CausalConvImport { InChannels = inChannels, OutChannels = outChannels, Kernel = k, Dilation = dilation, Weight = w.AsFloats().ToArray(), Bias = bias };
        layer.Sources.Add(node.Display);
        _assembler.Shape = _value.SampleShape;
        _assembler.AddLayer(layer, new[] { outChannels });
        var dims = _value.Dims.ToArray();
        dims[1] = outChannels;
        Advance(node.Outputs[0], _value with { Dims = dims });
    }
}

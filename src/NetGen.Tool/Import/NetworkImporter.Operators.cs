using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Tool.Onnx;

namespace NetGen.Tool.Import;

internal sealed partial class NetworkImporter
{
    private static readonly Dictionary<string, string> Hints = new(StringComparer.Ordinal)
    {
        ["Concat"] = "NetGen networks are one chain of layers; a Concat joins branches or inputs.",
        ["Add"] = "an Add of two computed values is a skip connection; NetGen networks are one chain of layers.",
        ["Mul"] = "a product of two computed values (gating, attention) is not a NetGen layer.",
        ["LogSoftmax"] = "use Softmax as the last activation (with Loss.CrossEntropy NetGen trains on the logits, as nn.CrossEntropyLoss).",
        ["Attention"] = "attention is not a NetGen layer.",
        ["ArgMax"] = "NetGen outputs the scores; take the argmax in your code (NetGen.Training has helpers), or import the tensor before it with --output.",
        ["RandomNormalLike"] = "sampling is not part of a NetGen network: import the mean (e.g. ML-Agents' deterministic action output) with --output.",
        ["Multinomial"] = "sampling is not part of a NetGen network: import the logits or probabilities before it with --output.",
        ["GlobalMaxPool"] = "NetGen has GlobalAvgPool and MaxPool1D/2D (a max pool over the whole input is MaxPool2D(H) for a square input).",
        ["ConvTranspose"] = "transposed convolutions are not NetGen layers yet.",
        ["Resize"] = "resizing is not a NetGen layer.",
        ["Upsample"] = "upsampling is not a NetGen layer.",
        ["InstanceNormalization"] = "NetGen has LayerNorm and BatchNorm.",
        ["GroupNormalization"] = "NetGen has LayerNorm and BatchNorm.",
        ["Split"] = "splitting a tensor into parts is not a NetGen layer.",
        ["Loop"] = "control flow is not part of a NetGen network.",
        ["If"] = "control flow is not part of a NetGen network.",
        ["Scan"] = "control flow is not part of a NetGen network; NetGen has Gru, Lstm, Rnn and CausalConv1D for sequences.",
    };

    private void Step(OnnxNode node)
    {
        if (!node.IsDefaultDomain)
            throw new ImportException($"{node.Display} is in the operator domain '{node.Domain}'; NetGen maps only ONNX's standard operators.");
        switch (node.OpType)
        {
            case "Gemm": Gemm(node); break;
            case "MatMul": MatMul(node); break;
            case "Conv": Conv(node); break;
            case "MaxPool":
            case "AveragePool": Pool(node); break;
            case "GlobalAveragePool": GlobalAveragePool(node, keepDims: true); break;
            case "ReduceMean": ReduceMean(node); break;
            case "Flatten": Flatten(node); break;
            case "Reshape": Reshape(node); break;
            case "BatchNormalization": BatchNormalization(node); break;
            case "LayerNormalization": LayerNormalization(node); break;
            case "Softmax": Softmax(node); break;
            case "Transpose": Transpose(node); break;
            case "Squeeze":
            case "Unsqueeze": SqueezeOrUnsqueeze(node); break;
            case "Gather": Gather(node); break;
            case "Slice": Slice(node); break;
            case "Pad": Pad(node); break;
            case "GRU":
            case "LSTM":
            case "RNN": Recurrent(node); break;
            default:
                throw Unsupported(node, Hints.TryGetValue(node.OpType, out var hint) ? hint : "it is not an operator NetGen's layers express (run `netgen inspect` for what maps).");
        }
    }

    private static ImportException Unsupported(OnnxNode node, string why) => new($"{node.Display} is not supported: {why}");

    private OnnxTensor ConstantInput(OnnxNode node, int position, string what)
    {
        if (position >= node.Inputs.Length || node.Inputs[position].Length == 0)
            throw new ImportException($"{node.Display} has no {what}.");
        var value = _index.Constant(node.Inputs[position]);
        if (value is null || (value.Floats is null && value.Integers is null))
            throw Unsupported(node, $"its {what} ('{node.Inputs[position]}') is computed from the input, not a constant weight; NetGen layers have fixed weights (attention-like products are not supported).");
        return value;
    }

    /// <summary>An axis attribute as a position in the current value (negative counts from the end); checked.</summary>
    private int AxisIndex(OnnxNode node, long axis)
    {
        int rank = _value.Axes.Length;
        long index = axis < 0 ? axis + rank : axis;
        if (index < 0 || index >= rank) throw Unsupported(node, $"its axis {axis} is outside the value {_value.Text}.");
        return (int)index;
    }

    private void RequireInput(OnnxNode node, int position = 0)
    {
        if (node.Inputs.Length <= position || node.Inputs[position] != _value.Tensor)
            throw Unsupported(node, $"it reads the network's value '{_value.Tensor}' as input {position + 1}; NetGen layers take it as their data input.");
    }

    private void RequireFlat(OnnxNode node, string what)
    {
        int feature = _value.IndexOf(Axis.Feature);
        if (feature != _value.Axes.Length - 1 || _value.Axes.Contains(Axis.Channel) || _value.Axes.Contains(Axis.Spatial))
            throw Unsupported(node, $"{what} needs a flat value (features last), and the value here is {_value.Text}; after a convolution use Flatten first, as in PyTorch.");
    }

    private void Gemm(OnnxNode node)
    {
        RequireInput(node);
        RequireFlat(node, "a Gemm (Linear layer)");
        if (node.Int("transA", 0) != 0) throw Unsupported(node, "transA = 1 (the input transposed) is not a Linear layer.");
        var b = ConstantInput(node, 1, "weight B");
        if (b.Dims.Length != 2) throw Unsupported(node, $"its weight has the shape {b.ShapeText}; a Linear layer's is 2-D.");
        bool transB = node.Int("transB", 0) != 0;
        int inputs = (int)(transB ? b.Dims[1] : b.Dims[0]);
        int units = (int)(transB ? b.Dims[0] : b.Dims[1]);
        int features = _value.SampleShape[^1];
        if (inputs != features) throw Unsupported(node, $"its weight {b.ShapeText} takes {inputs} features, and the value here has {features}.");
        double alpha = node.Float("alpha", 1), beta = node.Float("beta", 1);
        var w = b.AsFloats();
        var weight = new float[units * inputs];
        for (int o = 0; o < units; o++)
            for (int i = 0; i < inputs; i++)
                weight[o * inputs + i] = (float)(alpha * (transB ? w[o * inputs + i] : w[i * units + o]));
        var bias = new float[units];
        if (node.Inputs.Length > 2 && node.Inputs[2].Length > 0)
        {
            var c = ConstantInput(node, 2, "bias C");
            var values = c.AsFloats();
            if (values.Length == 1) for (int o = 0; o < units; o++) bias[o] = (float)(beta * values[0]);
            else if (values.Length == units) for (int o = 0; o < units; o++) bias[o] = (float)(beta * values[o]);
            else throw Unsupported(node, $"its bias C has the shape {c.ShapeText}; a Linear layer's bias has {units} values (one per output).");
        }
        var layer = new DenseImport(inputs, units, weight, bias);
        layer.Sources.Add(node.Display);
        _assembler.Shape = _value.SampleShape;
        _assembler.AddLayer(layer, new[] { units });
        var dims = _value.Dims.ToArray();
        dims[^1] = units;
        Advance(node.Outputs[0], _value with { Dims = dims });
    }

    private void MatMul(OnnxNode node)
    {
        RequireInput(node);
        RequireFlat(node, "a MatMul with a weight (Linear layer)");
        var b = ConstantInput(node, 1, "weight (second input)");
        if (b.Dims.Length != 2) throw Unsupported(node, $"its second input has the shape {b.ShapeText}; a Linear layer's weight is 2-D [in, out].");
        int inputs = (int)b.Dims[0], units = (int)b.Dims[1];
        int features = _value.SampleShape[^1];
        if (inputs != features) throw Unsupported(node, $"its weight {b.ShapeText} takes {inputs} features, and the value here has {features}.");
        var w = b.AsFloats();
        var weight = new float[units * inputs];
        for (int o = 0; o < units; o++)
            for (int i = 0; i < inputs; i++)
                weight[o * inputs + i] = w[i * units + o];
        var layer = new DenseImport(inputs, units, weight, new float[units]);
        layer.Sources.Add(node.Display);
        layer.Notes.Add("MatMul weight [in, out] transposed to Linear's [out, in]; the bias comes from the Add after it (zero without one)");
        _assembler.Shape = _value.SampleShape;
        _assembler.AddLayer(layer, new[] { units });
        var dims = _value.Dims.ToArray();
        dims[^1] = units;
        Advance(node.Outputs[0], _value with { Dims = dims });
    }

    private int[] Spatial(OnnxNode node, string attribute, int count, int fallback)
    {
        var values = node.Ints(attribute);
        if (values is null) return Enumerable.Repeat(fallback, count).ToArray();
        if (values.Length != count) throw Unsupported(node, $"its {attribute} [{string.Join(", ", values)}] does not have {count} values.");
        return values.Select(v => (int)v).ToArray();
    }

    private int Square(OnnxNode node, int[] values, string what)
    {
        if (values.Distinct().Count() != 1)
            throw Unsupported(node, $"its {what} [{string.Join(", ", values)}] differs between height and width; NetGen's 2-D layers are square (e.g. Conv2D(out, 3)).");
        return values[0];
    }

    private (int Begin, int End)[] Pads(OnnxNode node, int spatial)
    {
        string autoPad = node.String("auto_pad", "NOTSET");
        if (autoPad is not ("NOTSET" or "VALID" or ""))
            throw Unsupported(node, $"auto_pad = {autoPad}; export with explicit pads (PyTorch does).");
        var pads = node.Ints("pads") ?? new long[2 * spatial];
        if (autoPad == "VALID") pads = new long[2 * spatial];
        if (pads.Length != 2 * spatial) throw Unsupported(node, $"its pads [{string.Join(", ", pads)}] do not have {2 * spatial} values.");
        return Enumerable.Range(0, spatial).Select(i => ((int)pads[i], (int)pads[i + spatial])).ToArray();
    }

    private int _pendingPad; // zero padding from a Pad node just before a convolution

    private void Conv(OnnxNode node)
    {
        RequireInput(node);
        if (_sequence) { CausalConv(node); return; }
        int spatial = _value.Axes.Count(a => a == Axis.Spatial);
        if (spatial is not (1 or 2) || _value.Axes[1] != Axis.Channel) throw Unsupported(node, $"a convolution needs a value [N, C, L] or [N, C, H, W], and the value here is {_value.Text}.");
        var w = ConstantInput(node, 1, "weight");
        if (node.Int("group", 1) != 1) throw Unsupported(node, $"group = {node.Int("group", 1)} (a grouped or depthwise convolution); NetGen's convolutions have group 1.");
        int[] kernel = w.Dims.Skip(2).Select(d => (int)d).ToArray();
        if (kernel.Length != spatial) throw Unsupported(node, $"its weight {w.ShapeText} does not fit a {spatial}-D convolution.");
        int k = spatial == 2 ? Square(node, kernel, "kernel") : kernel[0];
        int stride = spatial == 2 ? Square(node, Spatial(node, "strides", 2, 1), "strides") : Spatial(node, "strides", 1, 1)[0];
        int[] dilations = Spatial(node, "dilations", spatial, 1);
        int dilation = spatial == 2 ? Square(node, dilations, "dilations") : dilations[0];
        if (spatial == 2 && dilation != 1) throw Unsupported(node, $"dilation {dilation}: NetGen's Conv2D has no dilation (Conv1D has).");
        var pads = Pads(node, spatial);
        if (pads.Any(p => p.Begin != p.End || p.Begin != pads[0].Begin))
            throw Unsupported(node, $"its pads are not the same on every side; NetGen pads every side with `padding` zeros (PyTorch's padding=p).");
        int padding = pads[0].Begin + _pendingPad;
        _pendingPad = 0;
        int inChannels = (int)w.Dims[1], outChannels = (int)w.Dims[0];
        int channels = _value.SampleShape[0];
        if (inChannels != channels) throw Unsupported(node, $"its weight {w.ShapeText} takes {inChannels} channels, and the value here has {channels}.");
        var bias = node.Inputs.Length > 2 && node.Inputs[2].Length > 0 ? ConstantInput(node, 2, "bias").AsFloats() : new float[outChannels];
        var layer = new ConvImport
        {
            SpatialDims = spatial, InChannels = inChannels, OutChannels = outChannels, Kernel = k, Stride = stride, Padding = padding,
            Dilation = dilation, Weight = w.AsFloats().ToArray(), Bias = bias.ToArray(),
        };
        layer.Sources.Add(node.Display);
        var sample = _value.SampleShape;
        var output = new int[sample.Length];
        output[0] = outChannels;
        for (int s = 1; s < sample.Length; s++)
        {
            output[s] = (sample[s] + 2 * padding - dilation * (k - 1) - 1) / stride + 1;
            if (output[s] <= 0) throw Unsupported(node, $"its kernel {k} does not fit the input {string.Join("×", sample.Skip(1))} with padding {padding}.");
        }
        _assembler.Shape = sample;
        _assembler.AddLayer(layer, output);
        Advance(node.Outputs[0], _value with { Dims = new long[] { -1 }.Concat(output.Select(o => (long)o)).ToArray() });
    }

    private void Pool(OnnxNode node)
    {
        RequireInput(node);
        int spatial = _value.Axes.Count(a => a == Axis.Spatial);
        if (spatial is not (1 or 2) || _sequence) throw Unsupported(node, $"a pool needs a value [N, C, L] or [N, C, H, W], and the value here is {_value.Text}.");
        if (node.Outputs.Length > 1 && node.Outputs[1].Length > 0 && _index.Consumers(node.Outputs[1]).Count > 0)
            throw Unsupported(node, "its indices output is used.");
        int[] kernel = Spatial(node, "kernel_shape", spatial, 0);
        int k = spatial == 2 ? Square(node, kernel, "kernel") : kernel[0];
        int stride = spatial == 2 ? Square(node, Spatial(node, "strides", 2, 1), "strides") : Spatial(node, "strides", 1, 1)[0];
        if (Pads(node, spatial).Any(p => p.Begin != 0 || p.End != 0) || _pendingPad != 0)
            throw Unsupported(node, "it pads its input; NetGen's pools have no padding (PyTorch's default padding=0).");
        if (node.Int("ceil_mode", 0) != 0) throw Unsupported(node, "ceil_mode = 1; NetGen rounds the output size down, as PyTorch's default.");
        if (Spatial(node, "dilations", spatial, 1).Any(d => d != 1)) throw Unsupported(node, "a dilated pool is not a NetGen layer.");
        var sample = _value.SampleShape;
        var output = sample.ToArray();
        for (int s = 1; s < sample.Length; s++)
        {
            output[s] = (sample[s] - k) / stride + 1;
            if (output[s] <= 0) throw Unsupported(node, $"its window {k} does not fit the input {string.Join("×", sample.Skip(1))}.");
        }
        var layer = new PoolImport { Max = node.OpType == "MaxPool", SpatialDims = spatial, Kernel = k, Stride = stride };
        layer.Sources.Add(node.Display);
        _assembler.Shape = sample;
        _assembler.AddStructural(layer, output);
        Advance(node.Outputs[0], _value with { Dims = new long[] { -1 }.Concat(output.Select(o => (long)o)).ToArray() });
    }

    private void GlobalAveragePool(OnnxNode node, bool keepDims)
    {
        RequireInput(node);
        if (_sequence || !_value.Axes.Contains(Axis.Spatial)) throw Unsupported(node, $"a global average pool needs a value [N, C, L] or [N, C, H, W], and the value here is {_value.Text}.");
        var sample = _value.SampleShape;
        var output = sample.Select((d, i) => i == 0 ? d : 1).ToArray();
        var layer = new GlobalAvgPoolImport();
        layer.Sources.Add(node.Display);
        _assembler.Shape = sample;
        _assembler.AddStructural(layer, output);
        if (keepDims)
        {
            Advance(node.Outputs[0], _value with { Dims = new long[] { -1 }.Concat(output.Select(o => (long)o)).ToArray() });
            return;
        }
        var flatten = new FlattenImport();
        flatten.Sources.Add(node.Display + " (keepdims = 0)");
        _assembler.AddStructural(flatten, new[] { sample[0] });
        Advance(node.Outputs[0], new ValueLayout(node.Outputs[0], new[] { Axis.Batch, Axis.Feature }, new long[] { -1, sample[0] }));
    }

    private void ReduceMean(OnnxNode node)
    {
        RequireInput(node);
        long[]? axes = node.Ints("axes") ?? (node.Inputs.Length > 1 && node.Inputs[1].Length > 0 ? _index.Constant(node.Inputs[1])?.Integers : null);
        int rank = _value.Axes.Length;
        var spatialAxes = Enumerable.Range(0, rank).Where(i => _value.Axes[i] == Axis.Spatial).ToHashSet();
        if (axes is null || spatialAxes.Count == 0 || !axes.Select(a => (int)(a < 0 ? a + rank : a)).ToHashSet().SetEquals(spatialAxes))
            throw Unsupported(node, "a ReduceMean is mapped only as a global average pool (the mean over all spatial axes, as x.mean((2, 3))).");
        GlobalAveragePool(node, node.Int("keepdims", 1) != 0);
    }

    private void Flatten(OnnxNode node)
    {
        RequireInput(node);
        long axis = AxisIndex(node, node.Int("axis", 1));
        if (axis != 1 || _value.Axes[0] != Axis.Batch || _sequence)
            throw Unsupported(node, $"Flatten with axis {node.Int("axis", 1)} on {_value.Text}; NetGen's Flatten keeps the batch axis and joins the rest (axis 1, nn.Flatten()).");
        FlattenValue(node);
    }

    private void FlattenValue(OnnxNode node)
    {
        var sample = _value.SampleShape;
        int size = sample.Aggregate(1, (a, d) => a * d);
        if (sample.Length > 1)
        {
            var layer = new FlattenImport();
            layer.Sources.Add(node.Display);
            _assembler.Shape = sample;
            _assembler.AddStructural(layer, new[] { size });
        }
        Advance(node.Outputs[0], new ValueLayout(node.Outputs[0], new[] { Axis.Batch, Axis.Feature }, new long[] { -1, size }));
    }

    private void Reshape(OnnxNode node)
    {
        RequireInput(node);
        var target = ShapeValue(node.Inputs.Length > 1 ? node.Inputs[1] : "")
            ?? throw Unsupported(node, "its target shape could not be worked out from constants and the input's shape.");
        var sample = _value.SampleShape;
        int size = sample.Aggregate(1, (a, d) => a * d);
        bool batchFirst = _value.Axes[0] == Axis.Batch && !_sequence;
        // [N, -1], [-1, size], [0, -1], [N, size]: a flatten keeping the batch.
        bool flatten = batchFirst && target.Length == 2
            && (target[0] is Batch or 0 or -1 || target[0] == 1)
            && (target[1] == -1 || target[1] == size)
            && !(target[0] == -1 && target[1] == -1);
        if (flatten) { FlattenValue(node); return; }
        throw Unsupported(node, $"Reshape to [{string.Join(", ", target.Select(t => t == Batch ? "N" : t.ToString(System.Globalization.CultureInfo.InvariantCulture)))}] from {_value.Text}: NetGen maps a Reshape only as a flatten that keeps the batch ([N, -1], as x.view(x.size(0), -1)).");
    }

    /// <summary>Stands for the batch size in shape computations.</summary>
    private const long Batch = long.MinValue / 2;

    private long[]? ShapeValue(string tensor)
    {
        if (tensor.Length == 0) return null;
        if (_index.Constant(tensor)?.Integers is { } constant) return constant;
        if (_index.Producer(tensor) is not { } node) return null;
        long[]? In(int i) => i < node.Inputs.Length ? ShapeValue(node.Inputs[i]) : null;
        switch (node.OpType)
        {
            case "Shape":
                if (!_layouts.TryGetValue(node.Inputs[0], out var layout)) return null;
                var dims = layout.Dims.Select((d, i) => layout.Axes[i] == Axis.Batch ? Batch : d).ToArray();
                long start = node.Int("start", 0), end = node.Int("end", dims.Length);
                if (start < 0) start += dims.Length;
                if (end < 0) end += dims.Length;
                return dims.Skip((int)start).Take((int)Math.Max(0, Math.Min(end, dims.Length) - start)).ToArray();
            case "Gather":
            {
                var data = In(0);
                var indices = _index.Constant(node.Inputs[1])?.Integers;
                if (data is null || indices is null) return null;
                return indices.Select(i => data[(int)(i < 0 ? i + data.Length : i)]).ToArray();
            }
            case "Unsqueeze":
            case "Squeeze":
            case "Cast":
            case "Identity":
                return In(0);
            case "Concat":
            {
                var parts = Enumerable.Range(0, node.Inputs.Length).Select(In).ToList();
                return parts.Any(p => p is null) ? null : parts.SelectMany(p => p!).ToArray();
            }
            default:
                return null;
        }
    }

    private void Pad(OnnxNode node)
    {
        RequireInput(node);
        if (node.String("mode", "constant") != "constant") throw Unsupported(node, $"mode = {node.String("mode", "constant")}; NetGen's convolutions pad with zeros.");
        long[]? pads = node.Ints("pads") ?? (node.Inputs.Length > 1 ? _index.Constant(node.Inputs[1])?.Integers : null);
        if (pads is null) throw Unsupported(node, "its pads are not constants.");
        if (node.Inputs.Length > 2 && node.Inputs[2].Length > 0 && _index.Constant(node.Inputs[2])?.Scalar is { } v && v != 0)
            throw Unsupported(node, $"it pads with {v}; NetGen pads with zeros.");
        if (pads.All(p => p == 0)) { Advance(node.Outputs[0], _value); return; }
        int rank = _value.Axes.Length;
        var next = _index.ValueConsumers(node.Outputs[0]);
        bool symmetric = pads.Length == 2 * rank && Enumerable.Range(0, rank).All(i => _value.Axes[i] == Axis.Spatial ? pads[i] == pads[2] && pads[i + rank] == pads[2] : pads[i] == 0 && pads[i + rank] == 0);
        if (!symmetric || next.Count != 1 || next[0].OpType != "Conv")
            throw Unsupported(node, "NetGen takes zero padding only as a convolution's own padding (the same on every side, directly before the Conv).");
        _pendingPad += (int)pads[2];
        Advance(node.Outputs[0], _value);
    }
}

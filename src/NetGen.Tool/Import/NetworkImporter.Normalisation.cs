using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Tool.Onnx;

namespace NetGen.Tool.Import;

internal sealed partial class NetworkImporter
{
    private const double NetGenEpsilon = 1e-5;

    private void BatchNormalization(OnnxNode node)
    {
        RequireInput(node);
        if (node.Int("training_mode", 0) != 0) throw Unsupported(node, "training_mode = 1; export the model in eval mode (model.eval()).");
        if (node.Outputs.Skip(1).Any(o => o.Length > 0 && _index.Consumers(o).Count > 0)) throw Unsupported(node, "its running-statistics outputs are used.");
        if (_sequence) throw Unsupported(node, "BatchNorm in a sequence network is not a NetGen layer.");
        int channels = _value.SampleShape[0];
        float[] Get(int i, string what)
        {
            var values = ConstantInput(node, i, what).AsFloats();
            if (values.Length != channels) throw Unsupported(node, $"its {what} has {values.Length} values for {channels} channels.");
            return values.ToArray();
        }
        var scale = Get(1, "scale");
        var bias = Get(2, "bias");
        var mean = Get(3, "running mean");
        var variance = Get(4, "running variance");
        double epsilon = node.Float("epsilon", 1e-5f);
        var layer = new BatchNormImport { Channels = channels, Weight = scale, Bias = bias, Mean = mean };
        if (Math.Abs(epsilon - NetGenEpsilon) > 1e-12)
        {
            // NetGen's ε is PyTorch's default 1e-5: var' + 1e-5 = var + ε keeps inference exact.
            for (int c = 0; c < channels; c++)
            {
                double adjusted = variance[c] + epsilon - NetGenEpsilon;
                if (adjusted < 0) throw Unsupported(node, $"epsilon {epsilon} with a running variance {variance[c]} at channel {c}: NetGen's BatchNorm has ε = 1e-5 and this cannot be matched.");
                variance[c] = (float)adjusted;
            }
            layer.Notes.Add($"epsilon {epsilon:G6} folded into the running variance (NetGen's ε is 1e-5)");
        }
        layer = new BatchNormImport { Channels = channels, Weight = scale, Bias = bias, Mean = mean, Variance = variance };
        if (Math.Abs(epsilon - NetGenEpsilon) > 1e-12) layer.Notes.Add($"epsilon {epsilon:G6} folded into the running variance (NetGen's ε is 1e-5)");
        layer.Sources.Add(node.Display);
        _assembler.Shape = _value.SampleShape;
        _assembler.AddLayer(layer, _value.SampleShape);
        Advance(node.Outputs[0], _value);
    }

    private void LayerNormalization(OnnxNode node)
    {
        RequireInput(node);
        long axis = AxisIndex(node, node.Int("axis", -1));
        int firstSample = Array.FindIndex(_value.Axes, a => a is Axis.Feature or Axis.Channel or Axis.Spatial);
        bool wholeSample = _value.Axes.Skip((int)axis).All(a => a is Axis.Feature or Axis.Channel or Axis.Spatial) && axis == firstSample;
        if (!wholeSample)
            throw Unsupported(node, $"it normalises over the axes from {node.Int("axis", -1)} of {_value.Text}; NetGen's LayerNorm normalises over the whole sample (nn.LayerNorm(shape of the sample)).");
        double epsilon = node.Float("epsilon", 1e-5f);
        if (Math.Abs(epsilon - NetGenEpsilon) > 1e-12) throw Unsupported(node, $"epsilon {epsilon}; NetGen's LayerNorm has PyTorch's default ε = 1e-5.");
        int size = _value.SampleShape.Aggregate(1, (a, d) => a * d);
        float[] Get(int i, float fallback, string what)
        {
            if (i >= node.Inputs.Length || node.Inputs[i].Length == 0) return Enumerable.Repeat(fallback, size).ToArray();
            var values = ConstantInput(node, i, what).AsFloats();
            if (values.Length == 1) return Enumerable.Repeat(values[0], size).ToArray();
            if (values.Length != size) throw Unsupported(node, $"its {what} has {values.Length} values for {size}.");
            return values.ToArray();
        }
        AddLayerNorm(node.Display, Get(1, 1, "scale"), Get(2, 0, "bias"), node.Outputs[0]);
    }

    private void AddLayerNorm(string source, float[] weight, float[] bias, string output)
    {
        var layer = new LayerNormImport { Shape = _value.SampleShape, Weight = weight, Bias = bias };
        layer.Sources.Add(source);
        _assembler.Shape = _value.SampleShape;
        _assembler.AddLayer(layer, _value.SampleShape);
        Advance(output, _value);
    }

    /// <summary>
    /// LayerNorm as exporters before opset 17 write it: mean = ReduceMean(x), d = x − mean, var = ReduceMean(d²),
    /// y = d / Sqrt(var + ε) (the scale and bias after it are an affine map folded into the layer).
    /// </summary>
    private bool TryDecomposedLayerNorm(List<OnnxNode> consumers)
    {
        string x = _value.Tensor;
        var reduce = consumers.FirstOrDefault(n => n.OpType == "ReduceMean");
        var sub = consumers.FirstOrDefault(n => n.OpType == "Sub" && n.Inputs.Length == 2 && n.Inputs[0] == x && reduce is not null && n.Inputs[1] == reduce.Outputs[0]);
        if (reduce is null || sub is null || consumers.Count != 2) return false;
        if (!LastAxisOnly(reduce) || _value.SampleShape.Length != 1) return false;
        string d = sub.Outputs[0];
        var dReaders = _index.ValueConsumers(d);
        var pow = dReaders.FirstOrDefault(n => (n.OpType == "Pow" && _index.Constant(n.Inputs[1])?.Scalar == 2) || (n.OpType == "Mul" && n.Inputs.Length == 2 && n.Inputs[0] == d && n.Inputs[1] == d));
        var div = dReaders.FirstOrDefault(n => n.OpType == "Div" && n.Inputs[0] == d);
        if (pow is null || div is null || dReaders.Count != 2) return false;
        var reduce2 = Single(pow.Outputs[0], "ReduceMean");
        if (reduce2 is null || !LastAxisOnly(reduce2)) return false;
        var add = Single(reduce2.Outputs[0], "Add");
        if (add is null) return false;
        double? epsilon = add.Inputs.Where(i => i != reduce2.Outputs[0]).Select(i => _index.Constant(i)?.Scalar).FirstOrDefault();
        var sqrt = Single(add.Outputs[0], "Sqrt");
        if (epsilon is null || sqrt is null || div.Inputs[1] != sqrt.Outputs[0]) return false;
        if (Math.Abs(epsilon.Value - NetGenEpsilon) > 1e-9)
            throw Unsupported(div, $"the LayerNorm written out here has ε = {epsilon}; NetGen's LayerNorm has PyTorch's default ε = 1e-5.");
        int size = _value.SampleShape[0];
        string source = string.Join(" + ", new[] { reduce, sub, pow, reduce2, add, sqrt, div }.Select(n => n.Display)) + " (LayerNorm written out, opset < 17)";
        AddLayerNorm(source, Enumerable.Repeat(1f, size).ToArray(), new float[size], div.Outputs[0]);
        return true;
    }

    private OnnxNode? Single(string tensor, string op)
    {
        var readers = _index.ValueConsumers(tensor);
        return readers.Count == 1 && readers[0].OpType == op ? readers[0] : null;
    }

    private bool LastAxisOnly(OnnxNode reduce)
    {
        long[]? axes = reduce.Ints("axes") ?? (reduce.Inputs.Length > 1 && reduce.Inputs[1].Length > 0 ? _index.Constant(reduce.Inputs[1])?.Integers : null);
        int rank = _value.Axes.Length;
        return axes is { Length: 1 } && (axes[0] == -1 || axes[0] == rank - 1) && reduce.Int("keepdims", 1) == 1;
    }

    private void Softmax(OnnxNode node)
    {
        RequireInput(node);
        int rank = _value.Axes.Length;
        long axis = AxisIndex(node, node.Int("axis", _model.Opset >= 13 ? -1 : 1));
        bool overFeatures = _value.Axes[(int)axis] == Axis.Feature && (_model.Opset >= 13 || axis == rank - 1);
        if (!overFeatures) throw Unsupported(node, $"it takes the softmax over axis {node.Int("axis", -1)} of {_value.Text}; NetGen's Softmax is over the outputs of the last Dense layer.");
        _assembler.Shape = _value.SampleShape;
        _assembler.ApplySoftmax(node.Display);
        Advance(node.Outputs[0], _value);
    }
}

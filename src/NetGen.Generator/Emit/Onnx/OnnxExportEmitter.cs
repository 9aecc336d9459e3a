using System;
using System.Globalization;
using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Model.Layers;

namespace NetGen.Generator.Emit.Onnx;

/// <summary>
/// Writes <c>SaveOnnx</c>: the network's inference graph as a sequence of <c>NetGen.Runtime.Onnx.OnnxGraphBuilder</c> calls
/// with constant arguments, one per layer (and one per non-Identity activation), reading <c>Parameters</c> and the
/// BatchNorm running statistics. The initialisers take the <c>torch.nn.Sequential</c> names that <c>SaveSafetensors</c> uses
/// (<see cref="LayerModel.Tensors"/>); a recurrent layer's gate-reordered tensors are <c>&lt;i&gt;.W</c>, <c>.R</c>, <c>.B</c>.
/// </summary>
internal static class OnnxExportEmitter
{
    private const string Builder = "global::NetGen.Runtime.Onnx.OnnxGraphBuilder";

    public static void Write(IndentedWriter w, NetworkSpec spec)
    {
        bool sequence = spec.IsSequence;
        bool statistics = spec.StatisticsSize > 0;
        int[] shape = spec.InputShape is { } input ? input.Dimensions : new[] { spec.InputSize };
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Writes the network's inference graph with its current weights as an ONNX model (IR version 8, opset 17): input <c>input</c>,");
        w.Line(sequence
            ? "/// <c>[N, T, InputSize]</c>, output <c>output</c>, <c>[N, T, OutputSize]</c>, each sequence from a zero state (what <c>PredictSequence</c> computes)."
            : "/// output <c>output</c>, batch first with a symbolic batch dimension N. Dropout is left out (inference)" + (statistics ? "; BatchNorm uses the running statistics." : "."));
        w.Line("/// Initialisers carry the <c>torch.nn.Sequential</c> names of <c>SaveSafetensors</c> (docs/onnx.md lists the graph of each layer).");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"stream\">A writable stream; the model is written with one call.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"stream\"/> is null.</exception>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\"><paramref name=\"stream\"/> is not writable.</exception>");
        using (w.Block("public void SaveOnnx(global::System.IO.Stream stream)"))
        {
            w.Line("global::System.ReadOnlySpan<float> p = Parameters;");
            if (statistics) w.Line("global::System.ReadOnlySpan<float> s = _netgenStatistics;");
            w.Line($"var onnx = new {Builder}(\"{spec.ClassName}\", {(sequence ? "true" : "false")}, {string.Join(", ", shape.Select(I))});");
            int module = 0, offset = 0, statisticsOffset = 0;
            foreach (var layer in spec.Layers)
            {
                WriteLayer(w, layer, module, offset, statisticsOffset);
                module += layer.SequentialModules;
                offset += (int)layer.ParameterCount;
                if (layer is ShapedLayer shaped) statisticsOffset += shaped.StatisticsSize;
            }
            w.Line("onnx.WriteTo(stream);");
        }
        FileOverloadsEmitter.WriteSave(w, "SaveOnnx", "the network's inference graph as an ONNX model");
    }

    private static void WriteLayer(IndentedWriter w, LayerModel layer, int module, int offset, int statisticsOffset)
    {
        var tensors = layer.Tensors(module, offset).ToArray();
        switch (layer)
        {
            case DenseLayer dense:
                w.Line($"onnx.Dense(\"{tensors[0].Name}\", \"{tensors[1].Name}\", {I(dense.Units)}, {I(dense.InputSize)}, {Slice("p", tensors[0])}, {Slice("p", tensors[1])});");
                WriteActivation(w, dense.Activation);
                break;
            case DropoutLayer:
                w.Comment($"Dropout after layer {layer.Number}: the identity at inference.");
                break;
            case ConvLayer conv when conv.TwoD:
                w.Line($"onnx.Conv2D(\"{tensors[0].Name}\", \"{tensors[1].Name}\", {I(conv.OutChannels)}, {I(conv.Input.Channels)}, {I(conv.Kernel)}, {I(conv.Stride)}, {I(conv.Padding)}, {Slice("p", tensors[0])}, {Slice("p", tensors[1])});");
                WriteActivation(w, conv.Activation);
                break;
            case ConvLayer conv:
                w.Line($"onnx.Conv1D(\"{tensors[0].Name}\", \"{tensors[1].Name}\", {I(conv.OutChannels)}, {I(conv.Input.Channels)}, {I(conv.Kernel)}, {I(conv.Stride)}, {I(conv.Padding)}, {I(conv.Dilation)}, {Slice("p", tensors[0])}, {Slice("p", tensors[1])});");
                WriteActivation(w, conv.Activation);
                break;
            case PoolLayer pool:
                w.Line($"onnx.{(pool.Max ? "MaxPool" : "AvgPool")}({I(pool.Kernel)}, {I(pool.Stride)});");
                break;
            case GlobalAvgPoolLayer:
                w.Line("onnx.GlobalAvgPool();");
                break;
            case FlattenLayer:
                w.Line("onnx.Flatten();");
                break;
            case LayerNormLayer norm:
                w.Line($"onnx.LayerNorm(\"{tensors[0].Name}\", \"{tensors[1].Name}\", {Slice("p", tensors[0])}, {Slice("p", tensors[1])});");
                WriteActivation(w, norm.Activation);
                break;
            case BatchNormLayer norm:
            {
                var running = norm.StatisticsTensors(module, statisticsOffset).ToArray();
                w.Line($"onnx.BatchNorm(\"{tensors[0].Name}\", \"{tensors[1].Name}\", \"{running[0].Name}\", \"{running[1].Name}\", {Slice("p", tensors[0])}, {Slice("p", tensors[1])}, {Slice("s", running[0])}, {Slice("s", running[1])});");
                WriteActivation(w, norm.Activation);
                break;
            }
            case GruLayer gru:
                w.Line($"onnx.Gru(\"{I(module)}\", {I(gru.HiddenSize)}, p.Slice({I(offset)}, {I((int)gru.ParameterCount)}));");
                break;
            case LstmLayer lstm:
                w.Line($"onnx.Lstm(\"{I(module)}\", {I(lstm.HiddenSize)}, p.Slice({I(offset)}, {I((int)lstm.ParameterCount)}));");
                break;
            case RnnLayer rnn:
                w.Line($"onnx.Rnn(\"{I(module)}\", {I(rnn.HiddenSize)}, global::NetGen.Activation.{rnn.Activation}, p.Slice({I(offset)}, {I((int)rnn.ParameterCount)}));");
                break;
            case CausalConvLayer causal:
                w.Line($"onnx.CausalConv1D(\"{tensors[0].Name}\", \"{tensors[1].Name}\", {I(causal.OutChannels)}, {I(causal.InputSize)}, {I(causal.KernelSize)}, {I(causal.Dilation)}, {Slice("p", tensors[0])}, {Slice("p", tensors[1])});");
                WriteActivation(w, causal.Activation);
                break;
            default:
                throw new InvalidOperationException($"SaveOnnx: layer {layer.Number} ({layer.GetType().Name}) has no ONNX export.");
        }
    }

    /// <summary>The builder's method of an activation (named as the activation); nothing for Identity.</summary>
    private static void WriteActivation(IndentedWriter w, ActivationKind activation)
    {
        string? method = activation switch
        {
            ActivationKind.Identity => null,
            ActivationKind.Sigmoid => "Sigmoid",
            ActivationKind.Tanh => "Tanh",
            ActivationKind.Relu => "Relu",
            ActivationKind.LeakyRelu => "LeakyRelu",
            ActivationKind.Softmax => "Softmax",
            ActivationKind.Silu => "Silu",
            ActivationKind.Gelu => "Gelu",
            ActivationKind.GeluTanh => "GeluTanh",
            ActivationKind.Elu => "Elu",
            ActivationKind.Softplus => "Softplus",
            ActivationKind.Mish => "Mish",
            ActivationKind.HardSigmoid => "HardSigmoid",
            ActivationKind.HardSwish => "HardSwish",
            _ => throw new InvalidOperationException($"SaveOnnx: activation {activation} has no ONNX export."),
        };
        if (method is not null) w.Line($"onnx.{method}();");
    }

    private static string Slice(string span, SequentialTensor tensor)
    {
        int length = 1;
        foreach (int side in tensor.Shape) length *= side;
        return $"{span}.Slice({I(tensor.Offset)}, {I(length)})";
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}

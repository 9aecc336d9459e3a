using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Runtime.Onnx;
using static NetGen.Benchmarks.OnnxProto;

namespace NetGen.Benchmarks.Convolution;

/// <summary>The layer kinds <see cref="ConvOnnxModelWriter"/> writes.</summary>
public enum OnnxLayerKind
{
    /// <summary><c>[Conv1D]</c> on a [C, L] value or <c>[Conv2D]</c> on a [C, H, W] value: ONNX <c>Conv</c>.</summary>
    Conv,

    /// <summary><c>[MaxPool1D]</c>/<c>[MaxPool2D]</c>: ONNX <c>MaxPool</c>.</summary>
    MaxPool,

    /// <summary><c>[AvgPool1D]</c>/<c>[AvgPool2D]</c>: ONNX <c>AveragePool</c>.</summary>
    AvgPool,

    /// <summary><c>[GlobalAvgPool]</c>: ONNX <c>GlobalAveragePool</c> ([C, 1] or [C, 1, 1]).</summary>
    GlobalAvgPool,

    /// <summary><c>[Flatten]</c>: ONNX <c>Flatten</c> with axis 1.</summary>
    Flatten,

    /// <summary><c>[Dense]</c>: ONNX <c>Gemm</c> with transB = 1.</summary>
    Dense,
}

/// <summary>
/// One layer of a layered network as <see cref="ConvOnnxModelWriter"/> takes it, with the arguments of its NetGen attribute
/// (a 1-D or 2-D convolution or pooling follows from the rank of the value coming in, as in NetGen).
/// </summary>
/// <param name="Kind">The layer's kind.</param>
/// <param name="Units">Output channels of a convolution, units of a Dense layer; 0 for the others.</param>
/// <param name="Kernel">Kernel size (square in 2-D) of a convolution or pooling; 0 for the others.</param>
/// <param name="Stride">Stride of a convolution or pooling (pooling: already resolved, never 0).</param>
/// <param name="Padding">Zero padding at both ends (each side in 2-D) of a convolution.</param>
/// <param name="Dilation">Dilation of a 1-D convolution (1 in 2-D, as NetGen's <c>[Conv2D]</c> has none).</param>
/// <param name="Activation">Activation of a convolution or Dense layer.</param>
public readonly record struct OnnxLayer(
    OnnxLayerKind Kind, int Units, int Kernel, int Stride, int Padding, int Dilation, Activation Activation)
{
    /// <summary><c>[Conv1D(outChannels, kernel, stride, padding, dilation, activation)]</c> or <c>[Conv2D(…)]</c> (dilation 1).</summary>
    public static OnnxLayer Conv(int outChannels, int kernel, int stride = 1, int padding = 0, int dilation = 1, Activation activation = Activation.Identity)
        => new(OnnxLayerKind.Conv, outChannels, kernel, stride, padding, dilation, activation);

    /// <summary><c>[MaxPool1D(kernel, stride)]</c> or <c>[MaxPool2D(…)]</c>; stride 0 means the kernel size.</summary>
    public static OnnxLayer MaxPool(int kernel, int stride = 0) => new(OnnxLayerKind.MaxPool, 0, kernel, stride == 0 ? kernel : stride, 0, 1, Activation.Identity);

    /// <summary><c>[AvgPool1D(kernel, stride)]</c> or <c>[AvgPool2D(…)]</c>; stride 0 means the kernel size.</summary>
    public static OnnxLayer AvgPool(int kernel, int stride = 0) => new(OnnxLayerKind.AvgPool, 0, kernel, stride == 0 ? kernel : stride, 0, 1, Activation.Identity);

    /// <summary><c>[GlobalAvgPool]</c>.</summary>
    public static OnnxLayer GlobalAvgPool() => new(OnnxLayerKind.GlobalAvgPool, 0, 0, 1, 0, 1, Activation.Identity);

    /// <summary><c>[Flatten]</c>.</summary>
    public static OnnxLayer Flatten() => new(OnnxLayerKind.Flatten, 0, 0, 1, 0, 1, Activation.Identity);

    /// <summary><c>[Dense(units, activation)]</c>.</summary>
    public static OnnxLayer Dense(int units, Activation activation = Activation.Identity) => new(OnnxLayerKind.Dense, units, 0, 1, 0, 1, activation);
}

/// <summary>
/// Writes a layered network (a shaped <c>[Input(c, l)]</c> or <c>[Input(c, h, w)]</c> followed by convolutions, pooling,
/// flatten and Dense layers) as an ONNX model with the minimal protobuf encoder of <see cref="OnnxProto"/> (IR version 8,
/// opset 17): <c>Conv</c> (attributes <c>kernel_shape</c>, <c>strides</c>, <c>pads</c>, <c>dilations</c>; W
/// [out, in, k] or [out, in, k, k], B [out]), <c>MaxPool</c> and <c>AveragePool</c> (<c>kernel_shape</c>, <c>strides</c>,
/// no padding, floor rounding), <c>GlobalAveragePool</c>, <c>Flatten</c> (axis 1), <c>Gemm</c> (transB = 1), each
/// convolution or Gemm followed by its activation node (<see cref="OnnxProto.ActivationNode"/>). The graph's input
/// "input" is [batch, C, L] or [batch, C, H, W] (NetGen's NCL/NCHW row-major sample, one after the other) and its output
/// "output" is [batch, …] with the last layer's shape. Parameters are read in NetGen's layout: per layer with parameters
/// the weights [out, in, k(, k)] (a Dense layer's [out, in]), then the bias.
/// </summary>
/// <remarks>Shared by the benchmarks and, as a linked file, by tests/NetGen.Tests/Onnx.</remarks>
public static class ConvOnnxModelWriter
{
    /// <summary>The graph input's name (the same as <see cref="OnnxModelWriter.InputName"/>, so <see cref="OrtPredictor"/> binds it).</summary>
    public const string InputName = OnnxModelWriter.InputName;

    /// <summary>The graph output's name.</summary>
    public const string OutputName = OnnxModelWriter.OutputName;

    /// <summary>The shape of one sample after each layer (index 0: the input), checked as NetGen checks it.</summary>
    /// <exception cref="ArgumentException">A layer does not fit the value coming in.</exception>
    public static IReadOnlyList<int[]> Shapes(IReadOnlyList<int> inputShape, IReadOnlyList<OnnxLayer> layers)
    {
        if (inputShape.Count is < 1 or > 3 || inputShape.Any(side => side <= 0))
        {
            throw new ArgumentException("The input is [size], [C, L] or [C, H, W] with positive sides.", nameof(inputShape));
        }

        var shapes = new List<int[]> { inputShape.ToArray() };
        int[] shape = shapes[0];
        for (int l = 0; l < layers.Count; l++)
        {
            OnnxLayer layer = layers[l];
            string where = $"Layer {l + 1} ({layer.Kind})";
            switch (layer.Kind)
            {
                case OnnxLayerKind.Conv:
                case OnnxLayerKind.MaxPool:
                case OnnxLayerKind.AvgPool:
                {
                    if (shape.Length < 2) throw new ArgumentException($"{where} needs a [C, L] or [C, H, W] value, got [{string.Join(", ", shape)}].", nameof(layers));
                    if (layer.Kernel < 1 || layer.Stride < 1 || layer.Padding < 0 || layer.Dilation < 1) throw new ArgumentException($"{where} has an invalid argument.", nameof(layers));
                    bool conv = layer.Kind == OnnxLayerKind.Conv;
                    if (conv && layer.Units < 1) throw new ArgumentException($"{where} needs at least one output channel.", nameof(layers));
                    if (conv && shape.Length == 3 && layer.Dilation != 1) throw new ArgumentException($"{where}: NetGen's Conv2D has no dilation.", nameof(layers));
                    var next = new int[shape.Length];
                    next[0] = conv ? layer.Units : shape[0];
                    for (int d = 1; d < shape.Length; d++)
                    {
                        int padding = conv ? layer.Padding : 0, dilation = conv ? layer.Dilation : 1;
                        int span = dilation * (layer.Kernel - 1) + 1;
                        int padded = shape[d] + 2 * padding;
                        if (span > padded) throw new ArgumentException($"{where}: the window {span} does not fit {padded}.", nameof(layers));
                        next[d] = (padded - span) / layer.Stride + 1;
                    }

                    shape = next;
                    break;
                }

                case OnnxLayerKind.GlobalAvgPool:
                    if (shape.Length < 2) throw new ArgumentException($"{where} needs a [C, L] or [C, H, W] value.", nameof(layers));
                    shape = shape.Length == 2 ? new[] { shape[0], 1 } : new[] { shape[0], 1, 1 };
                    break;
                case OnnxLayerKind.Flatten:
                    shape = new[] { Size(shape) };
                    break;
                case OnnxLayerKind.Dense:
                    if (shape.Length != 1) throw new ArgumentException($"{where} needs a flat value (put a Flatten before it), got [{string.Join(", ", shape)}].", nameof(layers));
                    if (layer.Units < 1) throw new ArgumentException($"{where} needs at least one unit.", nameof(layers));
                    shape = new[] { layer.Units };
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(layers), layer.Kind, $"{where}: unknown kind.");
            }

            shapes.Add(shape);
        }

        return shapes;
    }

    /// <summary>The shape of one sample coming out of the last layer.</summary>
    public static int[] OutputShape(IReadOnlyList<int> inputShape, IReadOnlyList<OnnxLayer> layers) => Shapes(inputShape, layers)[layers.Count];

    /// <summary>Parameters of the network in NetGen's layout (Σ weights + biases of the convolutions and Dense layers).</summary>
    public static long ParameterCount(IReadOnlyList<int> inputShape, IReadOnlyList<OnnxLayer> layers)
    {
        var shapes = Shapes(inputShape, layers);
        long total = 0;
        for (int l = 0; l < layers.Count; l++) total += Weights(layers[l], shapes[l]) + Biases(layers[l]);
        return total;
    }

    /// <summary>
    /// Multiply-adds of one sample's forward pass: per convolution output size × C·k(·k) (padding positions counted, as
    /// the usual convention), per Dense layer in·out; pooling and activations are not counted.
    /// </summary>
    public static long MultiplyAdds(IReadOnlyList<int> inputShape, IReadOnlyList<OnnxLayer> layers)
    {
        var shapes = Shapes(inputShape, layers);
        long total = 0;
        for (int l = 0; l < layers.Count; l++)
        {
            if (layers[l].Kind is OnnxLayerKind.Conv or OnnxLayerKind.Dense) total += (long)Size(shapes[l + 1]) * (Weights(layers[l], shapes[l]) / layers[l].Units);
        }

        return total;
    }

    /// <summary>Builds the model bytes for <paramref name="inputShape"/> → <paramref name="layers"/>.</summary>
    /// <param name="inputShape">One sample's shape: [C, L] or [C, H, W] (or [size] for a Dense-only net).</param>
    /// <param name="layers">The layers in order.</param>
    /// <param name="parameters">All parameters in NetGen's layout.</param>
    /// <param name="batch">The fixed batch dimension written into the input and output shapes.</param>
    public static byte[] Write(IReadOnlyList<int> inputShape, IReadOnlyList<OnnxLayer> layers, ReadOnlySpan<float> parameters, int batch = 1)
    {
        if (layers.Count == 0) throw new ArgumentException("At least one layer is needed.", nameof(layers));
        if (batch < 1) throw new ArgumentOutOfRangeException(nameof(batch), batch, "Must be positive.");
        var shapes = Shapes(inputShape, layers);
        long expected = ParameterCount(inputShape, layers);
        if (parameters.Length != expected)
        {
            throw new ArgumentException($"Expected {expected} parameters, got {parameters.Length}.", nameof(parameters));
        }

        // Nodes first with provisional output names; the last node's output is renamed to OutputName at the end.
        var nodes = new List<(string Name, string Op, string[] Inputs, List<ProtoWriter> Attributes, Activation? Activation)>();
        var initializers = new ProtoWriter();
        int offset = 0;
        for (int l = 0; l < layers.Count; l++)
        {
            OnnxLayer layer = layers[l];
            int[] inShape = shapes[l];
            int spatial = inShape.Length - 1;
            var attributes = new List<ProtoWriter>();
            switch (layer.Kind)
            {
                case OnnxLayerKind.Conv:
                {
                    string weight = $"W{l}", bias = $"B{l}";
                    int weights = (int)Weights(layer, inShape);
                    var dims = new List<long> { layer.Units, inShape[0], layer.Kernel };
                    if (spatial == 2) dims.Add(layer.Kernel);
                    initializers.Message(5, Tensor(weight, dims.ToArray(), parameters.Slice(offset, weights)));
                    offset += weights;
                    initializers.Message(5, Tensor(bias, new long[] { layer.Units }, parameters.Slice(offset, layer.Units)));
                    offset += layer.Units;
                    attributes.Add(IntsAttribute("kernel_shape", Repeat(layer.Kernel, spatial)));
                    attributes.Add(IntsAttribute("strides", Repeat(layer.Stride, spatial)));
                    attributes.Add(IntsAttribute("pads", Repeat(layer.Padding, 2 * spatial)));
                    attributes.Add(IntsAttribute("dilations", Repeat(layer.Dilation, spatial)));
                    nodes.Add(($"conv{l}", "Conv", new[] { weight, bias }, attributes, layer.Activation));
                    break;
                }

                case OnnxLayerKind.MaxPool:
                case OnnxLayerKind.AvgPool:
                    attributes.Add(IntsAttribute("kernel_shape", Repeat(layer.Kernel, spatial)));
                    attributes.Add(IntsAttribute("strides", Repeat(layer.Stride, spatial)));
                    nodes.Add(($"pool{l}", layer.Kind == OnnxLayerKind.MaxPool ? "MaxPool" : "AveragePool", Array.Empty<string>(), attributes, null));
                    break;
                case OnnxLayerKind.GlobalAvgPool:
                    nodes.Add(($"gap{l}", "GlobalAveragePool", Array.Empty<string>(), attributes, null));
                    break;
                case OnnxLayerKind.Flatten:
                    attributes.Add(IntAttribute("axis", 1));
                    nodes.Add(($"flatten{l}", "Flatten", Array.Empty<string>(), attributes, null));
                    break;
                case OnnxLayerKind.Dense:
                {
                    string weight = $"W{l}", bias = $"B{l}";
                    int weights = layer.Units * inShape[0];
                    initializers.Message(5, Tensor(weight, new long[] { layer.Units, inShape[0] }, parameters.Slice(offset, weights)));
                    offset += weights;
                    initializers.Message(5, Tensor(bias, new long[] { layer.Units }, parameters.Slice(offset, layer.Units)));
                    offset += layer.Units;
                    attributes.Add(IntAttribute("transB", 1));
                    nodes.Add(($"gemm{l}", "Gemm", new[] { weight, bias }, attributes, layer.Activation));
                    break;
                }
            }
        }

        // Each node reads the previous value (its extra inputs, weight and bias, come after it); an activation is a node of
        // its own; the last node written (the last layer's, or its activation's) writes the graph output.
        var graph = new ProtoWriter();
        string current = InputName;
        for (int n = 0; n < nodes.Count; n++)
        {
            var (name, op, extra, attributes, activation) = nodes[n];
            bool last = n == nodes.Count - 1;
            bool activated = activation is { } a && a != Activation.Identity;
            string output = last && !activated ? OutputName : $"T{n}";
            var node = Node(name, op, new[] { current }.Concat(extra).ToArray(), output);
            foreach (var attribute in attributes) node.Message(5, attribute);
            graph.Message(1, node);
            current = output;
            if (!activated) continue;
            output = last ? OutputName : $"A{n}";
            graph.Message(1, ActivationNode($"{name}_act", activation!.Value, current, output)!);
            current = output;
        }

        graph.String(2, "netgen-layered");
        graph.Append(initializers);
        graph.Message(11, ValueInfo(InputName, new long[] { batch }.Concat(inputShape.Select(side => (long)side)).ToArray()));
        graph.Message(12, ValueInfo(OutputName, new long[] { batch }.Concat(shapes[layers.Count].Select(side => (long)side)).ToArray()));
        return Model(graph);
    }

    /// <summary>Values of one sample of <paramref name="shape"/>.</summary>
    public static int Size(IReadOnlyList<int> shape)
    {
        int size = 1;
        foreach (int side in shape) size *= side;
        return size;
    }

    private static long Weights(OnnxLayer layer, int[] inShape) => layer.Kind switch
    {
        OnnxLayerKind.Conv => (long)layer.Units * inShape[0] * layer.Kernel * (inShape.Length == 3 ? layer.Kernel : 1),
        OnnxLayerKind.Dense => (long)layer.Units * inShape[0],
        _ => 0,
    };

    private static long Biases(OnnxLayer layer) => layer.Kind is OnnxLayerKind.Conv or OnnxLayerKind.Dense ? layer.Units : 0;

    private static long[] Repeat(int value, int count) => Enumerable.Repeat((long)value, count).ToArray();
}

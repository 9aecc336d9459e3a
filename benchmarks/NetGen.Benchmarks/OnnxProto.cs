using System;
using System.Collections.Generic;
using NetGen.Runtime.Onnx;

namespace NetGen.Benchmarks;

/// <summary>
/// The pieces of an ONNX model that <see cref="OnnxModelWriter"/> and <see cref="Convolution.ConvOnnxModelWriter"/>
/// write with the runtime's minimal protobuf encoder (<see cref="ProtoWriter"/>, NetGen.Runtime.Onnx): nodes, INT/INTS/FLOAT attributes, FLOAT
/// initialisers with little-endian <c>raw_data</c>, FLOAT value infos of a fixed shape, and the ModelProto around a graph
/// (IR version 8, default-domain opset 17).
/// </summary>
/// <remarks>Shared by the benchmarks and, as a linked file, by tests/NetGen.Tests/Onnx.</remarks>
internal static class OnnxProto
{
    /// <summary>A NodeProto: inputs, one output, name, op type (attributes are added by the caller as field 5).</summary>
    public static ProtoWriter Node(string name, string opType, string[] inputs, string output)
    {
        var node = new ProtoWriter();
        foreach (string input in inputs) node.String(1, input);
        node.String(2, output);
        node.String(3, name);
        node.String(4, opType);
        return node;
    }

    /// <summary>
    /// The node of NetGen's <paramref name="activation"/> on <paramref name="input"/>: <c>Sigmoid</c>, <c>Tanh</c>,
    /// <c>Relu</c>, <c>LeakyRelu</c> (alpha 0.01, PyTorch's and NetGen's slope) or <c>Softmax</c> (axis -1); null for Identity.
    /// </summary>
    /// <exception cref="NotSupportedException">The activation has no single ONNX operator here.</exception>
    public static ProtoWriter? ActivationNode(string name, Activation activation, string input, string output)
    {
        string? op = activation switch
        {
            Activation.Identity => null,
            Activation.Sigmoid => "Sigmoid",
            Activation.Tanh => "Tanh",
            Activation.Relu => "Relu",
            Activation.LeakyRelu => "LeakyRelu",
            Activation.Softmax => "Softmax",
            _ => throw new NotSupportedException($"Activation {activation} has no ONNX mapping here."),
        };
        if (op is null) return null;
        var node = Node(name, op, new[] { input }, output);
        if (activation == Activation.LeakyRelu) node.Message(5, FloatAttribute("alpha", 0.01f));
        if (activation == Activation.Softmax) node.Message(5, IntAttribute("axis", -1));
        return node;
    }

    /// <summary>An AttributeProto of type INT.</summary>
    public static ProtoWriter IntAttribute(string name, long value) => OnnxMessages.IntAttribute(name, value);

    /// <summary>An AttributeProto of type INTS (the values as unpacked repeated int64, field 8).</summary>
    public static ProtoWriter IntsAttribute(string name, params long[] values) => OnnxMessages.IntsAttribute(name, values);

    /// <summary>An AttributeProto of type FLOAT.</summary>
    public static ProtoWriter FloatAttribute(string name, float value) => OnnxMessages.FloatAttribute(name, value);

    /// <summary>A FLOAT TensorProto (an initialiser) of shape <paramref name="dims"/> with the values as <c>raw_data</c>.</summary>
    public static ProtoWriter Tensor(string name, long[] dims, ReadOnlySpan<float> values) => OnnxMessages.FloatTensor(name, dims, values);

    /// <summary>A ValueInfoProto: a FLOAT tensor of the fixed shape <paramref name="dims"/>.</summary>
    public static ProtoWriter ValueInfo(string name, IReadOnlyList<long> dims) => OnnxMessages.ValueInfo(name, Array.Empty<string>(), dims);

    /// <summary>The ModelProto (IR version 8, producer "NetGen.Benchmarks", default-domain opset 17) around <paramref name="graph"/>.</summary>
    public static byte[] Model(ProtoWriter graph)
    {
        var opset = new ProtoWriter();
        opset.String(1, string.Empty);
        opset.Varint(2, 17);

        var model = new ProtoWriter();
        model.Varint(1, 8); // ir_version
        model.String(2, "NetGen.Benchmarks"); // producer_name
        model.Message(7, graph);
        model.Message(8, opset);
        return model.ToArray();
    }
}

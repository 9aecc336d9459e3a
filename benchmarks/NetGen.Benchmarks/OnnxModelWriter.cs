using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace NetGen.Benchmarks;

/// <summary>
/// Writes a stack of Dense layers as an ONNX model (ModelProto, IR version 8, default-domain opset 17) with a
/// minimal protobuf encoder of our own: one <c>Gemm</c> node per layer (A = activations [1, in], B = weight
/// [out, in] with transB = 1, C = bias [out]) followed by its activation node (<c>Sigmoid</c>, <c>Tanh</c>,
/// <c>Relu</c>, <c>LeakyRelu</c> alpha 0.01 or <c>Softmax</c> axis -1; none for Identity). Initialisers are FLOAT
/// TensorProtos with little-endian <c>raw_data</c>. The graph's input is "input" [batch, InputSize] and its output
/// "output" [batch, OutputSize]. Parameters are read in NetGen's layout: per layer the weights row-major
/// [out, in] (PyTorch's nn.Linear order), then the bias.
/// </summary>
/// <remarks>Shared by the benchmarks and, as a linked file, by tests/NetGen.Tests/Onnx.</remarks>
public static class OnnxModelWriter
{
    /// <summary>The graph input's name.</summary>
    public const string InputName = "input";

    /// <summary>The graph output's name.</summary>
    public const string OutputName = "output";

    /// <summary>Builds the model bytes for <paramref name="inputSize"/> → <paramref name="layers"/>.</summary>
    /// <param name="inputSize">Width of the input.</param>
    /// <param name="layers">Each Dense layer's units and activation, in order.</param>
    /// <param name="parameters">All parameters in NetGen's layout (length = Σ out·in + out).</param>
    /// <param name="batch">The fixed batch dimension written into the input and output shapes.</param>
    public static byte[] Write(
        int inputSize, IReadOnlyList<(int Units, Activation Activation)> layers, ReadOnlySpan<float> parameters, int batch = 1)
    {
        if (inputSize <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "Must be positive.");
        if (layers.Count == 0) throw new ArgumentException("At least one layer is needed.", nameof(layers));
        long expected = 0;
        int width = inputSize;
        foreach (var (units, _) in layers)
        {
            expected += (long)units * width + units;
            width = units;
        }

        if (parameters.Length != expected)
        {
            throw new ArgumentException($"Expected {expected} parameters, got {parameters.Length}.", nameof(parameters));
        }

        var graph = new ProtoWriter();
        var initializers = new ProtoWriter();
        string current = InputName;
        int offset = 0;
        width = inputSize;
        for (int l = 0; l < layers.Count; l++)
        {
            var (units, activation) = layers[l];
            bool last = l == layers.Count - 1;
            string weight = $"W{l}", bias = $"B{l}";
            string gemmOut = last && activation == Activation.Identity ? OutputName : $"Z{l}";
            initializers.Message(5, Tensor(weight, new long[] { units, width }, parameters.Slice(offset, units * width)));
            offset += units * width;
            initializers.Message(5, Tensor(bias, new long[] { units }, parameters.Slice(offset, units)));
            offset += units;

            var gemm = Node($"gemm{l}", "Gemm", new[] { current, weight, bias }, gemmOut);
            gemm.Message(5, IntAttribute("transB", 1));
            graph.Message(1, gemm);
            current = gemmOut;
            width = units;

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
            if (op is null) continue;
            string activated = last ? OutputName : $"A{l}";
            var node = Node($"act{l}", op, new[] { current }, activated);
            if (activation == Activation.LeakyRelu) node.Message(5, FloatAttribute("alpha", 0.01f));
            if (activation == Activation.Softmax) node.Message(5, IntAttribute("axis", -1));
            graph.Message(1, node);
            current = activated;
        }

        width = layers[layers.Count - 1].Units;
        graph.String(2, "netgen");
        graph.Append(initializers);
        graph.Message(11, ValueInfo(InputName, batch, inputSize));
        graph.Message(12, ValueInfo(OutputName, batch, width));

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

    private static ProtoWriter Node(string name, string opType, string[] inputs, string output)
    {
        var node = new ProtoWriter();
        foreach (string input in inputs) node.String(1, input);
        node.String(2, output);
        node.String(3, name);
        node.String(4, opType);
        return node;
    }

    private static ProtoWriter IntAttribute(string name, long value)
    {
        var attribute = new ProtoWriter();
        attribute.String(1, name);
        attribute.Varint(3, value);
        attribute.Varint(20, 2); // AttributeType.INT
        return attribute;
    }

    private static ProtoWriter FloatAttribute(string name, float value)
    {
        var attribute = new ProtoWriter();
        attribute.String(1, name);
        attribute.Fixed32(2, value);
        attribute.Varint(20, 1); // AttributeType.FLOAT
        return attribute;
    }

    private static ProtoWriter Tensor(string name, long[] dims, ReadOnlySpan<float> values)
    {
        var tensor = new ProtoWriter();
        foreach (long dim in dims) tensor.Varint(1, dim);
        tensor.Varint(2, 1); // TensorProto.DataType.FLOAT
        tensor.String(8, name);
        var raw = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(
                raw.AsSpan(i * 4), BitConverter.SingleToInt32Bits(values[i]));
        }

        tensor.Bytes(9, raw);
        return tensor;
    }

    private static ProtoWriter ValueInfo(string name, long rows, long columns)
    {
        var shape = new ProtoWriter();
        foreach (long size in new[] { rows, columns })
        {
            var dim = new ProtoWriter();
            dim.Varint(1, size); // dim_value
            shape.Message(1, dim);
        }

        var tensorType = new ProtoWriter();
        tensorType.Varint(1, 1); // elem_type FLOAT
        tensorType.Message(2, shape);
        var type = new ProtoWriter();
        type.Message(1, tensorType);
        var info = new ProtoWriter();
        info.String(1, name);
        info.Message(2, type);
        return info;
    }

    /// <summary>Protobuf wire format: varints (wire type 0), fixed32 (5) and length-delimited fields (2).</summary>
    private sealed class ProtoWriter
    {
        private readonly MemoryStream _stream = new();

        public void Varint(int field, long value)
        {
            Tag(field, 0);
            Raw((ulong)value);
        }

        public void Fixed32(int field, float value)
        {
            Tag(field, 5);
            Span<byte> bytes = stackalloc byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes, BitConverter.SingleToInt32Bits(value));
            _stream.Write(bytes);
        }

        public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public void Bytes(int field, byte[] value)
        {
            Tag(field, 2);
            Raw((ulong)value.Length);
            _stream.Write(value, 0, value.Length);
        }

        public void Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

        /// <summary>Appends another writer's fields as they are (same message).</summary>
        public void Append(ProtoWriter other)
        {
            byte[] bytes = other.ToArray();
            _stream.Write(bytes, 0, bytes.Length);
        }

        public byte[] ToArray() => _stream.ToArray();

        private void Tag(int field, int wireType) => Raw(((ulong)field << 3) | (uint)wireType);

        private void Raw(ulong value)
        {
            while (value >= 0x80)
            {
                _stream.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }

            _stream.WriteByte((byte)value);
        }
    }
}

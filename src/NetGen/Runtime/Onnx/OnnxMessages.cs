using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace NetGen.Runtime.Onnx
{
    /// <summary>
    /// ONNX's small protobuf messages, encoded once for every writer in the repository (<see cref="OnnxGraphBuilder"/>,
    /// and the benchmarks' ONNX Runtime baselines): AttributeProto of the kinds NetGen writes, a FLOAT TensorProto with
    /// little-endian <c>raw_data</c>, and a FLOAT ValueInfoProto whose leading dimensions may be symbolic.
    /// Field numbers are onnx.proto's.
    /// </summary>
    public static class OnnxMessages
    {
        /// <summary>An AttributeProto of type INT.</summary>
        public static ProtoWriter IntAttribute(string name, long value)
        {
            var attribute = Attribute(name);
            attribute.Varint(3, value);
            attribute.Varint(20, 2); // AttributeType.INT
            return attribute;
        }

        /// <summary>An AttributeProto of type INTS (unpacked repeated int64, field 8).</summary>
        public static ProtoWriter IntsAttribute(string name, params long[] values)
        {
            if (values is null) throw new ArgumentNullException(nameof(values));
            var attribute = Attribute(name);
            foreach (long value in values) attribute.Varint(8, value);
            attribute.Varint(20, 7); // AttributeType.INTS
            return attribute;
        }

        /// <summary>An AttributeProto of type FLOAT.</summary>
        public static ProtoWriter FloatAttribute(string name, float value)
        {
            var attribute = Attribute(name);
            attribute.Fixed32(2, value);
            attribute.Varint(20, 1); // AttributeType.FLOAT
            return attribute;
        }

        /// <summary>An AttributeProto of type STRINGS.</summary>
        public static ProtoWriter StringsAttribute(string name, params string[] values)
        {
            if (values is null) throw new ArgumentNullException(nameof(values));
            var attribute = Attribute(name);
            foreach (string value in values) attribute.String(9, value);
            attribute.Varint(20, 8); // AttributeType.STRINGS
            return attribute;
        }

        /// <summary>A FLOAT TensorProto (an initialiser) of shape <paramref name="dims"/>, the values as <c>raw_data</c>.</summary>
        public static ProtoWriter FloatTensor(string name, IReadOnlyList<long> dims, ReadOnlySpan<float> values)
        {
            if (name is null) throw new ArgumentNullException(nameof(name));
            if (dims is null) throw new ArgumentNullException(nameof(dims));
            var tensor = new ProtoWriter();
            foreach (long dim in dims) tensor.Varint(1, dim);
            tensor.Varint(2, 1); // TensorProto.DataType.FLOAT
            tensor.String(8, name);
            var raw = new byte[values.Length * 4];
            for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(i * 4), BitConverter.SingleToInt32Bits(values[i]));
            tensor.Bytes(9, raw);
            return tensor;
        }

        /// <summary>
        /// A ValueInfoProto of a FLOAT tensor: the symbolic dimensions <paramref name="symbols"/> (<c>dim_param</c>, e.g.
        /// <c>N</c>, <c>T</c>) first, then the fixed ones.
        /// </summary>
        public static ProtoWriter ValueInfo(string name, IReadOnlyList<string> symbols, IReadOnlyList<long> dims)
        {
            if (name is null) throw new ArgumentNullException(nameof(name));
            if (symbols is null) throw new ArgumentNullException(nameof(symbols));
            if (dims is null) throw new ArgumentNullException(nameof(dims));
            var shape = new ProtoWriter();
            foreach (string symbol in symbols)
            {
                var dim = new ProtoWriter();
                dim.String(2, symbol); // dim_param
                shape.Message(1, dim);
            }
            foreach (long size in dims)
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

        private static ProtoWriter Attribute(string name)
        {
            if (name is null) throw new ArgumentNullException(nameof(name));
            var attribute = new ProtoWriter();
            attribute.String(1, name);
            return attribute;
        }
    }
}

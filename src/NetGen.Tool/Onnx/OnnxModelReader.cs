using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;

namespace NetGen.Tool.Onnx;

/// <summary>
/// Decodes an <c>.onnx</c> file (a protobuf <c>ModelProto</c>) into an <see cref="OnnxModel"/>: the fields of ModelProto,
/// GraphProto, NodeProto, AttributeProto, TensorProto and ValueInfoProto that the importer needs (field numbers from
/// onnx.proto); other fields are skipped. Tensors stored in external files are refused with a clear message.
/// </summary>
internal static class OnnxModelReader
{
    /// <summary>Reads a model from a file.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid ONNX model.</exception>
    public static OnnxModel Read(string path) => Read(File.ReadAllBytes(path));

    /// <summary>Reads a model from its bytes.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a valid ONNX model.</exception>
    public static OnnxModel Read(byte[] bytes)
    {
        var model = new OnnxModel();
        bool hasGraph = false;
        var reader = new ProtoReader(bytes);
        while (reader.Next(out int field, out int wire))
        {
            switch (field)
            {
                case 1 when wire == ProtoReader.Varint: model.IrVersion = reader.ReadInt64(); break;
                case 2 when wire == ProtoReader.LengthDelimited: model.Producer = reader.ReadString() + (model.Producer.Length > 0 ? " " + model.Producer : ""); break;
                case 3 when wire == ProtoReader.LengthDelimited: model.Producer = model.Producer + " " + reader.ReadString(); break;
                case 7 when wire == ProtoReader.LengthDelimited: model.Graph = ReadGraph(reader.ReadBytes()); hasGraph = true; break;
                case 8 when wire == ProtoReader.LengthDelimited: ReadOpset(reader.ReadBytes(), model.Opsets); break;
                default: reader.Skip(wire); break;
            }
        }
        if (!hasGraph) throw new InvalidDataException("The file is not a valid ONNX model: it has no graph.");
        model.Producer = model.Producer.Trim();
        return model;
    }

    private static void ReadOpset(ReadOnlySpan<byte> bytes, Dictionary<string, long> opsets)
    {
        string domain = "";
        long version = 0;
        var reader = new ProtoReader(bytes);
        while (reader.Next(out int field, out int wire))
        {
            if (field == 1 && wire == ProtoReader.LengthDelimited) domain = reader.ReadString();
            else if (field == 2 && wire == ProtoReader.Varint) version = reader.ReadInt64();
            else reader.Skip(wire);
        }
        opsets[domain] = version;
    }

    private static OnnxGraph ReadGraph(ReadOnlySpan<byte> bytes)
    {
        var graph = new OnnxGraph();
        var reader = new ProtoReader(bytes);
        int unnamed = 0;
        while (reader.Next(out int field, out int wire))
        {
            if (wire != ProtoReader.LengthDelimited) { reader.Skip(wire); continue; }
            switch (field)
            {
                case 1: graph.Nodes.Add(ReadNode(reader.ReadBytes())); break;
                case 2: graph.Name = reader.ReadString(); break;
                case 5:
                    var tensor = ReadTensor(reader.ReadBytes());
                    if (tensor.Name.Length == 0) tensor = tensor with { Name = "initializer" + unnamed++ };
                    graph.Initializers[tensor.Name] = tensor;
                    break;
                case 11: graph.Inputs.Add(ReadValueInfo(reader.ReadBytes())); break;
                case 12: graph.Outputs.Add(ReadValueInfo(reader.ReadBytes())); break;
                case 13:
                    var info = ReadValueInfo(reader.ReadBytes());
                    graph.ValueInfos[info.Name] = info;
                    break;
                default: reader.Skip(wire); break;
            }
        }
        return graph;
    }

    private static OnnxNode ReadNode(ReadOnlySpan<byte> bytes)
    {
        var inputs = new List<string>();
        var outputs = new List<string>();
        var attributes = new Dictionary<string, OnnxAttribute>(StringComparer.Ordinal);
        string name = "", op = "", domain = "";
        var reader = new ProtoReader(bytes);
        while (reader.Next(out int field, out int wire))
        {
            if (wire != ProtoReader.LengthDelimited) { reader.Skip(wire); continue; }
            switch (field)
            {
                case 1: inputs.Add(reader.ReadString()); break;
                case 2: outputs.Add(reader.ReadString()); break;
                case 3: name = reader.ReadString(); break;
                case 4: op = reader.ReadString(); break;
                case 5:
                    var attribute = ReadAttribute(reader.ReadBytes());
                    attributes[attribute.Name] = attribute;
                    break;
                case 7: domain = reader.ReadString(); break;
                default: reader.Skip(wire); break;
            }
        }
        return new OnnxNode(name, op, domain, inputs.ToArray(), outputs.ToArray(), attributes);
    }

    private static OnnxAttribute ReadAttribute(ReadOnlySpan<byte> bytes)
    {
        string name = "";
        int type = 0;
        float f = 0;
        long i = 0;
        string s = "";
        OnnxTensor? t = null;
        var floats = new List<float>();
        var ints = new List<long>();
        var strings = new List<string>();
        var reader = new ProtoReader(bytes);
        while (reader.Next(out int field, out int wire))
        {
            switch (field)
            {
                case 1 when wire == ProtoReader.LengthDelimited: name = reader.ReadString(); break;
                case 2 when wire == ProtoReader.Fixed32: f = reader.ReadFloat(); break;
                case 3 when wire == ProtoReader.Varint: i = reader.ReadInt64(); break;
                case 4 when wire == ProtoReader.LengthDelimited: s = reader.ReadString(); break;
                case 5 when wire == ProtoReader.LengthDelimited: t = ReadTensor(reader.ReadBytes()); break;
                case 7: ReadFloats(ref reader, wire, floats); break;
                case 8: ReadInts(ref reader, wire, ints); break;
                case 9 when wire == ProtoReader.LengthDelimited: strings.Add(reader.ReadString()); break;
                case 20 when wire == ProtoReader.Varint: type = (int)reader.ReadInt64(); break;
                default: reader.Skip(wire); break;
            }
        }
        if (type == 0)
        {
            // Old files may omit the type: infer it from the field that was set.
            type = t is not null ? 4 : ints.Count > 0 ? 7 : floats.Count > 0 ? 6 : strings.Count > 0 ? 8 : s.Length > 0 ? 3 : i != 0 ? 2 : 1;
        }
        return new OnnxAttribute(name, type) { F = f, I = i, S = s, T = t, Floats = floats, Ints = ints, Strings = strings };
    }

    /// <summary>Decodes a TensorProto (raw_data or the typed repeated fields).</summary>
    public static OnnxTensor ReadTensor(ReadOnlySpan<byte> bytes)
    {
        var dims = new List<long>();
        int dataType = 0;
        string name = "";
        byte[]? raw = null;
        var floatData = new List<float>();
        var int32Data = new List<long>();
        var int64Data = new List<long>();
        var doubleData = new List<double>();
        bool external = false;
        var reader = new ProtoReader(bytes);
        while (reader.Next(out int field, out int wire))
        {
            switch (field)
            {
                case 1: ReadInts(ref reader, wire, dims); break;
                case 2 when wire == ProtoReader.Varint: dataType = (int)reader.ReadInt64(); break;
                case 4: ReadFloats(ref reader, wire, floatData); break;
                case 5: ReadInts(ref reader, wire, int32Data); break;
                case 7: ReadInts(ref reader, wire, int64Data); break;
                case 8 when wire == ProtoReader.LengthDelimited: name = reader.ReadString(); break;
                case 9 when wire == ProtoReader.LengthDelimited: raw = reader.ReadBytes().ToArray(); break;
                case 10: ReadDoubles(ref reader, wire, doubleData); break;
                case 14 when wire == ProtoReader.Varint: external = reader.ReadInt64() == 1; break;
                default: reader.Skip(wire); break;
            }
        }
        if (external)
        {
            throw new InvalidDataException(
                $"The tensor '{name}' is stored in an external data file; export the model with its weights inside the .onnx file (PyTorch does for models under 2 GB).");
        }
        long count = 1;
        foreach (long d in dims)
        {
            if (d < 0) throw new InvalidDataException($"The tensor '{name}' has a negative dimension {d}.");
            count *= d;
            if (count > int.MaxValue) throw new InvalidDataException($"The tensor '{name}' has more than {int.MaxValue} elements.");
        }
        var shape = dims.ToArray();
        switch (dataType)
        {
            case OnnxTensor.Float:
                return new OnnxTensor(name, dataType, shape, raw is not null ? RawFloats(raw, name, count) : Exact(floatData.ToArray(), name, count), null);
            case OnnxTensor.Double:
                return new OnnxTensor(name, dataType, shape, raw is not null ? RawDoubles(raw, name, count) : Exact(doubleData.ConvertAll(d => (float)d).ToArray(), name, count), null);
            case OnnxTensor.Float16:
                return new OnnxTensor(name, dataType, shape, raw is not null ? RawHalves(raw, name, count) : Exact(int32Data.ConvertAll(h => (float)BitConverter.UInt16BitsToHalf((ushort)h)).ToArray(), name, count), null);
            case OnnxTensor.Int64:
                return new OnnxTensor(name, dataType, shape, null, raw is not null ? RawIntegers(raw, 8, name, count) : Exact(int64Data.ToArray(), name, count));
            case OnnxTensor.Int32:
                return new OnnxTensor(name, dataType, shape, null, raw is not null ? RawIntegers(raw, 4, name, count) : Exact(int32Data.ToArray(), name, count));
            case OnnxTensor.Int8:
            case OnnxTensor.Uint8:
            case OnnxTensor.Bool:
                return new OnnxTensor(name, dataType, shape, null, raw is not null ? RawIntegers(raw, 1, name, count, signed: dataType == OnnxTensor.Int8) : Exact(int32Data.ToArray(), name, count));
            default:
                // Kept with no values: the importer reports the node that reads it.
                return new OnnxTensor(name, dataType, shape, null, null);
        }
    }

    private static T[] Exact<T>(T[] values, string name, long count)
    {
        if (values.Length != count) throw new InvalidDataException($"The tensor '{name}' holds {values.Length} values for a shape of {count}.");
        return values;
    }

    private static float[] RawFloats(byte[] raw, string name, long count)
    {
        CheckRaw(raw, 4, name, count);
        var values = new float[count];
        for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(4 * i));
        return values;
    }

    private static float[] RawDoubles(byte[] raw, string name, long count)
    {
        CheckRaw(raw, 8, name, count);
        var values = new float[count];
        for (int i = 0; i < values.Length; i++) values[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(raw.AsSpan(8 * i));
        return values;
    }

    private static float[] RawHalves(byte[] raw, string name, long count)
    {
        CheckRaw(raw, 2, name, count);
        var values = new float[count];
        for (int i = 0; i < values.Length; i++) values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(raw.AsSpan(2 * i));
        return values;
    }

    private static long[] RawIntegers(byte[] raw, int size, string name, long count, bool signed = true)
    {
        CheckRaw(raw, size, name, count);
        var values = new long[count];
        for (int i = 0; i < values.Length; i++)
        {
            var at = raw.AsSpan(size * i);
            values[i] = size switch
            {
                8 => BinaryPrimitives.ReadInt64LittleEndian(at),
                4 => BinaryPrimitives.ReadInt32LittleEndian(at),
                _ => signed ? (sbyte)at[0] : at[0],
            };
        }
        return values;
    }

    private static void CheckRaw(byte[] raw, int size, string name, long count)
    {
        if (raw.LongLength != count * size)
            throw new InvalidDataException($"The tensor '{name}' has {raw.LongLength} bytes of data for {count} values of {size} bytes.");
    }

    private static OnnxValueInfo ReadValueInfo(ReadOnlySpan<byte> bytes)
    {
        string name = "";
        int elementType = 0;
        List<long?>? dims = null;
        List<string>? dimNames = null;
        var reader = new ProtoReader(bytes);
        while (reader.Next(out int field, out int wire))
        {
            if (field == 1 && wire == ProtoReader.LengthDelimited) name = reader.ReadString();
            else if (field == 2 && wire == ProtoReader.LengthDelimited) ReadType(reader.ReadBytes(), ref elementType, ref dims, ref dimNames);
            else reader.Skip(wire);
        }
        return new OnnxValueInfo(name, elementType, dims?.ToArray(), dimNames?.ToArray() ?? Array.Empty<string>());
    }

    private static void ReadType(ReadOnlySpan<byte> bytes, ref int elementType, ref List<long?>? dims, ref List<string>? dimNames)
    {
        var reader = new ProtoReader(bytes);
        while (reader.Next(out int field, out int wire))
        {
            if (field != 1 || wire != ProtoReader.LengthDelimited) { reader.Skip(wire); continue; }
            // TypeProto.tensor_type: elem_type (1), shape (2).
            var tensorType = new ProtoReader(reader.ReadBytes());
            while (tensorType.Next(out int f, out int w))
            {
                if (f == 1 && w == ProtoReader.Varint) elementType = (int)tensorType.ReadInt64();
                else if (f == 2 && w == ProtoReader.LengthDelimited)
                {
                    dims = new List<long?>();
                    dimNames = new List<string>();
                    var shape = new ProtoReader(tensorType.ReadBytes());
                    while (shape.Next(out int sf, out int sw))
                    {
                        if (sf != 1 || sw != ProtoReader.LengthDelimited) { shape.Skip(sw); continue; }
                        long? value = null;
                        string text = "?";
                        var dim = new ProtoReader(shape.ReadBytes());
                        while (dim.Next(out int df, out int dw))
                        {
                            if (df == 1 && dw == ProtoReader.Varint) { value = dim.ReadInt64(); text = value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture); }
                            else if (df == 2 && dw == ProtoReader.LengthDelimited) { text = dim.ReadString(); value = null; }
                            else dim.Skip(dw);
                        }
                        dims.Add(value);
                        dimNames.Add(text);
                    }
                }
                else tensorType.Skip(w);
            }
        }
    }

    private static void ReadInts(ref ProtoReader reader, int wire, List<long> values)
    {
        if (wire == ProtoReader.Varint) { values.Add(reader.ReadInt64()); return; }
        if (wire != ProtoReader.LengthDelimited) { reader.Skip(wire); return; }
        var packed = new ProtoReader(reader.ReadBytes());
        while (packed.HasMore) values.Add(packed.ReadInt64());
    }

    private static void ReadFloats(ref ProtoReader reader, int wire, List<float> values)
    {
        if (wire == ProtoReader.Fixed32) { values.Add(reader.ReadFloat()); return; }
        if (wire != ProtoReader.LengthDelimited) { reader.Skip(wire); return; }
        var packed = new ProtoReader(reader.ReadBytes());
        while (packed.HasMore) values.Add(packed.ReadFloat());
    }

    private static void ReadDoubles(ref ProtoReader reader, int wire, List<double> values)
    {
        if (wire == ProtoReader.Fixed64) { values.Add(reader.ReadDouble()); return; }
        if (wire != ProtoReader.LengthDelimited) { reader.Skip(wire); return; }
        var packed = new ProtoReader(reader.ReadBytes());
        while (packed.HasMore) values.Add(packed.ReadDouble());
    }
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Tool.Onnx;

/// <summary>
/// A constant tensor of an ONNX graph (an initializer or a <c>Constant</c> node's value), decoded: float types as
/// <see cref="Floats"/>, integer and bool types as <see cref="Integers"/>.
/// </summary>
/// <param name="Name">The tensor's name in the graph.</param>
/// <param name="DataType">ONNX's <c>TensorProto.DataType</c> (1 float, 7 int64, …).</param>
/// <param name="Dims">The shape (empty for a scalar).</param>
/// <param name="Floats">The values of a float tensor (FLOAT, DOUBLE, FLOAT16), row-major; null for integer types.</param>
/// <param name="Integers">The values of an integer or bool tensor, row-major; null for float types.</param>
internal sealed record OnnxTensor(string Name, int DataType, long[] Dims, float[]? Floats, long[]? Integers)
{
    /// <summary>ONNX data type numbers this tool reads.</summary>
    public const int Float = 1, Uint8 = 2, Int8 = 3, Int32 = 6, Int64 = 7, Bool = 9, Float16 = 10, Double = 11;

    /// <summary>The number of elements (the product of <see cref="Dims"/>).</summary>
    public long Count => Dims.Aggregate(1L, (a, d) => a * d);

    /// <summary>The shape as text, e.g. <c>[16, 8]</c>.</summary>
    public string ShapeText => "[" + string.Join(", ", Dims) + "]";

    /// <summary>True for a float tensor.</summary>
    public bool IsFloat => Floats is not null;

    /// <summary>The values as floats whatever the type (integers converted).</summary>
    public float[] AsFloats() => Floats ?? Integers!.Select(v => (float)v).ToArray();

    /// <summary>The values as 64-bit integers; null for a float tensor.</summary>
    public long[]? AsIntegers() => Integers;

    /// <summary>The single value of a one-element tensor as a float; null when it has more than one element.</summary>
    public float? Scalar => Count == 1 ? AsFloats()[0] : null;

    /// <summary>A readable name of an ONNX data type.</summary>
    public static string TypeName(int dataType) => dataType switch
    {
        Float => "float32",
        Uint8 => "uint8",
        Int8 => "int8",
        Int32 => "int32",
        Int64 => "int64",
        Bool => "bool",
        Float16 => "float16",
        Double => "float64",
        _ => "type " + dataType,
    };

    /// <inheritdoc />
    public bool Equals(OnnxTensor? other) => ReferenceEquals(this, other);

    /// <inheritdoc />
    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);
}

/// <summary>One attribute of a node (the fields of ONNX's <c>AttributeProto</c> this tool reads).</summary>
/// <param name="Name">The attribute's name.</param>
/// <param name="Type">ONNX's <c>AttributeType</c> (1 FLOAT, 2 INT, 3 STRING, 4 TENSOR, 6 FLOATS, 7 INTS, 8 STRINGS, 5 GRAPH…).</param>
internal sealed record OnnxAttribute(string Name, int Type)
{
    /// <summary>A FLOAT attribute's value.</summary>
    public float F { get; init; }

    /// <summary>An INT attribute's value.</summary>
    public long I { get; init; }

    /// <summary>A STRING attribute's value.</summary>
    public string S { get; init; } = "";

    /// <summary>A TENSOR attribute's value.</summary>
    public OnnxTensor? T { get; init; }

    /// <summary>A FLOATS attribute's values.</summary>
    public List<float> Floats { get; init; } = new();

    /// <summary>An INTS attribute's values.</summary>
    public List<long> Ints { get; init; } = new();

    /// <summary>A STRINGS attribute's values.</summary>
    public List<string> Strings { get; init; } = new();

    /// <summary>The value as text for <c>netgen inspect</c>.</summary>
    public string ValueText => Type switch
    {
        1 => F.ToString("G9", System.Globalization.CultureInfo.InvariantCulture),
        2 => I.ToString(System.Globalization.CultureInfo.InvariantCulture),
        3 => "\"" + S + "\"",
        4 => "tensor " + (T?.ShapeText ?? "?"),
        6 => "[" + string.Join(", ", Floats.Select(f => f.ToString("G9", System.Globalization.CultureInfo.InvariantCulture))) + "]",
        7 => "[" + string.Join(", ", Ints) + "]",
        8 => "[" + string.Join(", ", Strings.Select(s => "\"" + s + "\"")) + "]",
        _ => "(attribute type " + Type + ")",
    };
}

/// <summary>One node of the graph.</summary>
/// <param name="Name">The node's name (exporters name every node; an empty name is shown by its first output).</param>
/// <param name="OpType">The operator, e.g. <c>Gemm</c>.</param>
/// <param name="Domain">The operator set's domain ("" or "ai.onnx" is the default one).</param>
/// <param name="Inputs">Input tensor names ("" for an omitted optional input).</param>
/// <param name="Outputs">Output tensor names.</param>
/// <param name="Attributes">The attributes by name.</param>
internal sealed record OnnxNode(string Name, string OpType, string Domain, string[] Inputs, string[] Outputs, Dictionary<string, OnnxAttribute> Attributes)
{
    /// <summary>How messages name the node: <c>'/fc/Gemm' (Gemm)</c>.</summary>
    public string Display => $"'{Clean(Name.Length > 0 ? Name : Outputs.FirstOrDefault() ?? "?")}' ({Clean(OpType)})";

    /// <summary>Text from the file made safe for one line of a message or a C# comment.</summary>
    public static string Clean(string text)
    {
        var chars = text.Select(c => char.IsControl(c) ? ' ' : c).ToArray();
        string result = new string(chars);
        return result.Length > 200 ? result.Substring(0, 200) + "…" : result;
    }

    /// <summary>An INT attribute, or <paramref name="fallback"/> when absent.</summary>
    public long Int(string name, long fallback) => Attributes.TryGetValue(name, out var a) ? a.I : fallback;

    /// <summary>A FLOAT attribute, or <paramref name="fallback"/> when absent.</summary>
    public float Float(string name, float fallback) => Attributes.TryGetValue(name, out var a) ? a.F : fallback;

    /// <summary>A STRING attribute, or <paramref name="fallback"/> when absent.</summary>
    public string String(string name, string fallback) => Attributes.TryGetValue(name, out var a) ? a.S : fallback;

    /// <summary>An INTS attribute, or null when absent.</summary>
    public long[]? Ints(string name) => Attributes.TryGetValue(name, out var a) ? a.Ints.ToArray() : null;

    /// <summary>True when the node is in the default (ai.onnx) domain.</summary>
    public bool IsDefaultDomain => Domain.Length == 0 || Domain == "ai.onnx";

    /// <inheritdoc />
    public bool Equals(OnnxNode? other) => ReferenceEquals(this, other);

    /// <inheritdoc />
    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);
}

/// <summary>A graph input or output: its name, element type and shape (a dimension is a number or a symbol).</summary>
/// <param name="Name">The value's name.</param>
/// <param name="ElementType">ONNX's data type of the elements (0 when not given).</param>
/// <param name="Dims">The dimensions: a number, or null for a symbolic or unknown one; null when no shape is given.</param>
/// <param name="DimNames">The dimensions as written (a number or the symbol, "?" when unknown).</param>
internal sealed record OnnxValueInfo(string Name, int ElementType, long?[]? Dims, string[] DimNames)
{
    /// <summary>The shape as text, e.g. <c>[N, 8]</c>.</summary>
    public string ShapeText => Dims is null ? "(no shape)" : "[" + string.Join(", ", DimNames) + "]";

    /// <inheritdoc />
    public bool Equals(OnnxValueInfo? other) => ReferenceEquals(this, other);

    /// <inheritdoc />
    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);
}

/// <summary>The graph of a model: nodes in file order, constant tensors, inputs and outputs.</summary>
internal sealed class OnnxGraph
{
    /// <summary>The graph's name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The nodes in file order (ONNX requires topological order).</summary>
    public List<OnnxNode> Nodes { get; } = new();

    /// <summary>The initializers by name.</summary>
    public Dictionary<string, OnnxTensor> Initializers { get; } = new(StringComparer.Ordinal);

    /// <summary>The graph inputs (initializers listed as inputs by old exporters included; see <see cref="RealInputs"/>).</summary>
    public List<OnnxValueInfo> Inputs { get; } = new();

    /// <summary>The graph outputs.</summary>
    public List<OnnxValueInfo> Outputs { get; } = new();

    /// <summary>Value infos of intermediate tensors, when the exporter wrote them.</summary>
    public Dictionary<string, OnnxValueInfo> ValueInfos { get; } = new(StringComparer.Ordinal);

    /// <summary>The graph inputs that are not initializers: the values a caller feeds.</summary>
    public IEnumerable<OnnxValueInfo> RealInputs => Inputs.Where(i => !Initializers.ContainsKey(i.Name));
}

/// <summary>An ONNX model: the IR version, the operator sets it imports, who wrote it, and its graph.</summary>
internal sealed class OnnxModel
{
    /// <summary>ONNX's IR version.</summary>
    public long IrVersion { get; set; }

    /// <summary>The producer's name and version, e.g. <c>pytorch 1.13.0</c>.</summary>
    public string Producer { get; set; } = "";

    /// <summary>Operator set versions by domain ("" is the default domain).</summary>
    public Dictionary<string, long> Opsets { get; } = new(StringComparer.Ordinal);

    /// <summary>The main graph.</summary>
    public OnnxGraph Graph { get; set; } = new();

    /// <summary>The default domain's opset version (0 when the model names none).</summary>
    public long Opset => Opsets.TryGetValue("", out long v) ? v : Opsets.TryGetValue("ai.onnx", out v) ? v : 0;
}

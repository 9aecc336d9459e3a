using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Tool.Onnx;

namespace NetGen.Tool.Import;

/// <summary>
/// The part of a graph that one output depends on, with who produces and who reads each tensor, and the tensors that
/// are constants (initializers, <c>Constant</c> nodes, and small computations on them that exporters leave in:
/// <c>Sqrt</c> of a variance buffer, <c>Cast</c>, <c>Unsqueeze</c>, a zero state from <c>ConstantOfShape</c>).
/// </summary>
internal sealed class GraphIndex
{
    private readonly Dictionary<string, OnnxNode> _producers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<OnnxNode>> _consumers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OnnxTensor?> _constants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _zeros = new(StringComparer.Ordinal);

    /// <summary>Indexes the nodes of <paramref name="graph"/> that <paramref name="output"/> depends on.</summary>
    public GraphIndex(OnnxGraph graph, string output)
    {
        Graph = graph;
        foreach (var node in graph.Nodes)
            foreach (string o in node.Outputs)
                if (o.Length > 0) _producers[o] = node;
        // The cone: every node the output depends on.
        var cone = new HashSet<OnnxNode>();
        var stack = new Stack<string>();
        stack.Push(output);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (stack.Count > 0)
        {
            string tensor = stack.Pop();
            if (!seen.Add(tensor) || !_producers.TryGetValue(tensor, out var node) || !cone.Add(node)) continue;
            foreach (string i in node.Inputs) if (i.Length > 0) stack.Push(i);
        }
        Nodes = graph.Nodes.Where(cone.Contains).ToList();
        foreach (var node in Nodes)
        {
            foreach (string i in node.Inputs.Where(i => i.Length > 0).Distinct())
            {
                if (!_consumers.TryGetValue(i, out var list)) _consumers[i] = list = new List<OnnxNode>();
                list.Add(node);
            }
        }
    }

    /// <summary>The graph.</summary>
    public OnnxGraph Graph { get; }

    /// <summary>The nodes the output depends on, in graph order.</summary>
    public List<OnnxNode> Nodes { get; }

    /// <summary>The node that writes <paramref name="tensor"/>, or null for a graph input or initializer.</summary>
    public OnnxNode? Producer(string tensor) => _producers.TryGetValue(tensor, out var n) ? n : null;

    /// <summary>The nodes (within the output's dependencies) that read <paramref name="tensor"/>.</summary>
    public IReadOnlyList<OnnxNode> Consumers(string tensor) => _consumers.TryGetValue(tensor, out var l) ? l : (IReadOnlyList<OnnxNode>)Array.Empty<OnnxNode>();

    /// <summary>The readers of <paramref name="tensor"/> that use its values (not only its shape, as <c>Shape</c> does).</summary>
    public List<OnnxNode> ValueConsumers(string tensor) => Consumers(tensor).Where(n => n.OpType != "Shape").ToList();

    /// <summary>True when <paramref name="tensor"/> is a constant (or the empty name of an omitted input).</summary>
    public bool IsConstant(string tensor) => tensor.Length == 0 || Constant(tensor) is not null || IsZeros(tensor);

    /// <summary>The constant value of <paramref name="tensor"/>, or null when it depends on the input.</summary>
    public OnnxTensor? Constant(string tensor)
    {
        if (_constants.TryGetValue(tensor, out var known)) return known;
        _constants[tensor] = null; // guards against cycles in malformed graphs
        var value = Compute(tensor);
        _constants[tensor] = value;
        return value;
    }

    /// <summary>
    /// True when <paramref name="tensor"/> is all zeros whatever the input's shape: a zero state built as
    /// <c>ConstantOfShape(Shape(x)…)</c> with the value 0 (as PyTorch's exporter writes a recurrent layer's initial state),
    /// or slices of one.
    /// </summary>
    public bool IsZeros(string tensor)
    {
        if (_zeros.TryGetValue(tensor, out bool known)) return known;
        _zeros[tensor] = false;
        bool zeros;
        var constant = Graph.Initializers.TryGetValue(tensor, out var init) ? init : null;
        if (constant?.Floats is not null || constant?.Integers is not null) zeros = constant.AsFloats().All(v => v == 0);
        else if (Producer(tensor) is not { } node) zeros = false;
        else zeros = node.OpType switch
        {
            "ConstantOfShape" => !node.Attributes.TryGetValue("value", out var v) || v.T is null || v.T.AsFloats().All(x => x == 0),
            "Constant" => Constant(tensor) is { } c && c.AsFloats().All(x => x == 0),
            "Slice" or "Gather" or "Squeeze" or "Unsqueeze" or "Expand" or "Identity" or "Reshape" or "Cast" or "Transpose" or "Tile" => IsZeros(node.Inputs[0]),
            _ => false,
        };
        _zeros[tensor] = zeros;
        return zeros;
    }

    private OnnxTensor? Compute(string tensor)
    {
        if (Graph.Initializers.TryGetValue(tensor, out var init)) return init.Floats is null && init.Integers is null ? null : init;
        if (Producer(tensor) is not { } node) return null;
        if (node.OpType == "Constant") return ConstantNodeValue(node, tensor);
        if (node.Outputs.Length == 0 || node.Outputs[0] != tensor) return null;
        var inputs = new List<OnnxTensor?>();
        foreach (string i in node.Inputs) inputs.Add(i.Length == 0 ? null : Constant(i));
        if (node.Inputs.Length == 0 || inputs.Where((t, k) => node.Inputs[k].Length > 0).Any(t => t is null)) return null;
        var x = inputs[0]!;
        switch (node.OpType)
        {
            case "Identity":
            case "Cast":
                return x with { Name = tensor, Floats = node.OpType == "Cast" && node.Int("to", 1) == OnnxTensor.Float ? x.AsFloats() : x.Floats, Integers = node.OpType == "Cast" && node.Int("to", 1) == OnnxTensor.Float ? null : x.Integers };
            case "Reshape" when inputs.Count > 1 && inputs[1]!.Integers is { } target:
                return x with { Name = tensor, Dims = ReshapeDims(x.Dims, target) ?? x.Dims };
            case "Unsqueeze":
            case "Squeeze":
                return x with { Name = tensor, Dims = SqueezeDims(node, x.Dims, inputs.Count > 1 ? inputs[1] : null) };
            default:
                if (!ElementwiseEvaluator.IsElementwise(node)) return null;
                var result = ElementwiseEvaluator.EvaluateConstant(node, inputs);
                return result is null ? null : new OnnxTensor(tensor, OnnxTensor.Float, result.Value.Dims, result.Value.Values.Select(v => (float)v).ToArray(), null);
        }
    }

    private static long[]? ReshapeDims(long[] dims, long[] target)
    {
        long count = dims.Aggregate(1L, (a, d) => a * d);
        var result = new long[target.Length];
        int infer = -1;
        long known = 1;
        for (int i = 0; i < target.Length; i++)
        {
            result[i] = target[i] == 0 && i < dims.Length ? dims[i] : target[i];
            if (result[i] == -1) infer = i; else known *= result[i];
        }
        if (infer >= 0 && known > 0) result[infer] = count / known;
        return result.Aggregate(1L, (a, d) => a * d) == count ? result : null;
    }

    private static long[] SqueezeDims(OnnxNode node, long[] dims, OnnxTensor? axesInput)
    {
        long[] axes = axesInput?.Integers ?? node.Ints("axes") ?? Array.Empty<long>();
        var list = dims.ToList();
        if (node.OpType == "Squeeze")
        {
            if (axes.Length == 0) return list.Where(d => d != 1).ToArray();
            foreach (long a in axes.Select(a => a < 0 ? a + dims.Length : a).OrderByDescending(a => a)) if (a >= 0 && a < list.Count) list.RemoveAt((int)a);
            return list.ToArray();
        }
        int rank = dims.Length + axes.Length;
        foreach (long a in axes.Select(a => a < 0 ? a + rank : a).OrderBy(a => a)) list.Insert((int)Math.Min(a, list.Count), 1);
        return list.ToArray();
    }

    private static OnnxTensor? ConstantNodeValue(OnnxNode node, string tensor)
    {
        if (node.Attributes.TryGetValue("value", out var v) && v.T is not null) return v.T with { Name = tensor };
        if (node.Attributes.TryGetValue("value_float", out v)) return new OnnxTensor(tensor, OnnxTensor.Float, Array.Empty<long>(), new[] { v.F }, null);
        if (node.Attributes.TryGetValue("value_floats", out v)) return new OnnxTensor(tensor, OnnxTensor.Float, new long[] { v.Floats.Count }, v.Floats.ToArray(), null);
        if (node.Attributes.TryGetValue("value_int", out v)) return new OnnxTensor(tensor, OnnxTensor.Int64, Array.Empty<long>(), null, new[] { v.I });
        if (node.Attributes.TryGetValue("value_ints", out v)) return new OnnxTensor(tensor, OnnxTensor.Int64, new long[] { v.Ints.Count }, null, v.Ints.ToArray());
        return null;
    }
}

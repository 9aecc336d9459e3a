using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Tool.Onnx;

namespace NetGen.Tool.Import;

/// <summary>One step of what an element-wise piece of a graph computes, in the terms NetGen can build.</summary>
internal abstract record ElementwiseStep
{
    /// <summary>The nodes that compute this step, for comments.</summary>
    public string Source { get; init; } = "";
}

/// <summary>y = a·x + b per element of the value (input normalisation, a bias Add, a scale).</summary>
/// <param name="A">The factors, one per element of one sample's value.</param>
/// <param name="B">The offsets, one per element.</param>
internal sealed record AffineStep(double[] A, double[] B) : ElementwiseStep;

/// <summary>One of NetGen's element-wise activations.</summary>
internal sealed record ActivationStep(Activation Activation) : ElementwiseStep;

/// <summary>y = min(max(x, Low), High) (Clip; a bound may be infinite).</summary>
internal sealed record ClampStep(double Low, double High) : ElementwiseStep;

/// <summary>
/// Recognises what a piece of element-wise nodes computes by evaluating it at probe points: an affine map (per
/// element), one of NetGen's activations (so <c>x·Sigmoid(x)</c>, ML-Agents' Swish and the Erf form of GELU are found
/// whatever nodes spell them), a clamp, or a chain of those split at an inner tensor.
/// </summary>
internal sealed class ElementwiseClassifier
{
    private static readonly double[] AffineProbes = { 0, 1, -2.5, 3.75, -7, 11 };
    private static readonly double[] ActivationProbes = Enumerable.Range(-48, 97).Select(i => i * 0.25).Concat(new[] { -30, -20, -0.01, 0.01, 20, 30 }).ToArray();

    private readonly GraphIndex _index;
    private readonly long[] _dims;

    /// <summary>Creates a classifier for pieces whose input has the physical shape <paramref name="dims"/> (batch 1).</summary>
    public ElementwiseClassifier(GraphIndex index, long[] dims)
    {
        _index = index;
        _dims = dims;
    }

    /// <summary>The steps <paramref name="nodes"/> compute from <paramref name="input"/> to <paramref name="output"/>.</summary>
    /// <exception cref="ImportException">The piece is none of the things NetGen can build.</exception>
    public List<ElementwiseStep> Classify(IReadOnlyList<OnnxNode> nodes, string input, string output)
    {
        var steps = TryClassify(nodes, input, output, depth: 0);
        if (steps is not null) return steps;
        throw new ImportException(Describe(nodes) + " compute an element-wise function that is none of NetGen's activations "
            + "(Relu, LeakyRelu with slope 0.01, Sigmoid, Tanh, Silu, Gelu, GeluTanh, Elu, Softplus, Mish, HardSigmoid, HardSwish — PyTorch's definitions), "
            + "nor an affine map or a clamp of one. " + Hint(nodes));
    }

    private List<ElementwiseStep>? TryClassify(IReadOnlyList<OnnxNode> nodes, string input, string output, int depth)
    {
        if (Single(nodes, input, output) is { } step) return new List<ElementwiseStep> { step with { Source = string.Join(" + ", nodes.Select(n => n.Display)) } };
        if (depth > 4) return null;
        // Split at an inner tensor m: the nodes m depends on, then the rest reading only m.
        foreach (var node in nodes)
        {
            foreach (string m in node.Outputs.Where(o => o.Length > 0 && o != output))
            {
                var first = Ancestors(nodes, m);
                var rest = nodes.Where(n => !first.Contains(n)).ToList();
                if (rest.Count == 0) continue;
                var firstOutputs = new HashSet<string>(first.SelectMany(n => n.Outputs), StringComparer.Ordinal) { input };
                firstOutputs.Remove(m);
                if (rest.Any(n => n.Inputs.Any(firstOutputs.Contains))) continue;
                var head = TryClassify(first.ToList(), input, m, depth + 1);
                if (head is null) continue;
                var tail = TryClassify(rest, m, output, depth + 1);
                if (tail is null) continue;
                head.AddRange(tail);
                return head;
            }
        }
        return null;
    }

    private ElementwiseStep? Single(IReadOnlyList<OnnxNode> nodes, string input, string output)
    {
        int count = (int)_dims.Aggregate(1L, (a, d) => a * d);
        // Affine?
        var values = AffineProbes.Select(v => Evaluate(nodes, input, output, v)).ToList();
        if (values.Any(v => v is null || v.Length != count)) return null;
        var b = values[0]!;
        var a = values[1]!.Zip(b, (y1, y0) => y1 - y0).ToArray();
        bool affine = true;
        for (int p = 2; p < AffineProbes.Length && affine; p++)
            for (int e = 0; e < count; e++)
                if (!Close(values[p]![e], a[e] * AffineProbes[p] + b[e])) { affine = false; break; }
        if (affine) return new AffineStep(a, b);
        // One of NetGen's activations?
        var probes = ActivationProbes.Select(v => Evaluate(nodes, input, output, v)).ToList();
        if (probes.Any(v => v is null)) return null;
        foreach (var (activation, f) in ActivationFunctions.Elementwise)
        {
            bool all = true;
            for (int p = 0; p < ActivationProbes.Length && all; p++)
            {
                double expected = f(ActivationProbes[p]);
                foreach (double y in probes[p]!) if (!Close(y, expected)) { all = false; break; }
            }
            if (all) return new ActivationStep(activation);
        }
        // A clamp written as one node (Clip, or Max/Min with a constant)?
        if (nodes.Count == 1)
        {
            var node = nodes[0];
            var constants = node.Inputs.Skip(node.OpType == "Clip" ? 1 : 0).Where(i => i.Length > 0 && i != input).Select(_index.Constant).ToList();
            if (node.OpType == "Clip" && constants.All(c => c?.Scalar is not null))
            {
                double lo = double.NegativeInfinity, hi = double.PositiveInfinity;
                if (node.Attributes.ContainsKey("min")) lo = node.Float("min", 0);
                if (node.Attributes.ContainsKey("max")) hi = node.Float("max", 0);
                if (node.Inputs.Length > 1 && node.Inputs[1].Length > 0) lo = _index.Constant(node.Inputs[1])!.Scalar!.Value;
                if (node.Inputs.Length > 2 && node.Inputs[2].Length > 0) hi = _index.Constant(node.Inputs[2])!.Scalar!.Value;
                if (lo < hi) return new ClampStep(lo, hi);
            }
            if ((node.OpType is "Max" or "Min") && node.Inputs.Length == 2 && constants.Count == 1 && constants[0]?.Scalar is { } bound)
                return node.OpType == "Max" ? new ClampStep(bound, double.PositiveInfinity) : new ClampStep(double.NegativeInfinity, bound);
            if (node.OpType == "HardSigmoid")
            {
                // HardSigmoid with other constants than PyTorch's: clamp(αx + β, 0, 1).
                return null;
            }
        }
        return null;
    }

    private static bool Close(double actual, double expected) => Math.Abs(actual - expected) <= 2e-5 * (1 + Math.Abs(expected));

    private double[]? Evaluate(IReadOnlyList<OnnxNode> nodes, string input, string output, double probe)
    {
        long count = _dims.Aggregate(1L, (a, d) => a * d);
        var values = new Dictionary<string, DoubleTensor>(StringComparer.Ordinal)
        {
            [input] = new DoubleTensor(Enumerable.Repeat(probe, (int)count).ToArray(), _dims),
        };
        foreach (var node in nodes)
        {
            var inputs = new List<DoubleTensor?>();
            foreach (string name in node.Inputs)
            {
                if (name.Length == 0) inputs.Add(null);
                else if (values.TryGetValue(name, out var v)) inputs.Add(v);
                else if (_index.Constant(name) is { } c && c.IsFloat || _index.Constant(name) is { Integers: not null }) inputs.Add(DoubleTensor.From(_index.Constant(name)!));
                else return null;
            }
            var result = ElementwiseEvaluator.Evaluate(node, inputs);
            if (result is null) return null;
            values[node.Outputs[0]] = result.Value;
        }
        if (!values.TryGetValue(output, out var y) || y.Values.Length != count) return null;
        return y.Values;
    }

    private static HashSet<OnnxNode> Ancestors(IReadOnlyList<OnnxNode> nodes, string tensor)
    {
        var result = new HashSet<OnnxNode>();
        var stack = new Stack<string>();
        stack.Push(tensor);
        while (stack.Count > 0)
        {
            string t = stack.Pop();
            foreach (var node in nodes.Where(n => n.Outputs.Contains(t)))
                if (result.Add(node)) foreach (string i in node.Inputs) stack.Push(i);
        }
        return result;
    }

    /// <summary>The nodes as a list for messages.</summary>
    public static string Describe(IReadOnlyList<OnnxNode> nodes) => nodes.Count == 1
        ? "The node " + nodes[0].Display
        : "The nodes " + string.Join(", ", nodes.Select(n => n.Display));

    private static string Hint(IReadOnlyList<OnnxNode> nodes)
    {
        foreach (var node in nodes)
        {
            if (node.OpType == "LeakyRelu")
                return $"{node.Display} has the slope {node.Float("alpha", 0.01f)}; NetGen's LeakyRelu has PyTorch's default slope 0.01 (nn.LeakyReLU()): train with that slope or use Relu.";
            if (node.OpType == "HardSigmoid")
                return $"{node.Display} has alpha {node.Float("alpha", 0.2f)} and beta {node.Float("beta", 0.5f)}; NetGen's HardSigmoid is PyTorch's (alpha 1/6, beta 0.5).";
            if (node.OpType == "Elu" && node.Float("alpha", 1) != 1)
                return $"{node.Display} has alpha {node.Float("alpha", 1)}; NetGen's Elu has alpha 1 (nn.ELU()).";
        }
        return "Use one of those activations in the model, or write the network with NetGen's layers.";
    }
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Generator.Graph;

/// <summary>
/// Builds the scalar expression graph. Every constructor method simplifies as it builds: constant folding,
/// x·1, x·0, x+0, −(−x), c₁·(c₂·x), and interning of equal nodes (common subexpressions become one node).
/// Nodes that nothing reaches are never emitted (dead-code elimination happens in the schedule).
/// </summary>
internal sealed class ExpressionGraph
{
    private readonly List<Node> _nodes = new();
    private readonly Dictionary<NodeKey, int> _interned = new();
    private readonly Dictionary<int, NodeLabel> _labels = new();
    private readonly Dictionary<int, string> _comments = new();

    public int Count => _nodes.Count;

    public Node this[int id] => _nodes[id];

    public IReadOnlyList<Node> Nodes => _nodes;

    // ---- labels and comments (presentation only: never part of a node's identity) ----

    /// <summary>Gives a node a C# local name and a display name for comments, unless it already has one.</summary>
    public void Label(int id, string identifier, string display)
    {
        if (_labels.ContainsKey(id)) return;
        _labels[id] = new NodeLabel(identifier, display);
    }

    public NodeLabel? LabelOf(int id) => _labels.TryGetValue(id, out var label) ? label : null;

    /// <summary>Attaches a comment that the emitters write above the node's statement (first comment wins).</summary>
    public void Comment(int id, string text)
    {
        if (!_comments.ContainsKey(id)) _comments[id] = text;
    }

    public string? CommentOf(int id) => _comments.TryGetValue(id, out var text) ? text : null;

    // ---- leaves ----

    public int Constant(float value) => Intern(OpKind.Constant, Array.Empty<int>(), value, 0, null);

    public int Input(int index) => Intern(OpKind.Input, Array.Empty<int>(), 0, index, null);

    public int Target(int index) => Intern(OpKind.Target, Array.Empty<int>(), 0, index, null);

    public int Mask(int index) => Intern(OpKind.Mask, Array.Empty<int>(), 0, index, null);

    public int Parameter(int index) => Intern(OpKind.Parameter, Array.Empty<int>(), 0, index, null);

    /// <summary>The node of parameter <paramref name="index"/>, without creating one.</summary>
    public int? FindParameter(int index)
        => _interned.TryGetValue(new NodeKey(OpKind.Parameter, Array.Empty<int>(), 0, index, null), out int id) ? id : null;

    // ---- arithmetic ----

    public int Sum(IEnumerable<int> terms)
    {
        var kept = new List<int>();
        float constant = 0f;
        bool hasConstant = false;
        foreach (int term in terms)
        {
            var node = _nodes[term];
            if (node.Kind == OpKind.Constant)
            {
                constant += node.Value;
                hasConstant = true;
            }
            else
            {
                kept.Add(term);
            }
        }
        if (hasConstant && constant != 0f) kept.Insert(0, Constant(constant));
        if (kept.Count == 0) return Constant(0f);
        if (kept.Count == 1) return kept[0];
        return Intern(OpKind.Sum, kept.ToArray(), 0, 0, null);
    }

    public int Add(int a, int b) => Sum(new[] { a, b });

    public int Multiply(int a, int b)
    {
        var x = _nodes[a];
        var y = _nodes[b];
        if (x.Kind == OpKind.Constant && y.Kind == OpKind.Constant) return Constant(x.Value * y.Value);
        if (y.Kind == OpKind.Constant) return Multiply(b, a); // constants first
        if (x.Kind == OpKind.Constant)
        {
            if (x.Value == 0f) return Constant(0f);
            if (x.Value == 1f) return b;
            if (x.Value == -1f) return Negate(b);
            if (y.Kind == OpKind.Multiply && _nodes[y.Args[0]].Kind == OpKind.Constant)
            {
                return Multiply(Constant(x.Value * _nodes[y.Args[0]].Value), y.Args[1]);
            }
            if (y.Kind == OpKind.Negate) return Multiply(Constant(-x.Value), y.Args[0]);
        }
        return Intern(OpKind.Multiply, new[] { a, b }, 0, 0, null);
    }

    public int Negate(int a)
    {
        var x = _nodes[a];
        if (x.Kind == OpKind.Constant) return Constant(-x.Value);
        if (x.Kind == OpKind.Negate) return x.Args[0];
        return Intern(OpKind.Negate, new[] { a }, 0, 0, null);
    }

    public int Subtract(int a, int b)
    {
        if (a == b) return Constant(0f);
        var x = _nodes[a];
        var y = _nodes[b];
        if (x.Kind == OpKind.Constant && y.Kind == OpKind.Constant) return Constant(x.Value - y.Value);
        if (y.IsConstant(0f)) return a;
        if (x.IsConstant(0f)) return Negate(b);
        return Intern(OpKind.Subtract, new[] { a, b }, 0, 0, null);
    }

    public int Divide(int a, int b)
    {
        var x = _nodes[a];
        var y = _nodes[b];
        if (y.IsConstant(1f)) return a;
        if (x.IsConstant(0f)) return Constant(0f);
        if (x.Kind == OpKind.Constant && y.Kind == OpKind.Constant) return Constant(x.Value / y.Value);
        return Intern(OpKind.Divide, new[] { a, b }, 0, 0, null);
    }

    /// <summary>A unary operation (<see cref="OpKind.Square"/>, <see cref="OpKind.Exp"/>, activations and their steps…), folded when its argument is constant.</summary>
    public int Unary(OpKind kind, int a)
    {
        var x = _nodes[a];
        if (x.Kind == OpKind.Constant) return Constant((float)Ops.OpTable.Evaluate(kind, new double[] { x.Value }));
        return Intern(kind, new[] { a }, 0, 0, null);
    }

    public int LogSumExp(IReadOnlyList<int> terms) => Intern(OpKind.LogSumExp, terms.ToArray(), 0, 0, null);

    public int SigmoidBinaryCrossEntropy(int logit, int target) => Intern(OpKind.SigmoidBinaryCrossEntropy, new[] { logit, target }, 0, 0, null);

    // ---- macros (layers past the unroll budget) ----

    public int MatVec(DenseBlock block, IReadOnlyList<int> inputs) => Intern(OpKind.MatVec, inputs.ToArray(), 0, 0, block);

    public int TransposedMatVec(DenseBlock block, IReadOnlyList<int> deltas) => Intern(OpKind.TransposedMatVec, deltas.ToArray(), 0, 0, block);

    public int Element(int macro, int index) => Intern(OpKind.Element, new[] { macro }, 0, index, null);

    private int Intern(OpKind kind, int[] args, float value, int index, DenseBlock? block)
    {
        var key = new NodeKey(kind, args, value, index, block);
        if (_interned.TryGetValue(key, out int existing)) return existing;
        int id = _nodes.Count;
        _nodes.Add(new Node(id, kind, args, value, index, block));
        _interned.Add(key, id);
        return id;
    }
}

/// <summary>How a node is shown: a C# identifier for its local and a display name for comments (<c>a1[0]</c>).</summary>
internal sealed record NodeLabel(string Identifier, string Display);

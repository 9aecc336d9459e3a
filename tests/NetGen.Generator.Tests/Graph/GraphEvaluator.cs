using NetGen.Generator.Graph.Ops;
using System;
using NetGen.Generator.Graph;

namespace NetGen.Generator.Tests.Graph;

/// <summary>
/// Evaluates every node of an <see cref="ExpressionGraph"/> in double precision: leaves from the x, t and p arrays,
/// scalar operations through <see cref="OpTable.Evaluate"/>, and the loop macros (<c>z = W·a + b</c>, <c>Wᵀ·δ</c>,
/// element access) written out here, independently of the emitters.
/// </summary>
internal sealed class GraphEvaluator
{
    private readonly ExpressionGraph _graph;
    private readonly double[] _values;
    private readonly double[]?[] _vectors;

    private GraphEvaluator(ExpressionGraph graph)
    {
        _graph = graph;
        _values = new double[graph.Count];
        _vectors = new double[graph.Count][];
    }

    /// <summary>Evaluates the whole graph (nodes are topologically ordered by id).</summary>
    public static GraphEvaluator Evaluate(ExpressionGraph graph, double[] x, double[] t, double[] p)
    {
        var evaluator = new GraphEvaluator(graph);
        for (int id = 0; id < graph.Count; id++) evaluator.EvaluateNode(graph[id], x, t, p);
        return evaluator;
    }

    /// <summary>The value of a scalar node.</summary>
    public double this[int id]
    {
        get
        {
            if (_graph[id].IsMacro) throw new InvalidOperationException($"Node {id} is a vector-valued {_graph[id].Kind}; read it with Vector.");
            return _values[id];
        }
    }

    /// <summary>The values of a vector-valued macro node.</summary>
    public double[] Vector(int id) => _vectors[id] ?? throw new InvalidOperationException($"Node {id} ({_graph[id].Kind}) is not vector-valued.");

    private void EvaluateNode(Node node, double[] x, double[] t, double[] p)
    {
        switch (node.Kind)
        {
            case OpKind.Constant:
                _values[node.Id] = node.Value;
                return;
            case OpKind.Input:
                _values[node.Id] = x[node.Index];
                return;
            case OpKind.Target:
                _values[node.Id] = t[node.Index];
                return;
            case OpKind.Parameter:
                _values[node.Id] = p[node.Index];
                return;
            case OpKind.MatVec:
                _vectors[node.Id] = MatVec(node.Block!, node.Args, p);
                return;
            case OpKind.TransposedMatVec:
                _vectors[node.Id] = TransposedMatVec(node.Block!, node.Args, p);
                return;
            case OpKind.Element:
                _values[node.Id] = Vector(node.Args[0])[node.Index];
                return;
            default:
                var args = new double[node.Args.Length];
                for (int i = 0; i < args.Length; i++) args[i] = this[node.Args[i]];
                _values[node.Id] = OpTable.Evaluate(node.Kind, args);
                return;
        }
    }

    /// <summary>z[j] = b[j] + Σi W[j, i]·a[i], with W row-major <c>[Rows, Columns]</c>.</summary>
    private double[] MatVec(DenseBlock block, int[] inputs, double[] p)
    {
        if (inputs.Length != block.Columns) throw new InvalidOperationException($"MatVec has {inputs.Length} inputs for {block.Columns} columns.");
        var z = new double[block.Rows];
        for (int j = 0; j < block.Rows; j++)
        {
            double sum = p[block.BiasOffset + j];
            for (int i = 0; i < block.Columns; i++) sum += p[block.WeightOffset + j * block.Columns + i] * this[inputs[i]];
            z[j] = sum;
        }
        return z;
    }

    /// <summary>r[i] = Σj W[j, i]·δ[j].</summary>
    private double[] TransposedMatVec(DenseBlock block, int[] deltas, double[] p)
    {
        if (deltas.Length != block.Rows) throw new InvalidOperationException($"TransposedMatVec has {deltas.Length} deltas for {block.Rows} rows.");
        var r = new double[block.Columns];
        for (int i = 0; i < block.Columns; i++)
        {
            double sum = 0;
            for (int j = 0; j < block.Rows; j++) sum += p[block.WeightOffset + j * block.Columns + i] * this[deltas[j]];
            r[i] = sum;
        }
        return r;
    }
}

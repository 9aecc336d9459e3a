using System;

namespace NetGen.Generator.Graph;

/// <summary>
/// One node of the expression graph. Nodes are immutable and interned by <see cref="ExpressionGraph"/>, so equal
/// expressions are one node (common-subexpression elimination by construction). Ids are topological: every
/// argument has a smaller id than the node using it.
/// </summary>
internal sealed class Node
{
    public Node(int id, OpKind kind, int[] args, float value, int index, DenseBlock? block)
    {
        Id = id;
        Kind = kind;
        Args = args;
        Value = value;
        Index = index;
        Block = block;
    }

    public int Id { get; }
    public OpKind Kind { get; }
    public int[] Args { get; }

    /// <summary>The literal of a <see cref="OpKind.Constant"/>.</summary>
    public float Value { get; }

    /// <summary>Element index of a leaf (<c>x[i]</c>, <c>t[i]</c>, <c>p[i]</c>) or of an <see cref="OpKind.Element"/>.</summary>
    public int Index { get; }

    /// <summary>The parameter block of a macro node.</summary>
    public DenseBlock? Block { get; }

    /// <summary>Number of values a macro node produces (1 for scalar nodes).</summary>
    public int Width => Kind switch
    {
        OpKind.MatVec => Block!.Rows,
        OpKind.TransposedMatVec => Block!.Columns,
        _ => 1,
    };

    public bool IsLeaf => Kind is OpKind.Constant or OpKind.Input or OpKind.Target or OpKind.Parameter or OpKind.Mask;

    public bool IsMacro => Kind is OpKind.MatVec or OpKind.TransposedMatVec;

    public bool IsConstant(float value) => Kind == OpKind.Constant && Value.Equals(value);
}

/// <summary>Structural key of a node, used to intern equal expressions.</summary>
internal readonly struct NodeKey : IEquatable<NodeKey>
{
    private readonly OpKind _kind;
    private readonly int[] _args;
    private readonly int _valueBits;
    private readonly int _index;
    private readonly DenseBlock? _block;

    public NodeKey(OpKind kind, int[] args, float value, int index, DenseBlock? block)
    {
        _kind = kind;
        _args = args;
        _valueBits = FloatBits.Of(value);
        _index = index;
        _block = block;
    }

    public bool Equals(NodeKey other)
    {
        if (_kind != other._kind || _valueBits != other._valueBits || _index != other._index || _args.Length != other._args.Length) return false;
        if (!Equals(_block, other._block)) return false;
        for (int i = 0; i < _args.Length; i++)
        {
            if (_args[i] != other._args[i]) return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => obj is NodeKey other && Equals(other);

    public override int GetHashCode()
    {
        int hash = ((int)_kind * 397) ^ _valueBits ^ (_index * 7919);
        foreach (int a in _args) hash = unchecked(hash * 31 + a);
        return hash ^ (_block?.GetHashCode() ?? 0);
    }
}

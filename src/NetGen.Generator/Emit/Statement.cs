using NetGen.Generator.Graph;

namespace NetGen.Generator.Emit;

/// <summary>What one emitted statement does.</summary>
internal enum StatementKind
{
    /// <summary>Compute a scalar node into its local (or scratch slot).</summary>
    Let,
    /// <summary>Run a matvec macro's loops into its scratch region.</summary>
    Macro,
    /// <summary>Gather scalar nodes into a scratch region for a loop to read.</summary>
    CopyVector,
    /// <summary><c>y[Index] = node</c>.</summary>
    StoreOutput,
    /// <summary><c>g[Index] += node</c>.</summary>
    AccumulateGradient,
    /// <summary>The loop <c>g[W + j·C + i] += δ[j]·a[i]</c> of a looped layer.</summary>
    AccumulateBlock,
    /// <summary><c>dx[Index] = node</c> (an input's adjoint).</summary>
    StoreInputGradient,
    /// <summary><c>return node</c> (the loss).</summary>
    Return,
}

/// <summary>One statement of a kernel, with the position that orders it (after everything it reads).</summary>
internal sealed class Statement
{
    public Statement(StatementKind kind, long position, int node = -1, int index = -1, int[]? nodes = null, GradientBlock? block = null)
    {
        Kind = kind;
        Position = position;
        Node = node;
        Index = index;
        Nodes = nodes;
        Block = block;
    }

    public StatementKind Kind { get; }
    /// <summary>Orders the statement: the id of the last node it needs (refined once locals are chosen).</summary>
    public long Position { get; set; }
    public int Node { get; }
    public int Index { get; }
    public int[]? Nodes { get; }
    public GradientBlock? Block { get; }

    /// <summary>Scratch region written by a <see cref="StatementKind.CopyVector"/>.</summary>
    public int Region { get; set; }

    public int Sequence { get; set; }

    public int Chunk { get; set; }

    /// <summary>Ties at one position: lets and loops first, then the vectors they fill, then stores.</summary>
    public int Category => Kind switch
    {
        StatementKind.Let or StatementKind.Macro => 0,
        StatementKind.CopyVector => 1,
        StatementKind.Return => 3,
        _ => 2,
    };
}

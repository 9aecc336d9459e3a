using NetGen.Generator.Graph;
using NetGen.Generator.Graph.Ops;

namespace NetGen.Generator.Emit.Printing;

/// <summary>
/// What differs between the backends when an expression is printed: the value type, how leaves, literals and stored
/// values are read, whether products fuse into multiply-adds, and which of an op's spellings applies. Everything else —
/// the ops themselves, precedence, the order of evaluation — is <see cref="ExpressionPrinter"/>'s, the same for all.
/// </summary>
internal abstract class Dialect
{
    /// <summary>Short name (comments, diagnostics).</summary>
    public abstract string Name { get; }

    /// <summary>The C# type of one value (<c>float</c>, or the vector type).</summary>
    public abstract string ValueType { get; }

    /// <summary>The op's spelling in this dialect, or null when it has none (reported as NG0099, never guessed).</summary>
    public abstract Spelling? SpellingOf(OpDefinition op);

    /// <summary>A literal and its precedence level.</summary>
    public abstract (string Text, int Level) Constant(float value);

    /// <summary>An input, target, mask or parameter leaf: read by index, parameters through <see cref="Parameter"/>.</summary>
    public string Leaf(Node node) => node.Kind switch
    {
        OpKind.Input => $"x[{node.Index}]",
        OpKind.Target => $"t[{node.Index}]",
        OpKind.Mask => $"m[{node.Index}]",
        OpKind.Parameter => Parameter($"p[{node.Index}]"),
        _ => throw new System.InvalidOperationException($"{node.Kind} is not a leaf."),
    };

    /// <summary>A parameter read <paramref name="scalar"/> as a value of this dialect (broadcast where values are vectors).</summary>
    protected virtual string Parameter(string scalar) => scalar;

    /// <summary>Where a materialized node is read (its local, or its scratch slot when it crosses kernel parts).</summary>
    public abstract string Reference(KernelSchedule schedule, int id);

    /// <summary>Element <paramref name="index"/> of a macro's scratch region.</summary>
    public abstract string Element(KernelSchedule schedule, int macro, int index);

    /// <summary>Whether products feeding sums become multiply-adds (<see cref="MultiplyAdd"/>).</summary>
    public virtual bool FusesMultiplyAdd => false;

    /// <summary><c>a·b + c</c> as one fused (or estimated) multiply-add, or null where the dialect writes <c>c + a * b</c>.</summary>
    public virtual string? MultiplyAdd(string a, string b, string c) => null;

    /// <summary>The kernel-level half of the dialect (signatures, storage, loops).</summary>
    public abstract KernelForm Kernel { get; }

    /// <summary>The natural logarithm (the logsumexp statement; no clamp).</summary>
    public abstract string Log(string a);

    /// <summary>max(a, b) (the logsumexp statement).</summary>
    public abstract string Max(string a, string b);

    /// <summary>Replaces the dialect tokens of a spelling template (<c>{F}</c>, <c>{S}</c>, <c>{M}</c>, <c>{V}</c>, <c>{VT}</c>).</summary>
    public abstract string Tokens(string template);

    /// <summary>The same statement in every dialect: the template of op <paramref name="kind"/> printed with argument texts.</summary>
    public string Call(OpKind kind, params string[] arguments)
    {
        var spelling = SpellingOf(OpTable.Of(kind)) ?? throw new System.InvalidOperationException($"{kind} has no {Name} spelling.");
        return SpellingText.Fill(Tokens(spelling.Template), arguments);
    }
}

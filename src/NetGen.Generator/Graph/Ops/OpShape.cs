namespace NetGen.Generator.Graph.Ops;

/// <summary>How the printers treat an operation: from its dialect spellings, or by a structural rule of the printer.</summary>
internal enum OpShape
{
    /// <summary>A leaf (<c>x[i]</c>, <c>t[i]</c>, <c>m[i]</c>, <c>p[i]</c>, a literal): the dialect writes it.</summary>
    Leaf,
    /// <summary>Printed from the op's <see cref="Spelling"/> in each dialect.</summary>
    Spelled,
    /// <summary>The n-ary sum: the printer writes it term by term (products become multiply-adds where the dialect fuses them).</summary>
    Sum,
    /// <summary>A statement of its own (the max-shifted logsumexp), written by the kernel printer.</summary>
    Statement,
    /// <summary>A vector-valued loop macro (layers past the unroll budget), written by the kernel printer.</summary>
    Macro,
    /// <summary>One element of a macro's result: the dialect reads it from the macro's scratch region.</summary>
    Element,
}

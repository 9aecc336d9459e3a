namespace NetGen.Generator.Graph.Ops;

/// <summary>
/// How one dialect writes an operation: a template and the precedence level of the text it produces (1 additive,
/// 2 multiplicative, 3 unary, 4 primary). In the template, <c>{0}</c> and <c>{1}</c> are the arguments printed as
/// function arguments; <c>{0:3}</c> prints argument 0 at least at level 3 (parenthesised below it); <c>{0:3-}</c> also
/// parenthesises it when it starts with a minus sign (so that a negation never prints <c>--x</c>). Dialect tokens:
/// <c>{F}</c> <c>System.MathF</c>, <c>{S}</c> <c>NetGen.Runtime.ScalarMath</c>, <c>{M}</c> the vector math alias,
/// <c>{V}</c> the vector statics, <c>{VT}</c> the vector type, <c>{K:0.01f}</c> a literal in every lane.
/// </summary>
internal sealed class Spelling
{
    public Spelling(string template, int level = 4)
    {
        Template = template;
        Level = level;
    }

    /// <summary>The template (see the type's summary).</summary>
    public string Template { get; }

    /// <summary>Precedence level of the printed text.</summary>
    public int Level { get; }
}

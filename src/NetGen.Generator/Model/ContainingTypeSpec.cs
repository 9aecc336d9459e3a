namespace NetGen.Generator.Model;

/// <summary>A type that encloses the network class: its declaration keyword (<c>class</c>, <c>struct</c>, <c>record</c>…) and name.</summary>
internal sealed record ContainingTypeSpec(string Keyword, string Name);

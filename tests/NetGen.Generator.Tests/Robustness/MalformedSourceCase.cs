namespace NetGen.Generator.Tests.Robustness;

/// <summary>
/// One malformed, half-typed or invalid user source and what the generator must do with it: report these NG IDs
/// (at least), generate a file or not (null: either is fine), and whether the compiler itself reports an error there.
/// </summary>
internal sealed record MalformedSourceCase(string[] Sources, string[] ExpectedIds, bool? Generates, bool CompilerError = false)
{
    /// <summary>A source with the usings and namespace around <paramref name="body"/>.</summary>
    public static string Wrap(string body) => "using System;\nusing NetGen;\n\nnamespace Samples\n{\n" + body + "\n}\n";

    /// <summary>An invalid layout: <paramref name="ids"/> reported, nothing generated.</summary>
    public static MalformedSourceCase Invalid(string body, params string[] ids) => new(new[] { Wrap(body) }, ids, Generates: false);

    /// <summary>Code the compiler rejects itself (binding or parse errors): no crash and nothing generated.</summary>
    public static MalformedSourceCase CompilerRejects(string body) => new(new[] { Wrap(body) }, new string[0], Generates: false, CompilerError: true);

    /// <summary>A valid layout, possibly with warnings or infos.</summary>
    public static MalformedSourceCase Valid(string body, params string[] ids) => new(new[] { Wrap(body) }, ids, Generates: true);
}

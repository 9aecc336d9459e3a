using System;
using System.Text.RegularExpressions;

namespace NetGen.Generator.Emit.Printing;

/// <summary>The vector tokens of a spelling template, shared by the lane dialect and the fixed-width batch-1 kernels.</summary>
internal static class VectorTokens
{
    private static readonly Regex Literal = new(@"\{K:([^}]*)\}", RegexOptions.CultureInvariant);

    /// <summary>
    /// Replaces <c>{M}</c> (vector math alias), <c>{V}</c> (<paramref name="statics"/>), <c>{VT}</c> (<paramref name="type"/>)
    /// and <c>{K:literal}</c> (<paramref name="broadcast"/> of the literal).
    /// </summary>
    public static string Replace(string template, string statics, string type, Func<string, string> broadcast)
    {
        string text = Literal.Replace(template, m => broadcast(m.Groups[1].Value));
        return text.Replace("{M}", VectorWidth.MathAlias).Replace("{VT}", type).Replace("{V}", statics);
    }
}

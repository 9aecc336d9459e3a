using System;
using System.Globalization;
using System.Text;

namespace NetGen.Generator.Emit.Printing;

/// <summary>Fills the argument placeholders of a spelling template (<c>{0}</c>, <c>{0:3}</c>, <c>{0:3-}</c>; see <see cref="Graph.Ops.Spelling"/>).</summary>
internal static class SpellingText
{
    /// <summary>
    /// Replaces each placeholder by <paramref name="argument"/>(index, minimum level, guard minus): the printer supplies the
    /// argument text at the precedence the template asks for.
    /// </summary>
    public static string Fill(string template, Func<int, int, bool, string> argument)
    {
        var text = new StringBuilder(template.Length + 32);
        int i = 0;
        while (i < template.Length)
        {
            char c = template[i];
            if (c == '{' && i + 1 < template.Length && char.IsDigit(template[i + 1]))
            {
                int close = template.IndexOf('}', i);
                string inside = template.Substring(i + 1, close - i - 1);
                string[] parts = inside.Split(':');
                int index = int.Parse(parts[0], CultureInfo.InvariantCulture);
                int level = 0;
                bool guard = false;
                if (parts.Length > 1)
                {
                    string spec = parts[1];
                    guard = spec.EndsWith("-", StringComparison.Ordinal);
                    level = int.Parse(guard ? spec.Substring(0, spec.Length - 1) : spec, CultureInfo.InvariantCulture);
                }
                text.Append(argument(index, level, guard));
                i = close + 1;
                continue;
            }
            text.Append(c);
            i++;
        }
        return text.ToString();
    }

    /// <summary>Fills the placeholders with ready argument texts (statements built from op spellings).</summary>
    public static string Fill(string template, string[] arguments) =>
        Fill(template, (index, level, guard) => level > 0 ? "(" + arguments[index] + ")" : arguments[index]);
}

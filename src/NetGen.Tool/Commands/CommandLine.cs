using System;
using System.Collections.Generic;

namespace NetGen.Tool.Commands;

/// <summary>A command line that does not make sense: the message says which argument and what was expected.</summary>
internal sealed class UsageException : Exception
{
    /// <summary>Creates the error.</summary>
    public UsageException(string message) : base(message) { }
}

/// <summary>The parsed arguments of one command: positional values and <c>--name value</c> options.</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    /// <summary>The positional arguments.</summary>
    public List<string> Positional { get; } = new();

    /// <summary>Parses <paramref name="args"/>; <paramref name="flags"/> take no value, <paramref name="valued"/> take one.</summary>
    /// <exception cref="UsageException">An unknown option, a missing value, or an option given twice.</exception>
    public static CommandLine Parse(IReadOnlyList<string> args, string command, ISet<string> flags, ISet<string> valued)
    {
        var line = new CommandLine();
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal) || a == "--")
            {
                line.Positional.Add(a);
                continue;
            }
            string name = a;
            string? value = null;
            int eq = a.IndexOf('=');
            if (eq > 0)
            {
                name = a.Substring(0, eq);
                value = a.Substring(eq + 1);
            }
            if (flags.Contains(name))
            {
                if (value is not null) throw new UsageException($"{name} takes no value (got '{value}').");
            }
            else if (valued.Contains(name))
            {
                if (value is null)
                {
                    if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                        throw new UsageException($"{name} needs a value.");
                    value = args[++i];
                }
            }
            else
            {
                throw new UsageException($"'{name}' is not an option of `netgen {command}`. Options: {string.Join(", ", flags)}{(flags.Count > 0 && valued.Count > 0 ? ", " : "")}{string.Join(", ", valued)}.");
            }
            if (!line._options.TryAdd(name, value)) throw new UsageException($"{name} is given twice.");
        }
        return line;
    }

    /// <summary>Whether a flag or option was given.</summary>
    public bool Has(string name) => _options.ContainsKey(name);

    /// <summary>An option's value, or null.</summary>
    public string? Value(string name) => _options.TryGetValue(name, out var v) ? v : null;
}

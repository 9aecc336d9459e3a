using System;
using System.Collections;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Tests.Incremental;

/// <summary>
/// Finds Roslyn objects that must not flow through an incremental pipeline (they keep compilations alive and defeat
/// caching): symbols, syntax nodes and trees, semantic models, compilations, locations. Walks the fields of
/// NetGen's own model types, tuples and collections; other objects are checked but not entered.
/// </summary>
internal static class ModelObjectWalker
{
    private static readonly Type[] Forbidden =
    {
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(SemanticModel), typeof(Compilation), typeof(Location),
    };

    /// <summary>Paths (like <c>Spec.Layers[0]</c>) to every forbidden object reachable from <paramref name="root"/>.</summary>
    public static List<string> FindForbidden(object? root, string name)
    {
        var found = new List<string>();
        Walk(root, name, found, new HashSet<object>(ReferenceEqualityComparer.Instance), depth: 0);
        return found;
    }

    private static void Walk(object? value, string path, List<string> found, HashSet<object> seen, int depth)
    {
        if (value is null || depth > 8) return;
        var type = value.GetType();
        foreach (var forbidden in Forbidden)
        {
            if (forbidden.IsInstanceOfType(value)) found.Add($"{path}: {type.FullName}");
        }
        if (type.IsPrimitive || value is string || type.IsEnum) return;
        if (!type.IsValueType && !seen.Add(value)) return;

        if (value is IEnumerable sequence && (type.IsArray || IsEnteredType(type)))
        {
            int i = 0;
            foreach (object? item in sequence) Walk(item, $"{path}[{i++}]", found, seen, depth + 1);
        }
        if (!IsEnteredType(type)) return;
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                Walk(field.GetValue(value), path + "." + CleanName(field.Name), found, seen, depth + 1);
            }
        }
    }

    /// <summary>NetGen's generator types (models, EquatableArray), value tuples and key/value pairs.</summary>
    private static bool IsEnteredType(Type type)
        => type.Assembly == typeof(NetworkGenerator).Assembly
            || typeof(ITuple).IsAssignableFrom(type)
            || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>));

    private static string CleanName(string field)
        => field.StartsWith("<", StringComparison.Ordinal) ? field.Substring(1, field.IndexOf('>') - 1) : field;
}

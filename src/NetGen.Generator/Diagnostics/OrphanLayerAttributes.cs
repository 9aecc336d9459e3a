using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;

namespace NetGen.Generator.Diagnostics;

/// <summary>The rule for <c>[Input]</c>/<c>[Dense]</c> on a type without <c>[Network]</c> (NG0019), shared by the generator and the analyzer.</summary>
internal static class OrphanLayerAttributes
{
    /// <summary>One NG0019 per <paramref name="attributeName"/> attribute when <paramref name="type"/> has no <c>[Network]</c>.</summary>
    public static List<DiagnosticInfo> Check(INamedTypeSymbol type, string attributeName, CancellationToken token)
    {
        var found = new List<DiagnosticInfo>();
        var attributes = type.GetAttributes();
        if (attributes.Any(a => a.AttributeClass?.ToDisplayString() == AttributeNames.Network)) return found;
        string shortName = attributeName.Substring(attributeName.LastIndexOf('.') + 1).Replace("Attribute", "");
        foreach (var attribute in attributes)
        {
            if (attribute.AttributeClass?.ToDisplayString() != attributeName) continue;
            var location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(token).GetLocation());
            found.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerAttributeWithoutNetwork, location, type.Name, shortName));
        }
        return found;
    }
}

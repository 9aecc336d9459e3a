using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NetGen.CodeFixes;

/// <summary>Recognises NetGen's attributes by the name written in source (<c>Network</c>, <c>NetworkAttribute</c>, <c>NetGen.Network</c>…).</summary>
internal static class AttributeSyntaxNames
{
    public static bool Is(AttributeSyntax attribute, string shortName)
    {
        string name = attribute.Name switch
        {
            QualifiedNameSyntax q => q.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax a => a.Name.Identifier.ValueText,
            SimpleNameSyntax s => s.Identifier.ValueText,
            _ => attribute.Name.ToString(),
        };
        return name == shortName || name == shortName + "Attribute";
    }
}

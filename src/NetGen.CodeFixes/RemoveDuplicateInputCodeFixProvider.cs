using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NetGen.CodeFixes;

/// <summary>NG0004: removes a duplicate <c>[Input]</c> (the first one is the network's input).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveDuplicateInputCodeFixProvider)), Shared]
public sealed class RemoveDuplicateInputCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.DuplicateInput);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            var attribute = root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<AttributeSyntax>();
            if (attribute is null || !AttributeSyntaxNames.Is(attribute, "Input")) continue;
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Remove the duplicate [{attribute}]",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(Remove(root, attribute))),
                    equivalenceKey: nameof(RemoveDuplicateInputCodeFixProvider)),
                diagnostic);
        }
    }

    private static SyntaxNode Remove(SyntaxNode root, AttributeSyntax attribute)
    {
        // The whole [Input(…)] list goes when it holds nothing else; otherwise only this attribute.
        if (attribute.Parent is AttributeListSyntax list && list.Attributes.Count == 1)
        {
            return root.RemoveNode(list, SyntaxRemoveOptions.KeepNoTrivia | SyntaxRemoveOptions.KeepDirectives)!;
        }
        return root.RemoveNode(attribute, SyntaxRemoveOptions.KeepNoTrivia)!;
    }
}

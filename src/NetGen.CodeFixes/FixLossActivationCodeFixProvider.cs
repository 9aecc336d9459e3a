using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NetGen.CodeFixes;

/// <summary>
/// NG0009: the loss does not fit the output activation. Offers both directions: change the loss to the one that
/// fits the last layer's activation (Sigmoid → BinaryCrossEntropy, Softmax → CrossEntropy, otherwise
/// MeanSquaredError), or change the last layer's activation to the one the loss needs (BinaryCrossEntropy →
/// Sigmoid, CrossEntropy → Softmax).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FixLossActivationCodeFixProvider)), Shared]
public sealed class FixLossActivationCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.LossActivationMismatch);

    /// <inheritdoc/>
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            var dense = root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<AttributeSyntax>();
            var type = dense?.FirstAncestorOrSelf<TypeDeclarationSyntax>();
            if (dense is null || type is null || !AttributeSyntaxNames.Is(dense, "Dense")) continue;
            var network = type.AttributeLists.SelectMany(l => l.Attributes).FirstOrDefault(a => AttributeSyntaxNames.Is(a, "Network"));
            var lossArgument = network?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals is null);
            var activationArgument = ActivationArgument(dense);
            string activation = activationArgument is null ? "Identity" : LastName(activationArgument.Expression);
            string loss = lossArgument is null ? "" : LastName(lossArgument.Expression);

            string fittingLoss = activation switch
            {
                "Sigmoid" => "BinaryCrossEntropy",
                "Softmax" => "CrossEntropy",
                _ => "MeanSquaredError",
            };
            if (lossArgument is not null && fittingLoss != loss)
            {
                var argument = lossArgument;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Use Loss.{fittingLoss} for the {activation} output",
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(argument.Expression, Renamed(argument.Expression, "Loss", fittingLoss)))),
                        equivalenceKey: "NG0009.Loss"),
                    diagnostic);
            }

            string? fittingActivation = loss switch
            {
                "BinaryCrossEntropy" => "Sigmoid",
                "CrossEntropy" => "Softmax",
                _ => null,
            };
            if (fittingActivation is not null && fittingActivation != activation && dense.ArgumentList is { Arguments.Count: >= 1 } list)
            {
                var attribute = dense;
                var qualifier = lossArgument!.Expression is MemberAccessExpressionSyntax { Expression: MemberAccessExpressionSyntax inner } ? inner.Expression + "." : "";
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Use Activation.{fittingActivation} on the output layer",
                        _ =>
                        {
                            AttributeArgumentListSyntax newList = activationArgument is not null
                                ? list.ReplaceNode(activationArgument.Expression, Renamed(activationArgument.Expression, "Activation", fittingActivation))
                                : list.AddArguments(SyntaxFactory.AttributeArgument(SyntaxFactory.ParseExpression(qualifier + "Activation." + fittingActivation)));
                            return Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(attribute, attribute.WithArgumentList(newList))));
                        },
                        equivalenceKey: "NG0009.Activation"),
                    diagnostic);
            }
        }
    }

    /// <summary>The <c>activation</c> argument of <c>[Dense]</c>: named <c>activation:</c>, else the second positional one.</summary>
    private static AttributeArgumentSyntax? ActivationArgument(AttributeSyntax dense)
    {
        var arguments = dense.ArgumentList?.Arguments;
        if (arguments is null) return null;
        var named = arguments.Value.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == "activation");
        if (named is not null) return named;
        var positional = arguments.Value.Where(a => a.NameColon is null && a.NameEquals is null).ToList();
        return positional.Count > 1 ? positional[1] : null;
    }

    private static string LastName(ExpressionSyntax expression) => expression switch
    {
        MemberAccessExpressionSyntax m => m.Name.Identifier.ValueText,
        IdentifierNameSyntax i => i.Identifier.ValueText,
        _ => expression.ToString(),
    };

    /// <summary><c>Loss.CrossEntropy</c> → <c>Loss.MeanSquaredError</c>, keeping any qualification and trivia.</summary>
    private static ExpressionSyntax Renamed(ExpressionSyntax expression, string enumName, string member)
    {
        if (expression is MemberAccessExpressionSyntax access)
        {
            return access.WithName(SyntaxFactory.IdentifierName(member).WithTriviaFrom(access.Name));
        }
        return SyntaxFactory.ParseExpression(enumName + "." + member).WithTriviaFrom(expression);
    }
}

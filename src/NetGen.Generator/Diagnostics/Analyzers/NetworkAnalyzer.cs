using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NetGen.Generator.Parsing;

namespace NetGen.Generator.Diagnostics.Analyzers;

/// <summary>
/// Reports every NetGen layout rule (errors, warnings, infos): live in the IDE, at the offending attribute, and at
/// build. It runs the same parser and <see cref="NetworkValidator"/> as the generator, so every rule exists once.
/// </summary>
/// <remarks>
/// This analyzer is the one reporter of these rules: the generator, which runs the same checks to decide what to
/// emit, does not report them (csc would print each twice), except in a build that skips analyzers, where it reports
/// the errors instead (see <see cref="NetworkGenerator"/>). csc runs analyzers even when the compilation has other
/// errors, so a layout error still shows next to an unrelated compile error; after a parse error csc runs neither
/// generators nor analyzers, and only the parse error is printed.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NetworkAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The rules this analyzer reports, and so the ones the generator leaves to it.</summary>
    internal static readonly ImmutableArray<DiagnosticDescriptor> Rules = ImmutableArray.Create(
        DiagnosticDescriptors.ClassNotPartial,
        DiagnosticDescriptors.UnsupportedClassShape,
        DiagnosticDescriptors.MissingInput,
        DiagnosticDescriptors.DuplicateInput,
        DiagnosticDescriptors.MissingDense,
        DiagnosticDescriptors.NonPositiveSize,
        DiagnosticDescriptors.SoftmaxNotLast,
        DiagnosticDescriptors.SoftmaxSingleUnit,
        DiagnosticDescriptors.LossActivationMismatch,
        DiagnosticDescriptors.MeanSquaredErrorAfterSoftmax,
        DiagnosticDescriptors.HyperParameterOutOfRange,
        DiagnosticDescriptors.UnknownEnumValue,
        DiagnosticDescriptors.NetworkTooLarge,
        DiagnosticDescriptors.AttributesSplitAcrossDeclarations,
        DiagnosticDescriptors.MemberClash,
        DiagnosticDescriptors.LayerEmittedAsLoop,
        DiagnosticDescriptors.ContainingTypeNotPartial,
        DiagnosticDescriptors.LayerTooWide,
        DiagnosticDescriptors.LayerAttributeWithoutNetwork,
        DiagnosticDescriptors.GeneratedCodeVeryLarge,
        DiagnosticDescriptors.DropoutProbabilityOutOfRange,
        DiagnosticDescriptors.DropoutBeforeFirstDense,
        DiagnosticDescriptors.DropoutAfterLastDense,
        DiagnosticDescriptors.ConsecutiveDropout,
        DiagnosticDescriptors.TrainingSettingOnInferenceOnlyNetwork,
        DiagnosticDescriptors.InvalidKernelShape,
        DiagnosticDescriptors.InvalidLayerActivation,
        DiagnosticDescriptors.SequenceLengthOutOfRange,
        DiagnosticDescriptors.SequenceSettingWithoutSequenceLayer,
        DiagnosticDescriptors.SequenceLengthMissing,
        DiagnosticDescriptors.SequenceBuffersTooLarge,
        DiagnosticDescriptors.DenseAfterShapedValue,
        DiagnosticDescriptors.LayerInputShapeMismatch,
        DiagnosticDescriptors.LayerOutputEmpty,
        DiagnosticDescriptors.ShapedLayerArgumentOutOfRange,
        DiagnosticDescriptors.ShapedLayerInSequenceNetwork,
        DiagnosticDescriptors.DropoutInLayeredNetwork,
        DiagnosticDescriptors.LayeredValuesTooLarge);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Rules;

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterSymbolAction(AnalyzeType, SymbolKind.NamedType);
    }

    private static void AnalyzeType(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var attributes = type.GetAttributes();
        bool isNetwork = attributes.Any(a => a.AttributeClass?.ToDisplayString() == AttributeNames.Network);
        if (!isNetwork)
        {
            foreach (var name in new[] { AttributeNames.Input, AttributeNames.Dense, AttributeNames.Dropout, AttributeNames.Gru, AttributeNames.Lstm, AttributeNames.Rnn, AttributeNames.CausalConv1D }.Concat(AttributeNames.ShapedLayers.Keys))
            {
                foreach (var info in OrphanLayerAttributes.Check(type, name, context.CancellationToken)) context.ReportDiagnostic(InSource(info, context.Compilation));
            }
            return;
        }

        var parsed = NetworkParser.Parse(type, context.CancellationToken);
        var (_, errors, notes) = NetworkValidator.Validate(parsed);
        foreach (var info in errors.Concat(notes)) context.ReportDiagnostic(InSource(info, context.Compilation));
    }

    /// <summary>The diagnostic at a location inside its syntax tree (not an external file), so suppressions apply to it.</summary>
    private static Diagnostic InSource(Model.DiagnosticInfo info, Compilation compilation)
    {
        var tree = info.Location is null ? null : compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == info.Location.FilePath);
        if (tree is null || info.Location!.Span.End > tree.Length) return info.ToDiagnostic();
        var args = info.Arguments.Select(a => (object)a).ToArray();
        return Diagnostic.Create(info.Descriptor, Location.Create(tree, info.Location.Span), args);
    }
}

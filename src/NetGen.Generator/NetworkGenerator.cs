using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;

namespace NetGen.Generator;

/// <summary>
/// The incremental generator: wiring only. <c>[Network]</c> classes are parsed into equatable
/// <see cref="NetworkParseResult"/>s (no symbols or syntax past this step), split into diagnostics and specs,
/// and each valid spec is lowered, differentiated and emitted.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var results = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeNames.Network, static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax, Extract)
            .WithTrackingName(TrackingNames.Networks);

        var diagnostics = results.Select(static (r, _) => r.Diagnostics).WithTrackingName(TrackingNames.Diagnostics);
        var specs = results.Select(static (r, _) => (r.HintName, r.Spec, r.WeightsLocation)).WithTrackingName(TrackingNames.Specs);

        // Baked weights: the weight files NetGen.targets turns into base64 additional files, decoded once per file,
        // then matched to each network's Weights = "…" (a diagnostic at that argument when missing or unusable).
        var weightFiles = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, token) => WeightsFileReader.Read(pair.Left, pair.Right.GetOptions(pair.Left), token))
            .Where(static file => file is not null)
            .Collect()
            .Select(static (files, _) => files.Select(f => f!).OrderBy(f => f.Name, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.WeightFiles);
        var generation = specs.Combine(weightFiles)
            .Select(static (pair, _) => BakedWeightsResolver.Resolve(pair.Left.HintName, pair.Left.Spec, pair.Left.WeightsLocation, pair.Right))
            .WithTrackingName(TrackingNames.BakedWeights);

        context.RegisterSourceOutput(diagnostics, static (spc, list) => Report(spc, list));

        // [Input] or [Dense] on a type without [Network]: the same rule as the analyzer, so a build that never
        // reaches the analyzer still shows it.
        foreach (string attribute in new[] { AttributeNames.Input, AttributeNames.Dense, AttributeNames.Dropout })
        {
            var orphans = context.SyntaxProvider
                .ForAttributeWithMetadataName(attribute, static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax,
                    (ctx, token) => OrphanLayerAttributes.Check((INamedTypeSymbol)ctx.TargetSymbol, attribute, token).ToEquatableArray())
                .WithTrackingName(TrackingNames.OrphanAttributes);
            context.RegisterSourceOutput(orphans, static (spc, list) => Report(spc, list));
        }
        context.RegisterSourceOutput(generation, static (spc, item) =>
        {
            Report(spc, item.Diagnostics);
            Generate(spc, item.HintName, item.Spec);
        });
    }

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var info in diagnostics) context.ReportDiagnostic(info.ToDiagnostic());
    }

    private static NetworkParseResult Extract(GeneratorAttributeSyntaxContext context, CancellationToken token)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        string hint = HintName(type);
        try
        {
            var parsed = NetworkParser.Parse(type, token, context.SemanticModel.Compilation);
            // Errors only: the analyzer reports the warnings and infos (at real source locations, so #pragma and
            // .editorconfig can silence them); errors are reported here too, so a build that never reaches the
            // analyzer still shows why nothing was generated.
            var (spec, errors, _) = NetworkValidator.Validate(parsed);
            var weights = parsed.NamedArguments.FirstOrDefault(a => a.Name == "Weights");
            return new NetworkParseResult(hint, spec, errors.ToEquatableArray(), weights?.Location);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            var info = DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, LocationInfo.From(type.Locations.FirstOrDefault()), type.Name, e.GetType().Name + ": " + e.Message);
            return new NetworkParseResult(hint, null, new EquatableArray<DiagnosticInfo>(new[] { info }));
        }
    }

    private static void Generate(SourceProductionContext context, string hintName, NetworkSpec? spec)
    {
        if (spec is null) return;
        try
        {
            string source = NetworkClassEmitter.Emit(spec, context.CancellationToken);
            context.AddSource(hintName, SourceText.From(source, Encoding.UTF8));
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, spec.ClassName, e.GetType().Name + ": " + e.Message));
        }
    }

    /// <summary>Namespace parts joined by '.', containing types by '+' (as metadata names do), so distinct types never share a file name.</summary>
    private static string HintName(INamedTypeSymbol type)
    {
        string name = type.MetadataName;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType) name = outer.MetadataName + "+" + name;
        if (type.ContainingNamespace is { IsGlobalNamespace: false } ns) name = ns.ToDisplayString() + "." + name;
        var text = new StringBuilder();
        foreach (char c in name) text.Append(char.IsLetterOrDigit(c) || c is '.' or '_' or '+' ? c : '_');
        return text.Append(".g.cs").ToString();
    }
}

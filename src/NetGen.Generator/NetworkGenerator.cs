using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Diagnostics.Analyzers;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;

namespace NetGen.Generator;

/// <summary>
/// The incremental generator: wiring only. <c>[Network]</c> classes are parsed into equatable
/// <see cref="NetworkParseResult"/>s (no symbols or syntax past this step), split into diagnostics and specs,
/// and each valid spec is lowered, differentiated and emitted.
/// </summary>
/// <remarks>
/// Who reports what (docs/diagnostics/README.md): csc runs generators and analyzers on the same compilation and prints
/// what both report, so a rule reported by both shows twice. <see cref="NetworkAnalyzer"/> reports every layout rule
/// (its <see cref="NetworkAnalyzer.Rules"/>): live in the IDE, at source locations, and at build even when other code
/// has compile errors. The generator reports only what the analyzer cannot see: NG0099 (an internal error) and the
/// baked-weights rules NG0021–NG0023, which need the additional files, and NG0024 (ILGPU referenced without
/// NetGen.Ilgpu), which needs the compilation's references. It still validates every network and emits
/// nothing for one with an error. The one exception: when the build skips analyzers (RunAnalyzers=false, or
/// RunAnalyzersDuringBuild=false outside the IDE), NetGen.targets says so through the compiler-visible property
/// NetGenAnalyzersSkipped, and the generator reports the rule errors itself so the build still shows them once.
/// </remarks>
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
        var analyzersSkipped = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => options.GlobalOptions.TryGetValue(AnalyzersSkippedProperty, out string? value)
                && string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
            .WithTrackingName(TrackingNames.AnalyzersSkipped);
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

        context.RegisterSourceOutput(diagnostics.Combine(analyzersSkipped), static (spc, pair) => Report(spc, pair.Left, pair.Right));

        // [Input], [Dense] or [Dropout] on a type without [Network] (NG0019): the analyzer's rule, checked here too
        // only so that a build that skips analyzers still shows it.
        foreach (string attribute in new[] { AttributeNames.Input, AttributeNames.Dense, AttributeNames.Dropout })
        {
            var orphans = context.SyntaxProvider
                .ForAttributeWithMetadataName(attribute, static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax,
                    (ctx, token) => OrphanLayerAttributes.Check((INamedTypeSymbol)ctx.TargetSymbol, attribute, token).ToEquatableArray())
                .WithTrackingName(TrackingNames.OrphanAttributes);
            context.RegisterSourceOutput(orphans.Combine(analyzersSkipped), static (spc, pair) => Report(spc, pair.Left, pair.Right));
        }
        context.RegisterSourceOutput(generation, static (spc, item) =>
        {
            Report(spc, item.Diagnostics, analyzersSkipped: false);
            Generate(spc, item.HintName, item.Spec);
        });
    }

    /// <summary>The global option (an MSBuild property made compiler-visible by NetGen.targets) that says the build runs no analyzers.</summary>
    internal const string AnalyzersSkippedProperty = "build_property.NetGenAnalyzersSkipped";

    /// <summary>
    /// Reports what only the generator can see; a rule of <see cref="NetworkAnalyzer"/> only when the build skips
    /// analyzers (otherwise the analyzer reports it, and reporting it here too would print it twice).
    /// </summary>
    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics, bool analyzersSkipped)
    {
        foreach (var info in diagnostics)
        {
            if (analyzersSkipped || !NetworkAnalyzer.Rules.Contains(info.Descriptor)) context.ReportDiagnostic(info.ToDiagnostic());
        }
    }

    private static NetworkParseResult Extract(GeneratorAttributeSyntaxContext context, CancellationToken token)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        string hint = HintName(type);
        try
        {
            var parsed = NetworkParser.Parse(type, token, context.SemanticModel.Compilation);
            // Errors only, and kept only for a build that skips analyzers (see Report): the analyzer reports every
            // rule, errors, warnings and infos, at real source locations. An error leaves the spec null, so nothing
            // is generated for an invalid layout.
            var (spec, errors, _) = NetworkValidator.Validate(parsed);
            var weights = parsed.NamedArguments.FirstOrDefault(a => a.Name == "Weights");
            // NG0024 needs the compilation's references, which the analyzer does not read: the generator reports it.
            if (spec is not null && parsed.GpuPackageMissing)
            {
                errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GpuPackageMissing, parsed.ClassLocation, parsed.ClassName));
            }
            // NG0055 (info) needs them too: a compilation that gets GPU trainers, and a sequence network that gets none.
            if (spec is not null && spec.IsSequence && spec.Trainable && parsed.GpuKernels)
            {
                errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SequenceGpuTrainerNotGenerated, parsed.NetworkLocation ?? parsed.ClassLocation, parsed.ClassName));
            }
            // NG0064 (info): a layered network (convolution, pooling, normalisation) gets no GPU trainer either.
            if (spec is not null && spec.IsLayered && spec.Trainable && parsed.GpuKernels)
            {
                var first = spec.Layers.FirstOrDefault(l => l is Model.Layers.ShapedLayer) as Model.Layers.ShapedLayer;
                errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayeredGpuTrainerNotGenerated, parsed.NetworkLocation ?? parsed.ClassLocation, parsed.ClassName, first?.KindName ?? "Input"));
            }
            // NG0068 (info): NetGen.Ilgpu's optimizer step has no AdamW, weight decay or clipping (a feed-forward network only:
            // sequence and layered networks get NG0055/NG0064).
            if (spec is not null && !spec.IsSequence && !spec.IsLayered && spec.Trainable && parsed.GpuKernels && spec.GpuOptimizerGap is string gap)
            {
                errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GpuOptimizerNotSupported, parsed.NetworkLocation ?? parsed.ClassLocation, parsed.ClassName, gap));
            }
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

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>Reads a <c>[Network]</c> class symbol into a <see cref="ParsedNetwork"/>. Never throws on half-typed code.</summary>
internal static class NetworkParser
{
    public static ParsedNetwork Parse(INamedTypeSymbol type, CancellationToken token, Compilation? compilation = null)
    {
        var parsed = new ParsedNetwork
        {
            ClassName = type.Name,
            Namespace = type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
            Accessibility = AccessibilityText(type.DeclaredAccessibility),
            ClassLocation = LocationInfo.From(type.Locations.FirstOrDefault()),
            IsGeneric = type.TypeParameters.Length > 0,
            IsStatic = type.IsStatic,
            IsAbstract = type.IsAbstract,
            IsNotClass = type.TypeKind != TypeKind.Class || type.IsRecord,
            TypeKeyword = type.IsRecord ? "record" : type.TypeKind == TypeKind.Struct ? "struct" : type.TypeKind.ToString().ToLowerInvariant(),
        };

        parsed.IsPartial = type.DeclaringSyntaxReferences.Length > 0 && type.DeclaringSyntaxReferences.All(r =>
            r.GetSyntax(token) is TypeDeclarationSyntax decl && decl.Modifiers.Any(SyntaxKind.PartialKeyword));

        ReadContainingTypes(type, parsed, token);
        ReadAttributes(type, parsed, token);
        ReadDeclaredMembers(type, parsed);
        ReadInheritedMembers(type, parsed);
        if (compilation is not null) ReadVectorWidths(compilation, parsed);
        parsed.FileScopedNamespace = type.DeclaringSyntaxReferences.FirstOrDefault()?.SyntaxTree.Options is CSharpParseOptions options
            && options.LanguageVersion >= LanguageVersion.CSharp10;
        if (compilation is not null) ReadGpuSupport(compilation, parsed);
        return parsed;
    }

    private static void ReadContainingTypes(INamedTypeSymbol type, ParsedNetwork parsed, CancellationToken token)
    {
        var chain = new List<ContainingTypeSpec>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.TypeParameters.Length > 0) parsed.NestedInGeneric = true;
            bool partial = outer.DeclaringSyntaxReferences.Length > 0 && outer.DeclaringSyntaxReferences.All(r =>
                r.GetSyntax(token) is TypeDeclarationSyntax decl && decl.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!partial) parsed.NonPartialContainingType ??= outer.Name;
            string keyword = outer.IsRecord
                ? (outer.TypeKind == TypeKind.Struct ? "record struct" : "record")
                : outer.TypeKind switch
                {
                    TypeKind.Struct => "struct",
                    TypeKind.Interface => "interface",
                    _ => "class",
                };
            chain.Insert(0, new ContainingTypeSpec(keyword, Identifier(outer.Name)));
        }
        parsed.ContainingTypes.AddRange(chain);
    }

    /// <summary>Constructor argument <paramref name="index"/> as an int, <paramref name="missing"/> when the constructor has fewer.</summary>
    private static int? Arg(System.Collections.Immutable.ImmutableArray<TypedConstant> args, int index, int? missing)
        => args.Length > index ? AsInt(args[index].Value) : missing;

    /// <summary>An <c>[Input]</c>: one size, or the dimensions of a shaped input (their product as the size, in <see cref="long"/>).</summary>
    private static ParsedInput ReadInput(System.Collections.Immutable.ImmutableArray<TypedConstant> args, LocationInfo? location)
    {
        if (args.Length <= 1) return new ParsedInput(args.Length > 0 ? AsInt(args[0].Value) : null, location);
        var dimensions = new int[args.Length];
        long size = 1;
        bool known = true;
        for (int i = 0; i < args.Length; i++)
        {
            int? d = AsInt(args[i].Value);
            dimensions[i] = d ?? 0;
            if (d is null) known = false;
            else size *= d.Value;
        }
        int? total = !known ? null : size > int.MaxValue ? int.MaxValue : size < int.MinValue ? int.MinValue : (int)size;
        return new ParsedInput(total, location, dimensions);
    }

    private static void ReadAttributes(INamedTypeSymbol type, ParsedNetwork parsed, CancellationToken token)
    {
        var declarations = new HashSet<SyntaxNode>();
        foreach (var attribute in type.GetAttributes())
        {
            token.ThrowIfCancellationRequested();
            string? name = attribute.AttributeClass?.ToDisplayString();
            if (name is null || !(name is AttributeNames.Network or AttributeNames.Input or AttributeNames.Dense or AttributeNames.Dropout
                or AttributeNames.Gru or AttributeNames.Lstm or AttributeNames.Rnn or AttributeNames.CausalConv1D
                || AttributeNames.ShapedLayers.ContainsKey(name))) continue;

            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(token);
            var location = LocationInfo.From(syntax?.GetLocation());
            var owner = syntax?.FirstAncestorOrSelf<TypeDeclarationSyntax>();
            if (owner is not null && declarations.Add(owner) && declarations.Count == 2)
            {
                parsed.SecondDeclarationLocation = location;
            }

            if (attribute.AttributeClass is IErrorTypeSymbol || attribute.AttributeConstructor is null
                || attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error)
                || attribute.NamedArguments.Any(a => a.Value.Kind == TypedConstantKind.Error))
            {
                parsed.HasBindingErrors = true;
                continue;
            }

            var args = attribute.ConstructorArguments;
            switch (name)
            {
                case AttributeNames.Network:
                    parsed.NetworkLocation = location;
                    parsed.Loss = args.Length > 0 ? AsInt(args[0].Value) : null;
                    foreach (var named in attribute.NamedArguments)
                    {
                        var at = named.Key == "Weights" ? NamedArgumentLocation(syntax, named.Key) ?? location : location;
                        parsed.NamedArguments.Add(new ParsedNamedArgument(named.Key, named.Value.Value, at));
                    }
                    break;
                case AttributeNames.Input:
                    parsed.Inputs.Add(ReadInput(args, location));
                    break;
                case AttributeNames.Dense:
                    parsed.Layers.Add(new ParsedDense(
                        args.Length > 0 ? AsInt(args[0].Value) : null,
                        args.Length > 1 ? AsInt(args[1].Value) : 0,
                        location));
                    break;
                case AttributeNames.Gru:
                case AttributeNames.Lstm:
                    parsed.Layers.Add(new ParsedDense(
                        args.Length > 0 ? AsInt(args[0].Value) : null, null, location,
                        name == AttributeNames.Gru ? ParsedLayerKind.Gru : ParsedLayerKind.Lstm));
                    break;
                case AttributeNames.Rnn:
                    parsed.Layers.Add(new ParsedDense(
                        args.Length > 0 ? AsInt(args[0].Value) : null,
                        args.Length > 1 ? AsInt(args[1].Value) : 2,
                        location, ParsedLayerKind.Rnn));
                    break;
                case AttributeNames.CausalConv1D:
                    parsed.Layers.Add(new ParsedDense(
                        args.Length > 0 ? AsInt(args[0].Value) : null,
                        args.Length > 3 ? AsInt(args[3].Value) : 0,
                        location, ParsedLayerKind.CausalConv1D,
                        args.Length > 1 ? AsInt(args[1].Value) : null,
                        args.Length > 2 ? AsInt(args[2].Value) : 1));
                    break;
                case AttributeNames.Conv1D:
                    // (outChannels, kernelSize, stride = 1, padding = 0, dilation = 1, activation = Identity)
                    parsed.Layers.Add(new ParsedDense(Arg(args, 0, null), Arg(args, 5, 0), location, ParsedLayerKind.Conv1D,
                        Arg(args, 1, null), Arg(args, 4, 1), Arg(args, 2, 1), Arg(args, 3, 0)));
                    break;
                case AttributeNames.Conv2D:
                    // (outChannels, kernelSize, stride = 1, padding = 0, activation = Identity)
                    parsed.Layers.Add(new ParsedDense(Arg(args, 0, null), Arg(args, 4, 0), location, ParsedLayerKind.Conv2D,
                        Arg(args, 1, null), 1, Arg(args, 2, 1), Arg(args, 3, 0)));
                    break;
                case AttributeNames.MaxPool1D:
                case AttributeNames.MaxPool2D:
                case AttributeNames.AvgPool1D:
                case AttributeNames.AvgPool2D:
                    // (kernelSize, stride = 0: the kernel size)
                    parsed.Layers.Add(new ParsedDense(null, 0, location, AttributeNames.ShapedLayers[name], Arg(args, 0, null), 1, Arg(args, 1, 0), 0));
                    break;
                case AttributeNames.GlobalAvgPool:
                case AttributeNames.Flatten:
                    parsed.Layers.Add(new ParsedDense(null, 0, location, AttributeNames.ShapedLayers[name]));
                    break;
                case AttributeNames.LayerNorm:
                case AttributeNames.BatchNorm:
                    parsed.Layers.Add(new ParsedDense(null, Arg(args, 0, 0), location, AttributeNames.ShapedLayers[name]));
                    break;
                case AttributeNames.Dropout:
                    parsed.Dropouts.Add(new ParsedDropout(args.Length > 0 ? AsFloat(args[0].Value) : null, parsed.Layers.Count, location));
                    break;
            }
        }
        parsed.DeclarationsWithLayerAttributes = declarations.Count;
    }

    /// <summary>Where <c>Name = value</c> is written in the attribute, so a diagnostic about it points there.</summary>
    private static LocationInfo? NamedArgumentLocation(SyntaxNode? attribute, string name)
    {
        if (attribute is not AttributeSyntax { ArgumentList: { } list }) return null;
        foreach (var argument in list.Arguments)
        {
            if (argument.NameEquals?.Name.Identifier.ValueText == name) return LocationInfo.From(argument.GetLocation());
        }
        return null;
    }

    private static void ReadDeclaredMembers(INamedTypeSymbol type, ParsedNetwork parsed)
    {
        foreach (var member in type.GetMembers())
        {
            if (member.IsImplicitlyDeclared) continue;
            bool clashes = AttributeNames.IsGenerated(member.Name) || (parsed.HasSequenceLayers && AttributeNames.IsSequenceMember(member.Name))
                || (parsed.HasBatchNorm && System.Array.IndexOf(AttributeNames.StatisticsMembers, member.Name) >= 0);
            if (!clashes && member is IMethodSymbol { MethodKind: MethodKind.Constructor } ctor)
            {
                // The generator writes T() and T(int seed).
                clashes = ctor.Parameters.Length == 0
                    || (ctor.Parameters.Length == 1 && ctor.Parameters[0].Type.SpecialType == SpecialType.System_Int32);
            }
            if (!clashes) continue;
            var location = member.Locations.FirstOrDefault();
            if (location is null || !location.IsInSource || IsGeneratedByNetGen(location.SourceTree)) continue;
            string shown = member is IMethodSymbol { MethodKind: MethodKind.Constructor } ? member.ContainingType.Name + "(…)" : member.Name;
            parsed.DeclaredMembers.Add(new ParsedMember(shown, LocationInfo.From(location)));
        }
    }

    /// <summary>True for the files this generator adds (the analyzer sees them; their members are not the user's).</summary>
    public static bool IsGeneratedByNetGen(SyntaxTree? tree)
    {
        string path = tree?.FilePath ?? "";
        return path.Replace('\\', '/').Contains("NetGen.Generator/NetGen.Generator.NetworkGenerator/");
    }

    /// <summary>
    /// SIMD code needs NetGen's vector math (in the runtime's net8.0 build) and the vector types; Vector512 exists
    /// from .NET 8. A netstandard2.1 consumer (Unity) gets scalar code only.
    /// </summary>
    private static void ReadVectorWidths(Compilation compilation, ParsedNetwork parsed)
    {
        if (compilation.GetTypeByMetadataName("NetGen.Runtime.VectorMath") is null) return;
        if (compilation.GetTypeByMetadataName("System.Runtime.Intrinsics.Vector128`1") is not null) parsed.VectorWidths.Add(128);
        if (compilation.GetTypeByMetadataName("System.Runtime.Intrinsics.Vector256`1") is not null) parsed.VectorWidths.Add(256);
        if (compilation.GetTypeByMetadataName("System.Runtime.Intrinsics.Vector512`1") is not null) parsed.VectorWidths.Add(512);
        // .NET 9 and later: Vector128.MultiplyAddEstimate (batch-1 kernels), Vector.MultiplyAddEstimate and Vector.Create
        // (lanes; both JIT intrinsics, where `new Vector<float>(x)` can end up an un-inlined constructor call).
        parsed.MultiplyAddEstimate = compilation.GetTypeByMetadataName("System.Runtime.Intrinsics.Vector128") is { } statics
            && !statics.GetMembers("MultiplyAddEstimate").IsEmpty
            && compilation.GetTypeByMetadataName("System.Numerics.Vector") is { } lanes
            && !lanes.GetMembers("MultiplyAddEstimate").IsEmpty
            && !lanes.GetMembers("Create").IsEmpty;
    }

    /// <summary>
    /// ILGPU device functions and the GPU trainer are emitted only when the consumer references ILGPU (its accelerator
    /// type) and NetGen.Ilgpu (the trainer's host code, <see cref="GpuTrainerType"/>); ILGPU.Algorithms (XMath) is
    /// recorded too. No ILGPU reference: no GPU code, no diagnostic. ILGPU without NetGen.Ilgpu: no GPU code and NG0024.
    /// </summary>
    private static void ReadGpuSupport(Compilation compilation, ParsedNetwork parsed)
    {
        bool ilgpu = compilation.GetTypeByMetadataName("ILGPU.Runtime.Accelerator") is not null
            && compilation.GetTypeByMetadataName("ILGPU.ArrayView`1") is not null
            && compilation.GetTypeByMetadataName("System.Span`1") is not null;
        bool host = compilation.GetTypeByMetadataName(GpuTrainerType) is not null;
        parsed.GpuKernels = ilgpu && host;
        parsed.GpuPackageMissing = ilgpu && !host;
        parsed.GpuAlgorithms = parsed.GpuKernels && compilation.GetTypeByMetadataName("ILGPU.Algorithms.XMath") is not null;
    }

    /// <summary>Metadata name of NetGen.Ilgpu's trainer, the base class of the generated <c>GpuTrainer</c>.</summary>
    internal const string GpuTrainerType = "NetGen.Ilgpu.NetworkGpuTrainer`2";

    /// <summary>Members of base classes that the generated members would hide (CS0108 in the generated file otherwise).</summary>
    private static void ReadInheritedMembers(INamedTypeSymbol type, ParsedNetwork parsed)
    {
        for (var baseType = type.BaseType; baseType is not null && baseType.SpecialType != SpecialType.System_Object; baseType = baseType.BaseType)
        {
            foreach (var member in baseType.GetMembers())
            {
                if (member.IsImplicitlyDeclared || member.DeclaredAccessibility == Microsoft.CodeAnalysis.Accessibility.Private) continue;
                if (member is IMethodSymbol { MethodKind: MethodKind.Constructor }) continue;
                if (!AttributeNames.IsGenerated(member.Name)) continue;
                parsed.DeclaredMembers.Add(new ParsedMember($"{member.Name} (inherited from {baseType.Name})", LocationInfo.From(type.Locations.FirstOrDefault())));
            }
        }
    }

    /// <summary>The name as a C# identifier: <c>@class</c> for a keyword.</summary>
    public static string Identifier(string name)
        => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) is SyntaxKind.RecordKeyword ? "@" + name : name;

    private static float? AsFloat(object? value) => value switch
    {
        float f => f,
        double d => (float)d,
        _ => AsInt(value),
    };

    private static int? AsInt(object? value) => value switch
    {
        int i => i,
        short s => s,
        byte b => b,
        sbyte sb => sb,
        ushort us => us,
        long l when l >= int.MinValue && l <= int.MaxValue => (int)l,
        uint u when u <= int.MaxValue => (int)u,
        _ => null,
    };

    private static string AccessibilityText(Accessibility accessibility) => accessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Public => "public",
        Microsoft.CodeAnalysis.Accessibility.Private => "private",
        Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
        Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected",
        _ => "internal",
    };
}

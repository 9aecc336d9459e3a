using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Tests.Driving;

/// <summary>
/// Metadata references for test compilations, taken from the running runtime itself (the trusted platform
/// assemblies of its shared framework folder) plus the NetGen runtime assembly: nothing is downloaded.
/// </summary>
internal static class TestReferences
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> Cached = new(Load);

    public static IReadOnlyList<MetadataReference> All => Cached.Value;

    private static IReadOnlyList<MetadataReference> Load()
    {
        string trusted = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string
            ?? throw new InvalidOperationException("The runtime does not list its TRUSTED_PLATFORM_ASSEMBLIES.");
        // Only the shared framework (the folder of System.Private.CoreLib): the test's own dependencies, Roslyn and
        // xunit among them, are no part of a user's project.
        string framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = trusted
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => string.Equals(Path.GetDirectoryName(path), framework, StringComparison.Ordinal))
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();
        references.Add(MetadataReference.CreateFromFile(typeof(NetGen.NetworkAttribute).Assembly.Location));
        return references;
    }
}

using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>Reads the weight files NetGen.targets hands over as additional files (base64 text with <c>NetGenWeightsName</c> metadata).</summary>
internal static class WeightsFileReader
{
    /// <summary>The item metadata NetGen.targets sets (made visible by <c>CompilerVisibleItemMetadata</c>).</summary>
    public const string NameMetadata = "build_metadata.AdditionalFiles.NetGenWeightsName";

    /// <summary>The weight file, or null for an additional file that is not one.</summary>
    public static WeightsFile? Read(AdditionalText file, AnalyzerConfigOptions options, CancellationToken token)
    {
        if (!options.TryGetValue(NameMetadata, out string? name) || string.IsNullOrWhiteSpace(name)) return null;
        string text = file.GetText(token)?.ToString() ?? "";
        try
        {
            return new WeightsFile(name, new EquatableArray<byte>(Convert.FromBase64String(text)), null);
        }
        catch (FormatException e)
        {
            return new WeightsFile(name, EquatableArray<byte>.Empty, "its base64 text form is corrupt (" + e.Message + ")");
        }
    }

    /// <summary>True when the item <paramref name="itemName"/> is the file <c>Weights = <paramref name="weights"/></c> names.</summary>
    public static bool Matches(string itemName, string weights)
    {
        string item = Normalize(itemName), wanted = Normalize(weights);
        return string.Equals(item, wanted, StringComparison.OrdinalIgnoreCase)
            || item.EndsWith("/" + wanted, StringComparison.OrdinalIgnoreCase)
            || wanted.EndsWith("/" + item, StringComparison.OrdinalIgnoreCase);
    }

    private static string Normalize(string path)
    {
        string p = path.Trim().Replace('\\', '/');
        while (p.StartsWith("./", StringComparison.Ordinal)) p = p.Substring(2);
        return p;
    }
}

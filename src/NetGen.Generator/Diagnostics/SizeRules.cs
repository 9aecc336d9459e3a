using System.Collections.Generic;
using System.Globalization;
using NetGen.Generator.Model;

namespace NetGen.Generator.Diagnostics;

/// <summary>The size rule shared by <c>[Input]</c> and layers: at least 1 (NG0006), at most the widest layer (NG0018).</summary>
internal static class SizeRules
{
    public static void Check(List<DiagnosticInfo> errors, string what, int? size, LocationInfo? location)
    {
        if (size is null || size <= 0)
            errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveSize, location, what, size?.ToString(CultureInfo.InvariantCulture) ?? "?"));
        else if (size > NetworkLimits.MaxLayerWidth)
            errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerTooWide, location, what, size.Value, NetworkLimits.MaxLayerWidth));
    }
}

using System.Collections.Generic;
using System.Globalization;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;

namespace NetGen.Generator.Diagnostics;

/// <summary>
/// The <c>[Dropout]</c> rules (NG0030–NG0033), part of <see cref="NetworkValidator"/>: p in [0, 1), written between
/// two <c>[Dense]</c> layers, at most one after a layer. Valid dropouts are recorded on the layer before them.
/// </summary>
internal static class DropoutRules
{
    public static void Apply(List<DiagnosticInfo> errors, ParsedNetwork p, List<LayerSpec> layers)
    {
        var seen = new Dictionary<int, int>();
        foreach (var dropout in p.Dropouts)
        {
            float value = dropout.P ?? float.NaN;
            string shown = Text(dropout.P);
            bool valid = true;
            if (!(value >= 0f && value < 1f))
            {
                errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DropoutProbabilityOutOfRange, dropout.Location, shown));
                valid = false;
            }
            if (dropout.AfterLayers == 0)
            {
                errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DropoutBeforeFirstDense, dropout.Location, shown));
                continue;
            }
            if (dropout.AfterLayers >= p.Layers.Count)
            {
                errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DropoutAfterLastDense, dropout.Location, shown, p.Layers.Count));
                continue;
            }
            seen.TryGetValue(dropout.AfterLayers, out int count);
            seen[dropout.AfterLayers] = ++count;
            if (count == 2)
            {
                int total = 0;
                foreach (var other in p.Dropouts) if (other.AfterLayers == dropout.AfterLayers) total++;
                errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConsecutiveDropout, dropout.Location, dropout.AfterLayers, total));
            }
            if (valid && count == 1)
            {
                int index = dropout.AfterLayers - 1;
                layers[index] = layers[index] with { DropoutAfter = value };
            }
        }
    }

    private static string Text(float? value)
        => value is float f ? f.ToString("R", CultureInfo.InvariantCulture) : "?";
}

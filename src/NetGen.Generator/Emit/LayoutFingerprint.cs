using System.Globalization;
using System.Text;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// The layout's identity for saved files: a canonical text of everything that fixes the file's shape
/// (sizes, activations, loss, optimizer and its state; "optimizer=None" for an inference-only network, whose files
/// have no optimizer state) and its 64-bit FNV-1a hash.
/// </summary>
internal static class LayoutFingerprint
{
    public static string Describe(NetworkSpec spec)
    {
        var text = new StringBuilder("NetGen/1;input=").Append(spec.InputSize.ToString(CultureInfo.InvariantCulture)).Append(';');
        // A shaped input's dimensions (flat inputs keep the text they always had, so their saved files still load).
        if (spec.InputShape is { IsShaped: true } shape) text.Append("shape=").Append(string.Join("x", System.Array.ConvertAll(shape.Dimensions, d => d.ToString(CultureInfo.InvariantCulture)))).Append(';');
        foreach (var layer in spec.Layers) text.Append(layer.FingerprintText);
        text.Append("loss=").Append(spec.Loss).Append(";optimizer=").Append(spec.Trainable ? spec.Optimizer.ToString() : "None");
        text.Append(";momentum=").Append(spec.Optimizer == OptimizerKind.Sgd && spec.Momentum != 0f ? "on" : "off");
        return text.ToString();
    }

    public static ulong Hash(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash = unchecked(hash * 1099511628211UL);
        }
        return hash;
    }
}

using System.Text;
using NetGen.Generator.Graph;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// Writes the parameters read from <c>[Network(Weights = "…")]</c> as static data (little-endian float32 bytes, which
/// the compiler stores in the assembly's data section) and the parameterless constructor that starts from them.
/// </summary>
/// <remarks>
/// The weights are data, not constants folded into the unrolled kernels: they are copied into the network's own
/// storage, so a baked network can still be trained, fine-tuned, given new values with <c>SetParameters</c>, or loaded
/// from another file.
/// </remarks>
internal static class BakedWeightsEmitter
{
    public static bool HasBakedWeights(NetworkSpec spec) => spec.BakedWeights.Count > 0;

    public static void WriteConstructor(IndentedWriter w, NetworkSpec spec)
    {
        w.Line("/// <summary>");
        w.Line($"/// Creates the network with the parameters baked in at compile time from <c>{Escape(spec.Weights ?? "")}</c>; the optimizer");
        w.Line($"/// state and everything else start as <c>new {spec.ClassName}({spec.Seed})</c> leaves them.");
        w.Line("/// </summary>");
        using (w.Block($"public {spec.ClassName}() : this({spec.Seed})"))
        {
            if (spec.StatisticsSize > 0)
            {
                // The parameters, then the BatchNorm running statistics, as the file holds them.
                w.Line("global::NetGen.Runtime.BakedWeights.CopyTo(NetGenBakedWeights.Slice(0, 4 * ParameterCount), _netgenParameters);");
                w.Line("global::NetGen.Runtime.BakedWeights.CopyTo(NetGenBakedWeights.Slice(4 * ParameterCount), _netgenStatistics);");
            }
            else
            {
                w.Line("global::NetGen.Runtime.BakedWeights.CopyTo(NetGenBakedWeights, _netgenParameters);");
            }
            w.Line("NetGenParametersWritten();");
        }
    }

    public static void WriteData(IndentedWriter w, NetworkSpec spec)
    {
        if (!HasBakedWeights(spec)) return;
        w.Line();
        w.Comment($"The {spec.BakedWeights.Count} {(spec.StatisticsSize > 0 ? "parameters and running statistics" : "parameters")} of \"{spec.Weights}\" (safetensors, read at compile time) as little-endian float32 bytes.");
        w.Line("private static global::System.ReadOnlySpan<byte> NetGenBakedWeights => new byte[]");
        w.Line("{");
        var line = new StringBuilder();
        int index = 0;
        foreach (float value in spec.BakedWeights)
        {
            int bits = FloatBits.Of(value);
            for (int k = 0; k < 4; k++)
            {
                line.Append(((bits >> (8 * k)) & 0xFF).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(", ");
            }
            if (++index % 8 == 0)
            {
                w.Line("    " + line.ToString().TrimEnd());
                line.Clear();
            }
        }
        if (line.Length > 0) w.Line("    " + line.ToString().TrimEnd());
        w.Line("};");
    }

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}

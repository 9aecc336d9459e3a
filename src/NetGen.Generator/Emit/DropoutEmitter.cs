using System.Globalization;
using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Model.Layers;

namespace NetGen.Generator.Emit;

/// <summary>
/// The generated members behind <c>[Dropout]</c>: the per-instance mask generator and the method that draws one
/// sample's mask. Nothing is written for a network without dropout, whose code stays as it was.
/// </summary>
internal static class DropoutEmitter
{
    public const string Random = "global::NetGen.Runtime.DeterministicRandom";

    /// <summary>Mask values one training sample needs: every layer's <see cref="LayerModel.MaskSize"/>; 0 for an inference-only network.</summary>
    public static int MaskSize(NetworkSpec spec) => spec.Trainable ? spec.Layers.Sum(l => l.MaskSize) : 0;

    public static bool Has(NetworkSpec spec) => MaskSize(spec) > 0;

    /// <summary>The mask generator field.</summary>
    public static void WriteState(IndentedWriter w, NetworkSpec spec)
    {
        if (!Has(spec)) return;
        w.Comment("Dropout mask generator: per instance, seeded from the seed, advanced by every training call, saved.");
        w.Line($"private {Random} _netgenDropout;");
    }

    /// <summary>Seeds the generator in the <c>T(int seed)</c> constructor.</summary>
    public static void WriteSeed(IndentedWriter w, NetworkSpec spec)
    {
        if (!Has(spec)) return;
        w.Line($"_netgenDropout = new {Random}(global::NetGen.Runtime.DropoutMask.InitialState(seed));");
    }

    /// <summary>Restores the generator in the loading constructor.</summary>
    public static void WriteRestore(IndentedWriter w, NetworkSpec spec)
    {
        if (!Has(spec)) return;
        w.Line($"_netgenDropout = new {Random}(contents.DropoutState);");
    }

    /// <summary>The generator state passed to <c>NetworkFile.Write</c>.</summary>
    public static string SavedState(NetworkSpec spec) => Has(spec) ? "_netgenDropout.State" : "0UL";

    /// <summary>Declares <c>m</c>, the mask buffer of the scalar training paths (on the stack).</summary>
    public static void WriteMaskBuffer(IndentedWriter w, NetworkSpec spec, bool draw = false)
    {
        if (!Has(spec)) return;
        w.Line($"global::System.Span<float> m = stackalloc float[{MaskSize(spec).ToString(CultureInfo.InvariantCulture)}];");
        if (draw) w.Line("NetGenDrawMask(m);");
    }

    /// <summary>The gradient kernel's call arguments, with the mask when the network has dropout.</summary>
    public static string KernelArguments(NetworkSpec spec, string p, string x, string t, string g)
        => Has(spec) ? $"{p}, {x}, {t}, m, {g}" : $"{p}, {x}, {t}, {g}";

    /// <summary>The method that fills one sample's mask, layer by layer.</summary>
    public static void WriteDrawMask(IndentedWriter w, NetworkSpec spec)
    {
        if (!Has(spec)) return;
        w.Line();
        w.Comment("Draws one sample's dropout mask from the instance's generator (see the static overload).");
        w.Line("private void NetGenDrawMask(global::System.Span<float> m) => NetGenDrawMask(ref _netgenDropout, m);");
        w.Line();
        w.Comment("Draws one sample's dropout mask: per dropped layer, 0 with probability p, else 1/(1−p) (inverted dropout, as nn.Dropout).");
        using (w.Block($"private static void NetGenDrawMask(ref {Random} random, global::System.Span<float> m)"))
        {
            int offset = 0;
            foreach (var layer in spec.Layers.OfType<DropoutLayer>())
            {
                string o = offset.ToString(CultureInfo.InvariantCulture), n = layer.Size.ToString(CultureInfo.InvariantCulture);
                w.Line($"global::NetGen.Runtime.DropoutMask.Fill(ref random, m.Slice({o}, {n}), {FloatLiteral.Format(layer.Probability)});   // layer {layer.Number}: Dropout({layer.Probability.ToString("R", CultureInfo.InvariantCulture)})");
                offset += layer.Size;
            }
        }
    }
}

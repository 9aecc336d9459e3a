using System.Globalization;
using System.Linq;
using NetGen.Generator.Graph;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// The members of <c>global::NetGen.INetwork</c> that the contract's public members do not already implement: the
/// sizes (constants on the class), the layer offsets, each layer's activation and the loss, as explicit implementations.
/// </summary>
internal static class NetworkInterfaceEmitter
{
    public const string Interface = "global::NetGen.INetwork";

    public static void Write(IndentedWriter w, NetworkSpec spec, LoweredNetwork network)
    {
        string offsets = string.Join(", ", network.Layers.Select(l => l.WeightOffset.ToString(CultureInfo.InvariantCulture))
            .Concat(new[] { network.ParameterCount.ToString(CultureInfo.InvariantCulture) }));
        w.Line();
        string activations = string.Join(", ", spec.Layers.Select(l => "global::NetGen.Activation." + l.Activation));
        w.Comment("INetwork: the sizes as instance properties, where each layer's parameters start (then ParameterCount),");
        w.Comment("each layer's activation and the loss (what GradientCheck's double-precision reference recomputes).");
        w.Line($"private static readonly int[] _netgenLayerOffsets = {{ {offsets} }};");
        w.Line($"private static readonly global::NetGen.Activation[] _netgenLayerActivations = {{ {activations} }};");
        w.Line($"int {Interface}.InputSize => InputSize;");
        w.Line($"int {Interface}.OutputSize => OutputSize;");
        w.Line($"int {Interface}.ParameterCount => ParameterCount;");
        w.Line($"global::System.ReadOnlySpan<int> {Interface}.LayerOffsets => _netgenLayerOffsets;");
        w.Line($"global::System.ReadOnlySpan<global::NetGen.Activation> {Interface}.LayerActivations => _netgenLayerActivations;");
        w.Line($"global::NetGen.Loss {Interface}.Loss => global::NetGen.Loss.{spec.Loss};");
    }
}

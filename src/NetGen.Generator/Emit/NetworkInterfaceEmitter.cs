using System.Globalization;
using System.Linq;
using NetGen.Generator.Graph;

namespace NetGen.Generator.Emit;

/// <summary>
/// The members of <c>global::NetGen.INetwork</c> that the contract's public members do not already implement: the
/// sizes (constants on the class) and the layer offsets, as explicit implementations.
/// </summary>
internal static class NetworkInterfaceEmitter
{
    public const string Interface = "global::NetGen.INetwork";

    public static void Write(IndentedWriter w, LoweredNetwork network)
    {
        string offsets = string.Join(", ", network.Layers.Select(l => l.WeightOffset.ToString(CultureInfo.InvariantCulture))
            .Concat(new[] { network.ParameterCount.ToString(CultureInfo.InvariantCulture) }));
        w.Line();
        w.Comment("INetwork: the sizes as instance properties, and where each layer's parameters start (then ParameterCount).");
        w.Line($"private static readonly int[] _netgenLayerOffsets = {{ {offsets} }};");
        w.Line($"int {Interface}.InputSize => InputSize;");
        w.Line($"int {Interface}.OutputSize => OutputSize;");
        w.Line($"int {Interface}.ParameterCount => ParameterCount;");
        w.Line($"global::System.ReadOnlySpan<int> {Interface}.LayerOffsets => _netgenLayerOffsets;");
    }
}

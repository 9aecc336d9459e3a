using System.Collections.Generic;
using System.Globalization;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// The members of <c>global::NetGen.IInferenceNetwork</c> and <c>global::NetGen.INetwork</c> that the contract's public
/// members do not already implement: the sizes (constants on the class), the layer descriptions (each layer record
/// describes itself) and, for trainable networks, the loss, as explicit implementations.
/// </summary>
internal static class NetworkInterfaceEmitter
{
    /// <summary>The interface of the inference members, which every generated class implements.</summary>
    public const string InferenceInterface = "global::NetGen.IInferenceNetwork";

    /// <summary>The interface a trainable class implements (it extends <see cref="InferenceInterface"/>).</summary>
    public const string TrainingInterface = "global::NetGen.INetwork";

    /// <summary>The interface the class declares: <see cref="TrainingInterface"/> unless the network is inference-only.</summary>
    public static string Interface(NetworkSpec spec) => spec.Trainable ? TrainingInterface : InferenceInterface;

    public static void Write(IndentedWriter w, NetworkSpec spec)
    {
        w.Line();
        w.Comment("INetwork: the sizes as instance properties, each layer's description (kind, sizes, activation, parameters)");
        w.Comment(spec.Trainable ? "and the loss (what GradientCheck's double-precision reference recomputes)." : "(this network is inference-only: IInferenceNetwork).");
        w.Line("private static readonly global::NetGen.LayerDescription[] _netgenLayers =");
        w.Line("{");
        foreach (string description in Descriptions(spec)) w.Line($"    {description},");
        w.Line("};");
        w.Line($"int {InferenceInterface}.InputSize => InputSize;");
        w.Line($"int {InferenceInterface}.OutputSize => OutputSize;");
        w.Line($"int {InferenceInterface}.ParameterCount => ParameterCount;");
        w.Line($"global::System.ReadOnlySpan<global::NetGen.LayerDescription> {InferenceInterface}.Layers => _netgenLayers;");
        if (spec.Trainable) w.Line($"global::NetGen.Loss {TrainingInterface}.Loss => global::NetGen.Loss.{spec.Loss};");
    }

    private static IEnumerable<string> Descriptions(NetworkSpec spec)
    {
        int offset = 0;
        foreach (var layer in spec.Layers)
        {
            yield return layer.Description(offset);
            offset += (int)layer.ParameterCount;
        }
    }
}

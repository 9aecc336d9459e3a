using System.Collections.Generic;

namespace NetGen.Generator.Model;

/// <summary>One tensor of the equivalent <c>torch.nn.Sequential</c>: its name, offset in the parameters and shape.</summary>
internal sealed record SequentialTensor(string Name, int Offset, EquatableArray<int> Shape, string Description);

/// <summary>
/// Names a network's parameters as the equivalent <c>torch.nn.Sequential</c> does: each Dense layer is an
/// <c>nn.Linear</c> (<c>{i}.weight</c> <c>[out, in]</c>, <c>{i}.bias</c> <c>[out]</c>), and every module between
/// Linear layers (a non-Identity activation, later a Dropout) takes one more index.
/// </summary>
internal static class SequentialTensors
{
    /// <summary>
    /// The <c>nn.Sequential</c> index of each layer's Linear module. A layer occupies its Linear module plus the
    /// modules that follow it (<see cref="ModulesAfterLinear"/>); extend that function when a layer gains modules.
    /// </summary>
    public static int[] LinearIndices(IReadOnlyList<LayerSpec> layers)
    {
        var indices = new int[layers.Count];
        int next = 0;
        for (int i = 0; i < layers.Count; i++)
        {
            indices[i] = next;
            next += 1 + ModulesAfterLinear(layers[i]);
        }
        return indices;
    }

    /// <summary>
    /// Modules that follow a layer's Linear in <c>nn.Sequential</c>: its activation unless Identity (which PyTorch writes
    /// as nothing), then an <c>nn.Dropout</c> when a <c>[Dropout]</c> follows the layer.
    /// </summary>
    public static int ModulesAfterLinear(LayerSpec layer) =>
        (layer.Activation == ActivationKind.Identity ? 0 : 1) + (layer.DropoutAfter > 0f ? 1 : 0);

    /// <summary>Every tensor, in parameter order: per layer its weight, then its bias.</summary>
    public static List<SequentialTensor> Of(NetworkSpec spec)
    {
        var layers = new List<LayerSpec>(spec.Layers);
        int[] indices = LinearIndices(layers);
        var tensors = new List<SequentialTensor>();
        int offset = 0;
        for (int i = 0; i < layers.Count; i++)
        {
            int fanIn = spec.FanIn(i), units = layers[i].Units;
            tensors.Add(new SequentialTensor($"{indices[i]}.weight", offset, new EquatableArray<int>(new[] { units, fanIn }), $"layer {i + 1} weights [out, in]"));
            offset += units * fanIn;
            tensors.Add(new SequentialTensor($"{indices[i]}.bias", offset, new EquatableArray<int>(new[] { units }), $"layer {i + 1} biases"));
            offset += units;
        }
        return tensors;
    }
}

using System.Collections.Generic;

namespace NetGen.Generator.Model;

/// <summary>One tensor of the equivalent <c>torch.nn.Sequential</c>: its name, offset in the parameters and shape.</summary>
internal sealed record SequentialTensor(string Name, int Offset, EquatableArray<int> Shape, string Description);

/// <summary>
/// Names a network's parameters as the equivalent <c>torch.nn.Sequential</c> does: each layer takes as many module
/// indices as it has modules (<see cref="Layers.LayerModel.SequentialModules"/>) and names its own tensors from its first.
/// </summary>
internal static class SequentialTensors
{
    /// <summary>Every tensor, in parameter order.</summary>
    public static List<SequentialTensor> Of(NetworkSpec spec)
    {
        var tensors = new List<SequentialTensor>();
        int module = 0, offset = 0;
        foreach (var layer in spec.Layers)
        {
            tensors.AddRange(layer.Tensors(module, offset));
            module += layer.SequentialModules;
            offset += (int)layer.ParameterCount;
        }
        return tensors;
    }
}

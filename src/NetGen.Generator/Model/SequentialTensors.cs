using System.Collections.Generic;

namespace NetGen.Generator.Model;

/// <summary>
/// One tensor of the equivalent <c>torch.nn.Sequential</c>: its name, offset in the parameters (a running statistic's: after
/// them) and shape; <see cref="Integer"/> for a tensor PyTorch stores as I64 (<c>num_batches_tracked</c>).
/// </summary>
internal sealed record SequentialTensor(string Name, int Offset, EquatableArray<int> Shape, string Description, bool Integer = false);

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

    /// <summary>The BatchNorm layers' running statistics, their offsets counted after the <paramref name="parameterCount"/> parameters.</summary>
    public static List<SequentialTensor> Statistics(NetworkSpec spec, int parameterCount)
    {
        var tensors = new List<SequentialTensor>();
        int module = 0, offset = parameterCount;
        foreach (var layer in spec.Layers)
        {
            if (layer is Layers.BatchNormLayer norm)
            {
                foreach (var tensor in norm.StatisticsTensors(module, offset))
                    tensors.Add(tensor.Name.EndsWith(".num_batches_tracked", System.StringComparison.Ordinal) ? tensor with { Integer = true } : tensor);
            }
            if (layer is Layers.ShapedLayer shaped) offset += shaped.StatisticsSize;
            module += layer.SequentialModules;
        }
        return tensors;
    }
}

using System.Collections.Generic;
using NetGen.Runtime;
using NetGen.Tool.Import;

namespace NetGen.Tool.Output;

/// <summary>
/// The imported weights as the safetensors file NetGen reads: each layer's tensors named by its index in the equivalent
/// <c>nn.Sequential</c> (a layer with a non-Identity activation counts two modules, docs/pytorch.md), parameters in
/// <c>Parameters</c> order, then BatchNorm's running statistics (what <c>SaveSafetensors</c> writes).
/// </summary>
internal static class SequentialWeights
{
    /// <summary>The file's bytes.</summary>
    public static byte[] Encode(ImportedNetwork network)
    {
        var values = new List<float>();
        var tensors = new List<SafetensorsTensor>();
        int module = 0;
        foreach (var layer in network.Layers)
        {
            foreach (var (suffix, shape, data) in layer.Parameters)
            {
                tensors.Add(new SafetensorsTensor($"{module}.{suffix}", values.Count, shape));
                values.AddRange(data);
            }
            module += layer.SequentialModules;
        }
        module = 0;
        foreach (var layer in network.Layers)
        {
            foreach (var (suffix, shape, data, integer) in layer.Statistics)
            {
                tensors.Add(new SafetensorsTensor($"{module}.{suffix}", values.Count, integer, shape));
                values.AddRange(data);
            }
            module += layer.SequentialModules;
        }
        using var stream = new System.IO.MemoryStream();
        SafetensorsFile.Write(stream, tensors.ToArray(), values.ToArray());
        return stream.ToArray();
    }

    /// <summary>The number of parameters (what <c>ParameterCount</c> of the generated class will be).</summary>
    public static int ParameterCount(ImportedNetwork network)
    {
        int count = 0;
        foreach (var layer in network.Layers)
            foreach (var (_, _, data) in layer.Parameters) count += data.Length;
        return count;
    }
}

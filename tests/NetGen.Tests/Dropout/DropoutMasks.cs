using System;
using System.Collections.Generic;
using System.IO;
using NetGen.Runtime;
using NetGen.Tests.Reference;

namespace NetGen.Tests.Dropout;

/// <summary>
/// The dropout masks a network will draw, read independently of the generated code from the generator state in its
/// saved file, in the form <see cref="ReferenceNetwork"/> takes them.
/// </summary>
public static class DropoutMasks
{
    /// <summary>
    /// The masks the network's next <paramref name="samples"/> training samples will use (per dropped layer of
    /// <paramref name="reference"/>, per unit: 0 if u &lt; p else 1/(1−p)).
    /// </summary>
    public static double[][] Next(ReferenceNetwork reference, INetwork network, int samples)
    {
        var random = new DeterministicRandom(State(network));
        var masks = new double[samples][];
        for (int s = 0; s < samples; s++)
        {
            var mask = new List<double>(reference.MaskSize);
            foreach (var layer in reference.Layers)
            {
                if (layer.DropoutAfter <= 0) continue;
                float pf = (float)layer.DropoutAfter;
                float scale = 1f / (1f - pf);
                for (int o = 0; o < layer.Units; o++) mask.Add(random.NextSingle() < pf ? 0.0 : scale);
            }
            masks[s] = mask.ToArray();
        }
        return masks;
    }

    /// <summary>The dropout generator state a network saves: the 8 bytes before the file's CRC-32.</summary>
    public static ulong State(INetwork network)
    {
        using var stream = new MemoryStream();
        network.Save(stream);
        byte[] bytes = stream.ToArray();
        return BitConverter.ToUInt64(bytes, bytes.Length - 12);
    }
}

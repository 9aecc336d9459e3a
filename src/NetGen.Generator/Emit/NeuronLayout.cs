using System.Collections.Generic;
using NetGen.Generator.Graph;

namespace NetGen.Generator.Emit;

/// <summary>
/// Where one layer sits in the packed weight copy that batch-1 <c>Predict</c> reads: the weights transposed to
/// <c>[in, out]</c> with each row padded to <see cref="Stride"/> floats (a multiple of 16, so every vector width loads
/// whole vectors from every row), then the biases padded the same way. Padding is zero.
/// </summary>
internal sealed record NeuronLayer(LayerLayout Source, int PackedWeightOffset, int PackedBiasOffset, int Stride)
{
    /// <summary>Vectors of <paramref name="lanes"/> floats that cover the layer's units (the last may be partly padding).</summary>
    public int Vectors(int lanes) => (Source.Units + lanes - 1) / lanes;
}

/// <summary>The packed copy's layout for a whole network (pure function of the lowered layers).</summary>
internal sealed class NeuronLayout
{
    /// <summary>Rows are padded to a multiple of this many floats (the lanes of the widest vector).</summary>
    public const int RowAlignment = 16;

    private NeuronLayout(IReadOnlyList<NeuronLayer> layers, int length, int maxStride)
    {
        Layers = layers;
        Length = length;
        MaxStride = maxStride;
    }

    public IReadOnlyList<NeuronLayer> Layers { get; }

    /// <summary>Floats in the packed copy.</summary>
    public int Length { get; }

    /// <summary>The widest padded row: the size of each activation buffer.</summary>
    public int MaxStride { get; }

    public static NeuronLayout Build(IReadOnlyList<LayerLayout> layers)
    {
        var result = new List<NeuronLayer>(layers.Count);
        int offset = 0, maxStride = 0;
        foreach (var layer in layers)
        {
            int stride = (layer.Units + RowAlignment - 1) / RowAlignment * RowAlignment;
            int weights = offset;
            int biases = weights + layer.FanIn * stride;
            offset = biases + stride;
            if (stride > maxStride) maxStride = stride;
            result.Add(new NeuronLayer(layer, weights, biases, stride));
        }
        return new NeuronLayout(result, offset, maxStride);
    }

    /// <summary>
    /// Whether batch-1 <c>Predict</c> gets the across-neuron kernels: some layer must be at least 8 units wide; on
    /// narrower networks (the seed's 3 → 1 → 1) one vector would be mostly padding and the scalar kernel is as fast.
    /// </summary>
    public static bool IsWorthwhile(IReadOnlyList<LayerLayout> layers)
    {
        foreach (var layer in layers)
        {
            if (layer.Units >= 8) return true;
        }
        return false;
    }
}

using System.Collections.Generic;
using NetGen.Generator.Graph;

namespace NetGen.Generator.Emit;

/// <summary>
/// Where one layer sits in the packed weight copy that batch-1 <c>Predict</c> reads: the weights transposed to
/// <c>[in, out]</c>, the neurons padded to <see cref="Stride"/> (a multiple of 16, so every vector width loads whole
/// vectors) and cut into <b>panels</b> of <see cref="PanelWidth"/> neurons: panel p holds rows i = 0…in−1 of neurons
/// 32p…32p+31 one after the other, then panel p + 1 follows (the last panel is 16 wide where the stride is an odd
/// multiple of 16). Then the biases, padded to the stride. Padding is zero.
/// </summary>
/// <remarks>
/// Panels make every group of output vectors a kernel accumulates at once (8 vectors with 16 registers, 16 with
/// AVX-512's 32) read whole panels, that is one to eight sequential streams. With plain rows of the whole stride, a layer wider than
/// one group (net D's 128 neurons at 256 bits: two passes of 64) read half of every 512-byte row per pass, and the
/// hardware prefetchers did not keep up: 4.45 µs against 3.49 µs for the same multiply-adds from panels (issue 15).
/// </remarks>
internal sealed record NeuronLayer(LayerLayout Source, int PackedWeightOffset, int PackedBiasOffset, int Stride)
{
    /// <summary>Neurons per panel: 8 lanes of 128 bits, 4 of 256, 2 of 512 (a vector never straddles two panels).</summary>
    public const int PanelWidth = 32;

    /// <summary>Vectors of <paramref name="lanes"/> floats that cover the layer's units (the last may be partly padding).</summary>
    public int Vectors(int lanes) => (Source.Units + lanes - 1) / lanes;

    /// <summary>The first neuron of the panel that holds neuron <paramref name="j"/>.</summary>
    public static int PanelStart(int j) => j / PanelWidth * PanelWidth;

    /// <summary>Floats in one row of the panel that holds neuron <paramref name="j"/>: 32, or 16 for a narrower last panel.</summary>
    public int PanelRow(int j) => System.Math.Min(PanelWidth, Stride - PanelStart(j));

    /// <summary>Where the packed copy holds W[j, i] (neuron <paramref name="j"/>, input <paramref name="i"/>): its panel, row i, column j.</summary>
    public int WeightOffset(int i, int j) => PanelOffset(j) + i * PanelRow(j) + (j - PanelStart(j));

    /// <summary>Where the panel that holds neuron <paramref name="j"/> starts (the panels before it are all full width).</summary>
    public int PanelOffset(int j) => PackedWeightOffset + PanelStart(j) * Source.FanIn;
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

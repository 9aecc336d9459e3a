using System.Collections.Generic;
using NetGen.Generator.Model;
using NetGen.Generator.Model.Layers;

namespace NetGen.Generator.Emit.Sequence;

/// <summary>
/// One affine map W·a + b of a sequence network's step in the SIMD step's packed copy: <see cref="Blocks"/> blocks of
/// <see cref="BlockRows"/> rows (the gates of a recurrent layer; 1 block elsewhere), each padded to <see cref="BlockStride"/>
/// rows, transposed so that for each input the <see cref="PackedRows"/> weights are consecutive, then the padded biases.
/// </summary>
/// <param name="WeightOffset">W's first parameter (row-major <c>[Blocks·BlockRows, Columns]</c>).</param>
/// <param name="BiasOffset">b's first parameter.</param>
/// <param name="Blocks">Gate blocks.</param>
/// <param name="BlockRows">Rows of each block.</param>
/// <param name="Columns">Inputs of each row.</param>
/// <param name="PackedWeights">Where the transposed weights start in the packed copy.</param>
/// <param name="What">What the map computes, for comments.</param>
internal sealed record StepAffine(int WeightOffset, int BiasOffset, int Blocks, int BlockRows, int Columns, int PackedWeights, string What)
{
    /// <summary>Rows of a block padded to whole 8-float vectors (so 128- and 256-bit code read the same copy).</summary>
    public int BlockStride => StepPlan.Pad(BlockRows);

    /// <summary>Rows of the packed map, padding included.</summary>
    public int PackedRows => Blocks * BlockStride;

    /// <summary>Where the padded biases start in the packed copy (after the weights).</summary>
    public int PackedBias => PackedWeights + Columns * PackedRows;

    /// <summary>Floats the map takes in the packed copy.</summary>
    public int PackedLength => Columns * PackedRows + PackedRows;
}

/// <summary>
/// The layout of the SIMD step of a sequence network: the packed copy (every affine map of the inference step, in layer
/// order) and the scratch regions (padded to whole 8-float vectors) each layer reads and writes.
/// </summary>
internal sealed class StepPlan
{
    private int _packed;

    /// <summary>Whole 8-float vectors: <paramref name="n"/> rounded up to a multiple of 8.</summary>
    public static int Pad(int n) => (n + 7) / 8 * 8;

    /// <summary>The affine maps in the order the refresh packs them.</summary>
    public List<StepAffine> Affines { get; } = new();

    /// <summary>Floats of the packed copy.</summary>
    public int PackedLength => _packed;

    /// <summary>Floats of the scratch span.</summary>
    public int ScratchLength { get; private set; }

    /// <summary>A new scratch region of <paramref name="floats"/> floats (padded), returning its offset.</summary>
    public int Region(int floats)
    {
        int at = ScratchLength;
        ScratchLength += Pad(floats);
        return at;
    }

    /// <summary>Adds an affine map to the packed copy.</summary>
    public StepAffine Affine(int weightOffset, int biasOffset, int blocks, int blockRows, int columns, string what)
    {
        var affine = new StepAffine(weightOffset, biasOffset, blocks, blockRows, columns, _packed, what);
        _packed += affine.PackedLength;
        Affines.Add(affine);
        return affine;
    }

    /// <summary>
    /// Whether a network gets the SIMD step: every layer is one the step knows (Dense, the recurrent layers, the causal
    /// convolution, Dropout at inference), a Softmax only on the last Dense.
    /// </summary>
    public static bool Supports(NetworkSpec spec)
    {
        foreach (var layer in spec.Layers)
        {
            if (layer is not (DenseLayer or RecurrentLayer or CausalConvLayer or DropoutLayer)) return false;
        }
        return true;
    }
}

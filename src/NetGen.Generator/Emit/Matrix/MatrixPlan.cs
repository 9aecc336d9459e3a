using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit.Matrix;

/// <summary>
/// Where one Dense layer's matrices sit for the matrix kernels: its rows are samples, each row padded to
/// <see cref="NeuronLayout.RowAlignment"/> floats (so every vector width reads whole vectors from every row), and its
/// weight gradient is kept as <c>[out, in padded]</c> followed by the padded bias gradient.
/// </summary>
/// <param name="Neurons">The layer's place in the packed copy (W<sub>l</sub>ᵀ padded, then b<sub>l</sub>), which the forward pass reads.</param>
/// <param name="InputStride">Floats per row of the layer's input matrix.</param>
/// <param name="OutputStride">Floats per row of its output matrices.</param>
/// <param name="GradientOffset">Start of its weight gradient in the padded gradient.</param>
internal sealed record MatrixLayer(NeuronLayer Neurons, int InputStride, int OutputStride, int GradientOffset)
{
    public Graph.LayerLayout Source => Neurons.Source;

    public int FanIn => Source.FanIn;

    public int Units => Source.Units;

    /// <summary>Start of its bias gradient in the padded gradient.</summary>
    public int BiasGradientOffset => GradientOffset + Units * InputStride;

    /// <summary>Floats of its part of the padded gradient.</summary>
    public int GradientLength => Units * InputStride + OutputStride;
}

/// <summary>
/// The matrix schedule of a network (training and batches as register-blocked matrix products): which networks get it,
/// and the layout of their workspaces. A pure function of the lowered layers.
/// </summary>
internal sealed class MatrixPlan
{
    /// <summary>Samples of one training block: each tile of the weight gradient stays in registers over this many samples.</summary>
    public const int BlockRows = 64;

    /// <summary>Block rows are padded to a multiple of this (the tallest row tile).</summary>
    public const int RowGranularity = 8;

    /// <summary>The forward-only workspace is kept under this many floats (it lives on the stack of the thread that runs it).</summary>
    public const int MaxForwardWorkFloats = 16 * 1024;

    private MatrixPlan(IReadOnlyList<MatrixLayer> layers, int inputSize, int outputSize, bool copyInputs)
    {
        Layers = layers;
        InputSize = inputSize;
        OutputSize = outputSize;
        CopyInputs = copyInputs;
        InputStride = Stride(inputSize);
        GradientLength = layers.Sum(l => l.GradientLength);
        InputGradientRowOffset = InputStride + layers.Sum(l => 2 * l.OutputStride);
        RowFloats = InputGradientRowOffset + InputStride;
        MaxStride = layers.Max(l => l.OutputStride);
        ForwardRowFloats = InputStride + 2 * MaxStride + layers[layers.Count - 1].OutputStride;
        int rows = MaxForwardWorkFloats / ForwardRowFloats / RowGranularity * RowGranularity;
        ForwardRows = System.Math.Max(RowGranularity, System.Math.Min(BlockRows, rows));
    }

    public IReadOnlyList<MatrixLayer> Layers { get; }

    public int InputSize { get; }

    public int OutputSize { get; }

    /// <summary>Floats per row of the block's input copy.</summary>
    public int InputStride { get; }

    /// <summary>
    /// Whether full blocks are copied into the padded input matrix too: when a row of the caller's inputs is not a whole
    /// number of vectors, the first layer's weight gradient could not read it as vectors.
    /// </summary>
    public bool CopyInputs { get; }

    /// <summary>Floats of the padded gradient.</summary>
    public int GradientLength { get; }

    /// <summary>Offset per block row of ∂L/∂x (<c>BackwardBatch</c> with input gradients), after the layers' matrices.</summary>
    public int InputGradientRowOffset { get; }

    /// <summary>Workspace floats per block row: the input copy, then per layer its pre-activations and its activations (hidden layers) or deltas (the output layer), then ∂L/∂x.</summary>
    public int RowFloats { get; }

    /// <summary>The widest padded layer row.</summary>
    public int MaxStride { get; }

    /// <summary>
    /// Workspace floats per row of a forward-only block: the input copy, two matrices that the layers write in turn
    /// (each layer's pre-activations and activations share one: the activation overwrites the value it is computed
    /// from), and the loss head's delta row.
    /// </summary>
    public int ForwardRowFloats { get; }

    /// <summary>Offset per forward-only row of the matrix layer <paramref name="index"/> writes (and layer index + 1 reads).</summary>
    public int ForwardRowOffset(int index) => InputStride + index % 2 * MaxStride;

    /// <summary>Offset per forward-only row of the loss head's delta row.</summary>
    public int ForwardDeltaRowOffset => InputStride + 2 * MaxStride;

    /// <summary>Samples of one forward-only block.</summary>
    public int ForwardRows { get; }

    /// <summary>Multiply-adds of one sample's forward pass.</summary>
    public long MultiplyAdds => Layers.Sum(l => (long)l.FanIn * l.Units);

    /// <summary>Floats per row of <paramref name="size"/> values.</summary>
    public static int Stride(int size) => (size + NeuronLayout.RowAlignment - 1) / NeuronLayout.RowAlignment * NeuronLayout.RowAlignment;

    /// <summary>
    /// Whether the network gets matrix kernels: SIMD code with the packed weight copy (<see cref="NeuronLayout.IsWorthwhile"/>),
    /// Dense layers only (a Dropout layer keeps the lane kernels, which draw its masks per sample), and hidden activations
    /// that act element by element (Softmax is an output activation: the loss head handles it).
    /// </summary>
    public static bool Applies(NetworkSpec spec, bool packed, IReadOnlyList<Graph.LayerLayout> layers) =>
        packed && spec.VectorWidths.Count > 0 && !DropoutEmitter.Has(spec)
        && layers.Take(layers.Count - 1).All(l => Model.Activations.ActivationTable.Of(l.Activation).Shape != Model.Activations.ActivationShape.Softmax);

    public static MatrixPlan Build(NeuronLayout packed, int inputSize)
    {
        var layers = new List<MatrixLayer>();
        int gradient = 0;
        foreach (var neurons in packed.Layers)
        {
            var layer = new MatrixLayer(neurons, Stride(neurons.Source.FanIn), Stride(neurons.Source.Units), gradient);
            layers.Add(layer);
            gradient += layer.GradientLength;
        }
        return new MatrixPlan(layers, inputSize, layers[layers.Count - 1].Units, inputSize % NeuronLayout.RowAlignment != 0);
    }

    /// <summary>Offset, in floats per block row, of the input copy (0), and of layer <paramref name="index"/>'s two matrices.</summary>
    public int PreActivationRowOffset(int index) => InputStride + Layers.Take(index).Sum(l => 2 * l.OutputStride);

    /// <summary>Offset per block row of layer <paramref name="index"/>'s activations (hidden) or deltas (output layer).</summary>
    public int SecondRowOffset(int index) => PreActivationRowOffset(index) + Layers[index].OutputStride;
}

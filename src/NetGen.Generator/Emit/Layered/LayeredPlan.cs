using System;
using System.Collections.Generic;
using NetGen.Generator.Model;
using NetGen.Generator.Model.Layers;
using NetGen.Generator.Model.Shapes;

namespace NetGen.Generator.Emit.Layered;

/// <summary>
/// Where a layered network keeps one block of samples while it trains: per layer its pre-activations z, its outputs a (the
/// same region when the activation is Identity), a normalisation's x̂ and 1/σ, a max pool's chosen positions, and two
/// delta regions for the backward pass. Regions are sized per sample; the workspace holds <c>capacity</c> samples of each,
/// so region r starts at <c>r.Offset·capacity</c>. Pure data computed from the spec, no code.
/// </summary>
internal sealed class LayeredPlan
{
    private LayeredPlan(NetworkSpec spec, VectorWidth? width)
    {
        Spec = spec;
        Width = width;
        int packed = 0;
        int perSample = 0, indexPerSample = 0, parameterOffset = 0, statisticsOffset = 0, batchOffset = 0;
        int Take(int size)
        {
            int at = perSample;
            perSample += size;
            return at;
        }
        var steps = new List<LayeredStep>();
        for (int k = 0; k < spec.Layers.Count; k++)
        {
            var layer = spec.Layers[k];
            bool last = k == spec.Layers.Count - 1;
            var activation = ActivationOf(layer);
            int size = layer.OutputSize;
            var step = new LayeredStep(k, layer, activation, parameterOffset, statisticsOffset, last);
            if (layer is FlattenLayer)
            {
                step.Pre = step.Value = -1;
            }
            else
            {
                step.Pre = Take(size);
                step.Value = !last && activation != ActivationKind.Identity ? Take(size) : step.Pre;
            }
            if (layer is BatchNormLayer or LayerNormLayer) step.Normalised = Take(size);
            if (layer is LayerNormLayer) step.Inverse = Take(1);
            if (layer is BatchNormLayer batchNorm)
            {
                step.BatchStatistics = batchOffset;
                batchOffset += 2 * batchNorm.Channels;
            }
            if (layer is PoolLayer { Max: true })
            {
                step.IndexRegion = indexPerSample;
                indexPerSample += size;
            }
            if (width is not null && ChannelTiles.Supports(layer))
            {
                step.PackedOffset = packed;
                packed += ChannelTiles.PackedSize(layer);
                ConvColumns = Math.Max(ConvColumns, GemmLoops.ConvColumns(layer));
                if (layer is ConvLayer) step.Saved = Take(GemmLoops.SavedColumns(layer));
                if (layer is DenseLayer) DenseUnits = Math.Max(DenseUnits, layer.OutputSize);
            }
            parameterOffset += (int)layer.ParameterCount;
            if (layer is ShapedLayer shaped) statisticsOffset += shaped.StatisticsSize;
            steps.Add(step);
        }
        // The input adjoint is needed from the first layer that has parameters before it.
        bool parametersBefore = false;
        foreach (var step in steps)
        {
            step.NeedsInputGradient = parametersBefore;
            if (step.Layer.ParameterCount > 0) parametersBefore = true;
        }
        // A bias feeding a BatchNorm directly (no activation between) shifts a whole channel, which the batch mean removes:
        // its derivative is exactly 0 in training mode (summing the float deltas would give rounding noise instead).
        for (int k = 0; k + 1 < steps.Count; k++)
        {
            steps[k].BiasGradientVanishes = steps[k].Activation == ActivationKind.Identity && steps[k + 1].Layer is BatchNormLayer
                && steps[k].Layer is DenseLayer or ConvLayer;
        }
        int widest = spec.InputSize;
        foreach (var layer in spec.Layers) widest = Math.Max(widest, layer.OutputSize);
        Widest = widest;
        DeltaA = Take(widest);
        DeltaB = Take(widest);
        Steps = steps;
        PerSample = perSample;
        IndexPerSample = indexPerSample;
        BatchStatisticsSize = batchOffset;
        HasBatchNorm = steps.Exists(s => s.Layer is BatchNormLayer);
        PackedSize = packed;
        // The SIMD code needs the packed copies: without a Dense layer or a convolution, the network is scalar loops only.
        Width = packed > 0 ? width : null;
    }

    /// <summary>The plan of a layered network; with <paramref name="width"/>, the SIMD forward passes at that width.</summary>
    public static LayeredPlan Build(NetworkSpec spec, VectorWidth? width) => new(spec, width);

    /// <summary>
    /// The SIMD width of the channel tiles, matrix products and vector activations, or null for scalar loops only (the
    /// compilation has no vector API, or the network has no layer with a packed copy).
    /// </summary>
    public VectorWidth? Width { get; }

    /// <summary>Floats of scratch a sample of the block needs for the widest convolution's matrix products (δ side by side, δᵀ, ∂col).</summary>
    public int ConvColumns { get; }

    /// <summary>Units of the widest Dense layer (its δᵀ takes that many floats a sample in the matrix products).</summary>
    public int DenseUnits { get; }

    /// <summary>Floats of the packed weight copies the SIMD forward passes read (0 without SIMD).</summary>
    public int PackedSize { get; }

    /// <summary>The network.</summary>
    public NetworkSpec Spec { get; }

    /// <summary>The layers in order, with their regions.</summary>
    public List<LayeredStep> Steps { get; }

    /// <summary>Floats of the training workspace per sample.</summary>
    public int PerSample { get; }

    /// <summary>Ints (max-pool positions) of the training workspace per sample.</summary>
    public int IndexPerSample { get; }

    /// <summary>Per-sample offsets of the two delta regions.</summary>
    public int DeltaA { get; }

    /// <inheritdoc cref="DeltaA"/>
    public int DeltaB { get; }

    /// <summary>The widest value of one sample (input or a layer's output).</summary>
    public int Widest { get; }

    /// <summary>Floats of the batch statistics (μ and 1/σ per channel of every BatchNorm) of the block being trained.</summary>
    public int BatchStatisticsSize { get; }

    /// <summary>True with a BatchNorm layer: a batch is one block (its statistics are the whole batch's).</summary>
    public bool HasBatchNorm { get; }

    /// <summary>Samples per block when no BatchNorm needs the whole batch at once.</summary>
    public const int BlockSamples = 32;

    /// <summary>The activation a layer applies after itself (Identity for layers without one).</summary>
    public static ActivationKind ActivationOf(LayerModel layer) => layer switch
    {
        DenseLayer dense => dense.Activation,
        ShapedLayer shaped => shaped.Activation,
        _ => throw new InvalidOperationException($"Layer kind {layer.GetType().Name} is not part of a layered network."),
    };

    /// <summary>A layer as comments and the class summary name it: <c>Conv2D(16, 8, stride: 4, LeakyRelu)</c>, <c>Dense(3, Tanh)</c>.</summary>
    public static string Text(LayerModel layer) => layer is ShapedLayer shaped ? shaped.AttributeText : layer.ChainText.Substring(3);

    /// <summary>The shape of a layer's output (a Dense layer's is flat).</summary>
    public static TensorShape ShapeOf(LayerModel layer) => layer is ShapedLayer shaped ? shaped.Output : TensorShape.Flat(layer.OutputSize);
}

/// <summary>One layer of a <see cref="LayeredPlan"/> and its regions (per-sample offsets; −1 when it has none).</summary>
internal sealed class LayeredStep
{
    public LayeredStep(int index, LayerModel layer, ActivationKind activation, int parameterOffset, int statisticsOffset, bool last)
    {
        Index = index;
        Layer = layer;
        Activation = activation;
        ParameterOffset = parameterOffset;
        StatisticsOffset = statisticsOffset;
        Last = last;
    }

    /// <summary>The layer's place in the network (0-based).</summary>
    public int Index { get; }

    /// <summary>The layer.</summary>
    public LayerModel Layer { get; }

    /// <summary>Its activation (applied by the loss head's forward kernel on the last layer).</summary>
    public ActivationKind Activation { get; }

    /// <summary>Where its parameters start.</summary>
    public int ParameterOffset { get; }

    /// <summary>Where its running statistics start (BatchNorm).</summary>
    public int StatisticsOffset { get; }

    /// <summary>True for the output layer, whose pre-activations go to the loss head.</summary>
    public bool Last { get; }

    /// <summary>Its pre-activations z (−1 for Flatten, which reads the region before it).</summary>
    public int Pre { get; set; } = -1;

    /// <summary>Its outputs a = f(z) (the same as <see cref="Pre"/> without an activation, or for the last layer).</summary>
    public int Value { get; set; } = -1;

    /// <summary>Where the layer's packed weights start in the packed copy (−1: no SIMD forward pass).</summary>
    public int PackedOffset { get; set; } = -1;

    /// <summary>A convolution's unrolled windows (col [P, K]) kept from the training forward pass for the backward pass (−1: none).</summary>
    public int Saved { get; set; } = -1;

    /// <summary>True when the layer has a SIMD forward pass over a packed copy.</summary>
    public bool Packed => PackedOffset >= 0;

    /// <summary>A normalisation's x̂.</summary>
    public int Normalised { get; set; } = -1;

    /// <summary>A LayerNorm's 1/σ of each sample.</summary>
    public int Inverse { get; set; } = -1;

    /// <summary>A BatchNorm's μ and 1/σ per channel (in the batch-statistics buffer).</summary>
    public int BatchStatistics { get; set; } = -1;

    /// <summary>Where a max pool's positions start per sample in the int workspace.</summary>
    public int IndexRegion { get; set; } = -1;

    /// <summary>True for a Dense or convolution layer followed directly by a BatchNorm: ∂L/∂b is exactly 0 (the batch mean removes any shift).</summary>
    public bool BiasGradientVanishes { get; set; }

    /// <summary>True when the layers before it have parameters, so the backward pass needs ∂L/∂(its input).</summary>
    public bool NeedsInputGradient { get; set; }

    /// <summary>Appended to its method names (<see cref="LoopText.Method"/>): <c>Input</c> for <see cref="WithInputGradient"/>'s copy.</summary>
    public string Suffix { get; private set; } = "";

    /// <summary>
    /// A copy that computes ∂L/∂(its input) (<c>NetGenLayer1BackwardInput</c>): the input gradient of <c>Backward</c> and
    /// <c>InputGradient</c> from the first layer with parameters, whose training backward method does not compute it.
    /// </summary>
    public LayeredStep WithInputGradient()
    {
        var copy = (LayeredStep)MemberwiseClone();
        copy.NeedsInputGradient = true;
        copy.Suffix = "Input";
        return copy;
    }
}

using System.Collections.Generic;

namespace NetGen.Generator.Graph;

/// <summary>A network lowered to one expression graph: outputs, per-sample loss and its gradient, all nodes of one graph.</summary>
internal sealed class LoweredNetwork
{
    public LoweredNetwork(ExpressionGraph graph, int[] outputs, int loss, Gradient gradient, IReadOnlyList<LayerLayout> layers, int parameterCount, int maskSize = 0)
    {
        MaskSize = maskSize;
        Graph = graph;
        Outputs = outputs;
        Loss = loss;
        Gradient = gradient;
        Layers = layers;
        ParameterCount = parameterCount;
    }

    public ExpressionGraph Graph { get; }
    public int[] Outputs { get; }
    public int Loss { get; }
    public Gradient Gradient { get; }
    public IReadOnlyList<LayerLayout> Layers { get; }
    public int ParameterCount { get; }

    /// <summary>Dropout mask values one sample needs (0 for the inference graph and for networks without dropout).</summary>
    public int MaskSize { get; }

    /// <summary>Input leaves of one sample (the input adjoints a backward kernel stores).</summary>
    public int InputSize { get; init; }
}

/// <summary>Where one layer's parameters sit and how it is emitted.</summary>
internal sealed record LayerLayout(int Number, int FanIn, int Units, Model.ActivationKind Activation, int WeightOffset, int BiasOffset, bool Unrolled);

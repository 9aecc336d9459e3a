using System.Collections.Generic;

namespace NetGen.Generator.Graph;

/// <summary>
/// The state one layer's lowering reads and advances: the graph, the current values of one sample, where the next
/// parameters start, the dropout mask used so far, and the layouts of the Dense layers the emitters print from.
/// </summary>
internal sealed class LayerLoweringContext
{
    public LayerLoweringContext(ExpressionGraph graph, int[] values, int unrollLimit, bool training)
    {
        Graph = graph;
        Values = values;
        UnrollLimit = unrollLimit;
        Training = training;
    }

    /// <summary>The graph being built.</summary>
    public ExpressionGraph Graph { get; }

    /// <summary>Node ids of the current values: the network's inputs, then each layer's outputs.</summary>
    public int[] Values { get; set; }

    /// <summary>Multiply-adds past which a layer is emitted as loops.</summary>
    public int UnrollLimit { get; }

    /// <summary>True for the training graph (dropout masks applied), false for inference.</summary>
    public bool Training { get; }

    /// <summary>Where the next layer's parameters start; after the last layer, the parameter count.</summary>
    public int ParameterOffset { get; set; }

    /// <summary>Mask values used so far by the layers lowered before.</summary>
    public int MaskSize { get; set; }

    /// <summary>Parameter layouts of the layers lowered so far, for the emitters (one per Dense layer).</summary>
    public List<LayerLayout> Layouts { get; } = new();
}

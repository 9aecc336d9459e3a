using System.Collections.Generic;

namespace NetGen.Generator.Graph;

/// <summary>
/// The state one layer's lowering reads and advances: the graph, the current values of one sample, where the next
/// parameters start, the dropout mask used so far, and the layouts of the Dense layers the emitters print from.
/// </summary>
internal sealed class LayerLoweringContext
{
    public LayerLoweringContext(ExpressionGraph graph, int[] values, int unrollLimit, bool training, int stateStart = 0)
    {
        StateStart = stateStart;
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

    /// <summary>
    /// Where the previous step's state starts among the input leaves of a sequence network's step graph: <c>x[StateStart + k]</c>
    /// is state value k (after the step's <c>InputSize</c> features).
    /// </summary>
    public int StateStart { get; }

    /// <summary>State values used so far by the layers lowered before (the next layer's state starts here).</summary>
    public int StateOffset { get; set; }

    /// <summary>The next step's state, in state order: the node of each value a sequence layer carries forward.</summary>
    public List<int> StateOutputs { get; } = new();

    /// <summary>The leaf of the previous step's state value <paramref name="k"/> of the layer being lowered (k from its own start).</summary>
    public int PreviousState(int k) => Graph.Input(StateStart + StateOffset + k);

    /// <summary>Parameter layouts of the layers lowered so far, for the emitters (one per Dense layer).</summary>
    public List<LayerLayout> Layouts { get; } = new();
}

namespace NetGen.Generator.Model.Layers;

/// <summary>One neuron of a recurrent cell in the graph: its output node and its next state nodes (h, then c for the LSTM).</summary>
/// <param name="Output">The neuron's output (its new h).</param>
/// <param name="Next">The neuron's next state values, in the order of the layer's state (h, then c).</param>
internal sealed record CellNeuron(int Output, int[] Next);

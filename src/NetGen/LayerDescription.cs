namespace NetGen;

/// <summary>One layer of a generated network, as <see cref="IInferenceNetwork.Layers"/> lists them in source order.</summary>
public readonly struct LayerDescription
{
    /// <summary>Creates a description (generated code does this; other code rarely needs to).</summary>
    /// <param name="kind">The layer's kind.</param>
    /// <param name="inputSize">Values of one sample going in.</param>
    /// <param name="outputSize">Values of one sample coming out.</param>
    /// <param name="activation">The activation (<see cref="Activation.Identity"/> for kinds without one).</param>
    /// <param name="parameterOffset">Where the layer's parameters start in <see cref="IInferenceNetwork.Parameters"/>.</param>
    /// <param name="parameterCount">How many parameters the layer owns.</param>
    /// <param name="dropoutProbability">The drop probability of a Dropout layer, 0 for the other kinds.</param>
    public LayerDescription(LayerKind kind, int inputSize, int outputSize, Activation activation, int parameterOffset, int parameterCount, float dropoutProbability)
    {
        Kind = kind;
        InputSize = inputSize;
        OutputSize = outputSize;
        Activation = activation;
        ParameterOffset = parameterOffset;
        ParameterCount = parameterCount;
        DropoutProbability = dropoutProbability;
    }

    /// <summary>The layer's kind (code reading layers should reject kinds it does not know).</summary>
    public LayerKind Kind { get; }

    /// <summary>Values of one sample going into the layer (the previous layer's <see cref="OutputSize"/>, or the network's input size).</summary>
    public int InputSize { get; }

    /// <summary>Values of one sample coming out of the layer (the next layer's <see cref="InputSize"/>, or the network's output size).</summary>
    public int OutputSize { get; }

    /// <summary>The activation a Dense layer applies; <see cref="Activation.Identity"/> for kinds without one.</summary>
    public Activation Activation { get; }

    /// <summary>
    /// Where the layer's parameters start in <see cref="IInferenceNetwork.Parameters"/>; a Dense layer's weights
    /// <c>[OutputSize, InputSize]</c> row-major, then its biases. For a layer without parameters, where the next one's start.
    /// </summary>
    public int ParameterOffset { get; }

    /// <summary>How many parameters the layer owns (0 for Dropout).</summary>
    public int ParameterCount { get; }

    /// <summary>The probability p of a Dropout layer; 0 for the other kinds.</summary>
    public float DropoutProbability { get; }
}

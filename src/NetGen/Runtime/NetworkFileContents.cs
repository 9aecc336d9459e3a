using System.ComponentModel;

namespace NetGen.Runtime;

/// <summary>
/// Everything <see cref="NetworkFile.Read(System.IO.Stream, ulong, int, int, int)"/> read from a network file, already validated. This type is
/// infrastructure for generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class NetworkFileContents
{
    internal NetworkFileContents(
        float[] parameters,
        float learningRate,
        long step,
        float[] momentum,
        float[] adamM,
        float[] adamV,
        ulong dropoutState,
        float[] streamingState)
    {
        StreamingState = streamingState;
        Parameters = parameters;
        LearningRate = learningRate;
        Step = step;
        Momentum = momentum;
        AdamM = adamM;
        AdamV = adamV;
        DropoutState = dropoutState;
    }

    /// <summary>Gets the parameters, in the network's <c>Parameters</c> order; all finite.</summary>
    public float[] Parameters { get; }

    /// <summary>Gets the learning rate in effect when the network was saved; finite and positive.</summary>
    public float LearningRate { get; }

    /// <summary>Gets the number of optimizer steps taken before the network was saved; non-negative.</summary>
    public long Step { get; }

    /// <summary>Gets the SGD momentum buffer, one value per parameter, or an empty array when the file has none.</summary>
    public float[] Momentum { get; }

    /// <summary>Gets Adam's first-moment estimates, one per parameter, or an empty array when the file has none.</summary>
    public float[] AdamM { get; }

    /// <summary>Gets Adam's second-moment estimates, one per parameter, or an empty array when the file has none.</summary>
    public float[] AdamV { get; }

    /// <summary>Gets the raw state of the dropout generator (<see cref="DeterministicRandom.State"/>).</summary>
    public ulong DropoutState { get; }

    /// <summary>Gets a sequence network's streaming state (what its <c>Predict</c> carries between steps); empty for other networks.</summary>
    public float[] StreamingState { get; }
}

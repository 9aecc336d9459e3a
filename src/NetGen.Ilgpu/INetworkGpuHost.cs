using System;
using NetGen.Runtime;

namespace NetGen.Ilgpu;

/// <summary>
/// The host side of a network for <see cref="NetworkGpuTrainer{TNetwork, TKernels}"/>: where the trainer reads the
/// network's state when it starts (parameters, learning rate, step count, optimizer moments, dropout generator) and
/// how it writes parameters back and draws dropout masks. A generated network's <c>T.NetGenGpuKernels</c> struct
/// implements it (it is nested in the network class, so it reads the network's private state).
/// </summary>
/// <typeparam name="TNetwork">The network type.</typeparam>
public interface INetworkGpuHost<in TNetwork>
    where TNetwork : class
{
    /// <summary>The network's parameters, <c>ParameterCount</c> values in the network's order (read, not kept).</summary>
    /// <param name="network">The network.</param>
    /// <returns>A read-only view of the parameters.</returns>
    ReadOnlySpan<float> ParametersOf(TNetwork network);

    /// <summary>The network's current learning rate.</summary>
    /// <param name="network">The network.</param>
    /// <returns>The learning rate.</returns>
    float LearningRateOf(TNetwork network);

    /// <summary>Optimizer steps the network has taken (the bias corrections of Adam and the first step of momentum depend on it).</summary>
    /// <param name="network">The network.</param>
    /// <returns>The step count.</returns>
    long StepOf(TNetwork network);

    /// <summary>
    /// The optimizer's first state vector: the velocity of SGD with momentum, Adam's first moment; empty for plain SGD.
    /// </summary>
    /// <param name="network">The network.</param>
    /// <returns><c>ParameterCount</c> values, or none.</returns>
    ReadOnlySpan<float> FirstMomentOf(TNetwork network);

    /// <summary>The optimizer's second state vector: Adam's second moment; empty for SGD.</summary>
    /// <param name="network">The network.</param>
    /// <returns><c>ParameterCount</c> values, or none.</returns>
    ReadOnlySpan<float> SecondMomentOf(TNetwork network);

    /// <summary>The state of the network's dropout generator (0 for a network without dropout).</summary>
    /// <param name="network">The network.</param>
    /// <returns>The raw <see cref="DeterministicRandom.State"/>.</returns>
    ulong DropoutStateOf(TNetwork network);

    /// <summary>Draws one sample's dropout mask as the network's CPU path draws it (nothing for a network without dropout).</summary>
    /// <param name="random">The trainer's copy of the dropout generator; advanced by the draws.</param>
    /// <param name="mask">Receives <c>MaskSize</c> values.</param>
    void DrawMask(ref DeterministicRandom random, Span<float> mask);

    /// <summary>Writes parameters into the network the way its own <c>SetParameters</c> does (derived copies refreshed, no allocation).</summary>
    /// <param name="network">The network.</param>
    /// <param name="values"><c>ParameterCount</c> values.</param>
    void SetParameters(TNetwork network, ReadOnlySpan<float> values);
}

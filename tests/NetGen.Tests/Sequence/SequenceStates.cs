using System;

namespace NetGen.Tests.Sequence;

/// <summary>Runs a sequence through a network's nested <c>State</c> and returns the state's values (each class has its own State type).</summary>
public static class SequenceStates
{
    private delegate void Step<TState>(TState state, ReadOnlySpan<float> input, Span<float> output);

    /// <summary>The state after streaming <paramref name="inputs"/> through a fresh <c>T.State</c> of <paramref name="network"/>.</summary>
    public static float[] FinalState(ISequenceTestNetwork network, float[] inputs, SequenceLayout layout) => network switch
    {
        Gru_Mse n => Run(new Gru_Mse.State(), n.Predict, (s, d) => s.CopyTo(d), s => s.Length, inputs, layout),
        Gru_CrossEntropy_Last n => Run(new Gru_CrossEntropy_Last.State(), n.Predict, (s, d) => s.CopyTo(d), s => s.Length, inputs, layout),
        Lstm_Mse n => Run(new Lstm_Mse.State(), n.Predict, (s, d) => s.CopyTo(d), s => s.Length, inputs, layout),
        Lstm_Bce_Last n => Run(new Lstm_Bce_Last.State(), n.Predict, (s, d) => s.CopyTo(d), s => s.Length, inputs, layout),
        Rnn_Tanh n => Run(new Rnn_Tanh.State(), n.Predict, (s, d) => s.CopyTo(d), s => s.Length, inputs, layout),
        Rnn_Relu_Last n => Run(new Rnn_Relu_Last.State(), n.Predict, (s, d) => s.CopyTo(d), s => s.Length, inputs, layout),
        Conv_K3_D2 n => Run(new Conv_K3_D2.State(), n.Predict, (s, d) => s.CopyTo(d), s => s.Length, inputs, layout),
        Conv_Gru n => Run(new Conv_Gru.State(), n.Predict, (s, d) => s.CopyTo(d), s => s.Length, inputs, layout),
        Stacked n => Run(new Stacked.State(), n.Predict, (s, d) => s.CopyTo(d), s => s.Length, inputs, layout),
        Audio n => Run(new Audio.State(), n.Predict, (s, d) => s.CopyTo(d), s => s.Length, inputs, layout),
        Gru_Bce_Every n => Run(new Gru_Bce_Every.State(), n.Predict, (s, d) => s.CopyTo(d), s => s.Length, inputs, layout),
        _ => throw new ArgumentException($"No State runner for {network.GetType().Name}.", nameof(network)),
    };

    private delegate void CopyTo<TState>(TState state, Span<float> destination);

    private static float[] Run<TState>(TState state, Step<TState> predict, CopyTo<TState> copy, Func<TState, int> length, float[] inputs, SequenceLayout layout)
    {
        var output = new float[layout.OutputSize];
        for (int t = 0; t < layout.SequenceLength; t++) predict(state, inputs.AsSpan(t * layout.InputSize, layout.InputSize), output);
        var values = new float[length(state)];
        copy(state, values);
        return values;
    }
}

using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NetGen.Tests.Allocation;
using NetGen.Tests.Reference;
using Xunit;

namespace NetGen.Tests.Sequence;

/// <summary>
/// The members around the kernels: per-agent <c>State</c>s from several threads equal serial runs, <c>State</c>'s own
/// members, Save/Load/Restore carrying the streaming state, nothing allocated per step or per training call, and wrong
/// arguments named.
/// </summary>
public sealed class SequenceMemberTests
{
    private static float[] RandomValues(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    [Fact]
    public void PerAgentStates_FromSeveralThreads_EqualSerialRuns()
    {
        var net = new Audio(5);
        const int agents = 16, steps = 300;
        var inputs = Enumerable.Range(0, agents).Select(a => RandomValues(steps, 100 + a)).ToArray();
        float[] Run(int agent)
        {
            var state = new Audio.State();
            var outputs = new float[steps];
            for (int t = 0; t < steps; t++) net.Predict(state, inputs[agent].AsSpan(t, 1), outputs.AsSpan(t, 1));
            return outputs;
        }
        var serial = Enumerable.Range(0, agents).Select(Run).ToArray();
        var parallel = new float[agents][];
        Parallel.For(0, agents, new ParallelOptions { MaxDegreeOfParallelism = 4 }, a => parallel[a] = Run(a));
        for (int a = 0; a < agents; a++) NumericAssert.Identical(serial[a], parallel[a], $"agent {a}");
        // Each agent's stream is the whole sequence from a zero state.
        var whole = new float[steps];
        net.PredictSequence(inputs[3], whole);
        NumericAssert.Identical(whole, serial[3], "agent 3 vs PredictSequence");
    }

    [Fact]
    public void State_CopyReset_AndLength()
    {
        var net = new Lstm_Mse(2);
        var state = new Lstm_Mse.State();
        Assert.Equal(Lstm_Mse.StateSize, state.Length);
        Assert.Equal(8, Lstm_Mse.StateSize); // h then c of Lstm(4)
        var y = new float[Lstm_Mse.OutputSize];
        var x = RandomValues(3, 1);
        net.Predict(state, x, y);
        var saved = new float[state.Length];
        state.CopyTo(saved);
        Assert.Contains(saved, v => v != 0f);
        var next = new float[Lstm_Mse.OutputSize];
        net.Predict(state, x, next);

        var restored = new Lstm_Mse.State();
        restored.CopyFrom(saved);
        var again = new float[Lstm_Mse.OutputSize];
        net.Predict(restored, x, again);
        NumericAssert.Identical(next, again, "a state restored with CopyFrom continues the sequence");

        restored.Reset();
        var values = new float[restored.Length];
        restored.CopyTo(values);
        Assert.All(values, v => Assert.Equal(0f, v));
        var first = new float[Lstm_Mse.OutputSize];
        net.Predict(restored, x, first);
        NumericAssert.Identical(y, first, "Reset starts a new sequence");

        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => state.CopyTo(new float[3])).ParamName);
        Assert.Equal("source", Assert.Throws<ArgumentException>(() => state.CopyFrom(new float[9])).ParamName);
        Assert.Equal("state", Assert.Throws<ArgumentNullException>(() => net.Predict(null!, x, y)).ParamName);
    }

    [Fact]
    public void SaveAndLoad_CarryTheStreamingState()
    {
        var net = new Conv_Gru(4);
        var x = RandomValues(3 * 5, 2);
        var y = new float[1];
        for (int t = 0; t < 3; t++) net.Predict(x.AsSpan(t * 3, 3), y);
        using var file = new MemoryStream();
        net.Save(file);

        var continued = new float[2];
        for (int t = 3; t < 5; t++) net.Predict(x.AsSpan(t * 3, 3), continued.AsSpan(t - 3, 1));

        file.Position = 0;
        var loaded = Conv_Gru.Load(file);
        var fromFile = new float[2];
        for (int t = 3; t < 5; t++) loaded.Predict(x.AsSpan(t * 3, 3), fromFile.AsSpan(t - 3, 1));
        NumericAssert.Identical(continued, fromFile, "Load continues the saved stream");

        file.Position = 0;
        var restored = new Conv_Gru(9);
        restored.Restore(file);
        var fromRestore = new float[2];
        for (int t = 3; t < 5; t++) restored.Predict(x.AsSpan(t * 3, 3), fromRestore.AsSpan(t - 3, 1));
        NumericAssert.Identical(continued, fromRestore, "Restore continues the saved stream");

        // A file of another layout is refused and leaves the network as it was.
        using var other = new MemoryStream();
        new Gru_Mse(1).Save(other);
        other.Position = 0;
        var before = restored.Parameters.ToArray();
        Assert.Throws<InvalidDataException>(() => restored.Restore(other));
        NumericAssert.Identical(before, restored.Parameters, "parameters after a refused file");
    }

    [Fact]
    public void Training_StartsFromZeroState_AndLeavesTheStreamingStateAlone()
    {
        var net = new Gru_Mse(3);
        var x = RandomValues(4 * 3, 5);
        var t = RandomValues(4 * 2, 6);
        var y = new float[2];
        net.Predict(x.AsSpan(0, 3), y);
        net.Predict(x.AsSpan(3, 3), y);
        var g1 = new float[Gru_Mse.ParameterCount];
        float loss = net.Gradient(x, t, g1);

        var fresh = new Gru_Mse(3);
        var g2 = new float[Gru_Mse.ParameterCount];
        Assert.Equal(fresh.Gradient(x, t, g2), loss);
        NumericAssert.Identical(g2, g1, "a streaming state does not leak into training");

        // The streaming state is where the two steps left it.
        var next = new float[2];
        net.Predict(x.AsSpan(6, 3), next);
        fresh.Predict(x.AsSpan(0, 3), y);
        fresh.Predict(x.AsSpan(3, 3), y);
        var expected = new float[2];
        fresh.Predict(x.AsSpan(6, 3), expected);
        NumericAssert.Identical(expected, next, "streaming state after training");
    }

    [Fact]
    public void StepsAndTrainingCalls_AllocateNothing()
    {
        var net = new Audio(1);
        var state = new Audio.State();
        var x = new float[1];
        var y = new float[1];
        NoAllocation.Assert("Audio.Predict", 2000, () => net.Predict(x, y));
        NoAllocation.Assert("Audio.Predict(State)", 2000, () => net.Predict(state, x, y));
        var inputs = RandomValues(4 * Audio.SequenceLength, 7);
        var targets = RandomValues(4 * Audio.SequenceLength, 8);
        var outputs = new float[inputs.Length];
        var gradient = new float[Audio.ParameterCount];
        NoAllocation.Assert("Audio.PredictBatch", 200, () => net.PredictBatch(inputs, outputs));
        NoAllocation.Assert("Audio.TrainBatch", 200, () => net.TrainBatch(inputs, targets));
        NoAllocation.Assert("Audio.GradientBatch", 200, () => net.GradientBatch(inputs, targets, gradient));
        NoAllocation.Assert("Audio.Evaluate", 200, () => net.Evaluate(inputs, targets));
        var dropout = new StackedDropout();
        var dx = RandomValues(3 * 4 * 2, 9);
        var dt = RandomValues(3 * 4 * 2, 10);
        NoAllocation.Assert("StackedDropout.TrainBatch", 200, () => dropout.TrainBatch(dx, dt));
    }

    [Fact]
    public void WrongLengths_NameTheArgument()
    {
        var net = new Gru_CrossEntropy_Last(1);
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => net.Predict(new float[3], new float[3])).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => net.Predict(new float[2], new float[2])).ParamName);
        // A sequence is SequenceLength steps; LastStep targets are one step's.
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => net.Gradient(new float[2], new float[3], new float[Gru_CrossEntropy_Last.ParameterCount])).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => net.Gradient(new float[10], new float[15], new float[Gru_CrossEntropy_Last.ParameterCount])).ParamName);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => net.TrainBatch(new float[20], new float[3])).ParamName);
        Assert.Equal("targets", Assert.Throws<ArgumentOutOfRangeException>(() => net.TrainBatch(new float[10], new float[] { 2f, -1f, 0f })).ParamName);
        Assert.Equal("outputs", Assert.Throws<ArgumentException>(() => net.PredictBatch(new float[10], new float[3])).ParamName);
        Assert.Equal("outputs", Assert.Throws<ArgumentException>(() => net.PredictSequence(new float[4], new float[5])).ParamName);
        var none = Array.Empty<float>();
        net.PredictSequence(none, none);
        net.PredictBatch(none, none);
    }

    /// <summary>
    /// PyTorch's initialisation, deterministic per seed: every recurrent weight and bias from U(±1/√H), a convolution's from
    /// U(±1/√(in·k)), a Dense layer's weights Glorot and biases 0; the same seed gives the same bits, another seed others.
    /// </summary>
    [Fact]
    public void Initialisation_FollowsPyTorchsRules_AndTheSeed()
    {
        var net = new Audio(3);
        var p = net.Parameters.ToArray();
        NumericAssert.Identical(p, new Audio(3).Parameters, "the same seed");
        Assert.NotEqual(p, new Audio(4).Parameters.ToArray());
        NumericAssert.Identical(new Audio(0).Parameters, new Audio().Parameters, "new Audio() uses the attribute's seed (0)");
        // Dense(8, Tanh) ← 1: 8 weights Glorot U(±√(6/9)), 8 biases 0.
        Assert.All(p.AsSpan(0, 8).ToArray(), v => Assert.InRange(MathF.Abs(v), 1e-6f, MathF.Sqrt(6f / 9f)));
        Assert.All(p.AsSpan(8, 8).ToArray(), v => Assert.Equal(0f, v));
        // CausalConv1D(4, 3, 2) ← 8: 96 weights and 4 biases from U(±1/√24).
        AssertSpread(p.AsSpan(16, 100).ToArray(), 1f / MathF.Sqrt(24f), "convolution");
        // Gru(8) ← 4: 3·8·(4 + 8 + 2) = 336 values from U(±1/√8).
        AssertSpread(p.AsSpan(116, 336).ToArray(), 1f / MathF.Sqrt(8f), "GRU");
        Assert.Equal(116 + 336 + 9, Audio.ParameterCount);
    }

    private static void AssertSpread(float[] values, float limit, string what)
    {
        Assert.All(values, v => Assert.True(MathF.Abs(v) <= limit, $"{what}: {v} outside ±{limit}"));
        // Uniform over the whole range: some values in the outer quarter on each side, none exactly zero.
        Assert.Contains(values, v => v > 0.75f * limit);
        Assert.Contains(values, v => v < -0.75f * limit);
        Assert.DoesNotContain(0f, values);
    }

    /// <summary>A streaming-only network (Trainable = false, no SequenceLength) streams like its trainable twin and saves its state.</summary>
    [Fact]
    public void StreamingOnlyNetwork_StreamsAndSavesItsState()
    {
        var twin = new StreamingTwin(8);
        var net = new StreamingOnly();
        net.SetParameters(twin.Parameters);
        Assert.Equal(0, StreamingOnly.SequenceLength);
        Assert.Equal(2 * 1 + 2 * 3, StreamingOnly.StateSize);   // conv history of 2 steps × 1 channel, then h and c of the LSTM
        var x = RandomValues(12, 4);
        var expected = new float[12];
        twin.PredictSequence(x, expected);
        var streamed = new float[12];
        for (int t = 0; t < 6; t++) net.Predict(x.AsSpan(t, 1), streamed.AsSpan(t, 1));
        using var file = new MemoryStream();
        net.Save(file);
        file.Position = 0;
        var loaded = StreamingOnly.Load(file);
        for (int t = 6; t < 12; t++) loaded.Predict(x.AsSpan(t, 1), streamed.AsSpan(t, 1));
        NumericAssert.Identical(expected, streamed, "streamed through a Save/Load in the middle vs the whole sequence");
    }
}

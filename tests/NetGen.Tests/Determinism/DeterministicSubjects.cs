using System;
using System.Collections.Generic;
using NetGen.Tests.Sequence;

namespace NetGen.Tests.Determinism;

/// <summary>One deterministic network, driven the same way whatever its family: a sample is one input row (a whole sequence for a sequence network).</summary>
public sealed class Subject
{
    public Subject(string name, int input, int output, int target, Func<int, INetwork> create)
    {
        Name = name;
        SampleInput = input;
        SampleOutput = output;
        SampleTarget = target;
        CreateNetwork = create;
    }

    public Subject(string name, int input, int output, int target, Func<int, ISequenceTestNetwork> create)
        : this(name, input, output, target, (Func<int, INetwork>)null!)
    {
        CreateSequence = create;
    }

    public string Name { get; }
    public int SampleInput { get; }
    public int SampleOutput { get; }
    public int SampleTarget { get; }
    public Func<int, INetwork>? CreateNetwork { get; }
    public Func<int, ISequenceTestNetwork>? CreateSequence { get; }

    public override string ToString() => Name;

    public Driver Create(int seed) => CreateSequence is null ? new Driver(CreateNetwork!(seed), null) : new Driver(null, CreateSequence(seed));
}

/// <summary>The members the tests call, on an <see cref="INetwork"/> or on a sequence network.</summary>
public sealed class Driver
{
    private readonly INetwork? _n;
    private readonly ISequenceTestNetwork? _s;

    public Driver(INetwork? network, ISequenceTestNetwork? sequence)
    {
        _n = network;
        _s = sequence;
    }

    public ReadOnlySpan<float> Parameters => _n is not null ? _n.Parameters : _s!.Parameters;
    public void PredictOne(ReadOnlySpan<float> x, Span<float> y) { if (_n is not null) _n.Predict(x, y); else _s!.PredictSequence(x, y); }
    public void PredictBatch(ReadOnlySpan<float> x, Span<float> y) { if (_n is not null) _n.PredictBatch(x, y); else _s!.PredictBatch(x, y); }
    public float Gradient(ReadOnlySpan<float> x, ReadOnlySpan<float> t, Span<float> g) => _n is not null ? _n.Gradient(x, t, g) : _s!.Gradient(x, t, g);
    public float GradientBatch(ReadOnlySpan<float> x, ReadOnlySpan<float> t, Span<float> g) => _n is not null ? _n.GradientBatch(x, t, g) : _s!.GradientBatch(x, t, g);
    public float TrainStep(ReadOnlySpan<float> x, ReadOnlySpan<float> t) => _n is not null ? _n.TrainStep(x, t) : _s!.TrainStep(x, t);
    public float TrainBatch(ReadOnlySpan<float> x, ReadOnlySpan<float> t) => _n is not null ? _n.TrainBatch(x, t) : _s!.TrainBatch(x, t);
    public float Evaluate(ReadOnlySpan<float> x, ReadOnlySpan<float> t) => _n is not null ? _n.Evaluate(x, t) : _s!.Evaluate(x, t);
    public void BackwardBatch(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> g, Span<float> dx) { if (_n is not null) _n.BackwardBatch(x, dy, g, dx); else _s!.BackwardBatch(x, dy, g, dx); }
    public float InputGradient(ReadOnlySpan<float> x, ReadOnlySpan<float> t, Span<float> dx) => _n is not null ? _n.InputGradient(x, t, dx) : _s!.InputGradient(x, t, dx);
    public void ApplyGradient(ReadOnlySpan<float> g) { if (_n is not null) _n.ApplyGradient(g); else _s!.ApplyGradient(g); }
}

public static class DeterministicSubjects
{
    public static readonly Subject[] All =
    {
        new("DetIdentity", DetIdentity.InputSize, DetIdentity.OutputSize, DetIdentity.OutputSize, s => new DetIdentity(s)),
        new("DetSigmoid", DetSigmoid.InputSize, DetSigmoid.OutputSize, DetSigmoid.OutputSize, s => new DetSigmoid(s)),
        new("DetTanh", DetTanh.InputSize, DetTanh.OutputSize, DetTanh.OutputSize, s => new DetTanh(s)),
        new("DetRelu", DetRelu.InputSize, DetRelu.OutputSize, DetRelu.OutputSize, s => new DetRelu(s)),
        new("DetLeakyRelu", DetLeakyRelu.InputSize, DetLeakyRelu.OutputSize, DetLeakyRelu.OutputSize, s => new DetLeakyRelu(s)),
        new("DetSilu", DetSilu.InputSize, DetSilu.OutputSize, DetSilu.OutputSize, s => new DetSilu(s)),
        new("DetGelu", DetGelu.InputSize, DetGelu.OutputSize, DetGelu.OutputSize, s => new DetGelu(s)),
        new("DetGeluTanh", DetGeluTanh.InputSize, DetGeluTanh.OutputSize, DetGeluTanh.OutputSize, s => new DetGeluTanh(s)),
        new("DetElu", DetElu.InputSize, DetElu.OutputSize, DetElu.OutputSize, s => new DetElu(s)),
        new("DetSoftplus", DetSoftplus.InputSize, DetSoftplus.OutputSize, DetSoftplus.OutputSize, s => new DetSoftplus(s)),
        new("DetMish", DetMish.InputSize, DetMish.OutputSize, DetMish.OutputSize, s => new DetMish(s)),
        new("DetHardSigmoid", DetHardSigmoid.InputSize, DetHardSigmoid.OutputSize, DetHardSigmoid.OutputSize, s => new DetHardSigmoid(s)),
        new("DetHardSwish", DetHardSwish.InputSize, DetHardSwish.OutputSize, DetHardSwish.OutputSize, s => new DetHardSwish(s)),
        new("DetSoftmax", DetSoftmax.InputSize, DetSoftmax.OutputSize, DetSoftmax.OutputSize, s => new DetSoftmax(s)),
        new("DetLooped", DetLooped.InputSize, DetLooped.OutputSize, DetLooped.OutputSize, s => new DetLooped(s)),
        new("DetDropout", DetDropout.InputSize, DetDropout.OutputSize, DetDropout.OutputSize, s => new DetDropout(s)),
        new("DetCnn", DetCnn.InputSize, DetCnn.OutputSize, DetCnn.OutputSize, s => new DetCnn(s)),
        new("DetConv1d", DetConv1d.InputSize, DetConv1d.OutputSize, DetConv1d.OutputSize, s => new DetConv1d(s)),
        new("DetLayerNorm", DetLayerNorm.InputSize, DetLayerNorm.OutputSize, DetLayerNorm.OutputSize, s => new DetLayerNorm(s)),
        new("DetGru", DetGru.SequenceLength * DetGru.InputSize, DetGru.SequenceLength * DetGru.OutputSize, DetGru.SequenceLength * DetGru.OutputSize, s => (ISequenceTestNetwork)new DetGru(s)),
        new("DetLstm", DetLstm.SequenceLength * DetLstm.InputSize, DetLstm.SequenceLength * DetLstm.OutputSize, DetLstm.OutputSize, s => (ISequenceTestNetwork)new DetLstm(s)),
    };

    public static IEnumerable<object[]> Names()
    {
        foreach (var subject in All) yield return new object[] { subject.Name };
    }

    public static Subject Named(string name) => Array.Find(All, s => s.Name == name) ?? throw new ArgumentException(name);

    /// <summary>
    /// Fixed data from an integer generator (no floating-point library call): values k/2²⁴ in [−1, 1) for inputs and in
    /// [0, 1) for targets (probabilities, as BCE and cross-entropy need), the same on every machine.
    /// </summary>
    public static float[] Data(int count, uint seed, bool probabilities)
    {
        var values = new float[count];
        uint state = seed * 2654435761u + 12345u;
        for (int i = 0; i < count; i++)
        {
            state = state * 1664525u + 1013904223u;
            int k = (int)(state >> 8);   // 24 bits
            values[i] = probabilities ? k / 16777216f : (k - 8388608) / 8388608f;
        }
        return values;
    }
}

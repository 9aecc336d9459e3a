using System;
using System.IO;
using System.Linq;
using NetGen.Tests.Allocation;
using NetGen.Tests.Reference;
using NetGen.Tests.Sequence;
using Xunit;

namespace NetGen.Tests.Backward;

/// <summary>
/// Issue 19 on sequence networks (GRU, LSTM, RNN, CausalConv1D): <c>Backward</c>, <c>BackwardBatch</c>, <c>InputGradient</c> and
/// <c>ApplyGradient</c> through time — PyTorch autograd's float64 numbers (Reference/sequence-backward-reference.json), central
/// finite differences of the independent double-precision reference, and the consistency with <c>Gradient</c> and
/// <c>TrainStep</c>.
/// </summary>
public sealed class SequenceBackwardTests
{
    /// <summary>float32 through time against float64, relative to the largest magnitude compared (as the sequence tests).</summary>
    private const double Tolerance = 1e-4;

    public static TheoryData<string, string> NetsAndLoopedVariants() => SequenceNetworkTests.NetsAndLoopedVariants();

    public static TheoryData<string> Nets() => SequenceNetworkTests.Nets();

    private static ISequenceTestNetwork Load(string network, SequenceNetCase data)
    {
        var net = SequenceNetworks.Create(network);
        net.SetParameters(data.Parameters.ToFloats());
        return net;
    }

    private static float[] F(double[] values) => values.ToFloats();

    private static float[] Concat(double[][] rows) => rows.SelectMany(r => r).Select(v => (float)v).ToArray();

    [Theory]
    [MemberData(nameof(NetsAndLoopedVariants))]
    public void Backward_MatchesPyTorchAutograd(string network, string name)
    {
        var data = SequenceReferenceData.Nets[name];
        var reference = SequenceBackwardReference.Nets[name];
        var net = Load(network, data);
        int p = data.Layout.ParameterCount;
        for (int s = 0; s < data.Inputs.Length; s++)
        {
            var parameterGradient = new float[p];
            net.Backward(F(data.Inputs[s]), F(reference.OutputGradients[s]), parameterGradient);
            NumericAssert.Close(reference.ParameterGradients[s], parameterGradient, Tolerance, $"{network} sequence {s} ∂J/∂θ");

            var withInput = new float[p];
            var inputGradient = new float[data.Inputs[s].Length];
            inputGradient.AsSpan().Fill(float.NaN); // written, not added to
            net.Backward(F(data.Inputs[s]), F(reference.OutputGradients[s]), withInput, inputGradient);
            NumericAssert.Close(reference.ParameterGradients[s], withInput, Tolerance, $"{network} sequence {s} ∂J/∂θ (with ∂J/∂x)");
            NumericAssert.Close(reference.InputGradients[s], inputGradient, Tolerance, $"{network} sequence {s} ∂J/∂x");
        }
        NumericAssert.Identical(F(data.Parameters), net.Parameters, network + " parameters unchanged");
    }

    [Theory]
    [MemberData(nameof(Nets))]
    public void BackwardBatch_IsTheSumOverSequences_AndMatchesPyTorch(string name)
    {
        var data = SequenceReferenceData.Nets[name];
        var reference = SequenceBackwardReference.Nets[name];
        var net = Load(name, data);
        var expected = new double[data.Layout.ParameterCount];
        foreach (var gradient in reference.ParameterGradients) for (int k = 0; k < expected.Length; k++) expected[k] += gradient[k];
        var inputs = Concat(data.Inputs);
        var outputGradients = Concat(reference.OutputGradients);

        var batch = new float[expected.Length];
        net.BackwardBatch(inputs, outputGradients, batch);
        NumericAssert.Close(expected, batch, Tolerance, name + " batch ∂J/∂θ");

        var withInput = new float[expected.Length];
        var inputGradients = new float[inputs.Length];
        net.BackwardBatch(inputs, outputGradients, withInput, inputGradients);
        NumericAssert.Close(expected, withInput, Tolerance, name + " batch ∂J/∂θ (with ∂J/∂x)");
        NumericAssert.Close(reference.InputGradients.SelectMany(g => g).ToArray(), inputGradients, Tolerance, name + " batch ∂J/∂x");

        // The batch is the sequences one by one, added in order: the same bits.
        var oneByOne = new float[expected.Length];
        for (int s = 0; s < data.Inputs.Length; s++) net.Backward(F(data.Inputs[s]), F(reference.OutputGradients[s]), oneByOne);
        NumericAssert.Identical(oneByOne, batch, name + " batch = one by one");
        // An empty batch adds nothing.
        net.BackwardBatch(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty, oneByOne);
        NumericAssert.Identical(batch, oneByOne, name + " empty batch");
    }

    [Theory]
    [MemberData(nameof(NetsAndLoopedVariants))]
    public void InputGradient_MatchesPyTorch(string network, string name)
    {
        var data = SequenceReferenceData.Nets[name];
        var reference = SequenceBackwardReference.Nets[name];
        var net = Load(network, data);
        for (int s = 0; s < data.Inputs.Length; s++)
        {
            var dx = new float[data.Inputs[s].Length];
            dx.AsSpan().Fill(float.NaN);
            float loss = net.InputGradient(F(data.Inputs[s]), F(data.Targets[s]), dx);
            NumericAssert.Close(reference.Losses[s], loss, Tolerance, $"{network} sequence {s} loss");
            NumericAssert.Close(data.Losses[s], loss, Tolerance, $"{network} sequence {s} loss (the sequence data's)");
            NumericAssert.Close(reference.LossInputGradients[s], dx, Tolerance, $"{network} sequence {s} ∂L/∂x");
        }
        NumericAssert.Identical(F(data.Parameters), net.Parameters, network + " parameters unchanged");
    }

    /// <summary>
    /// Central finite differences of J = Σ g·PredictSequence on the double-precision reference, at the network's own seeded
    /// parameters and random data (also the dropout network: Backward and InputGradient use no dropout).
    /// </summary>
    [Theory]
    [MemberData(nameof(NetsAndLoopedVariants))]
    [InlineData("StackedDropout", "StackedDropout")]
    public void Backward_And_InputGradient_MatchFiniteDifferences(string network, string name)
    {
        var layout = name == "StackedDropout"
            ? new SequenceLayout(2, new[] { SequenceLayer.Dense(4, Activation.Tanh), SequenceLayer.Dropout(), SequenceLayer.Lstm(4), SequenceLayer.Dropout(), SequenceLayer.Gru(3), SequenceLayer.Dense(2) },
                Loss.MeanSquaredError, SequenceLossMode.EveryStep, 4)
            : SequenceReferenceData.Nets[name].Layout;
        var net = SequenceNetworks.Create(network);
        var random = new Random(network.Length * 31 + 5);
        float[] Uniform(int n, double lo, double hi) => Enumerable.Range(0, n).Select(_ => (float)(lo + random.NextDouble() * (hi - lo))).ToArray();
        var x = Uniform(layout.SequenceLength * layout.InputSize, -1.5, 1.5);
        var g = Uniform(layout.SequenceLength * layout.OutputSize, -1, 1);
        double[] theta = net.Parameters.ToDoubles(), xd = x.ToDoubles(), gd = g.ToDoubles();
        double J(double[] parameters, double[] input) => layout.Forward(parameters, input).Zip(gd, (y, gy) => y * gy).Sum();

        var parameterGradient = new float[layout.ParameterCount];
        var inputGradient = new float[x.Length];
        net.Backward(x, g, parameterGradient, inputGradient);
        NumericAssert.Close(FiniteDifferences.Gradient(parameters => J(parameters, xd), theta), parameterGradient, Tolerance, network + " ∂J/∂θ");
        NumericAssert.Close(FiniteDifferences.Gradient(input => J(theta, input), xd), inputGradient, Tolerance, network + " ∂J/∂x");

        var t = Uniform(layout.TargetCount, 0, 1);
        if (layout.LossKind == Loss.CrossEntropy) SequenceTargets.NormaliseRows(t, layout.OutputSize);
        double[] td = t.ToDoubles();
        var dx = new float[x.Length];
        float loss = net.InputGradient(x, t, dx);
        NumericAssert.Close(layout.Loss(theta, xd, td), loss, Tolerance, network + " InputGradient's loss");
        NumericAssert.Close(FiniteDifferences.Gradient(input => layout.Loss(theta, input, td), xd), dx, Tolerance, network + " ∂L/∂x");
    }

    /// <summary>
    /// With g = ∂L/∂y(t) of the built-in loss (MSE: 2(y − t)/(T·Out) at every step, or 2(y − t)/Out at the last step only;
    /// CrossEntropy on Softmax at the last step: −t/y), Backward is Gradient.
    /// </summary>
    [Theory]
    [InlineData("Stacked")]
    [InlineData("Rnn_Relu_Last")]
    [InlineData("Gru_CrossEntropy_Last")]
    [InlineData("AudioLooped")]
    public void Backward_WithTheLossGradient_IsGradient(string network)
    {
        var net = SequenceNetworks.Create(network);
        string name = SequenceNetworks.Looped.TryGetValue(network, out var twin) ? twin : network;
        var layout = SequenceReferenceData.Nets[name].Layout;
        int T = layout.SequenceLength, o = layout.OutputSize;
        var random = new Random(8);
        for (int trial = 0; trial < 3; trial++)
        {
            var x = Enumerable.Range(0, T * layout.InputSize).Select(_ => (float)(random.NextDouble() * 3 - 1.5)).ToArray();
            var t = Enumerable.Range(0, layout.TargetCount).Select(_ => (float)random.NextDouble()).ToArray();
            if (layout.LossKind == Loss.CrossEntropy) SequenceTargets.NormaliseRows(t, o);
            var y = new float[T * o];
            net.PredictSequence(x, y);
            var dy = new float[T * o];
            bool every = layout.SequenceLoss == SequenceLossMode.EveryStep;
            for (int step = every ? 0 : T - 1; step < T; step++)
            {
                for (int j = 0; j < o; j++)
                {
                    float yj = y[step * o + j], tj = t[(every ? step : 0) * o + j];
                    dy[step * o + j] = layout.LossKind == Loss.CrossEntropy ? -tj / yj : 2f * (yj - tj) / (every ? T * o : o);
                }
            }
            var expected = new float[layout.ParameterCount];
            net.Gradient(x, t, expected);
            var actual = new float[layout.ParameterCount];
            net.Backward(x, dy, actual);
            NumericAssert.Close(expected.ToDoubles(), actual, 1e-5, $"{network} trial {trial}");
        }
    }

    [Theory]
    [InlineData("Gru_Mse")]
    [InlineData("Conv_Gru")]
    public void Backward_Accumulates_AndLeavesTheStreamingStateAlone(string name)
    {
        var data = SequenceReferenceData.Nets[name];
        var reference = SequenceBackwardReference.Nets[name];
        var net = Load(name, data);
        var twin = Load(name, data);
        var x = F(data.Inputs[0]);
        var g = F(reference.OutputGradients[0]);
        // The streaming state is mid-sequence in both.
        var step = new float[data.Layout.InputSize];
        var y = new float[data.Layout.OutputSize];
        var yTwin = new float[data.Layout.OutputSize];
        step[0] = 0.7f;
        net.Predict(step, y);
        twin.Predict(step, yTwin);

        var once = new float[data.Layout.ParameterCount];
        net.Backward(x, g, once);
        var start = Enumerable.Range(0, once.Length).Select(k => 0.25f * (k % 5)).ToArray();
        var added = start.ToArray();
        net.Backward(x, g, added, new float[x.Length]);
        NumericAssert.Close(start.Zip(once, (a, b) => (double)a + b).ToArray(), added, 1e-6, name + " added to what was there");
        var dx = new float[x.Length];
        net.InputGradient(x, F(data.Targets[0]), dx);

        net.Predict(step, y);
        twin.Predict(step, yTwin);
        NumericAssert.Identical(yTwin, y, name + " the streaming state is not touched");
    }

    /// <summary>ApplyGradient(Gradient(…)) is TrainStep: Adam and SGD state, step count, the same file.</summary>
    [Theory]
    [InlineData("Stacked")]
    [InlineData("StackedSgd")]
    [InlineData("Gru_CrossEntropy_LastSgd")]
    public void ApplyGradient_AfterGradient_IsTrainStep(string name)
    {
        var a = SequenceNetworks.Create(name);
        var b = SequenceNetworks.Create(name);
        var layout = SequenceReferenceData.Nets[name.Replace("Sgd", "", StringComparison.Ordinal)].Layout;
        var random = new Random(12);
        var gradient = new float[layout.ParameterCount];
        for (int step = 0; step < 4; step++)
        {
            var x = Enumerable.Range(0, layout.SequenceLength * layout.InputSize).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            var t = Enumerable.Range(0, layout.TargetCount).Select(_ => (float)random.NextDouble()).ToArray();
            if (layout.LossKind == Loss.CrossEntropy) SequenceTargets.NormaliseRows(t, layout.OutputSize);
            a.Gradient(x, t, gradient);
            a.ApplyGradient(gradient);
            b.TrainStep(x, t);
            NumericAssert.Identical(b.Parameters, a.Parameters, $"{name} step {step}");
        }
        using var sa = new MemoryStream();
        using var sb = new MemoryStream();
        a.Save(sa);
        b.Save(sb);
        Assert.Equal(sb.ToArray(), sa.ToArray());
    }

    [Theory]
    [InlineData("Gru_Mse")]
    [InlineData("Gru_CrossEntropy_Last")]
    public void WrongLengths_NameTheArgument(string name)
    {
        var layout = SequenceReferenceData.Nets[name].Layout;
        var net = SequenceNetworks.Create(name);
        int i = layout.SequenceLength * layout.InputSize, o = layout.SequenceLength * layout.OutputSize, p = layout.ParameterCount, t = layout.TargetCount;
        var target = new float[t];
        for (int k = 0; k < t; k += layout.OutputSize) target[k] = 1f;
        void Throws(string parameter, Action call) => Assert.Equal(parameter, Assert.Throws<ArgumentException>(call).ParamName);
        Throws("input", () => net.Backward(new float[i + 1], new float[o], new float[p]));
        Throws("input", () => net.Backward(new float[layout.InputSize], new float[layout.OutputSize], new float[p]));
        Throws("outputGradient", () => net.Backward(new float[i], new float[o - 1], new float[p]));
        Throws("parameterGradient", () => net.Backward(new float[i], new float[o], new float[p - 1]));
        Throws("inputGradient", () => net.Backward(new float[i], new float[o], new float[p], new float[layout.InputSize]));
        Throws("inputs", () => net.BackwardBatch(new float[2 * i + 1], new float[2 * o], new float[p]));
        Throws("outputGradients", () => net.BackwardBatch(new float[2 * i], new float[3 * o], new float[p]));
        Throws("inputGradients", () => net.BackwardBatch(new float[2 * i], new float[2 * o], new float[p], new float[i]));
        Throws("gradient", () => net.ApplyGradient(new float[p + 1]));
        Throws("input", () => net.InputGradient(new float[i - 1], target, new float[i]));
        Throws("target", () => net.InputGradient(new float[i], new float[t + 1], new float[i]));
        Throws("inputGradient", () => net.InputGradient(new float[i], target, new float[i + 1]));
        if (layout.LossKind == Loss.CrossEntropy)
        {
            var bad = target.ToArray();
            bad[0] = -0.5f;
            Assert.Equal("target", Assert.Throws<ArgumentOutOfRangeException>(() => net.InputGradient(new float[i], bad, new float[i])).ParamName);
        }
    }

    [Theory]
    [InlineData("Audio")]
    [InlineData("Lstm_Bce_Last")]
    [InlineData("StackedDropout")]
    public void BackwardMembers_AllocateNothing(string name)
    {
        var net = SequenceNetworks.Create(name);
        var layout = name == "StackedDropout" ? SequenceReferenceData.Nets["Stacked"].Layout : SequenceReferenceData.Nets[name].Layout;
        int i = layout.SequenceLength * layout.InputSize, o = layout.SequenceLength * layout.OutputSize;
        var x = Enumerable.Range(0, i).Select(k => (float)Math.Sin(k)).ToArray();
        var g = Enumerable.Range(0, o).Select(k => (float)Math.Cos(k)).ToArray();
        var xs = x.Concat(x).ToArray();
        var gs = g.Concat(g).ToArray();
        var t = Enumerable.Repeat(0.5f, layout.TargetCount).ToArray();
        var pg = new float[layout.ParameterCount];
        var dx = new float[i];
        var dxs = new float[2 * i];
        var zero = new float[layout.ParameterCount];
        NoAllocation.Assert("Backward", 100, () => net.Backward(x, g, pg));
        NoAllocation.Assert("Backward with ∂L/∂x", 100, () => net.Backward(x, g, pg, dx));
        NoAllocation.Assert("BackwardBatch", 100, () => net.BackwardBatch(xs, gs, pg));
        NoAllocation.Assert("BackwardBatch with ∂L/∂x", 100, () => net.BackwardBatch(xs, gs, pg, dxs));
        NoAllocation.Assert("InputGradient", 100, () => net.InputGradient(x, t, dx));
        NoAllocation.Assert("ApplyGradient", 100, () => net.ApplyGradient(zero));
    }

    /// <summary>A sequence network with no state (a causal convolution of kernel 1), last step only: the steps before the last do not reach the loss.</summary>
    [Fact]
    public void StatelessSequenceNetwork_LastStep_MatchesFiniteDifferences()
    {
        var layout = new SequenceLayout(2, new[] { SequenceLayer.CausalConv1D(3, 1, 1, Activation.Tanh), SequenceLayer.Dense(2) }, Loss.MeanSquaredError, SequenceLossMode.LastStep, 3);
        var net = new StatelessLast();
        Assert.Equal(0, StatelessLast.StateSize);
        var random = new Random(4);
        var x = Enumerable.Range(0, 6).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var g = Enumerable.Range(0, 6).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var t = new[] { 0.25f, -0.5f };
        double[] theta = net.Parameters.ToDoubles(), xd = x.ToDoubles(), gd = g.ToDoubles(), td = t.ToDoubles();
        var pg = new float[StatelessLast.ParameterCount];
        var dx = new float[6];
        net.Backward(x, g, pg, dx);
        NumericAssert.Close(FiniteDifferences.Gradient(p => layout.Forward(p, xd).Zip(gd, (y, gy) => y * gy).Sum(), theta), pg, Tolerance, "∂J/∂θ");
        NumericAssert.Close(FiniteDifferences.Gradient(i => layout.Forward(theta, i).Zip(gd, (y, gy) => y * gy).Sum(), xd), dx, Tolerance, "∂J/∂x");
        var lossGradient = new float[6];
        float loss = net.InputGradient(x, t, lossGradient);
        NumericAssert.Close(layout.Loss(theta, xd, td), loss, Tolerance, "loss");
        NumericAssert.Close(FiniteDifferences.Gradient(i => layout.Loss(theta, i, td), xd), lossGradient, Tolerance, "∂L/∂x");
        Assert.Equal(new float[4], lossGradient.Take(4).ToArray());
    }

    [Fact]
    public void StreamingOnlyNetworks_HaveNoBackwardMembers()
    {
        foreach (var member in new[] { "Backward", "BackwardBatch", "ApplyGradient", "InputGradient" })
        {
            Assert.Empty(typeof(StreamingOnly).GetMember(member));
            Assert.Empty(typeof(StackedBaked).GetMember(member));
            Assert.NotEmpty(typeof(StreamingTwin).GetMember(member));
        }
    }
}

/// <summary>A sequence network without state: a causal convolution of kernel 1 looks at the current step only.</summary>
[Network(Loss.MeanSquaredError, SequenceLength = 3, SequenceLoss = SequenceLoss.LastStep, Seed = 3)]
[Input(2)] [CausalConv1D(3, 1, activation: Activation.Tanh)] [Dense(2)]
public partial class StatelessLast { }

using System;
using System.Linq;
using NetGen.Tests.Allocation;
using NetGen.Tests.Data;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;
using NetGen.Tests.Shaped;

namespace NetGen.Tests.Backward;

/// <summary>
/// Issue 19: <c>Backward</c>, <c>BackwardBatch</c>, <c>ApplyGradient</c> and <c>InputGradient</c> — PyTorch autograd's numbers,
/// finite differences in double, and the consistency with <c>Gradient</c> and <c>TrainStep</c>.
/// </summary>
public sealed class BackwardTests
{
    /// <summary>float32 network vs PyTorch's float64 autograd.</summary>
    private const double PyTorchTolerance = 1e-5;

    public static TheoryData<string> ReferenceNets => new() { nameof(BwdSoftmax), nameof(BwdMixed), nameof(BwdLooped), nameof(BwdCnn) };

    private static INetwork Create(string name) => name switch
    {
        nameof(BwdSoftmax) => new BwdSoftmax(),
        nameof(BwdMixed) => new BwdMixed(),
        nameof(BwdLooped) => new BwdLooped(),
        nameof(BwdCnn) => new BwdCnn(),
        _ => throw new ArgumentException(name),
    };

    private static float[] F(double[] values) => values.ToFloats();

    [Theory]
    [MemberData(nameof(ReferenceNets))]
    public void Backward_MatchesPyTorchAutograd(string name)
    {
        var reference = BackwardReference.Nets[name];
        var network = Create(name);
        network.SetParameters(F(reference.Parameters));
        foreach (var (sample, s) in reference.Samples.Select((x, i) => (x, i)))
        {
            var output = new float[network.OutputSize];
            network.Predict(F(sample.Input), output);
            NumericAssert.Close(sample.Output, output, PyTorchTolerance, $"{name} sample {s} output");

            var parameterGradient = new float[network.ParameterCount];
            network.Backward(F(sample.Input), F(sample.OutputGradient), parameterGradient);
            NumericAssert.Close(sample.ParameterGradient, parameterGradient, PyTorchTolerance, $"{name} sample {s} ∂L/∂θ");

            var withInput = new float[network.ParameterCount];
            var inputGradient = new float[network.InputSize];
            inputGradient.AsSpan().Fill(float.NaN); // written, not added to
            network.Backward(F(sample.Input), F(sample.OutputGradient), withInput, inputGradient);
            NumericAssert.Close(sample.ParameterGradient, withInput, PyTorchTolerance, $"{name} sample {s} ∂L/∂θ (with ∂L/∂x)");
            NumericAssert.Close(sample.InputGradient, inputGradient, PyTorchTolerance, $"{name} sample {s} ∂L/∂x");
        }
    }

    [Theory]
    [MemberData(nameof(ReferenceNets))]
    public void BackwardBatch_IsTheSumOverRows_AndMatchesPyTorch(string name)
    {
        var reference = BackwardReference.Nets[name];
        var network = Create(name);
        network.SetParameters(F(reference.Parameters));
        var inputs = F(reference.Samples.SelectMany(s => s.Input).ToArray());
        var gradients = F(reference.Samples.SelectMany(s => s.OutputGradient).ToArray());
        var expected = new double[network.ParameterCount];
        foreach (var sample in reference.Samples) for (int k = 0; k < expected.Length; k++) expected[k] += sample.ParameterGradient[k];

        var batch = new float[network.ParameterCount];
        network.BackwardBatch(inputs, gradients, batch);
        NumericAssert.Close(expected, batch, PyTorchTolerance, name + " batch ∂L/∂θ");

        var batchWithInput = new float[network.ParameterCount];
        var inputGradients = new float[inputs.Length];
        network.BackwardBatch(inputs, gradients, batchWithInput, inputGradients);
        NumericAssert.Close(expected, batchWithInput, PyTorchTolerance, name + " batch ∂L/∂θ (with ∂L/∂x)");
        NumericAssert.Close(reference.Samples.SelectMany(s => s.InputGradient).ToArray(), inputGradients, PyTorchTolerance, name + " batch ∂L/∂x");

        // Row by row into one buffer: the same sum, in the same order (bit for bit).
        var rows = new float[network.ParameterCount];
        for (int i = 0; i < reference.Samples.Length; i++)
        {
            network.Backward(inputs.AsSpan(i * network.InputSize, network.InputSize), gradients.AsSpan(i * network.OutputSize, network.OutputSize), rows);
        }
        // Scalar kernels: the same sum in the same order, bit for bit; matrix products (layered networks, and Dense networks
        // on the matrix kernels with SIMD): blocks of samples, within float rounding.
        if (name is nameof(BwdCnn) or nameof(BwdLooped)) NumericAssert.Close(rows.ToDoubles(), batch, 1e-6, name + " BackwardBatch vs Backward row by row");
        else NumericAssert.Identical(rows, batch, name + " BackwardBatch vs Backward row by row");

        // An empty batch adds nothing.
        var empty = batch.ToArray();
        network.BackwardBatch(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty, empty);
        NumericAssert.Identical(batch, empty, name + " empty batch");
    }

    [Theory]
    [MemberData(nameof(ReferenceNets))]
    public void Backward_Accumulates(string name)
    {
        var reference = BackwardReference.Nets[name];
        var network = Create(name);
        network.SetParameters(F(reference.Parameters));
        var sample = reference.Samples[0];
        var once = new float[network.ParameterCount];
        network.Backward(F(sample.Input), F(sample.OutputGradient), once);
        var twice = new float[network.ParameterCount];
        network.Backward(F(sample.Input), F(sample.OutputGradient), twice);
        network.Backward(F(sample.Input), F(sample.OutputGradient), twice, new float[network.InputSize]);
        // Feed-forward kernels add each entry once (0 + v + v = 2v exactly); layered matrix products add term by term.
        if (name == nameof(BwdCnn)) NumericAssert.Close(once.Select(v => v * 2.0).ToArray(), twice, 1e-6, name + " two calls add");
        else NumericAssert.Identical(once.Select(v => v * 2f).ToArray(), twice, name + " two calls add");
        // Start from a non-zero gradient: added to it.
        var start = Enumerable.Range(0, network.ParameterCount).Select(k => 0.25f * (k % 5)).ToArray();
        var added = start.ToArray();
        network.Backward(F(sample.Input), F(sample.OutputGradient), added);
        NumericAssert.Close(start.Zip(once, (a, b) => (double)a + b).ToArray(), added, 1e-6, name + " added to what was there");
    }

    /// <summary>Central finite differences (double) of J = Σ g·Predict of the double-precision reference: ∂J/∂θ and ∂J/∂x.</summary>
    [Theory]
    [MemberData(nameof(NetworkSets.Members), MemberType = typeof(NetworkSets))]
    public void Backward_MatchesFiniteDifferences(string name)
    {
        var type = NetworkType.Named(name);
        var reference = type.Reference;
        var data = new RandomSamples(name.Length * 17 + 3);
        var network = type.Create(data.Parameters(reference, scale: 1.0));
        double[] p = network.Parameters.ToDoubles();
        var x = data.InputsAwayFromKinks(reference, network.Parameters, 1, 0.05);
        var g = data.Uniform(network.OutputSize, -1, 1);
        double[] xd = x.ToDoubles(), gd = g.ToDoubles();
        double J(double[] theta, double[] input) => reference.Predict(theta, input).Zip(gd, (y, gy) => y * gy).Sum();

        var parameterGradient = new float[network.ParameterCount];
        var inputGradient = new float[network.InputSize];
        network.Backward(x, g, parameterGradient, inputGradient);
        NumericAssert.Close(FiniteDifferences.Gradient(theta => J(theta, xd), p), parameterGradient, 1e-4, name + " ∂J/∂θ");
        NumericAssert.Close(FiniteDifferences.Gradient(input => J(p, input), xd), inputGradient, 1e-4, name + " ∂J/∂x");

        // InputGradient: ∂L/∂x of the built-in loss, and the loss itself.
        var t = data.Targets(reference, 1);
        var dx = new float[network.InputSize];
        float loss = network.InputGradient(x, t, dx);
        double[] td = t.ToDoubles();
        NumericAssert.Close(reference.LossOf(p, xd, td), loss, 1e-5, name + " InputGradient's loss");
        NumericAssert.Close(FiniteDifferences.Gradient(input => reference.LossOf(p, input, td), xd), dx, 1e-4, name + " ∂L/∂x");
        Assert.Equal(p, network.Parameters.ToDoubles());
    }

    /// <summary>With g = ∂L/∂y of the built-in loss, Backward is Gradient (MSE: 2(y − t)/n; CrossEntropy on Softmax: −t/y).</summary>
    [Theory]
    [InlineData(nameof(MseSgd))]
    [InlineData(nameof(MseMomentum))]
    [InlineData(nameof(MseAdamCustom))]
    [InlineData(nameof(CeSgd))]
    [InlineData(nameof(CeAdam))]
    [InlineData(nameof(BwdLooped))]
    public void Backward_WithTheLossGradient_IsGradient(string name)
    {
        var network = name == nameof(BwdLooped) ? new BwdLooped() : NetworkType.Named(name).Create();
        var data = new RandomSamples(7);
        for (int trial = 0; trial < 3; trial++)
        {
            var x = data.Uniform(network.InputSize, -1.5, 1.5);
            var t = network.Loss == Loss.CrossEntropy ? OneHot(network.OutputSize, trial % network.OutputSize) : data.Uniform(network.OutputSize, -1, 1);
            var y = new float[network.OutputSize];
            network.Predict(x, y);
            var dy = network.Loss == Loss.CrossEntropy
                ? y.Zip(t, (yj, tj) => -tj / yj).ToArray()
                : y.Zip(t, (yj, tj) => 2f * (yj - tj) / y.Length).ToArray();
            var expected = new float[network.ParameterCount];
            network.Gradient(x, t, expected);
            var actual = new float[network.ParameterCount];
            network.Backward(x, dy, actual);
            NumericAssert.Close(expected.ToDoubles(), actual, 1e-5, $"{name} trial {trial}");
        }
    }

    [Theory]
    [InlineData(nameof(Shaped_Conv1d_Basic))]
    [InlineData(nameof(Shaped_Conv2d_Options))]
    [InlineData(nameof(Shaped_Encoder))]
    [InlineData(nameof(Shaped_LayerNorm_Mlp))]
    [InlineData(nameof(Shaped_Conv2d_LayerNorm))]
    // Without BatchNorm: there Gradient uses the sample's own statistics, Predict the running ones (see the BatchNorm test).
    public void Layered_BackwardWithTheLossGradient_IsGradient_AndInputGradientIsConsistent(string name)
    {
        var network = (INetwork)Activator.CreateInstance(typeof(Shaped_Conv1d_Basic).Assembly.GetType("NetGen.Tests.Shaped." + name)!)!;
        var data = new RandomSamples(11);
        var x = data.Uniform(network.InputSize, -1.5, 1.5);
        var t = network.Loss == Loss.MeanSquaredError ? data.Uniform(network.OutputSize, -1, 1) : OneHot(network.OutputSize, 0);
        var y = new float[network.OutputSize];
        network.Predict(x, y);
        var dy = network.Loss switch
        {
            Loss.CrossEntropy => y.Zip(t, (yj, tj) => -tj / yj).ToArray(),
            Loss.BinaryCrossEntropy => y.Zip(t, (yj, tj) => (yj - tj) / (yj * (1 - yj)) / y.Length).ToArray(),
            _ => y.Zip(t, (yj, tj) => 2f * (yj - tj) / y.Length).ToArray(),
        };
        var expected = new float[network.ParameterCount];
        float loss = network.Gradient(x, t, expected);
        var actual = new float[network.ParameterCount];
        var dx = new float[network.InputSize];
        network.Backward(x, dy, actual, dx);
        NumericAssert.Close(expected.ToDoubles(), actual, 2e-5, name + " ∂L/∂θ");

        var dxLoss = new float[network.InputSize];
        float inputLoss = network.InputGradient(x, t, dxLoss);
        Assert.Equal(loss, inputLoss, 5);
        NumericAssert.Close(dx.ToDoubles(), dxLoss, 2e-5, name + " InputGradient vs Backward's ∂L/∂x");
        // Finite differences of the float32 loss (coarse step; the layered networks have no double reference here).
        var fd = new double[network.InputSize];
        const float h = 1e-2f;
        for (int i = 0; i < fd.Length; i++)
        {
            var plus = x.ToArray(); plus[i] += h;
            var minus = x.ToArray(); minus[i] -= h;
            fd[i] = ((double)network.Evaluate(plus, t) - network.Evaluate(minus, t)) / (plus[i] - (double)minus[i]);
        }
        NumericAssert.Close(fd, dxLoss, 2e-2, name + " ∂L/∂x vs finite differences", floor: 1e-2);
    }

    [Fact]
    public void BatchNorm_SingleSampleBackward_ThrowsLikeGradient_AndBatchesUseBatchStatistics()
    {
        INetwork network = new Shaped_BatchNorm_Mlp();
        var ex = Assert.Throws<ArgumentException>(() => network.Backward(new float[6], new float[3], new float[network.ParameterCount]));
        Assert.Equal("input", ex.ParamName);
        Assert.Throws<ArgumentException>(() => network.Gradient(new float[6], new float[] { 1, 0, 0 }, new float[network.ParameterCount]));
        // A batch: Backward with g = ∂(mean CE)/∂y of each row is GradientBatch (times n).
        var data = new RandomSamples(3);
        const int n = 5;
        var x = data.Uniform(n * 6, -1.5, 1.5);
        var t = Enumerable.Range(0, n).SelectMany(i => OneHot(3, i % 3)).ToArray();
        var expected = new float[network.ParameterCount];
        network.GradientBatch(x, t, expected);
        var actual = new float[network.ParameterCount];
        var dy = new float[n * 3];
        var yTrain = TrainingModeOutputs(network, x, n);
        for (int k = 0; k < dy.Length; k++) dy[k] = -t[k] / yTrain[k] / n;
        network.BackwardBatch(x, dy, actual);
        NumericAssert.Close(expected.ToDoubles(), actual, 1e-3, "BatchNorm batch (outputs recovered from float losses)");
    }

    /// <summary>
    /// The training-mode softmax outputs of a batch (batch statistics, not Predict's running ones), from GradientBatch's losses:
    /// the statistics do not depend on the targets, so moving row r's one-hot target from class 0 to class c changes the summed
    /// loss by log y[r, 0] − log y[r, c]; normalising exp of minus those differences gives row r's outputs.
    /// </summary>
    private static float[] TrainingModeOutputs(INetwork network, float[] x, int n)
    {
        var scratch = new float[network.ParameterCount];
        var baseTargets = new float[n * 3];
        for (int i = 0; i < n; i++) baseTargets[i * 3] = 1f;
        double baseLoss = network.GradientBatch(x, baseTargets, scratch) * (double)n;
        var y = new float[n * 3];
        for (int r = 0; r < n; r++)
        {
            var ratios = new double[3];
            for (int c = 0; c < 3; c++)
            {
                var t = baseTargets.ToArray();
                t[r * 3] = 0f;
                t[r * 3 + c] = 1f;
                ratios[c] = Math.Exp(-(network.GradientBatch(x, t, scratch) * (double)n - baseLoss));
            }
            double sum = ratios.Sum();
            for (int c = 0; c < 3; c++) y[r * 3 + c] = (float)(ratios[c] / sum);
        }
        return y;
    }

    /// <summary>ApplyGradient(Gradient(…)) is TrainStep: SGD, momentum, Adam (state and step count included), over several steps.</summary>
    [Theory]
    [InlineData(nameof(CeSgd))]
    [InlineData(nameof(CeMomentum))]
    [InlineData(nameof(CeAdam))]
    [InlineData(nameof(MseSgd))]
    [InlineData(nameof(MseMomentum))]
    [InlineData(nameof(MseAdamCustom))]
    public void ApplyGradient_AfterGradient_IsTrainStep(string name)
    {
        var type = NetworkType.Named(name);
        var a = type.Create(5);
        var b = type.Create(5);
        var data = new RandomSamples(9);
        var gradient = new float[a.ParameterCount];
        for (int step = 0; step < 4; step++)
        {
            var x = data.Inputs(type.Reference, 1);
            var t = data.Targets(type.Reference, 1);
            a.Gradient(x, t, gradient);
            a.ApplyGradient(gradient);
            b.TrainStep(x, t);
            NumericAssert.Identical(b.Parameters, a.Parameters, $"{name} step {step}");
        }
        // The step count and moments are the same state: both save the same file.
        using var sa = new System.IO.MemoryStream();
        using var sb = new System.IO.MemoryStream();
        a.Save(sa);
        b.Save(sb);
        Assert.Equal(sb.ToArray(), sa.ToArray());
    }

    [Fact]
    public void Layered_ApplyGradient_AfterGradient_IsTrainStep()
    {
        INetwork a = new Shaped_Conv2d_Options();
        INetwork b = new Shaped_Conv2d_Options();
        var data = new RandomSamples(4);
        var gradient = new float[a.ParameterCount];
        for (int step = 0; step < 3; step++)
        {
            var x = data.Uniform(Shaped_Conv2d_Options.InputSize, -1, 1);
            var t = data.Uniform(Shaped_Conv2d_Options.OutputSize, -1, 1);
            a.Gradient(x, t, gradient);
            a.ApplyGradient(gradient);
            b.TrainStep(x, t);
            NumericAssert.Identical(b.Parameters, a.Parameters, $"step {step}");
        }
    }

    [Theory]
    [MemberData(nameof(ReferenceNets))]
    public void WrongLengths_NameTheArgument(string name)
    {
        var network = Create(name);
        int i = network.InputSize, o = network.OutputSize, p = network.ParameterCount;
        void Throws(string parameter, Action call) => Assert.Equal(parameter, Assert.Throws<ArgumentException>(call).ParamName);
        Throws("input", () => network.Backward(new float[i + 1], new float[o], new float[p]));
        Throws("outputGradient", () => network.Backward(new float[i], new float[o + 1], new float[p]));
        Throws("parameterGradient", () => network.Backward(new float[i], new float[o], new float[p - 1]));
        Throws("input", () => network.Backward(new float[i - 1], new float[o], new float[p], new float[i]));
        Throws("outputGradient", () => network.Backward(new float[i], new float[o - 1], new float[p], new float[i]));
        Throws("parameterGradient", () => network.Backward(new float[i], new float[o], new float[p + 1], new float[i]));
        Throws("inputGradient", () => network.Backward(new float[i], new float[o], new float[p], new float[i + 1]));
        Throws("inputs", () => network.BackwardBatch(new float[2 * i + 1], new float[2 * o], new float[p]));
        Throws("outputGradients", () => network.BackwardBatch(new float[2 * i], new float[3 * o], new float[p]));
        Throws("parameterGradient", () => network.BackwardBatch(new float[2 * i], new float[2 * o], new float[p + 1]));
        Throws("inputGradients", () => network.BackwardBatch(new float[2 * i], new float[2 * o], new float[p], new float[i]));
        Throws("gradient", () => network.ApplyGradient(new float[p - 1]));
        Throws("input", () => network.InputGradient(new float[i + 1], OneHot(o, 0), new float[i]));
        Throws("target", () => network.InputGradient(new float[i], new float[o + 1], new float[i]));
        Throws("inputGradient", () => network.InputGradient(new float[i], OneHot(o, 0), new float[i - 1]));
    }

    [Theory]
    [MemberData(nameof(ReferenceNets))]
    public void BackwardMembers_AllocateNothing(string name)
    {
        var reference = BackwardReference.Nets[name];
        var network = Create(name);
        network.SetParameters(F(reference.Parameters));
        var x = F(reference.Samples[0].Input);
        var g = F(reference.Samples[0].OutputGradient);
        var xs = F(reference.Samples.SelectMany(s => s.Input).ToArray());
        var gs = F(reference.Samples.SelectMany(s => s.OutputGradient).ToArray());
        var t = OneHot(network.OutputSize, 1);
        var pg = new float[network.ParameterCount];
        var dx = new float[network.InputSize];
        var dxs = new float[xs.Length];
        var zero = new float[network.ParameterCount];
        NoAllocation.Assert("Backward", 200, () => network.Backward(x, g, pg));
        NoAllocation.Assert("Backward with ∂L/∂x", 200, () => network.Backward(x, g, pg, dx));
        NoAllocation.Assert("BackwardBatch", 200, () => network.BackwardBatch(xs, gs, pg));
        NoAllocation.Assert("BackwardBatch with ∂L/∂x", 200, () => network.BackwardBatch(xs, gs, pg, dxs));
        NoAllocation.Assert("InputGradient", 200, () => network.InputGradient(x, t, dx));
        NoAllocation.Assert("ApplyGradient", 200, () => network.ApplyGradient(zero));
    }

    [Fact]
    public void InferenceOnlyNetworks_HaveNoBackwardMembers()
    {
        foreach (var member in new[] { "Backward", "BackwardBatch", "ApplyGradient", "InputGradient" })
        {
            Assert.Empty(typeof(InferenceOnly.InferenceDropTanhSigmoidBce).GetMember(member));
            Assert.NotEmpty(typeof(BwdSoftmax).GetMember(member));
        }
    }

    private static float[] OneHot(int size, int index)
    {
        var t = new float[size];
        t[index] = 1f;
        return t;
    }
}

/// <summary>
/// Backward runs the scalar kernels on every width; BackwardBatch of a Dense network on the matrix kernels and of a layered
/// network runs matrix products: forcing the scalar path changes them within float rounding only.
/// </summary>
[Collection(Simd.SimdOptionsCollection.Name)]
public sealed class BackwardSimdTests : IDisposable
{
    public void Dispose() => NetGen.Runtime.SimdOptions.ForcedWidth = 0;

    [Theory]
    [InlineData(nameof(BwdSoftmax), 0.0)]
    [InlineData(nameof(BwdLooped), 1e-5)]
    [InlineData(nameof(InferenceOnly.TrainableClassifier), 1e-5)]
    [InlineData(nameof(BwdCnn), 1e-5)]
    public void EveryWidth_GivesTheScalarResult(string name, double tolerance)
    {
        INetwork network = name switch
        {
            nameof(BwdSoftmax) => new BwdSoftmax(),
            nameof(BwdLooped) => new BwdLooped(),
            nameof(BwdCnn) => new BwdCnn(),
            _ => new InferenceOnly.TrainableClassifier(),
        };
        var data = new RandomSamples(21);
        const int n = 9;
        var x = data.Uniform(n * network.InputSize, -1.5, 1.5);
        var g = data.Uniform(n * network.OutputSize, -1, 1);
        (float[] P, float[] X) Run(int width)
        {
            NetGen.Runtime.SimdOptions.ForcedWidth = width;
            var pg = new float[network.ParameterCount];
            var dx = new float[x.Length];
            network.BackwardBatch(x, g, pg, dx);
            return (pg, dx);
        }
        var scalar = Run(-1);
        foreach (int width in new[] { 0, 128, 256, 512 })
        {
            var simd = Run(width);
            if (tolerance == 0)
            {
                NumericAssert.Identical(scalar.P, simd.P, $"{name} width {width} ∂L/∂θ");
                NumericAssert.Identical(scalar.X, simd.X, $"{name} width {width} ∂L/∂x");
            }
            else
            {
                NumericAssert.Close(scalar.P.ToDoubles(), simd.P, tolerance, $"{name} width {width} ∂L/∂θ");
                NumericAssert.Close(scalar.X.ToDoubles(), simd.X, tolerance, $"{name} width {width} ∂L/∂x");
            }
        }
    }
}

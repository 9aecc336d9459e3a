using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using NetGen.Tests.Reference;
using Xunit.Sdk;

namespace NetGen.Tests.Shaped;

/// <summary>
/// The generated shaped networks (<see cref="ShapedNetworks"/>) against PyTorch's float64 numbers
/// (Reference/shaped-reference.json): evaluation-mode outputs and loss with the running statistics, training-mode loss
/// and gradient with the batch's statistics, three TrainBatch steps (parameters and running statistics after each),
/// PyTorch's <c>state_dict()</c> loading (initial and trained) and the safetensors round trip; gradients against
/// double-precision finite differences of the independent <see cref="ShapedLayout"/> at other parameters; what the
/// members leave unchanged; argument validation. Every read of the running statistics goes through
/// <see cref="ShapedRunningStatistics"/>.
/// </summary>
public sealed class ShapedNetworkTests
{
    /// <summary>float32 arithmetic against float64, element by element (see <see cref="AssertClose"/>).</summary>
    private const double Tolerance = 2e-4;

    /// <summary>Gradients at other parameters against double-precision central differences.</summary>
    private const double FiniteDifferenceTolerance = 1e-3;

    public static TheoryData<string> Nets()
    {
        var data = new TheoryData<string>();
        foreach (string name in ShapedReferenceData.Names) data.Add(name);
        return data;
    }

    public static TheoryData<string> BatchNormNets()
    {
        var data = new TheoryData<string>();
        foreach (string name in ShapedReferenceData.BatchNormNames) data.Add(name);
        return data;
    }

    /// <summary>A new instance at the data's initial state: SetParameters without BatchNorm; with it, the initial
    /// state_dict (the only way in for the running statistics, which are not PyTorch's defaults here).</summary>
    private static INetwork Load(ShapedNetCase data)
    {
        var net = ShapedNetworks.Create(data.Name);
        if (data.HasBatchNorm)
        {
            using var file = File.OpenRead(ShapedReferenceData.SafetensorsPath(data.Name));
            net.LoadSafetensors(file);
        }
        else
        {
            net.SetParameters(data.Parameters.ToFloats());
        }
        return net;
    }

    private static float[] Concat(double[][] rows) => rows.SelectMany(r => r).Select(v => (float)v).ToArray();

    [Theory]
    [MemberData(nameof(Nets))]
    public void Sizes_AreTheData(string name)
    {
        var data = ShapedReferenceData.Nets[name];
        var net = ShapedNetworks.Create(name);
        Assert.Equal((data.InputSize, data.OutputSize, data.Parameters.Length), (net.InputSize, net.OutputSize, net.ParameterCount));
        Assert.Equal(data.Parameters.Length, net.Parameters.Length);
        Assert.Equal(data.RunningStatistics.Length, ShapedRunningStatistics.Size(name));
        Assert.Equal(data.RunningStatistics.Length, ShapedRunningStatistics.Of(net).Length);
        Assert.Equal(data.Layout.LossKind, net.Loss);
        Assert.Equal((float)data.LearningRate, net.LearningRate);
    }

    /// <summary>Predict per sample and PredictBatch are PyTorch's evaluation mode (running statistics).</summary>
    [Theory]
    [MemberData(nameof(Nets))]
    public void PredictAndPredictBatch_MatchPyTorchsEvaluationMode(string name)
    {
        var data = ShapedReferenceData.Nets[name];
        var net = Load(data);
        for (int s = 0; s < data.Batch; s++)
        {
            var y = new float[data.OutputSize];
            net.Predict(data.Inputs[s].ToFloats(), y);
            AssertClose(data.EvalOutputs[s], y, Tolerance, $"{name}: Predict of sample {s}");
        }
        var batch = new float[data.Batch * data.OutputSize];
        net.PredictBatch(Concat(data.Inputs), batch);
        AssertClose(data.EvalOutputs.SelectMany(o => o).ToArray(), batch, Tolerance, $"{name}: PredictBatch");
        NumericAssert.Close(data.EvaluateLoss, net.Evaluate(Concat(data.Inputs), Concat(data.Targets)), Tolerance, $"{name}: Evaluate");
    }

    /// <summary>GradientBatch is PyTorch's training mode (the batch's statistics): its loss and gradient; Gradient on one
    /// sample likewise (where PyTorch takes one sample: not with BatchNorm over flat features).</summary>
    [Theory]
    [MemberData(nameof(Nets))]
    public void GradientBatchAndGradient_MatchPyTorchsTrainingMode(string name)
    {
        var data = ShapedReferenceData.Nets[name];
        var net = Load(data);
        var gradient = new float[data.Parameters.Length];
        float loss = net.GradientBatch(Concat(data.Inputs), Concat(data.Targets), gradient);
        NumericAssert.Close(data.BatchLoss, loss, Tolerance, $"{name}: GradientBatch's loss");
        AssertClose(data.Gradient, gradient, Tolerance, $"{name}: GradientBatch's gradient");
        if (data.SampleLoss is double sampleLoss)
        {
            loss = net.Gradient(data.Inputs[0].ToFloats(), data.Targets[0].ToFloats(), gradient);
            NumericAssert.Close(sampleLoss, loss, Tolerance, $"{name}: Gradient's loss on sample 0");
            AssertClose(data.SampleGradient!, gradient, Tolerance, $"{name}: Gradient on sample 0");
        }
    }

    /// <summary>
    /// Three TrainBatch calls: each returns the loss before its step, and the parameters and running statistics after it
    /// are PyTorch's; Predict afterwards is PyTorch's evaluation mode after the steps. The zero-gradient parameters (the
    /// data's <c>zero_gradient_parameters</c>: a bias BatchNorm takes out again, whose gradient is rounding noise that
    /// Adam blows up) are not compared; after each step they are set to PyTorch's values (SetParameters leaves the
    /// optimizer state and the running statistics as they are), so that the next step's running means see PyTorch's.
    /// </summary>
    [Theory]
    [MemberData(nameof(Nets))]
    public void ThreeTrainBatchSteps_MatchPyTorch(string name)
    {
        var data = ShapedReferenceData.Nets[name];
        var net = Load(data);
        var inputs = Concat(data.Inputs);
        var targets = Concat(data.Targets);
        for (int step = 0; step < data.Steps.Count; step++)
        {
            var expected = data.Steps[step];
            float loss = net.TrainBatch(inputs, targets);
            NumericAssert.Close(expected.LossBefore, loss, Tolerance, $"{name}: TrainBatch {step + 1}'s loss");
            var parameters = net.Parameters.ToArray();
            foreach (int k in data.ZeroGradientParameters) parameters[k] = (float)expected.Parameters[k];
            AssertClose(expected.Parameters, parameters, Tolerance, $"{name}: parameters after TrainBatch {step + 1}");
            AssertClose(expected.RunningStatistics, ShapedRunningStatistics.Of(net), Tolerance, $"{name}: running statistics after TrainBatch {step + 1}");
            if (data.ZeroGradientParameters.Length > 0) net.SetParameters(parameters);
        }
        for (int s = 0; s < data.Batch; s++)
        {
            var y = new float[data.OutputSize];
            net.Predict(data.Inputs[s].ToFloats(), y);
            AssertClose(data.EvalOutputsAfter[s], y, Tolerance, $"{name}: Predict of sample {s} after the steps");
        }
    }

    /// <summary>LoadSafetensors of PyTorch's initial state_dict gives the data's parameters and running statistics
    /// exactly, and PyTorch's evaluation-mode outputs; SaveSafetensors writes the state_dict's tensors (names and shapes),
    /// and LoadSafetensors of that on a new instance round-trips both bit for bit.</summary>
    [Theory]
    [MemberData(nameof(Nets))]
    public void StateDictSafetensors_LoadAndRoundTrip(string name)
    {
        var data = ShapedReferenceData.Nets[name];
        var net = ShapedNetworks.Create(name);
        using (var file = File.OpenRead(ShapedReferenceData.SafetensorsPath(name))) net.LoadSafetensors(file);
        NumericAssert.Identical(data.Parameters.ToFloats(), net.Parameters, $"{name}: parameters from state_dict()");
        NumericAssert.Identical(data.RunningStatistics.ToFloats(), ShapedRunningStatistics.Of(net), $"{name}: running statistics from state_dict()");
        var batch = new float[data.Batch * data.OutputSize];
        net.PredictBatch(Concat(data.Inputs), batch);
        AssertClose(data.EvalOutputs.SelectMany(o => o).ToArray(), batch, Tolerance, $"{name}: PredictBatch after LoadSafetensors");

        using var copy = new MemoryStream();
        net.SaveSafetensors(copy);
        var names = TensorNamesAndShapes(copy.ToArray());
        var expected = data.Tensors.Concat(data.RunningTensors).OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => (t.Name, string.Join(",", t.Shape)));
        Assert.Equal(expected, names.OrderBy(t => t.Name, StringComparer.Ordinal));
        copy.Position = 0;
        var other = ShapedNetworks.Create(name);
        other.LoadSafetensors(copy);
        NumericAssert.Identical(net.Parameters, other.Parameters, $"{name}: SaveSafetensors round trip, parameters");
        NumericAssert.Identical(ShapedRunningStatistics.Of(net), ShapedRunningStatistics.Of(other), $"{name}: SaveSafetensors round trip, running statistics");
    }

    /// <summary>The BatchNorm nets' state_dict after PyTorch's three steps: LoadSafetensors gives steps[2]'s parameters and
    /// running statistics (num_batches_tracked 3) exactly, and PyTorch's evaluation-mode outputs after the steps.</summary>
    [Theory]
    [MemberData(nameof(BatchNormNets))]
    public void TrainedStateDictSafetensors_LoadTheRunningStatistics(string name)
    {
        var data = ShapedReferenceData.Nets[name];
        var net = ShapedNetworks.Create(name);
        using (var file = File.OpenRead(ShapedReferenceData.TrainedSafetensorsPath(name))) net.LoadSafetensors(file);
        var last = data.Steps[^1];
        NumericAssert.Identical(last.Parameters.ToFloats(), net.Parameters, $"{name}: parameters from the trained state_dict()");
        NumericAssert.Identical(last.RunningStatistics.ToFloats(), ShapedRunningStatistics.Of(net), $"{name}: running statistics from the trained state_dict()");
        var batch = new float[data.Batch * data.OutputSize];
        net.PredictBatch(Concat(data.Inputs), batch);
        AssertClose(data.EvalOutputsAfter.SelectMany(o => o).ToArray(), batch, Tolerance, $"{name}: PredictBatch after loading the trained state_dict()");
    }

    /// <summary>GradientBatch at other parameters (the data's moved by a seeded small amount, away from every kink:
    /// <see cref="ShapedNetCase.PerturbedParameters"/>) against double-precision central differences of the reference's
    /// training-mode loss.</summary>
    [Theory]
    [MemberData(nameof(Nets))]
    public void GradientBatch_MatchesDoublePrecisionFiniteDifferences(string name)
    {
        var data = ShapedReferenceData.Nets[name];
        var net = Load(data);
        var (theta, seed) = data.PerturbedParameters();
        net.SetParameters(theta.ToFloats());
        var gradient = new float[theta.Length];
        float loss = net.GradientBatch(Concat(data.Inputs), Concat(data.Targets), gradient);
        NumericAssert.Close(data.Layout.Loss(theta, null, data.Inputs, data.Targets, training: true), loss, FiniteDifferenceTolerance, $"{name}: loss at the parameters of seed {seed}");
        AssertClose(data.Layout.Gradient(theta, data.Inputs, data.Targets), gradient, FiniteDifferenceTolerance, $"{name}: gradient vs finite differences at the parameters of seed {seed}");
    }

    /// <summary>Predict, PredictBatch, Evaluate, GradientBatch and Gradient change neither the parameters nor the running
    /// statistics (only the steps update those).</summary>
    [Theory]
    [MemberData(nameof(Nets))]
    public void NonTrainingMembers_LeaveParametersAndRunningStatistics(string name)
    {
        var data = ShapedReferenceData.Nets[name];
        var net = Load(data);
        var parameters = net.Parameters.ToArray();
        var running = ShapedRunningStatistics.Of(net);
        var inputs = Concat(data.Inputs);
        var targets = Concat(data.Targets);
        var gradient = new float[parameters.Length];
        net.Predict(data.Inputs[0].ToFloats(), new float[data.OutputSize]);
        net.PredictBatch(inputs, new float[data.Batch * data.OutputSize]);
        net.Evaluate(inputs, targets);
        net.GradientBatch(inputs, targets, gradient);
        if (data.SampleLoss is not null) net.Gradient(data.Inputs[0].ToFloats(), data.Targets[0].ToFloats(), gradient);
        NumericAssert.Identical(parameters, net.Parameters, $"{name}: parameters");
        NumericAssert.Identical(running, ShapedRunningStatistics.Of(net), $"{name}: running statistics");
        // And the first step afterwards is the first step from the initial state.
        NumericAssert.Close(data.Steps[0].LossBefore, net.TrainBatch(inputs, targets), Tolerance, $"{name}: the first TrainBatch after them");
        AssertClose(data.Steps[0].RunningStatistics, ShapedRunningStatistics.Of(net), Tolerance, $"{name}: running statistics after that step");
    }

    /// <summary>Wrong span lengths throw <see cref="ArgumentException"/> naming the argument, and change nothing.</summary>
    [Theory]
    [MemberData(nameof(Nets))]
    public void WrongLengths_NameTheArgument_AndChangeNothing(string name)
    {
        var data = ShapedReferenceData.Nets[name];
        var net = Load(data);
        var parameters = net.Parameters.ToArray();
        var running = ShapedRunningStatistics.Of(net);
        int inSize = data.InputSize, outSize = data.OutputSize, p = parameters.Length;

        AssertRejected("input", () => net.Predict(new float[inSize + 1], new float[outSize]));
        AssertRejected("input", () => net.Predict(new float[inSize - 1], new float[outSize]));
        AssertRejected("output", () => net.Predict(new float[inSize], new float[outSize + 1]));
        AssertRejected("inputs", () => net.PredictBatch(new float[2 * inSize + 1], new float[2 * outSize]));
        AssertRejected("outputs", () => net.PredictBatch(new float[2 * inSize], new float[2 * outSize - 1]));
        AssertRejected("inputs", () => net.GradientBatch(new float[3 * inSize - 1], new float[3 * outSize], new float[p]));
        AssertRejected("targets", () => net.GradientBatch(new float[3 * inSize], new float[2 * outSize], new float[p]));
        AssertRejected("gradient", () => net.GradientBatch(new float[3 * inSize], new float[3 * outSize], new float[p - 1]));
        AssertRejected("inputs", () => net.TrainBatch(new float[2 * inSize + 3], new float[2 * outSize]));
        AssertRejected("targets", () => net.TrainBatch(new float[2 * inSize], new float[2 * outSize + 1]));
        AssertRejected("inputs", () => net.Evaluate(new float[inSize + 1], new float[outSize]));
        AssertRejected("targets", () => net.Evaluate(new float[4 * inSize], new float[4 * outSize + 2]));
        if (data.SampleLoss is not null)
        {
            AssertRejected("input", () => net.Gradient(new float[inSize + 2], new float[outSize], new float[p]));
            AssertRejected("target", () => net.Gradient(new float[inSize], new float[outSize + 2], new float[p]));
            AssertRejected("gradient", () => net.Gradient(new float[inSize], new float[outSize], new float[p + 1]));
            AssertRejected("input", () => net.TrainStep(new float[inSize + 1], new float[outSize]));
            AssertRejected("target", () => net.TrainStep(new float[inSize], new float[outSize - 1]));
        }
        NumericAssert.Identical(parameters, net.Parameters, $"{name}: parameters after the rejected calls");
        NumericAssert.Identical(running, ShapedRunningStatistics.Of(net), $"{name}: running statistics after the rejected calls");
    }

    private static void AssertRejected(string paramName, Action call)
        => Assert.Equal(paramName, Assert.ThrowsAny<ArgumentException>(call).ParamName);

    /// <summary>The (name, "shape") of every tensor of a safetensors file.</summary>
    private static IEnumerable<(string Name, string Shape)> TensorNamesAndShapes(byte[] bytes)
    {
        long headerLength = BitConverter.ToInt64(bytes, 0);
        using var header = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 8, (int)headerLength));
        return header.RootElement.EnumerateObject().Where(e => e.Name != "__metadata__")
            .Select(e => (e.Name, string.Join(",", e.Value.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()))))
            .ToArray();
    }

    /// <summary>
    /// Asserts |actual_i − expected_i| ≤ tolerance · max(|expected_i|, 0.01 · max(max_j |expected_j|, 1e-3)) for every i:
    /// relative element by element, with a floor of a hundredth of the vector's largest magnitude. The floor is that
    /// large because of the zero-gradient parameters (a bias before a BatchNorm): their gradient is rounding noise,
    /// about 1e-17 of the others in float64 and 1e-8 in float32. PyTorch's own float32 run of every net stays within a
    /// tenth of this with tolerance 2e-5 (make_shaped_reference.py checks that when it picks the seeds).
    /// </summary>
    private static void AssertClose(IReadOnlyList<double> expected, ReadOnlySpan<float> actual, double tolerance, string what)
    {
        if (actual.Length != expected.Count) throw new XunitException($"{what}: length {actual.Length}, expected {expected.Count}");
        double largest = 1e-3;
        for (int i = 0; i < expected.Count; i++) largest = Math.Max(largest, Math.Abs(expected[i]));
        double floor = 0.01 * largest, worst = 0;
        int at = -1;
        for (int i = 0; i < expected.Count; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]) / Math.Max(Math.Abs(expected[i]), floor);
            if (double.IsNaN(error)) error = double.PositiveInfinity;
            if (at < 0 || error > worst) { worst = error; at = i; }
        }
        if (at >= 0 && !(worst <= tolerance))
        {
            throw new XunitException(string.Format(CultureInfo.InvariantCulture,
                "{0}: relative error {1:E2} > {2:E1} at [{3}]: actual {4:R}, expected {5:R} (floor {6:G4})",
                what, worst, tolerance, at, actual[at], expected[at], floor));
        }
    }
}

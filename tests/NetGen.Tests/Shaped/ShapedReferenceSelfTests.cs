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
/// The double-precision <see cref="ShapedLayout"/> reference against PyTorch's float64 numbers in
/// Reference/shaped-reference.json, without any generated code: evaluation-mode outputs and loss, the training-mode
/// loss within 1e-9 relative; central finite-difference gradients within 1e-6 relative + 1e-8 absolute of PyTorch's
/// autograd; TrainBatch (running statistics updated by the forward pass, then SGD or Adam on those gradients)
/// reproducing PyTorch's three steps. Also the data's own consistency: the tensor tables and shapes, the safetensors
/// files, the tied windows of MaxPool_Ties, and the perturbed parameters the network tests take.
/// </summary>
public sealed class ShapedReferenceSelfTests
{
    private const double ValueTolerance = 1e-9;
    private const double GradientRelative = 1e-6;
    private const double GradientAbsolute = 1e-8;

    /// <summary>The nets of the data, by name.</summary>
    public static TheoryData<string> Nets
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (string name in ShapedReferenceData.Names) data.Add(name);
            return data;
        }
    }

    /// <summary>The BatchNorm nets, by name.</summary>
    public static TheoryData<string> BatchNormNets
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (string name in ShapedReferenceData.BatchNormNames) data.Add(name);
            return data;
        }
    }

    /// <summary>The file holds exactly the nets of <see cref="ShapedReferenceData.Names"/>; the BatchNorm nets are the ones
    /// with running statistics.</summary>
    [Fact]
    public void File_HoldsTheNamedNets()
    {
        Assert.Equal(ShapedReferenceData.Names.OrderBy(n => n, StringComparer.Ordinal), ShapedReferenceData.Nets.Keys.OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(ShapedReferenceData.BatchNormNames, ShapedReferenceData.Names.Where(n => ShapedReferenceData.Nets[n].HasBatchNorm));
    }

    /// <summary>The layout's tensor tables (names, offsets, shapes) are PyTorch's state_dict, its shapes the script's,
    /// and the batch has the layout's sizes.</summary>
    [Theory]
    [MemberData(nameof(Nets))]
    public void Layout_MatchesTheStateDict(string name)
    {
        var net = ShapedReferenceData.Nets[name];
        var layout = net.Layout;
        Assert.Equal(net.InputSize, layout.InputSize);
        Assert.Equal(net.OutputSize, layout.OutputSize);
        Assert.Equal(net.Parameters.Length, layout.ParameterCount);
        Assert.Equal(net.RunningStatistics.Length, layout.RunningStatisticsCount);
        Assert.Equal(net.Tensors.Select(t => (t.Name, t.Offset, string.Join(",", t.Shape))),
            layout.Tensors.Select(t => (t.Name, t.Offset, string.Join(",", t.Shape))));
        Assert.Equal(net.RunningTensors.Select(t => (t.Name, t.Offset, string.Join(",", t.Shape))),
            layout.RunningTensors.Select(t => (t.Name, t.Offset, string.Join(",", t.Shape))));
        for (int i = 0; i < layout.Layers.Count; i++) Assert.Equal(net.LayerOutputShapes[i], layout.OutputShape(i));
        Assert.Equal(net.Batch, net.Inputs.Length);
        Assert.Equal(net.Batch, net.Targets.Length);
        Assert.All(net.Inputs, x => Assert.Equal(layout.InputSize, x.Length));
        Assert.All(net.Targets.Concat(net.EvalOutputs).Concat(net.EvalOutputsAfter), t => Assert.Equal(layout.OutputSize, t.Length));
        Assert.Equal(layout.ParameterCount, net.Gradient.Length);
        Assert.Equal(3, net.Steps.Count);
        Assert.All(net.Steps, s => Assert.Equal((layout.ParameterCount, layout.RunningStatisticsCount), (s.Parameters.Length, s.RunningStatistics.Length)));
        Assert.Equal(net.SampleLoss is null, net.SampleGradient is null);
        // PyTorch refuses one sample in training only for BatchNorm over flat features.
        bool flatBatchNorm = layout.Layers.Select((l, i) => (l, i)).Any(p => p.l.Kind == ShapedLayerKind.BatchNorm && (p.i == 0 ? layout.InputShape.Count : layout.OutputShape(p.i - 1).Count) == 1);
        Assert.Equal(flatBatchNorm, net.SampleLoss is null);
        Assert.All(net.ZeroGradientParameters, k => Assert.InRange(k, 0, layout.ParameterCount - 1));
        Assert.Equal(net.HasBatchNorm, net.ZeroGradientParameters.Length > 0);
    }

    /// <summary>The data's inputs, targets, parameters and running statistics are float32 values; CE targets are
    /// probability vectors; the running statistics start from num_batches_tracked 0 and count the steps.</summary>
    [Theory]
    [MemberData(nameof(Nets))]
    public void Data_AreFloat32Values(string name)
    {
        var net = ShapedReferenceData.Nets[name];
        foreach (double v in net.Parameters.Concat(net.RunningStatistics).Concat(net.Inputs.SelectMany(x => x)).Concat(net.Targets.SelectMany(t => t)))
            Assert.Equal(v, (double)(float)v);
        if (net.Layout.LossKind == Loss.CrossEntropy)
        {
            foreach (var t in net.Targets)
            {
                Assert.All(t, p => Assert.True(p >= 0));
                Assert.Equal(1, t.Sum(), 6);
            }
        }
        foreach (var tensor in net.RunningTensors.Where(t => t.Name.EndsWith(".num_batches_tracked", StringComparison.Ordinal)))
        {
            Assert.Equal(0, net.RunningStatistics[tensor.Offset]);
            for (int step = 0; step < 3; step++) Assert.Equal(step + 1, net.Steps[step].RunningStatistics[tensor.Offset]);
        }
    }

    /// <summary>Evaluation mode (running statistics): the outputs and the mean loss match PyTorch's.</summary>
    [Theory]
    [MemberData(nameof(Nets))]
    public void EvaluationMode_MatchesPyTorch(string name)
    {
        var net = ShapedReferenceData.Nets[name];
        var outputs = net.Layout.Forward(net.Parameters, net.RunningStatistics, net.Inputs, training: false);
        for (int s = 0; s < net.Batch; s++) AssertClose(net.EvalOutputs[s], outputs[s], ValueTolerance, 1e-12, $"{name} eval outputs of sample {s}");
        AssertClose(new[] { net.EvaluateLoss }, new[] { net.Layout.Loss(net.Parameters, net.RunningStatistics, net.Inputs, net.Targets, training: false) },
            ValueTolerance, 1e-12, $"{name} evaluate loss");
        // One sample at a time gives the same outputs in evaluation mode.
        for (int s = 0; s < net.Batch; s++)
            AssertClose(net.EvalOutputs[s], net.Layout.Forward(net.Parameters, net.RunningStatistics, new[] { net.Inputs[s] }, training: false)[0], ValueTolerance, 1e-12, $"{name} eval outputs of sample {s} alone");
    }

    /// <summary>Training mode (batch statistics): the batch's mean loss, sample 0's loss alone, and the loss before the
    /// first step match PyTorch's; without BatchNorm both modes agree.</summary>
    [Theory]
    [MemberData(nameof(Nets))]
    public void TrainingLoss_MatchesPyTorch(string name)
    {
        var net = ShapedReferenceData.Nets[name];
        double loss = net.Layout.Loss(net.Parameters, null, net.Inputs, net.Targets, training: true);
        AssertClose(new[] { net.BatchLoss, net.Steps[0].LossBefore }, new[] { loss, loss }, ValueTolerance, 1e-12, $"{name} training-mode loss");
        if (net.SampleLoss is double sample)
            AssertClose(new[] { sample }, new[] { net.Layout.Loss(net.Parameters, null, net.Inputs.Take(1).ToArray(), net.Targets.Take(1).ToArray(), training: true) }, ValueTolerance, 1e-12, $"{name} sample 0's loss");
        if (!net.HasBatchNorm) AssertClose(new[] { net.EvaluateLoss }, new[] { loss }, ValueTolerance, 1e-12, $"{name} no BatchNorm: the modes agree");
        else
        {
            var train = net.Layout.Forward(net.Parameters, null, net.Inputs, training: true);
            double difference = train.Zip(net.EvalOutputs, (a, b) => a.Zip(b, (u, v) => Math.Abs(u - v)).Max()).Max();
            Assert.True(difference > 1e-3, $"{name}: the running statistics should make a difference ({difference})");
        }
    }

    /// <summary>Central finite differences of the reference's training-mode loss match PyTorch's autograd, for the batch
    /// and for sample 0 alone.</summary>
    [Theory]
    [MemberData(nameof(Nets))]
    public void Gradients_MatchPyTorch(string name)
    {
        var net = ShapedReferenceData.Nets[name];
        AssertClose(net.Gradient, net.Layout.Gradient(net.Parameters, net.Inputs, net.Targets), GradientRelative, GradientAbsolute, $"{name} batch gradient");
        if (net.SampleGradient is not null)
            AssertClose(net.SampleGradient, net.Layout.Gradient(net.Parameters, net.Inputs.Take(1).ToArray(), net.Targets.Take(1).ToArray()), GradientRelative, GradientAbsolute, $"{name} sample 0's gradient");
        // The zero-gradient parameters' gradient is rounding noise.
        double scale = net.Gradient.Max(Math.Abs);
        Assert.All(net.ZeroGradientParameters, k => Assert.True(Math.Abs(net.Gradient[k]) <= 1e-10 * scale, $"{name}: gradient[{k}] = {net.Gradient[k]}"));
    }

    /// <summary>Three TrainBatch steps of the reference (running statistics from the forward pass, SGD or Adam on its
    /// finite-difference gradient; the zero-gradient parameters set to PyTorch's values after each step, as the network
    /// tests do) reproduce PyTorch's losses, parameters and running statistics, and the evaluation-mode outputs after.</summary>
    [Theory]
    [MemberData(nameof(Nets))]
    public void TrainBatch_MatchesPyTorch(string name)
    {
        var net = ShapedReferenceData.Nets[name];
        var layout = net.Layout;
        var optimizer = new ReferenceOptimizer(net.OptimizerSettings, layout.ParameterCount);
        var parameters = (double[])net.Parameters.Clone();
        var running = (double[])net.RunningStatistics.Clone();
        for (int step = 0; step < net.Steps.Count; step++)
        {
            var expected = net.Steps[step];
            double loss = layout.TrainBatch(parameters, running, optimizer, net.Inputs, net.Targets);
            AssertClose(new[] { expected.LossBefore }, new[] { loss }, 1e-8, 1e-12, $"{name} loss before step {step + 1}");
            foreach (int k in net.ZeroGradientParameters) parameters[k] = expected.Parameters[k];
            AssertClose(expected.Parameters, parameters, 1e-6, 1e-9, $"{name} parameters after step {step + 1}");
            AssertClose(expected.RunningStatistics, running, 1e-9, 1e-12, $"{name} running statistics after step {step + 1}");
            parameters = (double[])expected.Parameters.Clone(); // each step from PyTorch's point: errors do not pile up
        }
        var outputs = layout.Forward(parameters, running, net.Inputs, training: false);
        for (int s = 0; s < net.Batch; s++) AssertClose(net.EvalOutputsAfter[s], outputs[s], 1e-8, 1e-12, $"{name} eval outputs after the steps, sample {s}");
    }

    /// <summary>The running statistics' update alone: PyTorch's initial running statistics updated by the first forward
    /// pass are steps[0]'s; SGD's and Adam's updates do not touch them.</summary>
    [Theory]
    [MemberData(nameof(BatchNormNets))]
    public void RunningStatistics_FollowPyTorchsUpdate(string name)
    {
        var net = ShapedReferenceData.Nets[name];
        var updated = net.Layout.UpdatedRunningStatistics(net.Parameters, net.RunningStatistics, net.Inputs);
        AssertClose(net.Steps[0].RunningStatistics, updated, 1e-12, 1e-14, $"{name} running statistics after one forward pass");
        // The update is a mean over the batch: the order of the samples does not matter.
        var reversed = net.Layout.UpdatedRunningStatistics(net.Parameters, net.RunningStatistics, net.Inputs.Reverse().ToArray());
        AssertClose(updated, reversed, 1e-12, 1e-14, $"{name} running statistics, samples reversed");
        var initial = net.Layout.InitialRunningStatistics();
        Assert.Equal(net.RunningStatistics.Length, initial.Length);
        Assert.All(net.RunningTensors.Where(t => t.Name.EndsWith(".running_var", StringComparison.Ordinal)), t => Assert.All(initial.Skip(t.Offset).Take(t.Length), v => Assert.Equal(1, v)));
    }

    /// <summary>&lt;name&gt;.safetensors holds the initial state_dict: the tensor tables' names and shapes in state_dict
    /// order, F32 values equal to the parameters and running statistics, num_batches_tracked an I64 scalar (shape []) 0.</summary>
    [Theory]
    [MemberData(nameof(Nets))]
    public void Safetensors_HoldTheInitialStateDict(string name)
    {
        var net = ShapedReferenceData.Nets[name];
        AssertStateDict(net, ShapedReferenceData.SafetensorsPath(name), net.Parameters, net.RunningStatistics);
    }

    /// <summary>&lt;name&gt;.trained.safetensors holds the state_dict after the three steps (float32 roundings of steps[2],
    /// num_batches_tracked 3).</summary>
    [Theory]
    [MemberData(nameof(BatchNormNets))]
    public void TrainedSafetensors_HoldTheStateAfterTheSteps(string name)
    {
        var net = ShapedReferenceData.Nets[name];
        var last = net.Steps[^1];
        AssertStateDict(net, ShapedReferenceData.TrainedSafetensorsPath(name),
            last.Parameters.Select(v => (double)(float)v).ToArray(), last.RunningStatistics.Select(v => (double)(float)v).ToArray());
        Assert.False(File.Exists(ShapedReferenceData.TrainedSafetensorsPath("Conv1d_Basic")), "only the BatchNorm nets have a trained file");
    }

    /// <summary>MaxPool_Ties: every window of the batch holds tied maxima at the start (the kink margin is 0), PyTorch's
    /// gradient is not the mean of the one-sided ones (plain central differences), and the reference's, which keeps each
    /// window's first maximum, is PyTorch's.</summary>
    [Fact]
    public void MaxPoolTies_RouteTheGradientToTheFirstMaximum()
    {
        var net = ShapedReferenceData.Nets["MaxPool_Ties"];
        var layout = net.Layout;
        Assert.Equal(0, layout.KinkMargin(net.Parameters, null, net.Inputs, training: true));
        foreach (var x in net.Inputs)
        {
            var c = Enumerable.Range(0, 4).Select(t => x[t] + x[t + 1]).ToArray();
            Assert.True(c.Count(v => v == c.Max()) >= 2, "a window with tied maxima");
        }
        var plain = FiniteDifferences.Gradient(p => layout.Loss(p, null, net.Inputs, net.Targets, training: true), net.Parameters, 1e-6);
        Assert.True(Math.Abs(plain[0] - net.Gradient[0]) > 0.1, $"central differences at the ties {plain[0]} vs PyTorch's {net.Gradient[0]}");
        AssertClose(net.Gradient, layout.Gradient(net.Parameters, net.Inputs, net.Targets), GradientRelative, GradientAbsolute, "first-maximum routing");
    }

    /// <summary>The perturbed parameters the network tests check gradients at exist for every net, are float32 values near
    /// the data's, and keep the training-mode forward pass away from every kink; the reference's finite differences
    /// there are smooth (two steps agree).</summary>
    [Theory]
    [MemberData(nameof(Nets))]
    public void PerturbedParameters_AreAwayFromKinks(string name)
    {
        var net = ShapedReferenceData.Nets[name];
        var (theta, seed) = net.PerturbedParameters();
        Assert.InRange(seed, 1, 100);
        Assert.All(theta, v => Assert.Equal(v, (double)(float)v));
        for (int k = 0; k < theta.Length; k++) Assert.InRange(theta[k] - net.Parameters[k], -0.0201, 0.0201);
        Assert.True(net.Layout.KinkMargin(theta, null, net.Inputs, training: true) >= 1e-4);
        var fine = net.Layout.Gradient(theta, net.Inputs, net.Targets, 1e-6);
        var coarse = net.Layout.Gradient(theta, net.Inputs, net.Targets, 1e-5);
        AssertClose(fine, coarse, 1e-5, 1e-8, $"{name} finite differences with two steps (perturbation seed {seed})");
    }

    /// <summary>The state_dict of a safetensors file, in the file's order, against the layout's tables.</summary>
    private static void AssertStateDict(ShapedNetCase net, string path, double[] parameters, double[] running)
    {
        byte[] bytes = File.ReadAllBytes(path);
        long headerLength = BitConverter.ToInt64(bytes, 0);
        Assert.Equal(0, headerLength % 8);
        using var header = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 8, (int)headerLength));
        int dataStart = 8 + (int)headerLength;
        var entries = header.RootElement.EnumerateObject().ToArray();
        // state_dict order: per module its weight, bias, then (BatchNorm) running_mean, running_var, num_batches_tracked.
        var expectedOrder = net.Tensors.Select(t => (t.Name, IsRunning: false, Tensor: t)).Concat(net.RunningTensors.Select(t => (t.Name, IsRunning: true, Tensor: t)))
            .OrderBy(e => int.Parse(e.Name[..e.Name.IndexOf('.')], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(expectedOrder.Select(e => e.Name), entries.Select(e => e.Name));
        foreach (var (tensorName, isRunning, tensor) in expectedOrder)
        {
            var entry = header.RootElement.GetProperty(tensorName);
            Assert.Equal(tensor.Shape, entry.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()).ToArray());
            int begin = entry.GetProperty("data_offsets")[0].GetInt32(), end = entry.GetProperty("data_offsets")[1].GetInt32();
            var values = isRunning ? running : parameters;
            if (tensorName.EndsWith(".num_batches_tracked", StringComparison.Ordinal))
            {
                Assert.Equal("I64", entry.GetProperty("dtype").GetString());
                Assert.Equal(8, end - begin);
                Assert.Equal(values[tensor.Offset], (double)BitConverter.ToInt64(bytes, dataStart + begin));
                continue;
            }
            Assert.Equal("F32", entry.GetProperty("dtype").GetString());
            Assert.Equal(4 * tensor.Length, end - begin);
            for (int i = 0; i < tensor.Length; i++)
                Assert.Equal(values[tensor.Offset + i], (double)BitConverter.ToSingle(bytes, dataStart + begin + 4 * i));
        }
        Assert.Equal(bytes.Length, dataStart + entries.Max(e => e.Value.GetProperty("data_offsets")[1].GetInt32()));
    }

    /// <summary>Asserts |actual_i − expected_i| ≤ relative·|expected_i| + absolute for every i.</summary>
    private static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double relative, double absolute, string what)
    {
        if (expected.Count != actual.Count) throw new XunitException($"{what}: length {actual.Count}, expected {expected.Count}");
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.Count; i++)
        {
            double difference = Math.Abs(actual[i] - expected[i]), allowance = relative * Math.Abs(expected[i]) + absolute;
            if (difference <= allowance) continue;
            double excess = allowance > 0 && !double.IsNaN(difference) ? difference / allowance : double.PositiveInfinity;
            if (at < 0 || excess > worst) { worst = excess; at = i; }
        }
        if (at >= 0)
        {
            throw new XunitException(string.Format(CultureInfo.InvariantCulture,
                "{0}: at [{1}] actual {2:R}, expected {3:R}: {4:G3} times the allowance ({5:E1} relative + {6:E1} absolute)",
                what, at, actual[at], expected[at], worst, relative, absolute));
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using NetGen.Tests.Reference;
using Xunit.Sdk;

namespace NetGen.Tests.Sequence;

/// <summary>
/// The double-precision <see cref="SequenceLayout"/> reference against PyTorch's float64 numbers in
/// Reference/sequence-reference.json: outputs, final states, per-sequence and batch losses within 1e-9 relative; its
/// central finite-difference gradients within 1e-6 relative + 1e-8 absolute of PyTorch's autograd; Adam and SGD driven
/// by those gradients reproduce PyTorch's steps. Also the data's own consistency: the tensor table, the safetensors files.
/// </summary>
public sealed class SequenceReferenceTests
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
            foreach (string name in SequenceReferenceData.Names) data.Add(name);
            return data;
        }
    }

    /// <summary>The file holds exactly the nets of <see cref="SequenceReferenceData.Names"/>.</summary>
    [Fact]
    public void File_HoldsTheNamedNets()
        => Assert.Equal(SequenceReferenceData.Names.OrderBy(n => n, StringComparer.Ordinal), SequenceReferenceData.Nets.Keys.OrderBy(n => n, StringComparer.Ordinal));

    /// <summary>The layout's tensor table (names, offsets, shapes) is PyTorch's state_dict, and the batch has the
    /// layout's sizes.</summary>
    [Theory]
    [MemberData(nameof(Nets))]
    public void Layout_MatchesTheStateDict(string name)
    {
        var net = SequenceReferenceData.Nets[name];
        var layout = net.Layout;
        Assert.Equal(net.Parameters.Length, layout.ParameterCount);
        Assert.Equal(net.Tensors.Select(t => (t.Name, t.Offset, string.Join(",", t.Shape))),
            layout.Tensors.Select(t => (t.Name, t.Offset, string.Join(",", t.Shape))));
        Assert.Equal(layout.ParameterCount, net.Tensors.Sum(t => t.Length));
        Assert.All(net.Inputs, x => Assert.Equal(layout.SequenceLength * layout.InputSize, x.Length));
        Assert.All(net.Targets, t => Assert.Equal(layout.TargetCount, t.Length));
        Assert.All(net.Outputs, y => Assert.Equal(layout.SequenceLength * layout.OutputSize, y.Length));
        Assert.Equal(net.Inputs.Length, net.Targets.Length);
        Assert.Equal(net.Inputs.Length, net.Losses.Length);
        Assert.Equal(net.Inputs.Length, net.Gradients.Length);
    }

    /// <summary>The outputs at every step match PyTorch's.</summary>
    [Theory]
    [MemberData(nameof(Nets))]
    public void Forward_MatchesPyTorch(string name)
    {
        var net = SequenceReferenceData.Nets[name];
        for (int s = 0; s < net.Inputs.Length; s++)
            AssertClose(net.Outputs[s], net.Layout.Forward(net.Parameters, net.Inputs[s]), ValueTolerance, 1e-12, $"{name} outputs of sequence {s}");
    }

    /// <summary>The recurrent layers' final states match PyTorch's (h, and c for LSTM).</summary>
    [Theory]
    [MemberData(nameof(Nets))]
    public void FinalStates_MatchPyTorch(string name)
    {
        var net = SequenceReferenceData.Nets[name];
        int recurrent = net.Layout.Layers.Count(l => l.Kind is SequenceLayerKind.Gru or SequenceLayerKind.Lstm or SequenceLayerKind.Rnn);
        Assert.Equal(recurrent, net.FinalStates.Count);
        for (int s = 0; s < net.Inputs.Length; s++)
        {
            var states = net.Layout.FinalStates(net.Parameters, net.Inputs[s]);
            Assert.Equal(net.FinalStates.Keys.OrderBy(k => k), states.Keys.OrderBy(k => k));
            foreach (var (module, expected) in net.FinalStates)
            {
                AssertClose(expected.H[s], states[module].H, ValueTolerance, 1e-12, $"{name} h of module {module}, sequence {s}");
                Assert.Equal(expected.C is null, states[module].C is null);
                if (expected.C is not null)
                    AssertClose(expected.C[s], states[module].C!, ValueTolerance, 1e-12, $"{name} c of module {module}, sequence {s}");
            }
        }
    }

    /// <summary>Each sequence's loss, the batch's mean loss and the optimizers' losses before each step match PyTorch's.</summary>
    [Theory]
    [MemberData(nameof(Nets))]
    public void Losses_MatchPyTorch(string name)
    {
        var net = SequenceReferenceData.Nets[name];
        var layout = net.Layout;
        var losses = net.Inputs.Select((x, s) => layout.Loss(net.Parameters, x, net.Targets[s])).ToArray();
        AssertClose(net.Losses, losses, ValueTolerance, 1e-12, $"{name} losses");
        AssertClose(new[] { net.BatchLoss }, new[] { layout.BatchLoss(net.Parameters, net.Inputs, net.Targets) }, ValueTolerance, 1e-12, $"{name} batch loss");
        AssertClose(new[] { net.AdamSteps[0].LossBefore, net.SgdStep.LossBefore }, new[] { losses.Average(), losses.Average() }, ValueTolerance, 1e-12, $"{name} loss before the first step");
    }

    /// <summary>Central finite differences of the reference's loss match PyTorch's autograd gradients, per sequence and
    /// for the batch.</summary>
    [Theory]
    [MemberData(nameof(Nets))]
    public void Gradients_MatchPyTorch(string name)
    {
        var net = SequenceReferenceData.Nets[name];
        var layout = net.Layout;
        for (int s = 0; s < net.Inputs.Length; s++)
            AssertClose(net.Gradients[s], layout.Gradient(net.Parameters, net.Inputs[s], net.Targets[s]), GradientRelative, GradientAbsolute, $"{name} gradient of sequence {s}");
        AssertClose(net.BatchGradient, layout.BatchGradient(net.Parameters, net.Inputs, net.Targets), GradientRelative, GradientAbsolute, $"{name} batch gradient");
        var mean = Enumerable.Range(0, layout.ParameterCount).Select(k => net.Gradients.Average(g => g[k])).ToArray();
        AssertClose(net.BatchGradient, mean, 1e-12, 1e-15, $"{name} batch gradient = mean of the sequences' gradients");
    }

    /// <summary>Three Adam steps and one SGD step (<see cref="ReferenceOptimizer"/>) on the reference's finite-difference
    /// batch gradient reproduce PyTorch's losses and parameters.</summary>
    [Theory]
    [MemberData(nameof(Nets))]
    public void OptimizerSteps_MatchPyTorch(string name)
    {
        var net = SequenceReferenceData.Nets[name];
        var layout = net.Layout;
        var adam = new ReferenceOptimizer(new OptimizerSettings(Optimizer.Adam, net.AdamLearningRate), layout.ParameterCount);
        var parameters = (double[])net.Parameters.Clone();
        for (int step = 0; step < net.AdamSteps.Count; step++)
        {
            double loss = layout.BatchLoss(parameters, net.Inputs, net.Targets);
            AssertClose(new[] { net.AdamSteps[step].LossBefore }, new[] { loss }, 1e-8, 1e-12, $"{name} Adam loss before step {step + 1}");
            adam.Apply(parameters, layout.BatchGradient(parameters, net.Inputs, net.Targets));
            AssertClose(net.AdamSteps[step].ParametersAfter, parameters, 1e-7, 1e-9, $"{name} Adam parameters after step {step + 1}");
        }

        var sgd = new ReferenceOptimizer(new OptimizerSettings(Optimizer.Sgd, net.SgdLearningRate), layout.ParameterCount);
        parameters = (double[])net.Parameters.Clone();
        sgd.Apply(parameters, layout.BatchGradient(parameters, net.Inputs, net.Targets));
        AssertClose(net.SgdStep.ParametersAfter, parameters, 1e-7, 1e-9, $"{name} SGD parameters after the step");
    }

    /// <summary>&lt;name&gt;.safetensors holds the state_dict at the initial parameters: the tensor table's names and shapes,
    /// F32, the parameters' float32 values exactly.</summary>
    [Theory]
    [MemberData(nameof(Nets))]
    public void Safetensors_HoldTheInitialStateDict(string name)
    {
        var net = SequenceReferenceData.Nets[name];
        byte[] bytes = File.ReadAllBytes(SequenceReferenceData.SafetensorsPath(name));
        long headerLength = BitConverter.ToInt64(bytes, 0);
        using var header = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 8, (int)headerLength));
        int dataStart = 8 + (int)headerLength;
        var entries = header.RootElement.EnumerateObject().Where(e => e.Name != "__metadata__").ToArray();
        Assert.Equal(net.Tensors.Select(t => t.Name).OrderBy(n => n, StringComparer.Ordinal), entries.Select(e => e.Name).OrderBy(n => n, StringComparer.Ordinal));
        foreach (var tensor in net.Tensors)
        {
            var entry = header.RootElement.GetProperty(tensor.Name);
            Assert.Equal("F32", entry.GetProperty("dtype").GetString());
            Assert.Equal(tensor.Shape, entry.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()).ToArray());
            int begin = entry.GetProperty("data_offsets")[0].GetInt32(), end = entry.GetProperty("data_offsets")[1].GetInt32();
            Assert.Equal(4 * tensor.Length, end - begin);
            for (int i = 0; i < tensor.Length; i++)
            {
                float value = BitConverter.ToSingle(bytes, dataStart + begin + 4 * i);
                Assert.Equal(net.Parameters[tensor.Offset + i], (double)value);
            }
        }
    }

    /// <summary>The data's inputs, targets and parameters are float32 values; CE targets are probability vectors.</summary>
    [Theory]
    [MemberData(nameof(Nets))]
    public void Data_AreFloat32Values(string name)
    {
        var net = SequenceReferenceData.Nets[name];
        foreach (double v in net.Parameters.Concat(net.Inputs.SelectMany(x => x)).Concat(net.Targets.SelectMany(t => t)))
            Assert.Equal(v, (double)(float)v);
        if (net.Layout.LossKind == Loss.CrossEntropy)
        {
            int o = net.Layout.OutputSize;
            foreach (var t in net.Targets)
                for (int i = 0; i < t.Length; i += o)
                {
                    Assert.All(t.Skip(i).Take(o), p => Assert.True(p >= 0));
                    Assert.Equal(1, t.Skip(i).Take(o).Sum(), 6);
                }
        }
    }

    /// <summary>Dropout layers: a mask of ones changes nothing (the module indices after it shift by one); a mask
    /// multiplies its input element by element, step by step.</summary>
    [Fact]
    public void Dropout_MultipliesByTheMask()
    {
        var net = SequenceReferenceData.Nets["Stacked"];
        var layers = net.Layout.Layers.ToList();
        layers.Insert(2, SequenceLayer.Dropout()); // after the LSTM (width 4)
        layers.Insert(4, SequenceLayer.Dropout()); // after the GRU (width 3)
        var layout = new SequenceLayout(net.Layout.InputSize, layers, net.Layout.LossKind, net.Layout.SequenceLoss, net.Layout.SequenceLength);
        int T = layout.SequenceLength;
        Assert.Equal(T * (4 + 3), layout.MaskCount);
        Assert.Equal(net.Layout.ParameterCount, layout.ParameterCount);
        Assert.Equal(new[] { 0, 2, 3, 4, 5, 6 }, layout.ModuleIndices);
        Assert.Equal(net.Layout.Tensors.Select(t => t.Offset), layout.Tensors.Select(t => t.Offset));

        var ones = Enumerable.Repeat(1.0, layout.MaskCount).ToArray();
        var plain = net.Layout.Forward(net.Parameters, net.Inputs[0]);
        AssertClose(plain, layout.Forward(net.Parameters, net.Inputs[0], ones), 0, 0, "ones");
        AssertClose(plain, layout.Forward(net.Parameters, net.Inputs[0]), 0, 0, "no masks");

        // Zeroing the GRU's output at step t leaves only the last Dense's bias there; the other steps are untouched.
        var masks = (double[])ones.Clone();
        int t0 = 1;
        for (int j = 0; j < 3; j++) masks[T * 4 + t0 * 3 + j] = 0;
        var y = layout.Forward(net.Parameters, net.Inputs[0], masks);
        var bias = net.Tensors.Single(t => t.Name == "4.bias");
        for (int t = 0; t < T; t++)
            for (int j = 0; j < 2; j++)
                Assert.Equal(t == t0 ? net.Parameters[bias.Offset + j] : plain[t * 2 + j], y[t * 2 + j], 12);

        // Scaling the LSTM's output by 2 everywhere equals doubling the GRU's input weights.
        var twos = (double[])ones.Clone();
        for (int i = 0; i < T * 4; i++) twos[i] = 2;
        var doubled = (double[])net.Parameters.Clone();
        var wih = net.Tensors.Single(t => t.Name == "3.weight_ih_l0");
        for (int i = 0; i < wih.Length; i++) doubled[wih.Offset + i] *= 2;
        AssertClose(net.Layout.Forward(doubled, net.Inputs[0]), layout.Forward(net.Parameters, net.Inputs[0], twos), 1e-14, 1e-15, "mask of twos");
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

using System;
using System.IO;
using System.Linq;
using NetGen.Runtime;
using NetGen.Tests.Reference;
using Xunit;

namespace NetGen.Tests.Sequence;

/// <summary>
/// The generated sequence networks against PyTorch's float64 numbers (Reference/sequence-reference.json): outputs of
/// whole sequences, streaming equal to whole sequences, the final state, losses and gradients through time (both
/// SequenceLoss modes), three Adam steps and one SGD step, <c>state_dict()</c> loading; the same numbers with the layers
/// emitted as loops; gradients against double-precision finite differences of the independent reference at other
/// parameters; dropout between recurrent layers with the instance's own masks.
/// </summary>
public sealed class SequenceNetworkTests
{
    /// <summary>float32 arithmetic against float64: relative to the largest magnitude of the compared vector.</summary>
    private const double Tolerance = 1e-4;

    public static TheoryData<string> Nets()
    {
        var data = new TheoryData<string>();
        foreach (string name in SequenceReferenceData.Names) data.Add(name);
        return data;
    }

    public static TheoryData<string, string> NetsAndLoopedVariants()
    {
        var data = new TheoryData<string, string>();
        foreach (string name in SequenceReferenceData.Names) data.Add(name, name);
        foreach (var pair in SequenceNetworks.Looped) data.Add(pair.Key, pair.Value);
        return data;
    }

    private static ISequenceTestNetwork Load(string network, SequenceNetCase data)
    {
        var net = SequenceNetworks.Create(network);
        net.SetParameters(data.Parameters.ToFloats());
        return net;
    }

    private static float[] Concat(double[][] rows) => rows.SelectMany(r => r).Select(v => (float)v).ToArray();

    [Theory]
    [MemberData(nameof(NetsAndLoopedVariants))]
    public void WholeSequences_MatchPyTorch(string network, string name)
    {
        var data = SequenceReferenceData.Nets[name];
        var net = Load(network, data);
        int outputs = data.Layout.OutputSize * data.Layout.SequenceLength;
        for (int i = 0; i < data.Inputs.Length; i++)
        {
            var y = new float[outputs];
            net.PredictSequence(data.Inputs[i].ToFloats(), y);
            NumericAssert.Close(data.Outputs[i], y, Tolerance, $"{network}: PredictSequence of sequence {i}");
        }
        var batch = new float[outputs * data.Inputs.Length];
        net.PredictBatch(Concat(data.Inputs), batch);
        NumericAssert.Close(data.Outputs.SelectMany(o => o).ToArray(), batch, Tolerance, $"{network}: PredictBatch");
    }

    [Theory]
    [MemberData(nameof(Nets))]
    public void Streaming_EqualsWholeSequences_BitForBit(string name)
    {
        var data = SequenceReferenceData.Nets[name];
        var net = Load(name, data);
        int inputSize = data.Layout.InputSize, outputSize = data.Layout.OutputSize, steps = data.Layout.SequenceLength;
        foreach (var sequence in data.Inputs)
        {
            var x = sequence.ToFloats();
            var whole = new float[steps * outputSize];
            net.PredictSequence(x, whole);
            net.ResetState();
            var streamed = new float[steps * outputSize];
            for (int t = 0; t < steps; t++) net.Predict(x.AsSpan(t * inputSize, inputSize), streamed.AsSpan(t * outputSize, outputSize));
            NumericAssert.Identical(whole, streamed, $"{name}: streaming Predict vs PredictSequence");
        }
    }

    [Theory]
    [MemberData(nameof(NetsAndLoopedVariants))]
    public void LossesAndGradientsThroughTime_MatchPyTorch(string network, string name)
    {
        var data = SequenceReferenceData.Nets[name];
        var net = Load(network, data);
        var gradient = new float[data.Parameters.Length];
        for (int i = 0; i < data.Inputs.Length; i++)
        {
            float loss = net.Gradient(data.Inputs[i].ToFloats(), data.Targets[i].ToFloats(), gradient);
            NumericAssert.Close(data.Losses[i], loss, Tolerance, $"{network}: loss of sequence {i}");
            NumericAssert.Close(data.Gradients[i], gradient, Tolerance, $"{network}: gradient of sequence {i}");
        }
        float batchLoss = net.GradientBatch(Concat(data.Inputs), Concat(data.Targets), gradient);
        NumericAssert.Close(data.BatchLoss, batchLoss, Tolerance, $"{network}: batch loss");
        NumericAssert.Close(data.BatchGradient, gradient, Tolerance, $"{network}: batch gradient");
        NumericAssert.Close(data.BatchLoss, net.Evaluate(Concat(data.Inputs), Concat(data.Targets)), Tolerance, $"{network}: Evaluate");
    }

    [Theory]
    [MemberData(nameof(NetsAndLoopedVariants))]
    public void ThreeAdamSteps_MatchPyTorch(string network, string name)
    {
        var data = SequenceReferenceData.Nets[name];
        var net = Load(network, data);
        var inputs = Concat(data.Inputs);
        var targets = Concat(data.Targets);
        for (int step = 0; step < data.AdamSteps.Count; step++)
        {
            float loss = net.TrainBatch(inputs, targets);
            NumericAssert.Close(data.AdamSteps[step].LossBefore, loss, Tolerance, $"{network}: loss before Adam step {step + 1}");
            NumericAssert.Close(data.AdamSteps[step].ParametersAfter, net.Parameters, Tolerance, $"{network}: parameters after Adam step {step + 1}");
        }
    }

    [Theory]
    [InlineData("StackedSgd", "Stacked")]
    [InlineData("Gru_CrossEntropy_LastSgd", "Gru_CrossEntropy_Last")]
    public void SgdStep_MatchesPyTorch(string network, string name)
    {
        var data = SequenceReferenceData.Nets[name];
        var net = Load(network, data);
        float loss = net.TrainBatch(Concat(data.Inputs), Concat(data.Targets));
        NumericAssert.Close(data.SgdStep.LossBefore, loss, Tolerance, $"{network}: loss before the SGD step");
        NumericAssert.Close(data.SgdStep.ParametersAfter, net.Parameters, Tolerance, $"{network}: parameters after the SGD step");
    }

    [Theory]
    [MemberData(nameof(Nets))]
    public void StateDictSafetensors_LoadAsSavedByPyTorch(string name)
    {
        var data = SequenceReferenceData.Nets[name];
        var net = SequenceNetworks.Create(name);
        using (var file = File.OpenRead(SequenceReferenceData.SafetensorsPath(name))) net.LoadSafetensors(file);
        NumericAssert.Identical(data.Parameters.ToFloats(), net.Parameters, $"{name}: parameters from state_dict()");
        // And back: what SaveSafetensors writes loads into a fresh instance unchanged.
        using var copy = new MemoryStream();
        net.SaveSafetensors(copy);
        copy.Position = 0;
        var other = SequenceNetworks.Create(name);
        other.LoadSafetensors(copy);
        NumericAssert.Identical(net.Parameters, other.Parameters, $"{name}: SaveSafetensors round trip");
    }

    /// <summary>The gradient at the network's own (seeded) parameters and random sequences, against central differences of the double reference.</summary>
    [Theory]
    [MemberData(nameof(NetsAndLoopedVariants))]
    public void Gradient_MatchesDoublePrecisionFiniteDifferences(string network, string name)
    {
        var layout = SequenceReferenceData.Nets[name].Layout;
        var net = SequenceNetworks.Create(network);
        var random = new Random(17);
        var x = Enumerable.Range(0, layout.SequenceLength * layout.InputSize).Select(_ => (float)(random.NextDouble() * 3 - 1.5)).ToArray();
        var t = Targets(layout, random);
        var gradient = new float[layout.ParameterCount];
        float loss = net.Gradient(x, t, gradient);
        var theta = net.Parameters.ToDoubles();
        NumericAssert.Close(layout.Loss(theta, x.ToDoubles(), t.ToDoubles()), loss, Tolerance, $"{network}: loss");
        NumericAssert.Close(layout.Gradient(theta, x.ToDoubles(), t.ToDoubles()), gradient, Tolerance, $"{network}: gradient vs finite differences");
    }

    private static float[] Targets(SequenceLayout layout, Random random)
    {
        var t = new float[layout.TargetCount];
        for (int i = 0; i < t.Length; i++) t[i] = (float)random.NextDouble();
        if (layout.LossKind == Loss.CrossEntropy) SequenceTargets.NormaliseRows(t, layout.OutputSize);
        return t;
    }

    /// <summary>
    /// Dropout between recurrent layers: the masks the instance draws (its generator seeded from Seed = 11, one mask per step
    /// and layer, in the order the generated code draws them) fed to the reference reproduce the network's loss and gradient;
    /// Evaluate drops nothing.
    /// </summary>
    [Fact]
    public void DropoutBetweenRecurrentLayers_UsesOneMaskPerStep_AndMatchesTheReference()
    {
        var layout = new SequenceLayout(2,
            new[] { SequenceLayer.Dense(4, Activation.Tanh), SequenceLayer.Dropout(), SequenceLayer.Lstm(4), SequenceLayer.Dropout(), SequenceLayer.Gru(3), SequenceLayer.Dense(2) },
            Loss.MeanSquaredError, SequenceLossMode.EveryStep, 4);
        var net = new StackedDropout();
        var random = new Random(3);
        var x = Enumerable.Range(0, 4 * 2).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var t = Targets(layout, random);
        var theta = net.Parameters.ToDoubles();

        // The generator's draws: per step, layer by layer (Dropout(0.5) over 4 values, then Dropout(0.25) over 4).
        var generator = new DeterministicRandom(DropoutMask.InitialState(11));
        var masks = new double[layout.MaskCount];
        var step = new float[4];
        for (int s = 0; s < 4; s++)
        {
            DropoutMask.Fill(ref generator, step, 0.5f);
            for (int j = 0; j < 4; j++) masks[s * 4 + j] = step[j];
            DropoutMask.Fill(ref generator, step, 0.25f);
            for (int j = 0; j < 4; j++) masks[16 + s * 4 + j] = step[j];
        }
        Assert.Contains(0.0, masks);

        var gradient = new float[StackedDropout.ParameterCount];
        float loss = net.Gradient(x, t, gradient);
        NumericAssert.Close(layout.Loss(theta, x.ToDoubles(), t.ToDoubles(), masks), loss, Tolerance, "loss with the drawn masks");
        NumericAssert.Close(layout.Gradient(theta, x.ToDoubles(), t.ToDoubles(), masks), gradient, Tolerance, "gradient with the drawn masks");
        NumericAssert.Close(layout.Loss(theta, x.ToDoubles(), t.ToDoubles()), net.Evaluate(x, t), Tolerance, "Evaluate drops nothing");
        // Streaming drops nothing either.
        var y = new float[4 * 2];
        net.PredictSequence(x, y);
        NumericAssert.Close(layout.Forward(theta, x.ToDoubles()), y, Tolerance, "PredictSequence drops nothing");
    }

    [Theory]
    [MemberData(nameof(Nets))]
    public void FinalState_MatchesPyTorch(string name)
    {
        var data = SequenceReferenceData.Nets[name];
        var net = Load(name, data);
        var layout = data.Layout;
        for (int i = 0; i < data.Inputs.Length; i++)
        {
            var state = SequenceStates.FinalState(net, data.Inputs[i].ToFloats(), layout);
            int offset = 0, width = layout.InputSize;
            for (int l = 0; l < layout.Layers.Count; l++)
            {
                var layer = layout.Layers[l];
                int module = layout.ModuleIndices[l];
                switch (layer.Kind)
                {
                    case SequenceLayerKind.Gru:
                    case SequenceLayerKind.Rnn:
                    case SequenceLayerKind.Lstm:
                        var expected = data.FinalStates[module];
                        NumericAssert.Close(expected.H[i], state.AsSpan(offset, layer.Size), Tolerance, $"{name}: h of module {module}, sequence {i}");
                        offset += layer.Size;
                        if (layer.Kind == SequenceLayerKind.Lstm)
                        {
                            NumericAssert.Close(expected.C![i], state.AsSpan(offset, layer.Size), Tolerance, $"{name}: c of module {module}, sequence {i}");
                            offset += layer.Size;
                        }
                        break;
                    case SequenceLayerKind.CausalConv1D:
                        offset += (layer.KernelSize - 1) * layer.Dilation * width;
                        break;
                }
                if (layer.Kind != SequenceLayerKind.Dropout) width = layer.Size;
            }
            Assert.Equal(state.Length, offset);
        }
    }

    /// <summary>PyTorch's <c>state_dict()</c> of a stacked LSTM/GRU model baked in at compile time: new T() starts from it.</summary>
    [Fact]
    public void BakedStateDict_IsTheNetworksStartingPoint()
    {
        var data = SequenceReferenceData.Nets["Stacked"];
        var net = new StackedBaked();
        NumericAssert.Identical(data.Parameters.ToFloats(), net.Parameters, "baked parameters");
        var y = new float[data.Layout.SequenceLength * data.Layout.OutputSize];
        net.PredictSequence(data.Inputs[0].ToFloats(), y);
        NumericAssert.Close(data.Outputs[0], y, Tolerance, "the baked network's outputs vs PyTorch");
    }
}

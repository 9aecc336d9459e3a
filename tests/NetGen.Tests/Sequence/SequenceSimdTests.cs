using System;
using System.Linq;
using System.Runtime.Intrinsics;
using NetGen.Runtime;
using NetGen.Tests.Reference;
using NetGen.Tests.Simd;
using Xunit;

namespace NetGen.Tests.Sequence;

/// <summary>
/// The SIMD step (across neurons, 256 and 128 bits, hidden sizes that are and are not whole vectors) against the scalar
/// step kernel and PyTorch: every width gives PyTorch's outputs and the scalar step's within float tolerance, streams stay
/// equal to whole sequences, and a parameter write reaches the packed copy before the next step.
/// </summary>
[Collection(SimdOptionsCollection.Name)]
public sealed class SequenceSimdTests : IDisposable
{
    public void Dispose() => SimdOptions.ForcedWidth = 0;

    public static TheoryData<string, int> NetsAndWidths()
    {
        var data = new TheoryData<string, int>();
        foreach (string name in SequenceReferenceData.Names)
            foreach (int width in new[] { 128, 256 })
                data.Add(name, width);
        return data;
    }

    [Theory]
    [MemberData(nameof(NetsAndWidths))]
    public void EveryWidth_EqualsScalar_AndPyTorch(string name, int width)
    {
        if (width == 256 && !Vector256.IsHardwareAccelerated) return;
        if (width == 128 && !Vector128.IsHardwareAccelerated) return;
        var data = SequenceReferenceData.Nets[name];
        var net = SequenceNetworks.Create(name);
        net.SetParameters(data.Parameters.ToFloats());
        int count = data.Layout.SequenceLength * data.Layout.OutputSize;
        foreach (var (sequence, expected) in data.Inputs.Zip(data.Outputs))
        {
            SimdOptions.ForcedWidth = -1;
            var scalar = new float[count];
            net.PredictSequence(sequence.ToFloats(), scalar);
            SimdOptions.ForcedWidth = width;
            var vector = new float[count];
            net.PredictSequence(sequence.ToFloats(), vector);
            NumericAssert.Close(scalar.ToDoubles(), vector, 2e-6, $"{name}: {width}-bit step vs scalar step", floor: 1);
            NumericAssert.Close(expected, vector, 1e-4, $"{name}: {width}-bit step vs PyTorch");
        }
    }

    [Fact]
    public void SetParameters_ReachesTheSimdStep()
    {
        var net = new Gru_Mse(1);
        var x = new float[] { 0.5f, -1f, 2f };
        var before = new float[2];
        net.PredictSequence(x, before);
        var changed = net.Parameters.ToArray();
        for (int k = 0; k < changed.Length; k++) changed[k] *= -0.5f;
        net.SetParameters(changed);
        var after = new float[2];
        net.PredictSequence(x, after);
        SimdOptions.ForcedWidth = -1;
        var scalar = new float[2];
        net.PredictSequence(x, scalar);
        NumericAssert.Close(scalar.ToDoubles(), after, 2e-6, "the SIMD step after SetParameters", floor: 1);
        Assert.NotEqual(before[0], after[0]);
    }

    public static TheoryData<string> TrainingNets()
    {
        var data = new TheoryData<string>();
        foreach (string name in SequenceReferenceData.Names) data.Add(name);
        data.Add("StackedDropout");
        data.Add("AudioLooped");
        return data;
    }

    /// <summary>
    /// Training batches through the lane kernels (one sequence per lane, the rest of the batch through the scalar kernels)
    /// equal the scalar path: the same mean loss and gradient within float tolerance, and the same dropout masks (drawn in
    /// the same order), so two networks from one seed stay together over three steps.
    /// </summary>
    [Theory]
    [MemberData(nameof(TrainingNets))]
    public void TrainingThroughLanes_EqualsScalar(string name)
    {
        var layout = name == "StackedDropout" ? null : SequenceReferenceData.Nets[name == "AudioLooped" ? "Audio" : name].Layout;
        int inputSize = layout?.InputSize ?? 2, steps = layout?.SequenceLength ?? 4;
        int targetSize = layout?.TargetCount ?? 8;
        const int n = 19;   // two chunks of 8 (or one of 16) and a scalar remainder
        var random = new Random(23);
        var inputs = Enumerable.Range(0, n * steps * inputSize).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var targets = Enumerable.Range(0, n * targetSize).Select(_ => (float)random.NextDouble()).ToArray();
        if (layout?.LossKind == Loss.CrossEntropy) SequenceTargets.NormaliseRows(targets, layout.OutputSize);
        var scalarNet = SequenceNetworks.Create(name);
        var laneNet = SequenceNetworks.Create(name);
        var scalar = new float[scalarNet.Parameters.Length];
        var lanes = new float[scalar.Length];
        SimdOptions.ForcedWidth = -1;
        float scalarLoss = scalarNet.GradientBatch(inputs, targets, scalar);
        float scalarEvaluate = scalarNet.Evaluate(inputs, targets);
        SimdOptions.ForcedWidth = 0;
        float laneLoss = laneNet.GradientBatch(inputs, targets, lanes);
        NumericAssert.Close(scalarLoss, laneLoss, 1e-5, $"{name}: mean loss, lanes vs scalar");
        NumericAssert.Close(scalar.ToDoubles(), lanes, 1e-5, $"{name}: gradient, lanes vs scalar");
        NumericAssert.Close(scalarEvaluate, laneNet.Evaluate(inputs, targets), 1e-5, $"{name}: Evaluate, lanes vs scalar");
        for (int step = 0; step < 3; step++)
        {
            SimdOptions.ForcedWidth = -1;
            scalarNet.TrainBatch(inputs, targets);
            SimdOptions.ForcedWidth = 0;
            laneNet.TrainBatch(inputs, targets);
        }
        NumericAssert.Close(scalarNet.Parameters.ToDoubles(), laneNet.Parameters, 1e-4, $"{name}: parameters after three steps, lanes vs scalar");
    }
}

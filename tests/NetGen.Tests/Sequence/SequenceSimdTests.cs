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
}

using System;
using NetGen.Runtime;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;
using NetGen.Tests.Simd;

namespace NetGen.Tests.Dropout;

/// <summary>
/// The SIMD batch path draws the same masks in the same (sample) order as the scalar path: with the same seed,
/// GradientBatch and TrainBatch give the scalar results on every forced width, and the generator ends in the same state.
/// </summary>
[Collection(SimdOptionsCollection.Name)]
public sealed class DropoutSimdTests : IDisposable
{
    public void Dispose() => SimdOptions.ForcedWidth = 0;

    private static (float[] Gradient1, float[] Gradient2, float Loss1, float Loss2, float[] Parameters, ulong State) Run(string name, int forced)
    {
        SimdOptions.ForcedWidth = forced;
        var (network, reference) = DropoutTests.Create(name);
        // 37 samples: chunks of 16, 8 or 4 lanes and a scalar remainder.
        var (x, t) = DropoutTests.Samples(reference, 37, 21);
        var g1 = new float[reference.ParameterCount];
        var g2 = new float[reference.ParameterCount];
        float l1 = network.GradientBatch(x, t, g1);
        float l2 = network.GradientBatch(x, t, g2);
        for (int i = 0; i < 3; i++) network.TrainBatch(x, t);
        return (g1, g2, l1, l2, network.Parameters.ToArray(), DropoutMasks.State(network));
    }

    [Theory]
    [InlineData(nameof(DropTanhSigmoidBce), 128)]
    [InlineData(nameof(DropTanhSigmoidBce), 256)]
    [InlineData(nameof(DropTanhSigmoidBce), 512)]
    [InlineData(nameof(DropSoftmaxCe), 128)]
    [InlineData(nameof(DropSoftmaxCe), 256)]
    [InlineData(nameof(DropLooped), 256)]
    public void LanePath_EqualsScalarPath_ForTheSameSeed(string name, int forced)
    {
        var scalar = Run(name, -1);
        int preferred = SimdWidths.Force(forced);
        Assert.True(preferred > 0, "the batch should run in lanes");
        var lanes = Run(name, forced);
        Assert.Equal(scalar.State, lanes.State);
        NumericAssert.Close(scalar.Gradient1.ToDoubles(), lanes.Gradient1, SimdTolerance.Gradient, $"{name} {forced}: first GradientBatch");
        NumericAssert.Close(scalar.Gradient2.ToDoubles(), lanes.Gradient2, SimdTolerance.Gradient, $"{name} {forced}: second GradientBatch (stream advanced alike)");
        NumericAssert.Close(scalar.Loss1, lanes.Loss1, SimdTolerance.Outputs, $"{name} {forced}: loss 1");
        NumericAssert.Close(scalar.Loss2, lanes.Loss2, SimdTolerance.Outputs, $"{name} {forced}: loss 2");
        NumericAssert.Close(scalar.Parameters.ToDoubles(), lanes.Parameters, 1e-4, $"{name} {forced}: parameters after 3 TrainBatch steps");
        // Different masks would move the gradients far more than the tolerance: the second batch differs from the first.
        Assert.NotEqual(scalar.Gradient1, scalar.Gradient2);
    }
}

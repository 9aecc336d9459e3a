using System;
using System.Linq;
using NetGen.Runtime;
using NetGen.Tests.Data;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;
using Xunit.Abstractions;

namespace NetGen.Tests.Simd;

/// <summary>
/// GradientBatch on the SIMD path (16 and 32 samples: whole chunks of 4, 8 or 16 lanes, this process's
/// <c>Vector&lt;float&gt;</c> width; CI runs this namespace at each) against central finite differences, in
/// double, of the reference's batch mean loss at the network's own float parameters: every activation with every loss
/// it is valid for, and the looped networks.
/// </summary>
[Collection(SimdOptionsCollection.Name)]
public sealed class LaneFiniteDifferenceTests : IDisposable
{
    private readonly ITestOutputHelper _output;

    public LaneFiniteDifferenceTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> Networks => SimdNetworkSets.Small;

    public void Dispose() => SimdOptions.ForcedWidth = 0;

    [Theory]
    [MemberData(nameof(Networks))]
    public void GradientBatch_OnTheLanePath_MatchesFiniteDifferencesOfTheMeanLoss(string name)
    {
        var type = NetworkType.Named(name);
        var reference = type.Reference;
        var data = new RandomSamples(SimdNetworkSets.StableSeed(name) + 3);
        var network = type.Create(data.Parameters(reference));
        double[] p = network.Parameters.ToDoubles();
        const int samples = 32;
        // Margin 1e-2 around the ReLU kinks: the steps (1e-4 relative) never cross one.
        float[] inputs = data.InputsAwayFromKinks(reference, network.Parameters, samples, 1e-2);
        float[] targets = data.Targets(reference, samples);
        if (reference.Loss == Loss.CrossEntropy)
        {
            // Sample 1 gets a one-hot target, sample 2 a target that sums to 0.7 (the fused gradient is y·Σt − t).
            var oneHot = targets.AsSpan(reference.OutputSize, reference.OutputSize);
            oneHot.Clear();
            oneHot[0] = 1;
            foreach (ref float v in targets.AsSpan(2 * reference.OutputSize, reference.OutputSize)) v *= 0.7f;
        }

        var worst = new WorstErrors();
        var g = new float[reference.ParameterCount];
        foreach (int n in new[] { 16, 32 })
        {
            float[] x = inputs.AsSpan(0, n * reference.InputSize).ToArray(), t = targets.AsSpan(0, n * reference.OutputSize).ToArray();
            double[] xd = x.ToDoubles(), td = t.ToDoubles();
            double[] fd = FiniteDifferences.Gradient(q => reference.BatchLoss(q, xd, td), p);
            Assert.True(fd.Max(Math.Abs) > 1e-4, $"{name} n={n}: the gradient is too small to test anything");
            double expectedLoss = reference.BatchLoss(p, xd, td);
            int lanes = SimdWidths.Lanes();
            Assert.Equal(n, SimdWidths.SamplesInLanes(SimdOptions.PreferredWidth, n));
            string what = $"{name} n={n} {lanes} lanes";
            float loss = network.GradientBatch(x, t, g);
            NumericAssert.Close(fd, g, SimdTolerance.FiniteDifferences, $"{what}: GradientBatch vs finite differences");
            NumericAssert.Close(expectedLoss, loss, SimdTolerance.Outputs, $"{what}: batch loss vs the reference");
            worst.Record("gradient vs finite differences", fd, g, what);
            worst.Record("loss vs reference", expectedLoss, loss, what);
        }
        worst.WriteTo(_output);
    }
}

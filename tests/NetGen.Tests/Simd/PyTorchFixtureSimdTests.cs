using System;
using System.Linq;
using NetGen.Runtime;
using NetGen.Tests.Networks;
using NetGen.Tests.PyTorch;
using NetGen.Tests.Reference;

namespace NetGen.Tests.Simd;

/// <summary>
/// PyTorch's own numbers (Fixtures/pytorch-reference.json) through the batch members on the lane path (automatic width:
/// the lanes run at this process's <c>Vector&lt;float&gt;</c> width, whatever ForcedWidth picks for batch-1 Predict; CI
/// runs this namespace at 4, 8 and 16 lanes) and on the scalar path (-1), within the fixture tests' 2e-4. The fixture's
/// batch has 4 samples, which only a 4-lane chunk fills; so the batch is also repeated 5 times (20 samples: one 16-lane
/// chunk + 4, two 8-lane chunks + 4, or five 4-lane chunks). A repeated batch has the same mean loss, mean gradient and
/// optimizer trajectory as the original.
/// </summary>
[Collection(SimdOptionsCollection.Name)]
public sealed class PyTorchFixtureSimdTests : IDisposable
{
    /// <summary>-1: the scalar path; 0: automatic, the lane path (the forced widths run the same batch code, LaneCodeTests).</summary>
    private static readonly int[] Widths = { -1, 0 };

    public static TheoryData<string, int, int> NetsWidthsAndCopies
    {
        get
        {
            var data = new TheoryData<string, int, int>();
            foreach (string net in new[] { "R1", "R2", "R3" })
                foreach (int width in Widths)
                    foreach (int copies in new[] { 1, 5 }) data.Add(net, width, copies);
            return data;
        }
    }

    public static TheoryData<string, string, int> NetsOptimizersAndWidths
    {
        get
        {
            var data = new TheoryData<string, string, int>();
            foreach (string net in new[] { "R1", "R2", "R3" })
                foreach (string optimizer in new[] { "Sgd", "SgdMomentum", "Adam" })
                    foreach (int width in Widths) data.Add(net, optimizer, width);
            return data;
        }
    }

    public void Dispose() => SimdOptions.ForcedWidth = 0;

    [Theory]
    [MemberData(nameof(NetsWidthsAndCopies))]
    public void PredictBatch_GradientBatch_AndEvaluate_MatchPyTorch(string net, int forced, int copies)
    {
        var f = PyTorchFixture.Nets[net];
        int preferred = SimdWidths.Force(forced);
        string what = $"{net} ×{copies} forced {forced} (running {preferred})";
        var network = NetworkType.Named(net + "Sgd").Create(f.FloatParameters);
        float[] x = Repeat(f.FloatInputs, copies), t = Repeat(f.FloatTargets, copies);

        var outputs = new float[f.Outputs.Length * copies];
        network.PredictBatch(x, outputs);
        NumericAssert.Close(Repeat(f.Outputs, copies), outputs, SimdTolerance.Reference, $"{what}: PredictBatch");

        var g = new float[f.Parameters.Length];
        NumericAssert.Close(f.BatchLoss, network.GradientBatch(x, t, g), SimdTolerance.Reference, $"{what}: GradientBatch loss");
        NumericAssert.Close(f.BatchGradient, g, SimdTolerance.Reference, $"{what}: GradientBatch gradient");
        NumericAssert.Close(f.BatchLoss, network.Evaluate(x, t), SimdTolerance.Reference, $"{what}: Evaluate");
    }

    [Theory]
    [MemberData(nameof(NetsOptimizersAndWidths))]
    public void ThreeTrainBatchSteps_FollowPyTorchsTrajectory(string net, string optimizer, int forced)
    {
        var f = PyTorchFixture.Nets[net];
        int preferred = SimdWidths.Force(forced);
        foreach (int copies in new[] { 1, 5 })
        {
            var network = NetworkType.Named(net + optimizer).Create(f.FloatParameters);
            float[] x = Repeat(f.FloatInputs, copies), t = Repeat(f.FloatTargets, copies);
            int step = 1;
            foreach (var (lossBefore, parameters) in f.Trajectories[optimizer])
            {
                string what = $"{net} {optimizer} ×{copies} forced {forced} (running {preferred}) step {step}";
                NumericAssert.Close(lossBefore, network.TrainBatch(x, t), SimdTolerance.Reference, $"{what}: loss before");
                NumericAssert.Close(parameters, network.Parameters, SimdTolerance.Reference, $"{what}: parameters");
                step++;
            }
            Assert.Equal(4, step);
        }
    }

    private static T[] Repeat<T>(T[] values, int copies) => Enumerable.Range(0, copies).SelectMany(_ => values).ToArray();
}

using System;
using System.Linq;
using NetGen.Runtime;
using NetGen.Tests.Networks;
using NetGen.Tests.Simd;

namespace NetGen.Tests.Activations;

/// <summary>
/// The networks of Reference/activation-reference.json (two per newer activation) against PyTorch's float64 numbers,
/// within <see cref="ActivationTolerance"/>, on the scalar path (<see cref="SimdOptions.ForcedWidth"/> = −1) and with 128,
/// 256 and 512 forced: Predict and PredictBatch, Gradient of each sample, GradientBatch and Evaluate, three Adam
/// TrainBatch steps and one SGD step. The data's batch has 5 samples (one 4-lane chunk and a scalar rest at most), so the
/// batch members also run on the batch repeated 5 times (25 samples: every width's chunks and a scalar rest); a repeated
/// batch has the same mean loss, mean gradient and optimizer steps.
/// </summary>
[Collection(SimdOptionsCollection.Name)]
public sealed class ActivationNetworkTests : IDisposable
{
    private static readonly int[] Widths = { -1, 128, 256, 512 };
    private static readonly int[] Copies = { 1, 5 };

    public static TheoryData<string> Nets => SimdNetworkSets.Data(ActivationNetNames.All);

    public static TheoryData<string, int> NetsAndWidths
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (string net in ActivationNetNames.All)
                foreach (int width in Widths) data.Add(net, width);
            return data;
        }
    }

    public void Dispose() => SimdOptions.ForcedWidth = 0;

    [Theory]
    [MemberData(nameof(Nets))]
    public void NetworkClasses_HaveTheDatasLayoutAndOptimizers(string net)
    {
        var f = ActivationReference.Nets[net];
        foreach (string optimizer in new[] { "Adam", "Sgd" })
        {
            var type = NetworkType.Named(ActivationNetNames.Class(net, optimizer));
            Assert.Equal(f.Loss, type.Reference.Loss);
            Assert.Equal(f.InputSize, type.InputSize);
            Assert.Equal(f.Layers, type.Reference.Layers.Select(l => (l.Units, l.Activation)));
            Assert.Equal(f.Parameters.Length, type.ParameterCount);
            Assert.Equal(optimizer == "Adam" ? Optimizer.Adam : Optimizer.Sgd, type.Optimizer.Kind);
            Assert.Equal(optimizer == "Adam" ? 0.01 : 0.1, type.Optimizer.LearningRate, 6);
            Assert.Equal(0.0, type.Optimizer.Momentum);
        }
        Assert.Equal(3, f.Trajectories["Adam"].Count);
        Assert.Single(f.Trajectories["Sgd"]);
        Assert.Contains(f.Activation, ActivationReference.Newer);
    }

    [Theory]
    [MemberData(nameof(NetsAndWidths))]
    public void Predict_AndPredictBatch_MatchPyTorch(string net, int forced)
    {
        var f = ActivationReference.Nets[net];
        string what = Describe(net, forced);
        var network = Create(f, "Sgd");
        float[] x = f.FloatInputs;
        var y = new float[f.Outputs.Length];
        for (int s = 0; s < f.SampleCount; s++)
            network.Predict(x.AsSpan(s * f.InputSize, f.InputSize), y.AsSpan(s * f.OutputSize, f.OutputSize));
        ActivationTolerance.Close(f.Outputs, y, $"{what}: Predict");
        foreach (int copies in Copies)
        {
            var yb = new float[f.Outputs.Length * copies];
            network.PredictBatch(Repeat(x, copies), yb);
            ActivationTolerance.Close(Repeat(f.Outputs, copies), yb, $"{what} ×{copies}: PredictBatch");
        }
    }

    [Theory]
    [MemberData(nameof(NetsAndWidths))]
    public void Gradient_OfEachSample_MatchesPyTorch(string net, int forced)
    {
        var f = ActivationReference.Nets[net];
        string what = Describe(net, forced);
        var network = Create(f, "Sgd");
        float[] x = f.FloatInputs, t = f.FloatTargets;
        var g = new float[f.Parameters.Length];
        for (int s = 0; s < f.SampleCount; s++)
        {
            float loss = network.Gradient(x.AsSpan(s * f.InputSize, f.InputSize), t.AsSpan(s * f.OutputSize, f.OutputSize), g);
            ActivationTolerance.Close(f.SampleLosses[s], loss, $"{what}: sample {s} loss");
            ActivationTolerance.Close(f.SampleGradients[s], g, $"{what}: sample {s} gradient");
        }
    }

    [Theory]
    [MemberData(nameof(NetsAndWidths))]
    public void GradientBatch_AndEvaluate_MatchPyTorch(string net, int forced)
    {
        var f = ActivationReference.Nets[net];
        string what = Describe(net, forced);
        var network = Create(f, "Sgd");
        foreach (int copies in Copies)
        {
            float[] x = Repeat(f.FloatInputs, copies), t = Repeat(f.FloatTargets, copies);
            var g = new float[f.Parameters.Length];
            float loss = network.GradientBatch(x, t, g);
            ActivationTolerance.Close(f.BatchLoss, loss, $"{what} ×{copies}: GradientBatch loss");
            ActivationTolerance.Close(f.BatchGradient, g, $"{what} ×{copies}: GradientBatch gradient");
            ActivationTolerance.Close(f.BatchLoss, network.Evaluate(x, t), $"{what} ×{copies}: Evaluate");
        }
    }

    [Theory]
    [MemberData(nameof(NetsAndWidths))]
    public void ThreeAdamTrainBatchSteps_FollowPyTorch(string net, int forced) => FollowTrajectory(net, "Adam", forced);

    [Theory]
    [MemberData(nameof(NetsAndWidths))]
    public void OneSgdTrainBatchStep_MatchesPyTorch(string net, int forced) => FollowTrajectory(net, "Sgd", forced);

    private static void FollowTrajectory(string net, string optimizer, int forced)
    {
        var f = ActivationReference.Nets[net];
        string what = Describe(net, forced);
        foreach (int copies in Copies)
        {
            var network = Create(f, optimizer);
            float[] x = Repeat(f.FloatInputs, copies), t = Repeat(f.FloatTargets, copies);
            int step = 1;
            foreach (var (lossBefore, parameters) in f.Trajectories[optimizer])
            {
                float loss = network.TrainBatch(x, t);
                ActivationTolerance.Close(lossBefore, loss, $"{what} ×{copies}: {optimizer} step {step} loss before");
                ActivationTolerance.Close(parameters, network.Parameters, $"{what} ×{copies}: {optimizer} step {step} parameters");
                step++;
            }
        }
    }

    private static INetwork Create(ActivationNetCase f, string optimizer) =>
        NetworkType.Named(ActivationNetNames.Class(f.Name, optimizer)).Create(f.FloatParameters);

    /// <summary>Forces the width and names it with the width in effect.</summary>
    private static string Describe(string net, int forced)
    {
        int preferred = SimdWidths.Force(forced);
        return $"{net} forced {forced} (running {preferred})";
    }

    private static T[] Repeat<T>(T[] values, int copies)
    {
        var result = new T[values.Length * copies];
        for (int c = 0; c < copies; c++) values.CopyTo(result, c * values.Length);
        return result;
    }
}

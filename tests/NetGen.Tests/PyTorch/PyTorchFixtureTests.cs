using System;
using System.Linq;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;

namespace NetGen.Tests.PyTorch;

/// <summary>
/// The generated networks against PyTorch's numbers (relative error ≤ 2e-4 of the largest expected magnitude), and the
/// test's own reference against the same numbers (so the oracle the other tests trust is PyTorch's, too).
/// </summary>
public sealed class PyTorchFixtureTests
{
    private const double Tolerance = 2e-4;

    public static TheoryData<string> Nets => new() { "R1", "R2", "R3" };

    public static TheoryData<string, string> NetsAndOptimizers
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string net in new[] { "R1", "R2", "R3" })
                foreach (string optimizer in new[] { "Sgd", "SgdMomentum", "Adam" }) data.Add(net, optimizer);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(NetsAndOptimizers))]
    public void NetworkClasses_HaveTheFixturesLayout(string net, string optimizer)
    {
        var fixture = PyTorchFixture.Nets[net];
        var type = NetworkType.Named(net + optimizer);
        Assert.Equal(fixture.Loss, type.Reference.Loss.ToString());
        Assert.Equal(fixture.InputSize, type.InputSize);
        Assert.Equal(fixture.Layers, type.Reference.Layers.Select(l => (l.Units, l.Activation.ToString())));
        Assert.Equal(fixture.Parameters.Length, type.ParameterCount);
    }

    [Theory]
    [MemberData(nameof(Nets))]
    public void PredictAndPredictBatch_MatchPyTorch(string net)
    {
        var f = PyTorchFixture.Nets[net];
        var network = NetworkType.Named(net + "Sgd").Create(f.FloatParameters);
        float[] x = f.FloatInputs;
        var y = new float[f.Outputs.Length];
        for (int s = 0; s < f.SampleCount; s++)
            network.Predict(x.AsSpan(s * f.InputSize, f.InputSize), y.AsSpan(s * f.OutputSize, f.OutputSize));
        NumericAssert.Close(f.Outputs, y, Tolerance, $"{net} Predict");
        var yb = new float[f.Outputs.Length];
        network.PredictBatch(x, yb);
        NumericAssert.Close(f.Outputs, yb, Tolerance, $"{net} PredictBatch");
    }

    [Theory]
    [MemberData(nameof(Nets))]
    public void GradientOfEachSample_MatchesPyTorch(string net)
    {
        var f = PyTorchFixture.Nets[net];
        var network = NetworkType.Named(net + "Sgd").Create(f.FloatParameters);
        float[] x = f.FloatInputs, t = f.FloatTargets;
        var g = new float[f.Parameters.Length];
        for (int s = 0; s < f.SampleCount; s++)
        {
            float loss = network.Gradient(x.AsSpan(s * f.InputSize, f.InputSize), t.AsSpan(s * f.OutputSize, f.OutputSize), g);
            NumericAssert.Close(f.SampleLosses[s], loss, Tolerance, $"{net} sample {s} loss");
            NumericAssert.Close(f.SampleGradients[s], g, Tolerance, $"{net} sample {s} gradient");
        }
    }

    [Theory]
    [MemberData(nameof(Nets))]
    public void GradientBatchAndEvaluate_MatchPyTorch(string net)
    {
        var f = PyTorchFixture.Nets[net];
        var network = NetworkType.Named(net + "Sgd").Create(f.FloatParameters);
        var g = new float[f.Parameters.Length];
        float loss = network.GradientBatch(f.FloatInputs, f.FloatTargets, g);
        NumericAssert.Close(f.BatchLoss, loss, Tolerance, $"{net} GradientBatch loss");
        NumericAssert.Close(f.BatchGradient, g, Tolerance, $"{net} GradientBatch gradient");
        NumericAssert.Close(f.BatchLoss, network.Evaluate(f.FloatInputs, f.FloatTargets), Tolerance, $"{net} Evaluate");
    }

    [Theory]
    [MemberData(nameof(NetsAndOptimizers))]
    public void ThreeTrainBatchSteps_FollowPyTorchsTrajectory(string net, string optimizer)
    {
        var f = PyTorchFixture.Nets[net];
        var network = NetworkType.Named(net + optimizer).Create(f.FloatParameters);
        int step = 1;
        foreach (var (lossBefore, parameters) in f.Trajectories[optimizer])
        {
            float loss = network.TrainBatch(f.FloatInputs, f.FloatTargets);
            NumericAssert.Close(lossBefore, loss, Tolerance, $"{net} {optimizer} step {step} loss before");
            NumericAssert.Close(parameters, network.Parameters, Tolerance, $"{net} {optimizer} step {step} parameters");
            step++;
        }
        Assert.Equal(4, step);
    }

    [Theory]
    [MemberData(nameof(Nets))]
    public void TheReferenceNetwork_ReproducesPyTorch(string net)
    {
        var f = PyTorchFixture.Nets[net];
        var reference = NetworkType.Named(net + "Sgd").Reference;
        for (int s = 0; s < f.SampleCount; s++)
        {
            double[] x = ReferenceNetwork.Row(f.Inputs, s, f.InputSize), t = ReferenceNetwork.Row(f.Targets, s, f.OutputSize);
            NumericAssert.Close(ReferenceNetwork.Row(f.Outputs, s, f.OutputSize), reference.Predict(f.Parameters, x), 1e-10, $"{net} reference output {s}");
            var g = new double[f.Parameters.Length];
            NumericAssert.Close(f.SampleLosses[s], reference.Gradient(f.Parameters, x, t, g), 1e-10, $"{net} reference loss {s}");
            NumericAssert.Close(f.SampleGradients[s], g, 1e-9, $"{net} reference gradient {s}");
        }
        var batch = new double[f.Parameters.Length];
        NumericAssert.Close(f.BatchLoss, reference.BatchGradient(f.Parameters, f.Inputs, f.Targets, batch), 1e-10, $"{net} reference batch loss");
        NumericAssert.Close(f.BatchGradient, batch, 1e-9, $"{net} reference batch gradient");
    }

    [Theory]
    [MemberData(nameof(NetsAndOptimizers))]
    public void TheReferenceOptimizer_ReproducesPyTorch(string net, string optimizer)
    {
        var f = PyTorchFixture.Nets[net];
        var reference = NetworkType.Named(net + optimizer).Reference;
        var settings = optimizer switch
        {
            "Sgd" => new OptimizerSettings(Optimizer.Sgd, 0.1),
            "SgdMomentum" => new OptimizerSettings(Optimizer.Sgd, 0.05, Momentum: 0.9),
            _ => new OptimizerSettings(Optimizer.Adam, 0.01),
        };
        var sgd = new ReferenceOptimizer(settings, f.Parameters.Length);
        double[] p = (double[])f.Parameters.Clone();
        var g = new double[p.Length];
        foreach (var (lossBefore, parameters) in f.Trajectories[optimizer])
        {
            NumericAssert.Close(lossBefore, reference.BatchGradient(p, f.Inputs, f.Targets, g), 1e-10, $"{net} {optimizer} reference loss");
            sgd.Apply(p, g);
            NumericAssert.Close(parameters, p, 1e-9, $"{net} {optimizer} reference parameters");
        }
    }
}

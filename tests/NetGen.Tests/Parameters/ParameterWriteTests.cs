using System;
using NetGen.Tests.Data;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;

namespace NetGen.Tests.Parameters;

/// <summary>
/// Writes of the parameters (<c>SetParameters</c>) are seen by the very next call of any member, including after
/// training steps and on networks with loops or split kernels; <c>Parameters</c> is a read-only view of the storage.
/// </summary>
public sealed class ParameterWriteTests
{
    public static TheoryData<string> Networks => new()
    {
        nameof(PassFail), nameof(CeAdam), nameof(MseMomentum), nameof(C_Relu_Tanh_LeakyRelu_Softmax_Ce),
        nameof(Mnist784), nameof(Unrolled96), nameof(Deep64),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void CopiedInWeights_AreUsedByTheNextPredict(string name)
    {
        var c = RandomCase.Create(name, 3, 1501);
        var data = new RandomSamples(1502);
        var y = new float[c.Reference.OutputSize];
        for (int version = 0; version < 3; version++)
        {
            c.Network.Predict(c.Input(0), y);                 // any derived copy is built for the old weights
            float[] weights = data.Parameters(c.Reference);
            c.Network.SetParameters(weights);
            c.Network.Predict(c.Input(0), y);
            NumericAssert.Close(c.Reference.Predict(weights.ToDoubles(), c.Input(0).ToDoubles()), y, 1e-5, $"{name} version {version}", floor: 0.1);
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void ASingleWrite_IsSeenByEveryMember(string name)
    {
        var c = RandomCase.Create(name, 2, 1503);
        var net = c.Network;
        var y = new float[c.Reference.OutputSize];
        var g = new float[c.Reference.ParameterCount];
        int last = c.Reference.ParameterCount - 1;   // the output layer's last bias

        foreach (var member in new[] { "Predict", "PredictBatch", "Gradient", "GradientBatch", "Evaluate", "TrainStep", "TrainBatch" })
        {
            net.Predict(c.Input(0), y);
            float[] changed = net.Parameters.ToArray();
            changed[last] += 0.75f;
            changed[0] -= 0.5f;
            net.SetParameters(changed);
            double[] p = net.Parameters.ToDoubles();
            double[] x = c.Input(0).ToDoubles(), t = c.Target(0).ToDoubles();
            var expectedGradient = new double[p.Length];
            double expectedLoss = c.Reference.Gradient(p, x, t, expectedGradient);
            switch (member)
            {
                case "Predict":
                    net.Predict(c.Input(0), y);
                    NumericAssert.Close(c.Reference.Predict(p, x), y, 1e-5, $"{name} {member}", floor: 0.1);
                    break;
                case "PredictBatch":
                    var outputs = new float[2 * c.Reference.OutputSize];
                    net.PredictBatch(c.Inputs, outputs);
                    NumericAssert.Close(c.Reference.Predict(p, x), outputs.AsSpan(0, c.Reference.OutputSize), 1e-5, $"{name} {member}", floor: 0.1);
                    break;
                case "Gradient":
                    NumericAssert.Close(expectedLoss, net.Gradient(c.Input(0), c.Target(0), g), 1e-5, $"{name} {member} loss");
                    NumericAssert.Close(expectedGradient, g, 1e-4, $"{name} {member}");
                    break;
                case "GradientBatch":
                    NumericAssert.Close(c.Reference.BatchLoss(p, c.Inputs.ToDoubles(), c.Targets.ToDoubles()), net.GradientBatch(c.Inputs, c.Targets, g), 1e-5, $"{name} {member}");
                    break;
                case "Evaluate":
                    NumericAssert.Close(c.Reference.BatchLoss(p, c.Inputs.ToDoubles(), c.Targets.ToDoubles()), net.Evaluate(c.Inputs, c.Targets), 1e-5, $"{name} {member}");
                    break;
                case "TrainStep":
                    NumericAssert.Close(expectedLoss, net.TrainStep(c.Input(0), c.Target(0)), 1e-5, $"{name} {member} loss before");
                    break;
                case "TrainBatch":
                    NumericAssert.Close(c.Reference.BatchLoss(p, c.Inputs.ToDoubles(), c.Targets.ToDoubles()), net.TrainBatch(c.Inputs, c.Targets), 1e-5, $"{name} {member} loss before");
                    break;
            }
        }
    }

    [Fact]
    public void Parameters_IsAViewOfTheStorage_NotACopy()
    {
        var net = new CeSgd();
        ReadOnlySpan<float> first = net.Parameters;
        int bias = CeSgd.ParameterCount - 1;           // the last output bias: its gradient is y·Σt − t, never 0 here
        Assert.Equal(CeSgd.ParameterCount, first.Length);
        float[] changed = first.ToArray();
        changed[bias] = 0.5f;
        net.SetParameters(changed);
        Assert.Equal(0.5f, first[bias]);               // a view taken before the write shows it
        Assert.Equal(0.5f, net.Parameters[bias]);
        net.TrainStep(new float[] { 1, 2, 3, 4 }, new float[] { 1, 0, 0 });
        Assert.NotEqual(0.5f, first[bias]);            // the step updated the same storage the view sees
    }
}

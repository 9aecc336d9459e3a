using System;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;

namespace NetGen.Tests.SeedExample;

/// <summary>The lecture's PASS/FAIL perceptron: inputs 95, 4, 4 with the lecture's weights give 0.511296.</summary>
public sealed class PassFailTests
{
    private static readonly float[] LectureWeights = { 0.01f, 0.02f, 0.03f, 0f, 0.02f, 0.03f };

    [Fact]
    public void Predict_GivesTheLectureValue()
    {
        var net = new PassFail();
        net.SetParameters(LectureWeights);
        var output = new float[PassFail.OutputSize];
        net.Predict(new float[] { 95, 4, 4 }, output);

        // The exact value in double, from the weights the network actually holds.
        static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
        double w0 = LectureWeights[0], w1 = LectureWeights[1], w2 = LectureWeights[2], b1 = LectureWeights[3];
        double v = LectureWeights[4], b2 = LectureWeights[5];
        double hidden = Sigmoid(b1 + w0 * 95 + w1 * 4 + w2 * 4);
        double exact = Sigmoid(b2 + v * hidden);

        Assert.Equal(0.511296, exact, 6);               // the lecture's number, rounded to six decimals
        Assert.True(Math.Abs(output[0] - 0.511296) < 1e-5, $"Predict gave {output[0]:R}, the lecture 0.511296");
        Assert.True(Math.Abs(output[0] - exact) < 1e-6, $"Predict gave {output[0]:R}, exactly {exact:R}");
    }

    [Fact]
    public void Shape_IsThreeInputsOneOutputSixParameters()
    {
        Assert.Equal(3, PassFail.InputSize);
        Assert.Equal(1, PassFail.OutputSize);
        Assert.Equal(6, PassFail.ParameterCount);
        Assert.Equal(0.1f, new PassFail().LearningRate);
    }

    [Fact]
    public void TrainStep_IsOneSgdStepOnTheSquaredError()
    {
        var net = new PassFail();
        net.SetParameters(LectureWeights);
        var reference = NetworkType.Of<PassFail>().Reference;
        double[] p = LectureWeights.ToDoubles();
        double[] x = { 95, 4, 4 }, t = { 1 };
        var g = new double[6];
        double loss = reference.Gradient(p, x, t, g);
        for (int k = 0; k < 6; k++) p[k] -= 0.1f * g[k];

        float before = net.TrainStep(new float[] { 95, 4, 4 }, new float[] { 1 });

        NumericAssert.Close((1 - 0.511296) * (1 - 0.511296), before, 1e-4, "loss before the step (the lecture's (y − ŷ)²)");
        NumericAssert.Close(loss, before, 1e-5, "loss before the step");
        NumericAssert.Close(p, net.Parameters, 1e-6, "parameters after the step");
    }
}

using System;
using NetGen.Runtime;
using NetGen.Tests.Data;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;
using Xunit.Abstractions;

namespace NetGen.Tests.Simd;

/// <summary>
/// The SIMD batch path against the double-precision reference (not only against the scalar path), at this process's
/// lane width (<c>Vector&lt;float&gt;</c>; CI runs this namespace at 4, 8 and 16 lanes, and the forced widths run the same
/// batch code): PredictBatch, Evaluate, GradientBatch and two TrainBatch steps (against <see cref="ReferenceOptimizer"/>),
/// within <see cref="SimdTolerance.Reference"/>.
/// </summary>
[Collection(SimdOptionsCollection.Name)]
public sealed class LaneReferenceTests : IDisposable
{
    private readonly ITestOutputHelper _output;

    public LaneReferenceTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> Networks
    {
        get
        {
            var data = new TheoryData<string>();
            string[] names =
            {
                nameof(B_Relu_Tanh_Softmax_Ce), nameof(B_Sigmoid_LeakyRelu_Sigmoid_Bce), nameof(C_LeakyRelu_Sigmoid_Tanh_Sigmoid_Mse),
                nameof(E_Tanh_Softmax_Ce), nameof(Looped_Tanh_LeakyRelu_Softmax_Ce), nameof(Mixed_Relu_Tanh_Sigmoid_Mse),
                nameof(CeMomentum), nameof(MseAdamCustom), nameof(BceAdamDefaults),
                nameof(Mnist784), nameof(Unrolled96), nameof(Deep64),
            };
            foreach (string name in names) data.Add(name);
            return data;
        }
    }

    public void Dispose() => SimdOptions.ForcedWidth = 0;

    [Theory]
    [MemberData(nameof(Networks))]
    public void BatchMembers_MatchTheReference(string name)
    {
        // 37 samples: 2 chunks of 16 + 5, 4 chunks of 8 + 5, or 9 chunks of 4 + 1 left to the scalar kernel.
        const int n = 37;
        var c = RandomCase.Create(name, n, SimdNetworkSets.StableSeed(name) + 2);
        var reference = c.Reference;
        int lanes = SimdWidths.Lanes();
        Assert.True(SimdWidths.SamplesInLanes(SimdOptions.PreferredWidth, n) == n / lanes * lanes, "the batch should run in lanes");
        string what = $"{name} ({lanes} lanes)";
        double[] p = c.Network.Parameters.ToDoubles(), x = c.Inputs.ToDoubles(), t = c.Targets.ToDoubles();
        var worst = new WorstErrors();

        var outputs = new float[n * reference.OutputSize];
        c.Network.PredictBatch(c.Inputs, outputs);
        var expectedOutputs = new double[outputs.Length];
        for (int s = 0; s < n; s++)
            reference.Predict(p, ReferenceNetwork.Row(x, s, reference.InputSize)).CopyTo(expectedOutputs, s * reference.OutputSize);
        NumericAssert.Close(expectedOutputs, outputs, SimdTolerance.Reference, $"{what}: PredictBatch");
        worst.Record("outputs", expectedOutputs, outputs, what);

        var expectedGradient = new double[reference.ParameterCount];
        double expectedLoss = reference.BatchGradient(p, x, t, expectedGradient);
        float evaluated = c.Network.Evaluate(c.Inputs, c.Targets);
        NumericAssert.Close(expectedLoss, evaluated, SimdTolerance.Reference, $"{what}: Evaluate");
        var gradient = new float[reference.ParameterCount];
        float loss = c.Network.GradientBatch(c.Inputs, c.Targets, gradient);
        NumericAssert.Close(expectedLoss, loss, SimdTolerance.Reference, $"{what}: GradientBatch loss");
        NumericAssert.Close(expectedGradient, gradient, SimdTolerance.Reference, $"{what}: GradientBatch gradient");
        worst.Record("loss", expectedLoss, evaluated, what);
        worst.Record("gradient", expectedGradient, gradient, what);

        var optimizer = new ReferenceOptimizer(c.Type.Optimizer, reference.ParameterCount);
        for (int step = 1; step <= 2; step++)
        {
            double lossBefore = reference.BatchGradient(p, x, t, expectedGradient);
            optimizer.Apply(p, expectedGradient);
            float trained = c.Network.TrainBatch(c.Inputs, c.Targets);
            NumericAssert.Close(lossBefore, trained, SimdTolerance.Reference, $"{what}: TrainBatch step {step} loss");
            NumericAssert.Close(p, c.Network.Parameters, SimdTolerance.Reference, $"{what}: parameters after TrainBatch step {step}");
            worst.Record("parameters", p, c.Network.Parameters, what);
        }
        worst.WriteTo(_output);
    }

    [Fact]
    public void WritesThroughParameters_AreSeenByTheLanePath()
    {
        // The lane code reads the parameters a write through Parameters just changed, like the scalar kernels.
        const int n = 32;
        var c = RandomCase.Create(nameof(Looped_Tanh_LeakyRelu_Softmax_Ce), n, 1701);
        var data = new RandomSamples(1702);
        SimdWidths.Lanes();
        var outputs = new float[n * c.Reference.OutputSize];
        var gradient = new float[c.Reference.ParameterCount];
        for (int version = 0; version < 3; version++)
        {
            c.Network.PredictBatch(c.Inputs, outputs);
            float[] weights = data.Parameters(c.Reference);
            c.Network.SetParameters(weights);
            double[] p = weights.ToDoubles(), x = c.Inputs.ToDoubles(), t = c.Targets.ToDoubles();
            c.Network.PredictBatch(c.Inputs, outputs);
            for (int s = 0; s < n; s++)
            {
                NumericAssert.Close(c.Reference.Predict(p, ReferenceNetwork.Row(x, s, c.Reference.InputSize)),
                    outputs.AsSpan(s * c.Reference.OutputSize, c.Reference.OutputSize), SimdTolerance.Reference, $"version {version} sample {s}");
            }
            var expected = new double[gradient.Length];
            double loss = c.Reference.BatchGradient(p, x, t, expected);
            NumericAssert.Close(loss, c.Network.GradientBatch(c.Inputs, c.Targets, gradient), SimdTolerance.Reference, $"version {version} loss");
            NumericAssert.Close(expected, gradient, SimdTolerance.Reference, $"version {version} gradient");
        }
    }
}

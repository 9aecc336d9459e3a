using System;
using NetGen.Benchmarks;
using NetGen.Runtime;
using NetGen.Tests.Networks;
using NetGen.Tests.Simd;

namespace NetGen.Tests.Onnx;

/// <summary>
/// The benchmarks' plain C# baseline (benchmarks/NetGen.Benchmarks/PlainNetwork.cs, linked here) computes what NetGen
/// computes on the same weights: Predict on every net, and two TrainBatch(64) steps (SGD, MSE) — the losses and every
/// parameter after each step — on the MSE nets, against NetGen's scalar code and its automatic SIMD width. So the
/// benchmark's speed-ups compare equal work.
/// </summary>
[Collection(SimdOptionsCollection.Name)]
public sealed class PlainNetworkTests : IDisposable
{
    private const float Tolerance = 1e-5f;

    public void Dispose() => SimdOptions.ForcedWidth = 0;

    [Theory]
    [InlineData("A")]
    [InlineData("B")]
    [InlineData("C")]
    [InlineData("D")]
    [InlineData("Mixed")]
    public void Predict_EqualsNetGen(string name)
    {
        OnnxCase testCase = OnnxCases.ByName(name);
        SimdOptions.ForcedWidth = -1;
        INetwork net = OnnxCases.WithRandomParameters(testCase, seed: 3);
        var plain = new PlainNetwork(testCase.InputSize, testCase.Layers);
        Assert.Equal(net.Parameters.Length, plain.ParameterCount);
        plain.LoadParameters(net.Parameters);
        var expected = new float[testCase.OutputSize];
        var actual = new float[testCase.OutputSize];
        for (int sample = 0; sample < 5; sample++)
        {
            float[] input = OnnxCases.Uniform(testCase.InputSize, 300 + sample, 1f);
            net.Predict(input, expected);
            plain.Predict(input, actual);
            OnnxCases.AssertClose(expected, actual, Tolerance, $"{name} sample {sample}");
        }
    }

    [Theory]
    [InlineData("A", -1)]
    [InlineData("A", 0)]
    [InlineData("B", -1)]
    [InlineData("B", 0)]
    [InlineData("C", -1)]
    [InlineData("C", 0)]
    [InlineData("Mixed", -1)]
    [InlineData("Mixed", 0)]
    public void TrainBatch_EqualsNetGen(string name, int width)
    {
        const int batch = 64;
        OnnxCase testCase = OnnxCases.ByName(name);
        SimdOptions.ForcedWidth = width;
        INetwork net = OnnxCases.WithRandomParameters(testCase, seed: 5);
        var plain = new PlainNetwork(testCase.InputSize, testCase.Layers);
        plain.LoadParameters(net.Parameters);
        float[] inputs = OnnxCases.Uniform(batch * testCase.InputSize, 400, 1f);
        float[] targets = OnnxCases.Uniform(batch * testCase.OutputSize, 401, 1f);
        var plainParameters = new float[plain.ParameterCount];
        float[] before = net.Parameters.ToArray();
        for (int step = 0; step < 2; step++)
        {
            float netGenLoss = net.TrainBatch(inputs, targets);
            float plainLoss = plain.TrainBatch(inputs, targets, net.LearningRate);
            OnnxCases.AssertClose(new[] { netGenLoss }, new[] { plainLoss }, Tolerance, $"{name} loss, step {step}");
            plain.CopyParametersTo(plainParameters);
            OnnxCases.AssertClose(net.Parameters, plainParameters, Tolerance, $"{name} parameters after step {step}");
        }

        // The steps moved the parameters by more than the tolerance, so the comparison above could fail.
        float moved = 0f;
        for (int i = 0; i < before.Length; i++) moved = Math.Max(moved, Math.Abs(before[i] - plainParameters[i]));
        Assert.True(moved > 10 * Tolerance, $"{name}: parameters moved only {moved}.");
    }

    [Fact]
    public void TrainBatch_RejectsSoftmaxOutput()
    {
        var plain = new PlainNetwork(784, OnnxCases.D.Layers);
        Assert.Throws<NotSupportedException>(() => plain.TrainBatch(new float[784], new float[10], 0.01f));
    }

    [Fact]
    public void LoadParameters_RejectsWrongLength()
    {
        var plain = new PlainNetwork(8, OnnxCases.B.Layers);
        var error = Assert.Throws<ArgumentException>(() => plain.LoadParameters(new float[OnnxNetB.ParameterCount + 1]));
        Assert.Equal("parameters", error.ParamName);
    }
}

using System;
using Microsoft.ML.OnnxRuntime;
using NetGen.Benchmarks;
using NetGen.Runtime;
using NetGen.Tests.Networks;
using NetGen.Tests.Simd;

namespace NetGen.Tests.Onnx;

/// <summary>
/// ONNX Runtime as an independent reference for forward outputs: the model OnnxModelWriter writes from a network's
/// parameters (random here, not the network's own initialisation), run by ONNX Runtime through OrtPredictor (the
/// benchmark's pre-bound IOBinding path), equals NetGen's Predict and PredictBatch within 1e-5 (relative above 1,
/// absolute below) on nets B, C, D, the seed A and a net with the remaining activations, with scalar code, the
/// automatic width and each width forced. Also checks the writer itself on a net small enough to compute by hand.
/// </summary>
[Collection(SimdOptionsCollection.Name)]
public sealed class OnnxRuntimeReferenceTests : IDisposable
{
    private const float Tolerance = 1e-5f;

    public static TheoryData<string, int> Cases
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (string name in new[] { "A", "B", "C", "D", "Mixed" })
                foreach (int width in new[] { -1, 0, 128, 256, 512 }) data.Add(name, width);
            return data;
        }
    }

    public void Dispose() => SimdOptions.ForcedWidth = 0;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Predict_EqualsOnnxRuntime(string name, int width)
    {
        OnnxCase testCase = OnnxCases.ByName(name);
        SimdOptions.ForcedWidth = width;
        INetwork net = OnnxCases.WithRandomParameters(testCase, seed: 7);
        byte[] model = OnnxModelWriter.Write(testCase.InputSize, testCase.Layers, net.Parameters);
        using var ort = new OrtPredictor(model, testCase.InputSize, testCase.OutputSize);
        var output = new float[testCase.OutputSize];
        for (int sample = 0; sample < 5; sample++)
        {
            float[] input = OnnxCases.Uniform(testCase.InputSize, 100 + sample, 1f);
            input.CopyTo(ort.Input, 0);
            ort.Run();
            net.Predict(input, output);
            OnnxCases.AssertClose(ort.Output, output, Tolerance, $"{name} sample {sample} width {width}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PredictBatch_EqualsOnnxRuntime(string name, int width)
    {
        const int rows = 13; // not a multiple of any lane count
        OnnxCase testCase = OnnxCases.ByName(name);
        SimdOptions.ForcedWidth = width;
        INetwork net = OnnxCases.WithRandomParameters(testCase, seed: 11);
        byte[] model = OnnxModelWriter.Write(testCase.InputSize, testCase.Layers, net.Parameters, batch: rows);
        using var ort = new OrtPredictor(model, testCase.InputSize, testCase.OutputSize, rows);
        float[] inputs = OnnxCases.Uniform(rows * testCase.InputSize, 200, 1f);
        inputs.CopyTo(ort.Input, 0);
        ort.Run();
        var outputs = new float[rows * testCase.OutputSize];
        net.PredictBatch(inputs, outputs);
        OnnxCases.AssertClose(ort.Output, outputs, Tolerance, $"{name} batch of {rows} width {width}");
    }

    [Fact]
    public void Writer_MatchesHandComputedNetwork()
    {
        // 2 → 2 tanh → 1 sigmoid with weights chosen by hand; expected values computed in double precision.
        float[] parameters = { 0.5f, -1f, 0.25f, 2f, 0.1f, -0.2f, 1.5f, -0.75f, 0.3f };
        var layers = new[] { (2, Activation.Tanh), (1, Activation.Sigmoid) };
        using var ort = new OrtPredictor(OnnxModelWriter.Write(2, layers, parameters), 2, 1);
        ort.Input[0] = 0.8f;
        ort.Input[1] = -0.4f;
        ort.Run();
        double h0 = Math.Tanh(0.1 + 0.5 * 0.8 + -1.0 * -0.4);
        double h1 = Math.Tanh(-0.2 + 0.25 * 0.8 + 2.0 * -0.4);
        double expected = 1 / (1 + Math.Exp(-(0.3 + 1.5 * h0 + -0.75 * h1)));
        Assert.Equal(expected, ort.Output[0], 6);
    }

    [Fact]
    public void Writer_DeclaresInputAndOutputShapes()
    {
        var net = new OnnxNetB();
        byte[] model = OnnxModelWriter.Write(8, OnnxCases.B.Layers, net.Parameters, batch: 3);
        using var session = new InferenceSession(model);
        var input = Assert.Single(session.InputMetadata);
        Assert.Equal(OnnxModelWriter.InputName, input.Key);
        Assert.Equal(new[] { 3, 8 }, input.Value.Dimensions);
        Assert.Equal(typeof(float), input.Value.ElementType);
        var output = Assert.Single(session.OutputMetadata);
        Assert.Equal(OnnxModelWriter.OutputName, output.Key);
        Assert.Equal(new[] { 3, 4 }, output.Value.Dimensions);
        Assert.Equal("netgen", session.ModelMetadata.GraphName);
    }

    [Fact]
    public void Writer_RejectsWrongParameterCount()
    {
        var error = Assert.Throws<ArgumentException>(
            () => OnnxModelWriter.Write(8, OnnxCases.B.Layers, new float[OnnxNetB.ParameterCount - 1]));
        Assert.Equal("parameters", error.ParamName);
        Assert.Contains(OnnxNetB.ParameterCount.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
    }
}

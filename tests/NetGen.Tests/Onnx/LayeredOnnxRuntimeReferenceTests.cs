using System;
using Microsoft.ML.OnnxRuntime;
using NetGen.Benchmarks;
using NetGen.Benchmarks.Convolution;
using NetGen.Runtime;
using NetGen.Tests.Simd;

namespace NetGen.Tests.Onnx;

/// <summary>A layered network of this folder with its input shape and layer list (for ConvOnnxModelWriter).</summary>
internal sealed record LayeredOnnxCase(string Name, Func<INetwork> Create, int[] InputShape, OnnxLayer[] Layers)
{
    public int[] OutputShape => ConvOnnxModelWriter.OutputShape(InputShape, Layers);

    public override string ToString() => Name;
}

/// <summary>
/// ONNX Runtime as an independent reference for layered networks (issue 17): the model ConvOnnxModelWriter (the
/// benchmarks' writer, linked here) writes from a network's parameters — random, set through SetParameters, not the
/// network's own initialisation — run by ONNX Runtime through OrtPredictor, equals NetGen's Predict and PredictBatch
/// within 1e-4 (relative above 1, absolute below) on the two benchmark networks and four nets covering Conv1D with
/// padding, stride and dilation, Conv2D with padding, Avg/MaxPool 1D and 2D, GlobalAvgPool 1D and 2D; with scalar code,
/// the automatic width and 256 bits forced (the SIMD forward of Dense and unpadded convolutions needs 256 bits). Also
/// checks the writer alone on a convolution small enough to compute by hand, its shapes, counts and errors.
/// </summary>
[Collection(SimdOptionsCollection.Name)]
public sealed class LayeredOnnxRuntimeReferenceTests : IDisposable
{
    private const float Tolerance = 1e-4f;

    private static readonly LayeredOnnxCase[] All =
    {
        new("SensorClassifier", () => new OnnxSensorClassifier(), new[] { 3, 128 }, new[]
        {
            OnnxLayer.Conv(16, 5, activation: Activation.Relu),
            OnnxLayer.MaxPool(2),
            OnnxLayer.Conv(32, 5, activation: Activation.Relu),
            OnnxLayer.GlobalAvgPool(),
            OnnxLayer.Flatten(),
            OnnxLayer.Dense(6, Activation.Softmax),
        }),
        new("MlAgentsEncoder", () => new OnnxMlAgentsEncoder(), new[] { 3, 36, 36 }, new[]
        {
            OnnxLayer.Conv(16, 8, stride: 4, activation: Activation.LeakyRelu),
            OnnxLayer.Conv(32, 4, stride: 2, activation: Activation.LeakyRelu),
            OnnxLayer.Flatten(),
            OnnxLayer.Dense(256),
        }),
        new("Conv1DPadded", () => new OnnxConv1DPadded(), new[] { 2, 20 }, new[]
        {
            OnnxLayer.Conv(5, 3, stride: 2, padding: 2, dilation: 2, activation: Activation.Tanh),
            OnnxLayer.AvgPool(3, 2),
            OnnxLayer.Conv(4, 3, padding: 1, activation: Activation.Sigmoid),
            OnnxLayer.Flatten(),
            OnnxLayer.Dense(3),
        }),
        new("Conv1DStrided", () => new OnnxConv1DStrided(), new[] { 4, 50 }, new[]
        {
            OnnxLayer.Conv(12, 4, stride: 3, activation: Activation.LeakyRelu),
            OnnxLayer.MaxPool(3, 1),
            OnnxLayer.Conv(8, 2, dilation: 3, activation: Activation.Relu),
            OnnxLayer.GlobalAvgPool(),
            OnnxLayer.Flatten(),
            OnnxLayer.Dense(2, Activation.Sigmoid),
        }),
        new("Conv2DPadded", () => new OnnxConv2DPadded(), new[] { 3, 11, 9 }, new[]
        {
            OnnxLayer.Conv(6, 3, padding: 1, activation: Activation.Relu),
            OnnxLayer.MaxPool(2),
            OnnxLayer.Conv(8, 3, stride: 2, padding: 1, activation: Activation.LeakyRelu),
            OnnxLayer.GlobalAvgPool(),
            OnnxLayer.Flatten(),
            OnnxLayer.Dense(5, Activation.Softmax),
        }),
        new("Conv2DPools", () => new OnnxConv2DPools(), new[] { 2, 12, 12 }, new[]
        {
            OnnxLayer.Conv(8, 3, activation: Activation.Tanh),
            OnnxLayer.AvgPool(2),
            OnnxLayer.Conv(16, 2),
            OnnxLayer.MaxPool(3, 2),
            OnnxLayer.Flatten(),
            OnnxLayer.Dense(4),
        }),
    };

    public static TheoryData<string, int> Cases
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (var testCase in All)
                foreach (int width in new[] { -1, 0, 256 }) data.Add(testCase.Name, width);
            return data;
        }
    }

    public static TheoryData<string> Names
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var testCase in All) data.Add(testCase.Name);
            return data;
        }
    }

    public void Dispose() => SimdOptions.ForcedWidth = 0;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Predict_EqualsOnnxRuntime(string name, int width)
    {
        LayeredOnnxCase testCase = ByName(name);
        SimdOptions.ForcedWidth = width;
        INetwork net = WithRandomParameters(testCase, seed: 17);
        byte[] model = ConvOnnxModelWriter.Write(testCase.InputShape, testCase.Layers, net.Parameters);
        using var ort = new OrtPredictor(model, Dims(1, testCase.InputShape), Dims(1, testCase.OutputShape));
        var output = new float[net.OutputSize];
        for (int sample = 0; sample < 4; sample++)
        {
            float[] input = OnnxCases.Uniform(net.InputSize, 500 + sample, 1f);
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
        const int rows = 5;
        LayeredOnnxCase testCase = ByName(name);
        SimdOptions.ForcedWidth = width;
        INetwork net = WithRandomParameters(testCase, seed: 19);
        byte[] model = ConvOnnxModelWriter.Write(testCase.InputShape, testCase.Layers, net.Parameters, batch: rows);
        using var ort = new OrtPredictor(model, Dims(rows, testCase.InputShape), Dims(rows, testCase.OutputShape));
        float[] inputs = OnnxCases.Uniform(rows * net.InputSize, 600, 1f);
        inputs.CopyTo(ort.Input, 0);
        ort.Run();
        var outputs = new float[rows * net.OutputSize];
        net.PredictBatch(inputs, outputs);
        OnnxCases.AssertClose(ort.Output, outputs, Tolerance, $"{name} batch of {rows} width {width}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Writer_CountsTheNetworksParameters(string name)
    {
        LayeredOnnxCase testCase = ByName(name);
        INetwork net = testCase.Create();
        Assert.Equal(net.ParameterCount, ConvOnnxModelWriter.ParameterCount(testCase.InputShape, testCase.Layers));
        Assert.Equal(net.InputSize, ConvOnnxModelWriter.Size(testCase.InputShape));
        Assert.Equal(net.OutputSize, ConvOnnxModelWriter.Size(testCase.OutputShape));
    }

    [Fact]
    public void Writer_CountsTheBenchmarkNetworksMultiplyAdds()
    {
        // SensorClassifier: 16·124·(3·5) + 32·58·(16·5) + 6·32; the encoder: 16·8·8·(3·8·8) + 32·3·3·(16·4·4) + 256·288.
        Assert.Equal(16 * 124 * 15 + 32 * 58 * 80 + 6 * 32, ConvOnnxModelWriter.MultiplyAdds(All[0].InputShape, All[0].Layers));
        Assert.Equal(16 * 64 * 192 + 32 * 9 * 256 + 256 * 288, ConvOnnxModelWriter.MultiplyAdds(All[1].InputShape, All[1].Layers));
    }

    [Fact]
    public void Writer_MatchesHandComputedConvolution()
    {
        // [1, 4] → Conv1D(1, 2, padding 1) → [1, 5] → MaxPool(2) → [1, 2] → Flatten → Dense 1 sigmoid, weights chosen by hand.
        var layers = new[] { OnnxLayer.Conv(1, 2, padding: 1), OnnxLayer.MaxPool(2), OnnxLayer.Flatten(), OnnxLayer.Dense(1, Activation.Sigmoid) };
        float[] parameters = { 0.5f, -2f, 0.25f, 1.5f, -1f, 0.1f };
        float[] x = { 1f, -0.5f, 2f, 0.75f };
        using var ort = new OrtPredictor(ConvOnnxModelWriter.Write(new[] { 1, 4 }, layers, parameters), new long[] { 1, 1, 4 }, new long[] { 1, 1 });
        x.CopyTo(ort.Input, 0);
        ort.Run();
        var conv = new double[5];
        for (int t = 0; t < 5; t++)
        {
            double left = t - 1 >= 0 ? x[t - 1] : 0, right = t < 4 ? x[t] : 0;
            conv[t] = 0.25 + 0.5 * left + -2.0 * right;
        }

        double expected = 1 / (1 + Math.Exp(-(0.1 + 1.5 * Math.Max(conv[0], conv[1]) + -1.0 * Math.Max(conv[2], conv[3]))));
        Assert.Equal(expected, ort.Output[0], 6);
    }

    [Fact]
    public void Writer_DeclaresShapedInputAndOutput()
    {
        LayeredOnnxCase encoder = ByName("MlAgentsEncoder");
        var net = encoder.Create();
        using var session = new InferenceSession(ConvOnnxModelWriter.Write(encoder.InputShape, encoder.Layers, net.Parameters, batch: 2));
        var input = Assert.Single(session.InputMetadata);
        Assert.Equal(ConvOnnxModelWriter.InputName, input.Key);
        Assert.Equal(new[] { 2, 3, 36, 36 }, input.Value.Dimensions);
        var output = Assert.Single(session.OutputMetadata);
        Assert.Equal(ConvOnnxModelWriter.OutputName, output.Key);
        Assert.Equal(new[] { 2, 256 }, output.Value.Dimensions);
    }

    [Fact]
    public void Writer_RejectsWrongParameterCountAndShapes()
    {
        LayeredOnnxCase sensor = ByName("SensorClassifier");
        var error = Assert.Throws<ArgumentException>(
            () => ConvOnnxModelWriter.Write(sensor.InputShape, sensor.Layers, new float[OnnxSensorClassifier.ParameterCount - 1]));
        Assert.Equal("parameters", error.ParamName);
        Assert.Throws<ArgumentException>(() => ConvOnnxModelWriter.Shapes(new[] { 3, 128 }, new[] { OnnxLayer.Dense(4) }));
        Assert.Throws<ArgumentException>(() => ConvOnnxModelWriter.Shapes(new[] { 3, 4 }, new[] { OnnxLayer.Conv(2, 5) }));
    }

    private static LayeredOnnxCase ByName(string name) =>
        Array.Find(All, c => c.Name == name) ?? throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown case.");

    /// <summary>
    /// A network of <paramref name="testCase"/> with random parameters: each layer's weights and biases uniform in
    /// ±1.5/√fan-in (so that values stay of order 1 through deep sums and a 1e-4 comparison is meaningful), from a fixed seed.
    /// </summary>
    private static INetwork WithRandomParameters(LayeredOnnxCase testCase, int seed)
    {
        INetwork net = testCase.Create();
        var shapes = ConvOnnxModelWriter.Shapes(testCase.InputShape, testCase.Layers);
        var random = new Random(seed);
        var parameters = new float[net.ParameterCount];
        int offset = 0;
        for (int l = 0; l < testCase.Layers.Length; l++)
        {
            OnnxLayer layer = testCase.Layers[l];
            if (layer.Kind is not (OnnxLayerKind.Conv or OnnxLayerKind.Dense)) continue;
            int[] input = shapes[l];
            int fanIn = layer.Kind == OnnxLayerKind.Dense ? input[0] : input[0] * layer.Kernel * (input.Length == 3 ? layer.Kernel : 1);
            double scale = 1.5 / Math.Sqrt(fanIn);
            for (int i = 0; i < (fanIn + 1) * layer.Units; i++) parameters[offset++] = (float)((random.NextDouble() * 2 - 1) * scale);
        }

        Assert.Equal(parameters.Length, offset);
        net.SetParameters(parameters);
        return net;
    }

    private static long[] Dims(int batch, int[] shape)
    {
        var dims = new long[shape.Length + 1];
        dims[0] = batch;
        for (int d = 0; d < shape.Length; d++) dims[d + 1] = shape[d];
        return dims;
    }
}

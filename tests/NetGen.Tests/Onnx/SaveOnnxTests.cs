using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using NetGen.Benchmarks;
using NetGen.NetStandard.Networks;
using NetGen.Tests.Dropout;
using NetGen.Tests.InferenceOnly;
using NetGen.Tests.Networks;
using NetGen.Tests.Sequence;
using NetGen.Tests.Shaped;

namespace NetGen.Tests.Onnx;

/// <summary>
/// The generated <c>SaveOnnx</c>: the model it writes, run by ONNX Runtime on random inputs (a batch of several samples,
/// several sequences of a few steps), equals NetGen's <c>Predict</c>/<c>PredictBatch</c> (sequence networks:
/// <c>PredictSequence</c> per sequence) within 1e-5 (relative above 1, absolute below), for networks with random weights
/// (BatchNorm networks after a few training steps, so that the running statistics are neither 0 nor 1): every activation,
/// Dropout, inference-only, every layered network of Shaped/ and Onnx/, GRU, LSTM, RNN (Tanh and Relu), causal
/// convolutions with Dense layers before and after, and netstandard2.1 networks. Also: the bytes are deterministic, the
/// graph declares its names, shapes and producer, and the stream argument is checked.
/// </summary>
public sealed class SaveOnnxTests
{
    private const float Tolerance = 1e-5f;

    // ------------------------------------------------------------------ batch (Dense and layered) networks

    /// <summary>A network, its input shape, whether it trains first (BatchNorm), and the scale of its random weights.</summary>
    /// <remarks>
    /// The weights are U(±scale); 0.5 keeps every layer's values of order 1 for the small fan-ins here. The ML-Agents encoder
    /// (fan-ins 192, 256 and 288, three layers deep) takes 0.1: at 0.5 its sums reach magnitudes where the float rounding of
    /// two summation orders alone differs by more than 1e-5 (its PredictBatch and ONNX Runtime differed by 3.5e-5).
    /// </remarks>
    private sealed record BatchCase(Func<IInferenceNetwork> Create, int[] InputShape, bool Train = false, float Scale = 0.5f);

    private static readonly Dictionary<string, BatchCase> BatchCases = new()
    {
        // Dense networks.
        ["ActivationsA"] = new(() => new OnnxExportActivationsA(), new[] { 5 }),
        ["ActivationsB"] = new(() => new OnnxExportActivationsB(), new[] { 4 }),
        ["Mixed"] = new(() => new OnnxNetMixed(), new[] { 5 }),
        ["D784Looped"] = new(() => new OnnxNetD(), new[] { 784 }),
        ["Dropout"] = new(() => new OnnxExportDropout(), new[] { 6 }),
        ["DropoutTanhSigmoidBce"] = new(() => new DropTanhSigmoidBce(), new[] { 3 }),
        ["InferenceOnlyDropout"] = new(() => new InferenceDropTanhSigmoidBce(), new[] { 3 }),
        ["InferenceOnlyClassifier"] = new(() => new InferenceClassifier(), new[] { 6 }),
        // Layered networks of Shaped/.
        ["Shaped_Conv1d_Basic"] = new(() => new Shaped_Conv1d_Basic(), new[] { 2, 16 }),
        ["Shaped_Conv1d_Options"] = new(() => new Shaped_Conv1d_Options(), new[] { 3, 20 }),
        ["Shaped_Conv2d_Basic"] = new(() => new Shaped_Conv2d_Basic(), new[] { 1, 8, 8 }),
        ["Shaped_Conv2d_Options"] = new(() => new Shaped_Conv2d_Options(), new[] { 3, 9, 9 }),
        ["Shaped_Encoder"] = new(() => new Shaped_Encoder(), new[] { 3, 12, 12 }),
        ["Shaped_BatchNorm_Mlp"] = new(() => new Shaped_BatchNorm_Mlp(), new[] { 6 }, Train: true),
        ["Shaped_LayerNorm_Mlp"] = new(() => new Shaped_LayerNorm_Mlp(), new[] { 5 }),
        ["Shaped_Conv2d_BatchNorm"] = new(() => new Shaped_Conv2d_BatchNorm(), new[] { 2, 7, 7 }, Train: true),
        ["Shaped_Conv1d_Norms"] = new(() => new Shaped_Conv1d_Norms(), new[] { 4, 10 }, Train: true),
        ["Shaped_Conv2d_LayerNorm"] = new(() => new Shaped_Conv2d_LayerNorm(), new[] { 2, 6, 6 }),
        ["Shaped_MaxPool_Ties"] = new(() => new Shaped_MaxPool_Ties(), new[] { 1, 8 }),
        // Layered networks of Onnx/.
        ["SensorClassifier"] = new(() => new OnnxSensorClassifier(), new[] { 3, 128 }),
        ["MlAgentsEncoder"] = new(() => new OnnxMlAgentsEncoder(), new[] { 3, 36, 36 }, Scale: 0.1f),
        ["Conv1DPadded"] = new(() => new OnnxConv1DPadded(), new[] { 2, 20 }),
        ["Conv1DStrided"] = new(() => new OnnxConv1DStrided(), new[] { 4, 50 }),
        ["Conv2DPadded"] = new(() => new OnnxConv2DPadded(), new[] { 3, 11, 9 }),
        ["Conv2DPools"] = new(() => new OnnxConv2DPools(), new[] { 2, 12, 12 }),
        // netstandard2.1 networks (C# 8, scalar code).
        ["ClassifierStandard"] = new(() => new ClassifierStandard(), new[] { 5 }),
        ["LayeredStandard"] = new(() => new LayeredStandard(), new[] { 2, 6, 6 }, Train: true),
    };

    public static TheoryData<string> BatchNames => new(BatchCases.Keys.OrderBy(k => k, StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(BatchNames))]
    public void BatchNetwork_EqualsOnnxRuntime(string name)
    {
        BatchCase testCase = BatchCases[name];
        IInferenceNetwork net = Prepared(testCase, seed: 17);
        const int rows = 7;
        byte[] model = Export(net);
        float[] inputs = OnnxCases.Uniform(rows * net.InputSize, 300, 1f);
        long[] inputShape = new long[] { rows }.Concat(testCase.InputShape.Select(d => (long)d)).ToArray();
        using var ort = new OrtPredictor(model, inputShape, new long[] { rows, net.OutputSize });
        inputs.CopyTo(ort.Input, 0);
        ort.Run();

        var batch = new float[rows * net.OutputSize];
        net.PredictBatch(inputs, batch);
        OnnxCases.AssertClose(ort.Output, batch, Tolerance, $"{name} PredictBatch");
        var output = new float[net.OutputSize];
        for (int row = 0; row < rows; row++)
        {
            net.Predict(inputs.AsSpan(row * net.InputSize, net.InputSize), output);
            OnnxCases.AssertClose(ort.Output.AsSpan(row * net.OutputSize, net.OutputSize), output, Tolerance, $"{name} Predict row {row}");
        }
    }

    /// <summary>The running statistics the export reads are the trained ones, not PyTorch's initial 0 and 1.</summary>
    [Fact]
    public void BatchNormNetwork_IsExportedWithTrainedRunningStatistics()
    {
        var net = (Shaped_Conv2d_BatchNorm)Prepared(BatchCases["Shaped_Conv2d_BatchNorm"], seed: 17);
        var statistics = net.RunningStatistics.ToArray();
        Assert.Contains(statistics.Take(4), v => Math.Abs(v) > 1e-3f);
        Assert.Contains(statistics.Skip(4).Take(4), v => Math.Abs(v - 1f) > 1e-3f);
    }

    // ------------------------------------------------------------------ sequence networks

    private sealed record SequenceCase(Func<ISequenceTestNetwork> Create, int InputSize, int OutputSize);

    private static readonly Dictionary<string, SequenceCase> SequenceCases = new()
    {
        ["Gru_Mse"] = new(() => new Gru_Mse(), Gru_Mse.InputSize, Gru_Mse.OutputSize),
        ["Gru_CrossEntropy_Last"] = new(() => new Gru_CrossEntropy_Last(), Gru_CrossEntropy_Last.InputSize, Gru_CrossEntropy_Last.OutputSize),
        ["Lstm_Mse"] = new(() => new Lstm_Mse(), Lstm_Mse.InputSize, Lstm_Mse.OutputSize),
        ["Lstm_Bce_Last"] = new(() => new Lstm_Bce_Last(), Lstm_Bce_Last.InputSize, Lstm_Bce_Last.OutputSize),
        ["Rnn_Tanh"] = new(() => new Rnn_Tanh(), Rnn_Tanh.InputSize, Rnn_Tanh.OutputSize),
        ["Rnn_Relu_Last"] = new(() => new Rnn_Relu_Last(), Rnn_Relu_Last.InputSize, Rnn_Relu_Last.OutputSize),
        ["Conv_K3_D2"] = new(() => new Conv_K3_D2(), Conv_K3_D2.InputSize, Conv_K3_D2.OutputSize),
        ["Conv_Gru"] = new(() => new Conv_Gru(), Conv_Gru.InputSize, Conv_Gru.OutputSize),
        ["Stacked"] = new(() => new Stacked(), Stacked.InputSize, Stacked.OutputSize),
        ["Audio"] = new(() => new Audio(), Audio.InputSize, Audio.OutputSize),
        ["ExportSequence"] = new(() => new OnnxExportSequence(), OnnxExportSequence.InputSize, OnnxExportSequence.OutputSize),
    };

    public static TheoryData<string> SequenceNames => new(SequenceCases.Keys.OrderBy(k => k, StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(SequenceNames))]
    public void SequenceNetwork_EqualsOnnxRuntime(string name)
    {
        SequenceCase testCase = SequenceCases[name];
        ISequenceTestNetwork net = testCase.Create();
        net.SetParameters(OnnxCases.Uniform(net.Parameters.Length, 23, 0.5f));
        using var stream = new MemoryStream();
        net.SaveOnnx(stream);
        AssertSequencesEqualOnnxRuntime(stream.ToArray(), testCase.InputSize, testCase.OutputSize,
            (inputs, outputs) => net.PredictSequence(inputs, outputs), name);
    }

    [Fact]
    public void NetStandardSequenceNetwork_EqualsOnnxRuntime()
    {
        var net = new SequenceStandard();
        net.SetParameters(OnnxCases.Uniform(SequenceStandard.ParameterCount, 29, 0.5f));
        using var stream = new MemoryStream();
        net.SaveOnnx(stream);
        AssertSequencesEqualOnnxRuntime(stream.ToArray(), SequenceStandard.InputSize, SequenceStandard.OutputSize,
            (inputs, outputs) => net.PredictSequence(inputs, outputs), nameof(SequenceStandard));
    }

    private delegate void SequencePredictor(ReadOnlySpan<float> inputs, Span<float> outputs);

    private static void AssertSequencesEqualOnnxRuntime(byte[] model, int inputSize, int outputSize, SequencePredictor predict, string name)
    {
        const int sequences = 4, steps = 6;
        float[] inputs = OnnxCases.Uniform(sequences * steps * inputSize, 400, 1f);
        using var ort = new OrtPredictor(model, new long[] { sequences, steps, inputSize }, new long[] { sequences, steps, outputSize });
        inputs.CopyTo(ort.Input, 0);
        ort.Run();
        var outputs = new float[steps * outputSize];
        for (int s = 0; s < sequences; s++)
        {
            predict(inputs.AsSpan(s * steps * inputSize, steps * inputSize), outputs);
            OnnxCases.AssertClose(ort.Output.AsSpan(s * steps * outputSize, steps * outputSize), outputs, Tolerance, $"{name} sequence {s}");
        }
    }

    // ------------------------------------------------------------------ the file

    [Fact]
    public void SaveOnnx_IsDeterministic()
    {
        IInferenceNetwork first = Prepared(BatchCases["Shaped_Conv2d_BatchNorm"], seed: 5);
        byte[] once = Export(first);
        Assert.Equal(once, Export(first));

        // A second instance with the same weights and statistics writes the same bytes.
        var second = new Shaped_Conv2d_BatchNorm();
        using (var file = new MemoryStream())
        {
            first.SaveSafetensors(file);
            file.Position = 0;
            second.LoadSafetensors(file);
        }
        Assert.Equal(once, Export(second));

        var sequence = new Stacked();
        sequence.SetParameters(OnnxCases.Uniform(Stacked.ParameterCount, 3, 0.5f));
        using var a = new MemoryStream();
        using var b = new MemoryStream();
        sequence.SaveOnnx(a);
        sequence.SaveOnnx(b);
        Assert.Equal(a.ToArray(), b.ToArray());
    }

    [Fact]
    public void SaveOnnx_ChangesWithTheWeights()
    {
        var net = new OnnxExportActivationsA();
        byte[] before = Export(net);
        var changed = net.Parameters.ToArray();
        changed[0] += 0.25f;
        net.SetParameters(changed);
        Assert.NotEqual(before, Export(net));
    }

    [Fact]
    public void SaveOnnx_DeclaresNamesShapesAndProducer()
    {
        using (var session = new InferenceSession(Export(new Shaped_Conv2d_Basic())))
        {
            var input = Assert.Single(session.InputMetadata);
            Assert.Equal("input", input.Key);
            Assert.Equal(new[] { -1, 1, 8, 8 }, input.Value.Dimensions);
            Assert.Equal(new[] { "N", "", "", "" }, input.Value.SymbolicDimensions);
            Assert.Equal(typeof(float), input.Value.ElementType);
            var output = Assert.Single(session.OutputMetadata);
            Assert.Equal("output", output.Key);
            Assert.Equal(new[] { -1, 2 }, output.Value.Dimensions);
            Assert.Equal(nameof(Shaped_Conv2d_Basic), session.ModelMetadata.GraphName);
            Assert.Equal("NetGen", session.ModelMetadata.ProducerName);
        }

        var sequence = new Stacked();
        using var stream = new MemoryStream();
        sequence.SaveOnnx(stream);
        using (var session = new InferenceSession(stream.ToArray()))
        {
            var input = Assert.Single(session.InputMetadata);
            Assert.Equal(new[] { -1, -1, Stacked.InputSize }, input.Value.Dimensions);
            Assert.Equal(new[] { "N", "T", "" }, input.Value.SymbolicDimensions);
            var output = Assert.Single(session.OutputMetadata);
            Assert.Equal("output", output.Key);
            Assert.Equal(new[] { -1, -1, Stacked.OutputSize }, output.Value.Dimensions);
            Assert.Equal(nameof(Stacked), session.ModelMetadata.GraphName);
        }
    }

    [Fact]
    public void SaveOnnx_NullStream_Throws()
    {
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => new OnnxExportActivationsA().SaveOnnx((Stream)null!)).ParamName);
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => new Shaped_Conv1d_Basic().SaveOnnx((Stream)null!)).ParamName);
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => new Gru_Mse().SaveOnnx((Stream)null!)).ParamName);
    }

    [Fact]
    public void SaveOnnx_ReadOnlyStream_Throws()
    {
        using var readOnly = new MemoryStream(new byte[16], writable: false);
        var error = Assert.Throws<ArgumentException>(() => new OnnxExportActivationsA().SaveOnnx(readOnly));
        Assert.Equal("stream", error.ParamName);
        Assert.Contains("not writable", error.Message, StringComparison.Ordinal);
        Assert.Equal("stream", Assert.Throws<ArgumentException>(() => new Shaped_Conv1d_Basic().SaveOnnx(readOnly)).ParamName);
        Assert.Equal("stream", Assert.Throws<ArgumentException>(() => new Gru_Mse().SaveOnnx(readOnly)).ParamName);
        Assert.Equal(0, readOnly.Position);
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>A network of the case with random weights; a BatchNorm network then trained three steps (running statistics).</summary>
    private static IInferenceNetwork Prepared(BatchCase testCase, int seed)
    {
        IInferenceNetwork net = testCase.Create();
        net.SetParameters(OnnxCases.Uniform(net.ParameterCount, seed, testCase.Scale));
        if (testCase.Train)
        {
            var trainable = (INetwork)net;
            const int rows = 8;
            for (int step = 0; step < 3; step++)
            {
                float[] inputs = OnnxCases.Uniform(rows * net.InputSize, seed * 10 + step, 1f);
                float[] targets = OnnxCases.Uniform(rows * net.OutputSize, seed * 20 + step, 0.5f).Select(v => v + 0.5f).ToArray();
                trainable.TrainBatch(inputs, targets);
            }
        }
        return net;
    }

    private static byte[] Export(IInferenceNetwork net)
    {
        using var stream = new MemoryStream();
        net.SaveOnnx(stream);
        return stream.ToArray();
    }
}

using System;
using System.IO;
using System.Linq;
using NetGen.Tool.Import;
using NetGen.Tool.Onnx;
using NetGen.Tool.Tests.RoundTrip;
using Xunit;

namespace NetGen.Tool.Tests;

/// <summary>
/// Export then import: a NetGen network written with SaveOnnx and read back by `netgen import` is the same layout with
/// the same weights, bit for bit (parameters in Parameters order, BatchNorm running statistics in RunningStatistics
/// order): what SaveOnnx writes (Gemm, MatMul + Add, every activation's nodes, Conv, pools, norms, GRU/LSTM/RNN with
/// reordered gates, the causal convolution between transposes) is what the importer reads.
/// </summary>
public sealed class RoundTripTests
{
    [Fact]
    public void Every_activation_round_trips()
    {
        var net = new EveryActivation();
        Check(Export(net.SaveOnnx), net.Parameters.ToArray(), Array.Empty<float>(),
            "[Input(5)]", "[Dense(6, Activation.Sigmoid)]", "[Dense(6, Activation.Tanh)]", "[Dense(6, Activation.Relu)]",
            "[Dense(6, Activation.LeakyRelu)]", "[Dense(6, Activation.Silu)]", "[Dense(6, Activation.Gelu)]", "[Dense(6, Activation.GeluTanh)]",
            "[Dense(6, Activation.Elu)]", "[Dense(6, Activation.Softplus)]", "[Dense(6, Activation.Mish)]", "[Dense(6, Activation.HardSigmoid)]",
            "[Dense(6, Activation.HardSwish)]", "[Dense(6)]", "[Dense(3, Activation.Softmax)]");
    }

    [Fact]
    public void A_convolutional_network_with_norms_and_pools_round_trips()
    {
        var net = new Vision(9);
        Check(Export(net.SaveOnnx), net.Parameters.ToArray(), net.RunningStatistics.ToArray(),
            "[Input(2, 10, 10)]", "[Conv2D(4, 3, padding: 1)]", "[BatchNorm(Activation.Relu)]", "[MaxPool2D(2)]",
            "[Conv2D(5, 3, stride: 2, activation: Activation.Tanh)]", "[AvgPool2D(2, stride: 1)]", "[LayerNorm(Activation.Gelu)]",
            "[GlobalAvgPool]", "[Flatten]", "[Dense(4, Activation.Softmax)]");
    }

    [Fact]
    public void A_one_dimensional_network_with_trained_batch_norm_round_trips()
    {
        var net = new Signal();
        var random = new Random(2);
        var inputs = Enumerable.Range(0, 8 * Signal.InputSize).Select(_ => (float)random.NextDouble() * 2 - 1).ToArray();
        var targets = Enumerable.Range(0, 8 * Signal.OutputSize).Select(_ => (float)random.NextDouble()).ToArray();
        for (int step = 0; step < 3; step++) net.TrainBatch(inputs, targets);
        Assert.Contains(net.RunningStatistics.ToArray(), v => v != 0 && v != 1);
        Check(Export(net.SaveOnnx), net.Parameters.ToArray(), net.RunningStatistics.ToArray(),
            "[Input(3, 24)]", "[Conv1D(4, 3, stride: 2, padding: 1, dilation: 2, activation: Activation.Relu)]", "[MaxPool1D(2)]",
            "[Flatten]", "[Dense(8, Activation.Silu)]", "[BatchNorm]", "[Dense(2)]");
    }

    [Fact]
    public void A_sequence_network_with_every_recurrent_layer_round_trips()
    {
        var net = new Sequence();
        Check(Export(net.SaveOnnx), net.Parameters.ToArray(), Array.Empty<float>(),
            "[Input(3)]", "[Dense(5, Activation.Tanh)]", "[Gru(6)]", "[Lstm(5)]", "[Rnn(4, Activation.Relu)]",
            "[CausalConv1D(3, kernelSize: 3, dilation: 2, activation: Activation.Mish)]", "[Rnn(4)]", "[Dense(2)]");
    }

    private static byte[] Export(Action<Stream> save)
    {
        using var stream = new MemoryStream();
        save(stream);
        return stream.ToArray();
    }

    private static void Check(byte[] onnx, float[] parameters, float[] statistics, string input, params string[] layers)
    {
        var network = NetworkImporter.Import(OnnxModelReader.Read(onnx), null);
        Assert.Equal(input, network.Input.Attribute);
        Assert.Equal(layers, network.Layers.Select(l => l.Attribute).ToArray());
        var imported = network.Layers.SelectMany(l => l.Parameters.SelectMany(p => p.Values)).ToArray();
        Assert.Equal(parameters.Length, imported.Length);
        for (int i = 0; i < parameters.Length; i++)
            Assert.True(BitConverter.SingleToInt32Bits(parameters[i]) == BitConverter.SingleToInt32Bits(imported[i]), $"parameter {i}: {imported[i]:R} imported, {parameters[i]:R} exported");
        // The running statistics: mean and variance per BatchNorm (the batch count is not part of RunningStatistics' order check).
        var importedStatistics = network.Layers.SelectMany(l => l.Statistics.Where(s => !s.Integer).SelectMany(s => s.Values)).ToArray();
        var exportedStatistics = StatisticsWithoutCounts(network, statistics);
        Assert.Equal(exportedStatistics, importedStatistics);
    }

    /// <summary>RunningStatistics holds per BatchNorm layer its mean, variance and batch count; the count is not exported.</summary>
    private static float[] StatisticsWithoutCounts(ImportedNetwork network, float[] statistics)
    {
        var result = new System.Collections.Generic.List<float>();
        int at = 0;
        foreach (var norm in network.Layers.OfType<BatchNormImport>())
        {
            result.AddRange(statistics.Skip(at).Take(2 * norm.Channels));
            at += 2 * norm.Channels + 1;
        }
        return result.ToArray();
    }
}

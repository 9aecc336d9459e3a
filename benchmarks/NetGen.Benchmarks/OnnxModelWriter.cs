using System;
using System.Collections.Generic;
using NetGen.Runtime.Onnx;
using static NetGen.Benchmarks.OnnxProto;

namespace NetGen.Benchmarks;

/// <summary>
/// Writes a stack of Dense layers as an ONNX model (ModelProto, IR version 8, default-domain opset 17) with a
/// minimal protobuf encoder of our own (<see cref="OnnxProto"/>): one <c>Gemm</c> node per layer (A = activations [1, in], B = weight
/// [out, in] with transB = 1, C = bias [out]) followed by its activation node (<c>Sigmoid</c>, <c>Tanh</c>,
/// <c>Relu</c>, <c>LeakyRelu</c> alpha 0.01 or <c>Softmax</c> axis -1; none for Identity). Initialisers are FLOAT
/// TensorProtos with little-endian <c>raw_data</c>. The graph's input is "input" [batch, InputSize] and its output
/// "output" [batch, OutputSize]. Parameters are read in NetGen's layout: per layer the weights row-major
/// [out, in] (PyTorch's nn.Linear order), then the bias.
/// </summary>
/// <remarks>Shared by the benchmarks and, as a linked file, by tests/NetGen.Tests/Onnx.</remarks>
public static class OnnxModelWriter
{
    /// <summary>The graph input's name.</summary>
    public const string InputName = "input";

    /// <summary>The graph output's name.</summary>
    public const string OutputName = "output";

    /// <summary>Builds the model bytes for <paramref name="inputSize"/> → <paramref name="layers"/>.</summary>
    /// <param name="inputSize">Width of the input.</param>
    /// <param name="layers">Each Dense layer's units and activation, in order.</param>
    /// <param name="parameters">All parameters in NetGen's layout (length = Σ out·in + out).</param>
    /// <param name="batch">The fixed batch dimension written into the input and output shapes.</param>
    public static byte[] Write(
        int inputSize, IReadOnlyList<(int Units, Activation Activation)> layers, ReadOnlySpan<float> parameters, int batch = 1)
    {
        if (inputSize <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "Must be positive.");
        if (layers.Count == 0) throw new ArgumentException("At least one layer is needed.", nameof(layers));
        long expected = 0;
        int width = inputSize;
        foreach (var (units, _) in layers)
        {
            expected += (long)units * width + units;
            width = units;
        }

        if (parameters.Length != expected)
        {
            throw new ArgumentException($"Expected {expected} parameters, got {parameters.Length}.", nameof(parameters));
        }

        var graph = new ProtoWriter();
        var initializers = new ProtoWriter();
        string current = InputName;
        int offset = 0;
        width = inputSize;
        for (int l = 0; l < layers.Count; l++)
        {
            var (units, activation) = layers[l];
            bool last = l == layers.Count - 1;
            string weight = $"W{l}", bias = $"B{l}";
            string gemmOut = last && activation == Activation.Identity ? OutputName : $"Z{l}";
            initializers.Message(5, Tensor(weight, new long[] { units, width }, parameters.Slice(offset, units * width)));
            offset += units * width;
            initializers.Message(5, Tensor(bias, new long[] { units }, parameters.Slice(offset, units)));
            offset += units;

            var gemm = Node($"gemm{l}", "Gemm", new[] { current, weight, bias }, gemmOut);
            gemm.Message(5, IntAttribute("transB", 1));
            graph.Message(1, gemm);
            current = gemmOut;
            width = units;

            if (activation == Activation.Identity) continue;
            string activated = last ? OutputName : $"A{l}";
            var node = ActivationNode($"act{l}", activation, current, activated)!;
            graph.Message(1, node);
            current = activated;
        }

        width = layers[layers.Count - 1].Units;
        graph.String(2, "netgen");
        graph.Append(initializers);
        graph.Message(11, ValueInfo(InputName, new long[] { batch, inputSize }));
        graph.Message(12, ValueInfo(OutputName, new long[] { batch, width }));
        return OnnxProto.Model(graph);
    }
}

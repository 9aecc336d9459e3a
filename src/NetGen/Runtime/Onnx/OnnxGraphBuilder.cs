using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace NetGen.Runtime.Onnx
{
    /// <summary>
    /// Builds the inference graph of a NetGen network as an ONNX model (IR version 8, default-domain opset 17), one method
    /// per layer kind and per activation, each applied to the graph's current value, then written with <see cref="WriteTo"/>.
    /// The generated <c>SaveOnnx</c> calls it with the network's layers and weights; see docs/onnx.md for the graph of each
    /// layer kind.
    /// </summary>
    /// <remarks>
    /// The graph input is <c>input</c> and the output <c>output</c>, both float, batch first with symbolic dimensions:
    /// <c>[N, features…]</c> for a batch network, <c>[N, T, features]</c> for a sequence network (each sequence from a zero
    /// state). Initialisers carry the <c>torch.nn.Sequential</c> <c>state_dict()</c> names they are given. The same calls
    /// write the same bytes. The builder tracks the shape of one sample and checks each layer's sizes against it.
    /// </remarks>
    public sealed class OnnxGraphBuilder
    {
        /// <summary>The graph input's name.</summary>
        public const string InputName = "input";

        /// <summary>The graph output's name.</summary>
        public const string OutputName = "output";

        private readonly string _graphName;
        private readonly bool _sequence;
        private readonly long[] _inputShape;
        private readonly List<OnnxNode> _nodes = new List<OnnxNode>();
        private readonly ProtoWriter _initializers = new ProtoWriter();
        private readonly HashSet<string> _names = new HashSet<string>(StringComparer.Ordinal);
        private long[] _shape;
        private string _value = InputName;
        private int _counter;

        /// <summary>Starts a graph whose input is <c>[N, shape…]</c> or, for a sequence network, <c>[N, T, shape[0]]</c>.</summary>
        /// <param name="graphName">The graph's name (the network's class name).</param>
        /// <param name="sequence">True for a sequence network: values are <c>[N, T, features]</c> between layers.</param>
        /// <param name="shape">One sample's (one step's) input shape: <c>[features]</c>, <c>[C, L]</c> or <c>[C, H, W]</c>.</param>
        /// <exception cref="ArgumentNullException"><paramref name="graphName"/> or <paramref name="shape"/> is null.</exception>
        /// <exception cref="ArgumentException">The shape is empty, has a dimension below 1, or a sequence shape is not one dimension.</exception>
        public OnnxGraphBuilder(string graphName, bool sequence, params int[] shape)
        {
            _graphName = graphName ?? throw new ArgumentNullException(nameof(graphName));
            if (shape is null) throw new ArgumentNullException(nameof(shape));
            if (shape.Length == 0 || shape.Length > 3 || (sequence && shape.Length != 1)) throw new ArgumentException("The input shape must be [features], [C, L] or [C, H, W] ([features] for a sequence network).", nameof(shape));
            _shape = new long[shape.Length];
            for (int i = 0; i < shape.Length; i++)
            {
                if (shape[i] < 1) throw new ArgumentException("Every input dimension must be at least 1.", nameof(shape));
                _shape[i] = shape[i];
            }
            _inputShape = (long[])_shape.Clone();
            _sequence = sequence;
        }

        /// <summary>The current value's shape without the batch (and time) dimension.</summary>
        public IReadOnlyList<long> Shape => _shape;

        // ------------------------------------------------------------------ layers

        /// <summary>
        /// <c>[Dense]</c> (<c>nn.Linear</c>): on <c>[N, in]</c> a <c>Gemm(x, W, b)</c> with <c>transB = 1</c>; in a sequence
        /// network (<c>[N, T, in]</c>) a <c>MatMul(x, Wᵀ)</c> (the initialiser <paramref name="weightName"/> holds Wᵀ,
        /// <c>[in, out]</c>) then <c>Add(·, b)</c>.
        /// </summary>
        /// <param name="weightName">The weight initialiser's name (<c>0.weight</c>).</param>
        /// <param name="biasName">The bias initialiser's name (<c>0.bias</c>).</param>
        /// <param name="units">Outputs.</param>
        /// <param name="inputs">Inputs (the current value's last dimension).</param>
        /// <param name="weights">W, <c>[units, inputs]</c> row-major.</param>
        /// <param name="biases">b, <paramref name="units"/> values.</param>
        public void Dense(string weightName, string biasName, int units, int inputs, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases)
        {
            RequireFlat(inputs);
            Require(weights.Length == (long)units * inputs, nameof(weights), "units·inputs values");
            Require(biases.Length == units, nameof(biases), "units values");
            if (_sequence)
            {
                var transposed = new float[weights.Length];
                for (int o = 0; o < units; o++)
                {
                    for (int i = 0; i < inputs; i++) transposed[i * units + o] = weights[o * inputs + i];
                }
                FloatTensor(weightName, new long[] { inputs, units }, transposed);
                FloatTensor(biasName, new long[] { units }, biases);
                string product = Node("MatMul", _value, weightName).Output;
                _value = Node("Add", product, biasName).Output;
            }
            else
            {
                FloatTensor(weightName, new long[] { units, inputs }, weights);
                FloatTensor(biasName, new long[] { units }, biases);
                _value = Node("Gemm", _value, weightName, biasName).Float("alpha", 1f).Float("beta", 1f).Int("transB", 1).Output;
            }
            _shape = new long[] { units };
        }

        /// <summary>
        /// <c>[Conv1D]</c> (<c>nn.Conv1d</c>) on <c>[N, C, L]</c>: <c>Conv</c> with <c>kernel_shape [k]</c>, <c>strides [s]</c>,
        /// <c>pads [p, p]</c>, <c>dilations [d]</c>, <c>group 1</c>.
        /// </summary>
        /// <param name="weightName">The weight initialiser's name.</param>
        /// <param name="biasName">The bias initialiser's name.</param>
        /// <param name="outChannels">Output channels.</param>
        /// <param name="inChannels">Input channels (the current value's first dimension).</param>
        /// <param name="kernel">Kernel size.</param>
        /// <param name="stride">Stride.</param>
        /// <param name="padding">Zeros on each side.</param>
        /// <param name="dilation">Distance between taps.</param>
        /// <param name="weights">W, <c>[out, in, k]</c> row-major.</param>
        /// <param name="biases">b, <paramref name="outChannels"/> values.</param>
        public void Conv1D(string weightName, string biasName, int outChannels, int inChannels, int kernel, int stride, int padding, int dilation,
            ReadOnlySpan<float> weights, ReadOnlySpan<float> biases)
        {
            RequireBatchRank(2, "Conv1D");
            RequireChannels(inChannels);
            Require(weights.Length == (long)outChannels * inChannels * kernel, nameof(weights), "out·in·k values");
            Require(biases.Length == outChannels, nameof(biases), "outChannels values");
            FloatTensor(weightName, new long[] { outChannels, inChannels, kernel }, weights);
            FloatTensor(biasName, new long[] { outChannels }, biases);
            _value = Node("Conv", _value, weightName, biasName)
                .Ints("dilations", dilation).Int("group", 1).Ints("kernel_shape", kernel).Ints("pads", padding, padding).Ints("strides", stride).Output;
            _shape = new long[] { outChannels, Side(_shape[1], padding, padding, dilation, kernel, stride) };
        }

        /// <summary>
        /// <c>[Conv2D]</c> (<c>nn.Conv2d</c>) on <c>[N, C, H, W]</c>: <c>Conv</c> with <c>kernel_shape [k, k]</c>,
        /// <c>strides [s, s]</c>, <c>pads [p, p, p, p]</c>, <c>dilations [1, 1]</c>, <c>group 1</c>.
        /// </summary>
        /// <param name="weightName">The weight initialiser's name.</param>
        /// <param name="biasName">The bias initialiser's name.</param>
        /// <param name="outChannels">Output channels.</param>
        /// <param name="inChannels">Input channels (the current value's first dimension).</param>
        /// <param name="kernel">Kernel side.</param>
        /// <param name="stride">Stride in both directions.</param>
        /// <param name="padding">Zeros on every side.</param>
        /// <param name="weights">W, <c>[out, in, k, k]</c> row-major.</param>
        /// <param name="biases">b, <paramref name="outChannels"/> values.</param>
        public void Conv2D(string weightName, string biasName, int outChannels, int inChannels, int kernel, int stride, int padding,
            ReadOnlySpan<float> weights, ReadOnlySpan<float> biases)
        {
            RequireBatchRank(3, "Conv2D");
            RequireChannels(inChannels);
            Require(weights.Length == (long)outChannels * inChannels * kernel * kernel, nameof(weights), "out·in·k·k values");
            Require(biases.Length == outChannels, nameof(biases), "outChannels values");
            FloatTensor(weightName, new long[] { outChannels, inChannels, kernel, kernel }, weights);
            FloatTensor(biasName, new long[] { outChannels }, biases);
            _value = Node("Conv", _value, weightName, biasName)
                .Ints("dilations", 1, 1).Int("group", 1).Ints("kernel_shape", kernel, kernel).Ints("pads", padding, padding, padding, padding).Ints("strides", stride, stride).Output;
            _shape = new long[] { outChannels, Side(_shape[1], padding, padding, 1, kernel, stride), Side(_shape[2], padding, padding, 1, kernel, stride) };
        }

        /// <summary><c>[MaxPool1D]</c>/<c>[MaxPool2D]</c>: <c>MaxPool</c> with <c>kernel_shape</c>, <c>strides</c> and zero <c>pads</c>, over the current value's spatial dimensions.</summary>
        /// <param name="kernel">Window side.</param>
        /// <param name="stride">Stride.</param>
        public void MaxPool(int kernel, int stride) => Pool("MaxPool", kernel, stride);

        /// <summary><c>[AvgPool1D]</c>/<c>[AvgPool2D]</c>: <c>AveragePool</c> with <c>kernel_shape</c>, <c>strides</c> and zero <c>pads</c>, over the current value's spatial dimensions.</summary>
        /// <param name="kernel">Window side.</param>
        /// <param name="stride">Stride.</param>
        public void AvgPool(int kernel, int stride) => Pool("AveragePool", kernel, stride);

        /// <summary><c>[GlobalAvgPool]</c>: <c>GlobalAveragePool</c>, <c>[N, C, L]</c> → <c>[N, C, 1]</c> or <c>[N, C, H, W]</c> → <c>[N, C, 1, 1]</c>.</summary>
        public void GlobalAvgPool()
        {
            if (_sequence || _shape.Length < 2) throw new InvalidOperationException("GlobalAvgPool needs a [C, L] or [C, H, W] value.");
            _value = Node("GlobalAveragePool", _value).Output;
            var shape = new long[_shape.Length];
            shape[0] = _shape[0];
            for (int i = 1; i < shape.Length; i++) shape[i] = 1;
            _shape = shape;
        }

        /// <summary><c>[Flatten]</c>: <c>Flatten</c> with <c>axis 1</c>, one row per sample.</summary>
        public void Flatten()
        {
            if (_sequence) throw new InvalidOperationException("Flatten does not apply to a sequence network.");
            _value = Node("Flatten", _value).Int("axis", 1).Output;
            _shape = new[] { Size() };
        }

        /// <summary>
        /// <c>[LayerNorm]</c> (<c>nn.LayerNorm</c> over a sample's whole shape): <c>LayerNormalization</c> with <c>axis 1</c>,
        /// <c>epsilon 1e-5</c>, scale and bias shaped as the current value without the batch dimension.
        /// </summary>
        /// <param name="weightName">The scale initialiser's name.</param>
        /// <param name="biasName">The bias initialiser's name.</param>
        /// <param name="weights">γ, one per value of a sample.</param>
        /// <param name="biases">β, one per value of a sample.</param>
        public void LayerNorm(string weightName, string biasName, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases)
        {
            if (_sequence) throw new InvalidOperationException("LayerNorm does not apply to a sequence network.");
            Require(weights.Length == Size(), nameof(weights), "one value per value of a sample");
            Require(biases.Length == Size(), nameof(biases), "one value per value of a sample");
            FloatTensor(weightName, _shape, weights);
            FloatTensor(biasName, _shape, biases);
            _value = Node("LayerNormalization", _value, weightName, biasName).Int("axis", 1).Float("epsilon", 1e-5f).Output;
        }

        /// <summary>
        /// <c>[BatchNorm]</c> at inference (<c>nn.BatchNorm1d/2d</c> in <c>eval()</c>): <c>BatchNormalization</c> with the running
        /// mean and variance, <c>epsilon 1e-5</c>, <c>momentum 0.9</c>, over the channels (the features of a flat value).
        /// </summary>
        /// <param name="weightName">The scale initialiser's name.</param>
        /// <param name="biasName">The bias initialiser's name.</param>
        /// <param name="meanName">The running mean's name.</param>
        /// <param name="varianceName">The running variance's name.</param>
        /// <param name="weights">γ, one per channel.</param>
        /// <param name="biases">β, one per channel.</param>
        /// <param name="mean">The running mean, one per channel.</param>
        /// <param name="variance">The running variance, one per channel.</param>
        public void BatchNorm(string weightName, string biasName, string meanName, string varianceName,
            ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> mean, ReadOnlySpan<float> variance)
        {
            if (_sequence) throw new InvalidOperationException("BatchNorm does not apply to a sequence network.");
            long channels = _shape[0];
            Require(weights.Length == channels, nameof(weights), "one value per channel");
            Require(biases.Length == channels, nameof(biases), "one value per channel");
            Require(mean.Length == channels, nameof(mean), "one value per channel");
            Require(variance.Length == channels, nameof(variance), "one value per channel");
            var shape = new[] { channels };
            FloatTensor(weightName, shape, weights);
            FloatTensor(biasName, shape, biases);
            FloatTensor(meanName, shape, mean);
            FloatTensor(varianceName, shape, variance);
            _value = Node("BatchNormalization", _value, weightName, biasName, meanName, varianceName).Float("epsilon", 1e-5f).Float("momentum", 0.9f).Output;
        }

        /// <summary>
        /// <c>[Gru]</c> (<c>nn.GRU</c>, batch first): <c>Transpose [1, 0, 2]</c>, <c>GRU</c> (<c>linear_before_reset 1</c>, the gates
        /// reordered from PyTorch's r, z, n to ONNX's z, r, h), <c>Squeeze</c> of the direction axis, <c>Transpose [1, 0, 2]</c>.
        /// </summary>
        /// <param name="module">The module index: the initialisers are <c>&lt;module&gt;.W</c>, <c>.R</c> and <c>.B</c>.</param>
        /// <param name="hiddenSize">H.</param>
        /// <param name="parameters">PyTorch's four tensors in order: <c>weight_ih_l0</c>, <c>weight_hh_l0</c>, <c>bias_ih_l0</c>, <c>bias_hh_l0</c>.</param>
        public void Gru(string module, int hiddenSize, ReadOnlySpan<float> parameters)
            => Recurrent("GRU", module, hiddenSize, new[] { 1, 0, 2 }, parameters, null);

        /// <summary>
        /// <c>[Lstm]</c> (<c>nn.LSTM</c>, batch first): as <see cref="Gru"/>, with an <c>LSTM</c> node, the gates reordered from
        /// PyTorch's i, f, g, o to ONNX's i, o, f, c.
        /// </summary>
        /// <param name="module">The module index: the initialisers are <c>&lt;module&gt;.W</c>, <c>.R</c> and <c>.B</c>.</param>
        /// <param name="hiddenSize">H.</param>
        /// <param name="parameters">PyTorch's four tensors in order: <c>weight_ih_l0</c>, <c>weight_hh_l0</c>, <c>bias_ih_l0</c>, <c>bias_hh_l0</c>.</param>
        public void Lstm(string module, int hiddenSize, ReadOnlySpan<float> parameters)
            => Recurrent("LSTM", module, hiddenSize, new[] { 0, 3, 1, 2 }, parameters, null);

        /// <summary><c>[Rnn]</c> (<c>nn.RNN</c>, batch first): as <see cref="Gru"/>, with an <c>RNN</c> node whose <c>activations</c> are <c>["Tanh"]</c> or <c>["Relu"]</c>.</summary>
        /// <param name="module">The module index: the initialisers are <c>&lt;module&gt;.W</c>, <c>.R</c> and <c>.B</c>.</param>
        /// <param name="hiddenSize">H.</param>
        /// <param name="activation"><see cref="NetGen.Activation.Tanh"/> or <see cref="NetGen.Activation.Relu"/>.</param>
        /// <param name="parameters">PyTorch's four tensors in order: <c>weight_ih_l0</c>, <c>weight_hh_l0</c>, <c>bias_ih_l0</c>, <c>bias_hh_l0</c>.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="activation"/> is neither Tanh nor Relu.</exception>
        public void Rnn(string module, int hiddenSize, Activation activation, ReadOnlySpan<float> parameters)
        {
            string name = activation switch
            {
                NetGen.Activation.Tanh => "Tanh",
                NetGen.Activation.Relu => "Relu",
                _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "An RNN's activation is Tanh or Relu."),
            };
            Recurrent("RNN", module, hiddenSize, new[] { 0 }, parameters, name);
        }

        /// <summary>
        /// <c>[CausalConv1D]</c> (<c>nn.Conv1d</c> with (k − 1)·d zeros of left padding) on <c>[N, T, C]</c>: <c>Transpose [0, 2, 1]</c>,
        /// <c>Conv</c> with <c>pads [(k − 1)·d, 0]</c> and <c>dilations [d]</c>, <c>Transpose [0, 2, 1]</c>.
        /// </summary>
        /// <param name="weightName">The weight initialiser's name.</param>
        /// <param name="biasName">The bias initialiser's name.</param>
        /// <param name="outChannels">Output channels.</param>
        /// <param name="inChannels">Input channels (the current value's features).</param>
        /// <param name="kernel">Kernel size.</param>
        /// <param name="dilation">Steps between taps.</param>
        /// <param name="weights">W, <c>[out, in, k]</c> row-major.</param>
        /// <param name="biases">b, <paramref name="outChannels"/> values.</param>
        public void CausalConv1D(string weightName, string biasName, int outChannels, int inChannels, int kernel, int dilation,
            ReadOnlySpan<float> weights, ReadOnlySpan<float> biases)
        {
            RequireSequence("CausalConv1D");
            RequireFlat(inChannels);
            Require(weights.Length == (long)outChannels * inChannels * kernel, nameof(weights), "out·in·k values");
            Require(biases.Length == outChannels, nameof(biases), "outChannels values");
            FloatTensor(weightName, new long[] { outChannels, inChannels, kernel }, weights);
            FloatTensor(biasName, new long[] { outChannels }, biases);
            string channelsFirst = Node("Transpose", _value).Ints("perm", 0, 2, 1).Output;
            string convolved = Node("Conv", channelsFirst, weightName, biasName)
                .Ints("dilations", dilation).Int("group", 1).Ints("kernel_shape", kernel).Ints("pads", (long)(kernel - 1) * dilation, 0).Ints("strides", 1).Output;
            _value = Node("Transpose", convolved).Ints("perm", 0, 2, 1).Output;
            _shape = new long[] { outChannels };
        }

        // ------------------------------------------------------------------ activations

        /// <summary><see cref="NetGen.Activation.Sigmoid"/>: <c>Sigmoid</c>.</summary>
        public void Sigmoid() => Unary("Sigmoid");

        /// <summary><see cref="NetGen.Activation.Tanh"/>: <c>Tanh</c>.</summary>
        public void Tanh() => Unary("Tanh");

        /// <summary><see cref="NetGen.Activation.Relu"/>: <c>Relu</c>.</summary>
        public void Relu() => Unary("Relu");

        /// <summary><see cref="NetGen.Activation.LeakyRelu"/>: <c>LeakyRelu</c> with <c>alpha 0.01</c>.</summary>
        public void LeakyRelu() => _value = Node("LeakyRelu", _value).Float("alpha", 0.01f).Output;

        /// <summary><see cref="NetGen.Activation.Softmax"/>: <c>Softmax</c> with <c>axis -1</c>.</summary>
        public void Softmax() => _value = Node("Softmax", _value).Int("axis", -1).Output;

        /// <summary><see cref="NetGen.Activation.Silu"/>: <c>Mul(x, Sigmoid(x))</c>.</summary>
        public void Silu()
        {
            string x = _value;
            _value = Node("Mul", x, Node("Sigmoid", x).Output).Output;
        }

        /// <summary>
        /// <see cref="NetGen.Activation.Gelu"/> (erf form), PyTorch's export pattern: <c>Div(x, √2)</c>, <c>Erf</c>, <c>Add(·, 1)</c>,
        /// <c>Mul(x, ·)</c>, <c>Mul(·, 0.5)</c>.
        /// </summary>
        public void Gelu()
        {
            string x = _value;
            string scaled = Node("Div", x, Scalar(1.4142135f)).Output;
            string erf = Node("Erf", scaled).Output;
            string shifted = Node("Add", erf, Scalar(1f)).Output;
            string product = Node("Mul", x, shifted).Output;
            _value = Node("Mul", product, Scalar(0.5f)).Output;
        }

        /// <summary>
        /// <see cref="NetGen.Activation.GeluTanh"/>: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))) as <c>Pow(x, 3)</c>, <c>Mul</c>,
        /// <c>Add</c>, <c>Mul</c>, <c>Tanh</c>, <c>Add</c>, <c>Mul(x, ·)</c>, <c>Mul(·, 0.5)</c>.
        /// </summary>
        public void GeluTanh()
        {
            string x = _value;
            string cube = Node("Pow", x, Scalar(3f)).Output;
            string cubic = Node("Mul", cube, Scalar(0.044715f)).Output;
            string inner = Node("Add", x, cubic).Output;
            string scaled = Node("Mul", inner, Scalar((float)Math.Sqrt(2.0 / Math.PI))).Output;
            string tanh = Node("Tanh", scaled).Output;
            string shifted = Node("Add", tanh, Scalar(1f)).Output;
            string product = Node("Mul", x, shifted).Output;
            _value = Node("Mul", product, Scalar(0.5f)).Output;
        }

        /// <summary><see cref="NetGen.Activation.Elu"/>: <c>Elu</c> with <c>alpha 1</c>.</summary>
        public void Elu() => _value = Node("Elu", _value).Float("alpha", 1f).Output;

        /// <summary><see cref="NetGen.Activation.Softplus"/>: <c>Softplus</c>.</summary>
        public void Softplus() => Unary("Softplus");

        /// <summary><see cref="NetGen.Activation.Mish"/>: <c>Mul(x, Tanh(Softplus(x)))</c>.</summary>
        public void Mish()
        {
            string x = _value;
            string softplus = Node("Softplus", x).Output;
            _value = Node("Mul", x, Node("Tanh", softplus).Output).Output;
        }

        /// <summary><see cref="NetGen.Activation.HardSigmoid"/>: <c>HardSigmoid</c> with <c>alpha 1/6</c>, <c>beta 0.5</c> (PyTorch's hardsigmoid).</summary>
        public void HardSigmoid() => _value = Node("HardSigmoid", _value).Float("alpha", 1f / 6f).Float("beta", 0.5f).Output;

        /// <summary><see cref="NetGen.Activation.HardSwish"/>: <c>HardSwish</c>.</summary>
        public void HardSwish() => Unary("HardSwish");

        // ------------------------------------------------------------------ writing

        /// <summary>
        /// Writes the model: the ModelProto (IR version 8, producer <c>NetGen</c>, opset 17) around the graph named as given,
        /// with its initialisers, the input <c>input</c> and the output <c>output</c> (the current value), in one write.
        /// </summary>
        /// <param name="stream">A writable stream.</param>
        /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="stream"/> is not writable.</exception>
        public void WriteTo(Stream stream)
        {
            if (stream is null) throw new ArgumentNullException(nameof(stream));
            if (!stream.CanWrite) throw new ArgumentException("The stream is not writable.", nameof(stream));

            var nodes = new List<OnnxNode>(_nodes);
            string last = _value;
            if (nodes.Count == 0 || string.Equals(last, InputName, StringComparison.Ordinal))
            {
                nodes.Add(new OnnxNode("Identity_" + nodes.Count.ToString(CultureInfo.InvariantCulture), "Identity", new[] { last }, "netgen_identity"));
                last = "netgen_identity";
            }

            var graph = new ProtoWriter();
            foreach (var node in nodes) graph.Message(1, node.Write(last));
            graph.String(2, _graphName);
            graph.Append(_initializers);
            graph.Message(11, ValueInfo(InputName, _inputShape));
            graph.Message(12, ValueInfo(OutputName, _shape));

            var opset = new ProtoWriter();
            opset.String(1, string.Empty);
            opset.Varint(2, 17);

            var model = new ProtoWriter();
            model.Varint(1, 8); // ir_version
            model.String(2, "NetGen"); // producer_name
            model.Message(7, graph);
            model.Message(8, opset);
            byte[] bytes = model.ToArray();
            stream.Write(bytes, 0, bytes.Length);
        }

        // ------------------------------------------------------------------ helpers

        private void Recurrent(string op, string module, int hidden, int[] gateOrder, ReadOnlySpan<float> parameters, string? activation)
        {
            RequireSequence(op);
            if (module is null) throw new ArgumentNullException(nameof(module));
            if (hidden < 1) throw new ArgumentOutOfRangeException(nameof(hidden), hidden, "The hidden size must be at least 1.");
            int gates = gateOrder.Length, input = (int)_shape[0], rows = gates * hidden;
            Require(parameters.Length == (long)rows * (input + hidden + 2), nameof(parameters), "G·H·(in + H + 2) values (weight_ih, weight_hh, bias_ih, bias_hh)");
            var ih = parameters.Slice(0, rows * input);
            var hh = parameters.Slice(rows * input, rows * hidden);
            var bih = parameters.Slice(rows * (input + hidden), rows);
            var bhh = parameters.Slice(rows * (input + hidden + 1), rows);
            var w = new float[rows * input];
            var r = new float[rows * hidden];
            var b = new float[2 * rows];
            for (int k = 0; k < gates; k++)
            {
                int from = gateOrder[k] * hidden;
                ih.Slice(from * input, hidden * input).CopyTo(w.AsSpan(k * hidden * input));
                hh.Slice(from * hidden, hidden * hidden).CopyTo(r.AsSpan(k * hidden * hidden));
                bih.Slice(from, hidden).CopyTo(b.AsSpan(k * hidden));
                bhh.Slice(from, hidden).CopyTo(b.AsSpan(rows + k * hidden));
            }
            string wName = module + ".W", rName = module + ".R", bName = module + ".B";
            FloatTensor(wName, new long[] { 1, rows, input }, w);
            FloatTensor(rName, new long[] { 1, rows, hidden }, r);
            FloatTensor(bName, new long[] { 1, 2 * rows }, b);

            string timeFirst = Node("Transpose", _value).Ints("perm", 1, 0, 2).Output;
            var cell = Node(op, timeFirst, wName, rName, bName).Int("hidden_size", hidden);
            if (op == "GRU") cell.Int("linear_before_reset", 1);
            if (activation != null) cell.Strings("activations", activation);
            string squeezed = Node("Squeeze", cell.Output, Axes()).Output;
            _value = Node("Transpose", squeezed).Ints("perm", 1, 0, 2).Output;
            _shape = new long[] { hidden };
        }

        private void Pool(string op, int kernel, int stride)
        {
            if (_sequence || _shape.Length < 2) throw new InvalidOperationException(op + " needs a [C, L] or [C, H, W] value.");
            int spatial = _shape.Length - 1;
            var kernels = new long[spatial];
            var strides = new long[spatial];
            var pads = new long[2 * spatial];
            var shape = new long[_shape.Length];
            shape[0] = _shape[0];
            for (int i = 0; i < spatial; i++)
            {
                kernels[i] = kernel;
                strides[i] = stride;
                shape[i + 1] = Side(_shape[i + 1], 0, 0, 1, kernel, stride);
            }
            _value = Node(op, _value).Ints("kernel_shape", kernels).Ints("pads", pads).Ints("strides", strides).Output;
            _shape = shape;
        }

        private void Unary(string op) => _value = Node(op, _value).Output;

        private OnnxNode Node(string op, params string[] inputs)
        {
            string id = (_counter++).ToString(CultureInfo.InvariantCulture);
            var node = new OnnxNode(op + "_" + id, op, inputs, "t" + id);
            _nodes.Add(node);
            return node;
        }

        private string Scalar(float value)
        {
            string name = "const_" + value.ToString("R", CultureInfo.InvariantCulture);
            if (!_names.Contains(name)) FloatTensor(name, Array.Empty<long>(), new[] { value });
            return name;
        }

        private string Axes()
        {
            const string name = "axes_1";
            if (_names.Add(name))
            {
                var tensor = new ProtoWriter();
                tensor.Varint(1, 1); // dims [1]
                tensor.Varint(2, 7); // INT64
                tensor.String(8, name);
                Span<byte> raw = stackalloc byte[8];
                BinaryPrimitives.WriteInt64LittleEndian(raw, 1);
                tensor.Bytes(9, raw);
                _initializers.Message(5, tensor);
            }
            return name;
        }

        private void FloatTensor(string name, long[] dims, ReadOnlySpan<float> values)
        {
            if (name is null) throw new ArgumentNullException(nameof(name));
            if (!_names.Add(name)) throw new ArgumentException($"The initialiser name '{name}' is used twice.", nameof(name));
            _initializers.Message(5, OnnxMessages.FloatTensor(name, dims, values));
        }

        private ProtoWriter ValueInfo(string name, long[] sample)
        {
            return OnnxMessages.ValueInfo(name, _sequence ? new[] { "N", "T" } : new[] { "N" }, sample);
        }


        private static long Side(long side, long padBegin, long padEnd, long dilation, long kernel, long stride)
            => (side + padBegin + padEnd - dilation * (kernel - 1) - 1) / stride + 1;

        private long Size()
        {
            long size = 1;
            foreach (long side in _shape) size *= side;
            return size;
        }

        private void RequireFlat(int inputs)
        {
            if (_shape.Length != 1) throw new InvalidOperationException("A Dense layer needs a flat value: write Flatten first.");
            if (_shape[0] != inputs) throw new ArgumentException($"The current value has {_shape[0]} features, not {inputs}.", nameof(inputs));
        }

        private void RequireChannels(int inChannels)
        {
            if (_shape[0] != inChannels) throw new ArgumentException($"The current value has {_shape[0]} channels, not {inChannels}.", nameof(inChannels));
        }

        private void RequireBatchRank(int rank, string layer)
        {
            if (_sequence || _shape.Length != rank) throw new InvalidOperationException($"{layer} needs a value of {rank} dimensions per sample.");
        }

        private void RequireSequence(string layer)
        {
            if (!_sequence) throw new InvalidOperationException($"{layer} needs a sequence network ([N, T, features] values).");
        }

        private static void Require(bool condition, string parameter, string expected)
        {
            if (!condition) throw new ArgumentException("Expected " + expected + ".", parameter);
        }
    }
}

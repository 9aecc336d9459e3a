namespace NetGen.Tests.Onnx;

// Networks for SaveOnnxTests that the other folders do not declare: every activation on Dense layers (Softmax last, so
// two networks), a trainable network with Dropout, and a sequence network with activations on Dense layers inside it.

/// <summary>Sigmoid, Tanh, Relu, LeakyRelu, Silu, Gelu, GeluTanh, then Softmax.</summary>
[Network(Loss.CrossEntropy)]
[Input(5)]
[Dense(6, Activation.Sigmoid)]
[Dense(7, Activation.Tanh)]
[Dense(6, Activation.Relu)]
[Dense(7, Activation.LeakyRelu)]
[Dense(6, Activation.Silu)]
[Dense(7, Activation.Gelu)]
[Dense(6, Activation.GeluTanh)]
[Dense(4, Activation.Softmax)]
public partial class OnnxExportActivationsA : INetwork { }

/// <summary>Elu, Softplus, Mish, HardSigmoid, HardSwish, then Identity.</summary>
[Network(Loss.MeanSquaredError)]
[Input(4)]
[Dense(6, Activation.Elu)]
[Dense(7, Activation.Softplus)]
[Dense(6, Activation.Mish)]
[Dense(7, Activation.HardSigmoid)]
[Dense(6, Activation.HardSwish)]
[Dense(3)]
public partial class OnnxExportActivationsB : INetwork { }

/// <summary>A trainable network with two Dropout layers (nothing in the exported graph).</summary>
[Network(Loss.MeanSquaredError, Seed = 3)]
[Input(6)]
[Dense(9, Activation.Tanh)]
[Dropout(0.3f)]
[Dense(8, Activation.Relu)]
[Dropout(0.2f)]
[Dense(2)]
public partial class OnnxExportDropout : INetwork { }

/// <summary>Dense layers with activations before and after an RNN (Relu) and an LSTM: MatMul + Add on [N, T, F].</summary>
[Network(Loss.CrossEntropy, SequenceLength = 4)]
[Input(3)]
[Dense(5, Activation.Gelu)]
[Rnn(4, Activation.Relu)]
[Dense(6, Activation.Silu)]
[CausalConv1D(3, 2, 3, Activation.Mish)]
[Lstm(5)]
[Dense(2, Activation.Softmax)]
public partial class OnnxExportSequence : NetGen.Tests.Sequence.ISequenceTestNetwork { }

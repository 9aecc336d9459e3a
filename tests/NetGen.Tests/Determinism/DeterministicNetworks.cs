using NetGen.Tests.Sequence;

namespace NetGen.Tests.Determinism;

// [Network(…, Deterministic = true)] networks of every family (docs/determinism.md): Dense with every activation (the hidden
// layers have 16 units, so their default twins would run the matrix and neuron SIMD paths), a looped layer, dropout, a
// layered CNN with BatchNorm, a convolution without BatchNorm (its batches run in slots on several threads), LayerNorm,
// and GRU/LSTM sequence networks.

[Network(Loss.MeanSquaredError, LearningRate = 0.05f, Momentum = 0.9f, Deterministic = true)]
[Input(6)] [Dense(16, Activation.Identity)] [Dense(3)]
public partial class DetIdentity : INetwork;

[Network(Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f, Deterministic = true)]
[Input(6)] [Dense(16, Activation.Sigmoid)] [Dense(2, Activation.Sigmoid)]
public partial class DetSigmoid : INetwork;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f, Deterministic = true)]
[Input(6)] [Dense(16, Activation.Tanh)] [Dense(8, Activation.Tanh)] [Dense(3)]
public partial class DetTanh : INetwork;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f, Deterministic = true)]
[Input(6)] [Dense(16, Activation.Relu)] [Dense(8, Activation.Relu)] [Dense(3)]
public partial class DetRelu : INetwork;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f, Deterministic = true)]
[Input(6)] [Dense(16, Activation.LeakyRelu)] [Dense(8, Activation.LeakyRelu)] [Dense(3)]
public partial class DetLeakyRelu : INetwork;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f, Deterministic = true)]
[Input(6)] [Dense(16, Activation.Silu)] [Dense(8, Activation.Silu)] [Dense(3)]
public partial class DetSilu : INetwork;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f, Deterministic = true)]
[Input(6)] [Dense(16, Activation.Gelu)] [Dense(8, Activation.Gelu)] [Dense(3)]
public partial class DetGelu : INetwork;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f, Deterministic = true)]
[Input(6)] [Dense(16, Activation.GeluTanh)] [Dense(8, Activation.GeluTanh)] [Dense(3)]
public partial class DetGeluTanh : INetwork;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f, Deterministic = true)]
[Input(6)] [Dense(16, Activation.Elu)] [Dense(8, Activation.Elu)] [Dense(3)]
public partial class DetElu : INetwork;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f, Deterministic = true)]
[Input(6)] [Dense(16, Activation.Softplus)] [Dense(8, Activation.Softplus)] [Dense(3)]
public partial class DetSoftplus : INetwork;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f, Deterministic = true)]
[Input(6)] [Dense(16, Activation.Mish)] [Dense(8, Activation.Mish)] [Dense(3)]
public partial class DetMish : INetwork;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f, Deterministic = true)]
[Input(6)] [Dense(16, Activation.HardSigmoid)] [Dense(8, Activation.HardSigmoid)] [Dense(3)]
public partial class DetHardSigmoid : INetwork;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f, Deterministic = true)]
[Input(6)] [Dense(16, Activation.HardSwish)] [Dense(8, Activation.HardSwish)] [Dense(3)]
public partial class DetHardSwish : INetwork;

[Network(Loss.CrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f, Deterministic = true)]
[Input(6)] [Dense(16, Activation.Gelu)] [Dense(4, Activation.Softmax)]
public partial class DetSoftmax : INetwork;

// 40 · 32 = 1,280 multiply-adds > UnrollLimit: a looped layer (MatVec) in the scalar kernels.
[Network(Loss.CrossEntropy, LearningRate = 0.05f, UnrollLimit = 256, Deterministic = true)]
[Input(40)] [Dense(32, Activation.Tanh)] [Dense(3, Activation.Softmax)]
public partial class DetLooped : INetwork;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f, Deterministic = true)]
[Input(6)] [Dense(16, Activation.Relu)] [Dropout(0.25f)] [Dense(3)]
public partial class DetDropout : INetwork;

// The default twin of DetTanh (the control: its SIMD paths differ from its scalar path in the last bits).
[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f)]
[Input(6)] [Dense(16, Activation.Tanh)] [Dense(8, Activation.Tanh)] [Dense(3)]
public partial class DefaultTanh : INetwork;

[Network(Loss.CrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f, Deterministic = true)]
[Input(2, 8, 8)] [Conv2D(4, 3, padding: 1)] [BatchNorm(Activation.Relu)] [MaxPool2D(2)] [Flatten] [Dense(5, Activation.Softmax)]
public partial class DetCnn : INetwork;

[Network(Loss.MeanSquaredError, LearningRate = 0.05f, Deterministic = true)]
[Input(3, 12)] [Conv1D(6, 3, padding: 1, activation: Activation.Gelu)] [AvgPool1D(2)] [Flatten] [Dense(8, Activation.Tanh)] [Dense(2)]
public partial class DetConv1d : INetwork;

[Network(Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f, Deterministic = true)]
[Input(5)] [Dense(12)] [LayerNorm(Activation.Mish)] [Dense(2, Activation.Sigmoid)]
public partial class DetLayerNorm : INetwork;

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f, SequenceLength = 5, Deterministic = true)]
[Input(3)] [Gru(8)] [Dense(2)]
public partial class DetGru : ISequenceTestNetwork;

[Network(Loss.CrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f, SequenceLength = 4, SequenceLoss = SequenceLoss.LastStep, Deterministic = true)]
[Input(2)] [Lstm(6)] [Dense(3, Activation.Softmax)]
public partial class DetLstm : ISequenceTestNetwork;

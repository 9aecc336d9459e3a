using NetGen;

namespace GpuTraining;

// Nets B, C and D of the SIMD issue's benchmark suite (benchmarks/NetGen.Benchmarks/Suite/SuiteNetworks.cs), SGD with
// the default learning rate, for the --bench throughput table: GPU trainer against the CPU path on the same machine.

/// <summary>Net B: 8 → 16 tanh → 16 tanh → 4, MSE.</summary>
[Network(Loss.MeanSquaredError)]
[Input(8)]
[Dense(16, Activation.Tanh)]
[Dense(16, Activation.Tanh)]
[Dense(4)]
public partial class NetB { }

/// <summary>Net C: 32 → 64 relu → 64 relu → 8, MSE.</summary>
[Network(Loss.MeanSquaredError)]
[Input(32)]
[Dense(64, Activation.Relu)]
[Dense(64, Activation.Relu)]
[Dense(8)]
public partial class NetC { }

/// <summary>Net D: 784 → 128 relu → 10 softmax, cross-entropy.</summary>
[Network(Loss.CrossEntropy)]
[Input(784)]
[Dense(128, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class NetD { }

/// <summary>Net C with every layer emitted as loops (UnrollLimit = 0): smaller kernels, for the GPU's instruction cache.</summary>
[Network(Loss.MeanSquaredError, UnrollLimit = 0)]
[Input(32)]
[Dense(64, Activation.Relu)]
[Dense(64, Activation.Relu)]
[Dense(8)]
public partial class NetCLooped { }

/// <summary>A classifier with dropout, for --check: the GPU trainer draws the same masks as the CPU path.</summary>
[Network(Loss.CrossEntropy, LearningRate = 0.05f, Seed = 9)]
[Input(32)]
[Dense(64, Activation.Relu)]
[Dropout(0.2f)]
[Dense(32, Activation.Tanh)]
[Dropout(0.5f)]
[Dense(4, Activation.Softmax)]
public partial class DropoutClassifier { }

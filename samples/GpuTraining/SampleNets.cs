using NetGen;

namespace GpuTraining;

// The sample's own networks. Nets B, C and D of the benchmark suite come from the benchmarks' declarations
// (benchmarks/NetGen.Benchmarks/Suite/SuiteNets.cs, linked into this project), so the --bench table trains the same nets.

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

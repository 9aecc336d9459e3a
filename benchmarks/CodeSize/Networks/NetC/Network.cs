using NetGen;

namespace CodeSize;

/// <summary>Net C of benchmarks/NetGen.Benchmarks/Suite/SuiteNets.cs: 32 → 64 relu → 64 relu → 8, MSE.</summary>
[Network(Loss.MeanSquaredError)]
[Input(32)]
[Dense(64, Activation.Relu)]
[Dense(64, Activation.Relu)]
[Dense(8)]
public partial class NetC { }

using NetGen;

namespace CodeSize;

/// <summary>Net B of benchmarks/NetGen.Benchmarks/Suite/SuiteNets.cs: 8 → 16 tanh → 16 tanh → 4, MSE.</summary>
[Network(Loss.MeanSquaredError)]
[Input(8)]
[Dense(16, Activation.Tanh)]
[Dense(16, Activation.Tanh)]
[Dense(4)]
public partial class NetB { }

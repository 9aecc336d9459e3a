using NetGen;

namespace CodeSize;

/// <summary>Net A of benchmarks/NetGen.Benchmarks/Suite/SuiteNets.cs: 3 → 1 sigmoid → 1 sigmoid, MSE.</summary>
[Network(Loss.MeanSquaredError, LearningRate = 0.1f)]
[Input(3)]
[Dense(1, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
public partial class NetA { }

using NetGen;

namespace CodeSize;

/// <summary>Net D of benchmarks/NetGen.Benchmarks/Suite/SuiteNets.cs: 784 → 128 relu → 10 softmax, cross-entropy.</summary>
[Network(Loss.CrossEntropy)]
[Input(784)]
[Dense(128, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class NetD { }

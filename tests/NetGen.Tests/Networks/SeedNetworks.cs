using NetGen;

namespace NetGen.Tests.Networks;

/// <summary>The lecture's PASS/FAIL perceptron (the seed example, docs/design/seed-example.md): 3 inputs, one hidden sigmoid unit, one sigmoid output.</summary>
[Network(Loss.MeanSquaredError, LearningRate = 0.1f)]
[Input(3)]
[Dense(1, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
public partial class PassFail : INetwork;

// Networks for the Fit and gradient-check tests.
using NetGen;

namespace NetGen.Tests.Training;

/// <summary>A small classifier for a disc inside a square.</summary>
[Network(Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.02f, Seed = 2)]
[Input(2)]
[Dense(16, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class DiscClassifier : NetGen.INetwork;

/// <summary>The same with plain SGD (learning-rate schedules are read back through LearningRate).</summary>
[Network(Loss.MeanSquaredError, LearningRate = 0.1f, Seed = 4)]
[Input(2)]
[Dense(4, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class SmallSgd : NetGen.INetwork;

using NetGen;

namespace CodeSize;

/// <summary>The 6-32-32-3 classifier of the size targets: 6 → 32 tanh → 32 tanh → 3 softmax, cross-entropy.</summary>
[Network(Loss.CrossEntropy)]
[Input(6)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class Classifier { }

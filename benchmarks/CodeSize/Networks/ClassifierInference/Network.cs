using NetGen;

namespace CodeSize;

/// <summary>The 6-32-32-3 classifier without training code (Predict only).</summary>
[Network(Loss.CrossEntropy, Trainable = false)]
[Input(6)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class ClassifierInference { }

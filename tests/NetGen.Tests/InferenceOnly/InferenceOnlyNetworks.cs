using NetGen;

namespace NetGen.Tests.InferenceOnly;

/// <summary>The layout of <see cref="Dropout.DropTanhSigmoidBce"/>, inference-only: its Dropout layers are the identity.</summary>
[Network(Loss.BinaryCrossEntropy, Trainable = false)]
[Input(3)]
[Dense(5, Activation.Tanh)]
[Dropout(0.4f)]
[Dense(4, Activation.Sigmoid)]
[Dropout(0.25f)]
[Dense(2, Activation.Sigmoid)]
public partial class InferenceDropTanhSigmoidBce;

/// <summary>The 6→32(Tanh)→32(Tanh)→3(Softmax) classifier, trainable.</summary>
[Network(Loss.CrossEntropy, Optimizer = Optimizer.Adam)]
[Input(6)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class TrainableClassifier;

/// <summary>The same classifier, inference-only.</summary>
[Network(Loss.CrossEntropy, Trainable = false)]
[Input(6)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class InferenceClassifier;

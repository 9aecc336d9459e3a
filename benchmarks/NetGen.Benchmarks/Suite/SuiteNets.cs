namespace NetGen.Benchmarks.Suite;

// The four networks of issue 5, SGD, default UnrollLimit. Parameters come from each class's own initialisation
// (seed 1); the plain baseline and ONNX Runtime get copies of them. One file of declarations only: samples/GpuTraining
// links it for its --bench table, so the sample trains the same nets.

/// <summary>Net A: the lecture's seed, 3 → 1 sigmoid → 1 sigmoid, MSE (learning rate 0.1 as in the seed).</summary>
[Network(Loss.MeanSquaredError, LearningRate = 0.1f)]
[Input(3)]
[Dense(1, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
public partial class NetA { }

/// <summary>Net B: 8 → 16 tanh → 16 tanh → 4, MSE.</summary>
[Network(Loss.MeanSquaredError)]
[Input(8)]
[Dense(16, Activation.Tanh)]
[Dense(16, Activation.Tanh)]
[Dense(4)]
public partial class NetB { }

/// <summary>Net C: 32 → 64 relu → 64 relu → 8, MSE.</summary>
[Network(Loss.MeanSquaredError)]
[Input(32)]
[Dense(64, Activation.Relu)]
[Dense(64, Activation.Relu)]
[Dense(8)]
public partial class NetC { }

/// <summary>Net D: 784 → 128 relu → 10 softmax, cross-entropy (Predict only in the suite).</summary>
[Network(Loss.CrossEntropy)]
[Input(784)]
[Dense(128, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class NetD { }

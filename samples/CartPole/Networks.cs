using NetGen;

namespace Samples.CartPole;

/// <summary>The policy: the observation → the probabilities of pushing left and right.</summary>
/// <remarks>
/// Trained with a loss NetGen does not know (the policy gradient), through <c>Backward</c> and <c>ApplyGradient</c>;
/// the <c>Loss</c> here is only what the built-in members would use.
/// </remarks>
[Network(Loss.CrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f, Seed = 1, Deterministic = true)]
[Input(4)]
[Dense(32, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
public partial class Policy { }

/// <summary>The baseline: the observation → the expected return from it (divided by 100), fitted with TrainBatch.</summary>
[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f, Seed = 2, Deterministic = true)]
[Input(4)]
[Dense(32, Activation.Tanh)]
[Dense(1)]
public partial class Baseline { }

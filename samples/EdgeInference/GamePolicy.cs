using NetGen;

namespace EdgeInference;

/// <summary>
/// A small game policy trained in PyTorch (nn.Sequential(Linear(8, 16), Tanh, Linear(16, 16), Tanh, Linear(16, 4)));
/// its weights are baked in from model.safetensors, so <c>new GamePolicy()</c> is the trained model.
/// </summary>
[Network(Loss.MeanSquaredError, Weights = "model.safetensors")]
[Input(8)]
[Dense(16, Activation.Tanh)]
[Dense(16, Activation.Tanh)]
[Dense(4)]
public partial class GamePolicy { }

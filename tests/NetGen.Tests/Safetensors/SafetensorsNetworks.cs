// Networks for the safetensors tests: the PyTorch fixture's game net, and a layout whose Identity layer adds no
// nn.Sequential module (names 0, 1, 3: Linear, Linear, ReLU, Linear, Sigmoid).
using NetGen;
using NetGen.Tests.Networks;

namespace NetGen.Tests.Safetensors;

[Network(Loss.MeanSquaredError)]
[Input(8)]
[Dense(16, Activation.Tanh)]
[Dense(16, Activation.Tanh)]
[Dense(4)]
public partial class Game8x16x16x4 : INetwork { }

[Network(Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam, Seed = 7)]
[Input(3)]
[Dense(4)]
[Dense(5, Activation.Relu)]
[Dense(2, Activation.Sigmoid)]
public partial class MixedModules : INetwork { }

/// <summary>The game net with PyTorch's weights baked in at compile time (a NetGenWeights item of this project).</summary>
[Network(Loss.MeanSquaredError, Seed = 3, Weights = "Fixtures/game-8-16-16-4.safetensors")]
[Input(8)]
[Dense(16, Activation.Tanh)]
[Dense(16, Activation.Tanh)]
[Dense(4)]
public partial class GameBaked : INetwork { }

// One unit over one input per activation, for the pointwise data of Reference/activation-reference.json: with weight 1 and
// bias 0 the output is f(x), and the gradient of the MSE loss (y − t)² with respect to the bias is 2(y − t)·f′(x).
using NetGen;

namespace NetGen.Tests.Activations;

[Network(Loss.MeanSquaredError)]
[Input(1)]
[Dense(1, Activation.Sigmoid)]
public partial class PointwiseSigmoid : INetwork;

[Network(Loss.MeanSquaredError)]
[Input(1)]
[Dense(1, Activation.Tanh)]
public partial class PointwiseTanh : INetwork;

[Network(Loss.MeanSquaredError)]
[Input(1)]
[Dense(1, Activation.Relu)]
public partial class PointwiseRelu : INetwork;

[Network(Loss.MeanSquaredError)]
[Input(1)]
[Dense(1, Activation.LeakyRelu)]
public partial class PointwiseLeakyRelu : INetwork;

[Network(Loss.MeanSquaredError)]
[Input(1)]
[Dense(1, Activation.Silu)]
public partial class PointwiseSilu : INetwork;

[Network(Loss.MeanSquaredError)]
[Input(1)]
[Dense(1, Activation.Gelu)]
public partial class PointwiseGelu : INetwork;

[Network(Loss.MeanSquaredError)]
[Input(1)]
[Dense(1, Activation.GeluTanh)]
public partial class PointwiseGeluTanh : INetwork;

[Network(Loss.MeanSquaredError)]
[Input(1)]
[Dense(1, Activation.Elu)]
public partial class PointwiseElu : INetwork;

[Network(Loss.MeanSquaredError)]
[Input(1)]
[Dense(1, Activation.Softplus)]
public partial class PointwiseSoftplus : INetwork;

[Network(Loss.MeanSquaredError)]
[Input(1)]
[Dense(1, Activation.Mish)]
public partial class PointwiseMish : INetwork;

[Network(Loss.MeanSquaredError)]
[Input(1)]
[Dense(1, Activation.HardSigmoid)]
public partial class PointwiseHardSigmoid : INetwork;

[Network(Loss.MeanSquaredError)]
[Input(1)]
[Dense(1, Activation.HardSwish)]
public partial class PointwiseHardSwish : INetwork;

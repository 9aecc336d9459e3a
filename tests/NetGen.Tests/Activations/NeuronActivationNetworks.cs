namespace NetGen.Tests.Activations;

// One network per elementwise activation with layers of 8 units or more, so that batch-1 Predict runs the across-neuron
// (packed, Vector128/256/512) kernels, whose activation is printed from the op's vector spelling at that width.

#pragma warning disable CS1591 // test networks: the class names say what they are
[Network(Loss.MeanSquaredError)] [Input(6)] [Dense(16, Activation.Sigmoid)] [Dense(9, Activation.Sigmoid)] [Dense(3)] public partial class NeuronSigmoid { }
[Network(Loss.MeanSquaredError)] [Input(6)] [Dense(16, Activation.Tanh)] [Dense(9, Activation.Tanh)] [Dense(3)] public partial class NeuronTanh { }
[Network(Loss.MeanSquaredError)] [Input(6)] [Dense(16, Activation.Relu)] [Dense(9, Activation.Relu)] [Dense(3)] public partial class NeuronRelu { }
[Network(Loss.MeanSquaredError)] [Input(6)] [Dense(16, Activation.LeakyRelu)] [Dense(9, Activation.LeakyRelu)] [Dense(3)] public partial class NeuronLeakyRelu { }
[Network(Loss.MeanSquaredError)] [Input(6)] [Dense(16, Activation.Silu)] [Dense(9, Activation.Silu)] [Dense(3)] public partial class NeuronSilu { }
[Network(Loss.MeanSquaredError)] [Input(6)] [Dense(16, Activation.Gelu)] [Dense(9, Activation.Gelu)] [Dense(3)] public partial class NeuronGelu { }
[Network(Loss.MeanSquaredError)] [Input(6)] [Dense(16, Activation.GeluTanh)] [Dense(9, Activation.GeluTanh)] [Dense(3)] public partial class NeuronGeluTanh { }
[Network(Loss.MeanSquaredError)] [Input(6)] [Dense(16, Activation.Elu)] [Dense(9, Activation.Elu)] [Dense(3)] public partial class NeuronElu { }
[Network(Loss.MeanSquaredError)] [Input(6)] [Dense(16, Activation.Softplus)] [Dense(9, Activation.Softplus)] [Dense(3)] public partial class NeuronSoftplus { }
[Network(Loss.MeanSquaredError)] [Input(6)] [Dense(16, Activation.Mish)] [Dense(9, Activation.Mish)] [Dense(3)] public partial class NeuronMish { }
[Network(Loss.MeanSquaredError)] [Input(6)] [Dense(16, Activation.HardSigmoid)] [Dense(9, Activation.HardSigmoid)] [Dense(3)] public partial class NeuronHardSigmoid { }
[Network(Loss.MeanSquaredError)] [Input(6)] [Dense(16, Activation.HardSwish)] [Dense(9, Activation.HardSwish)] [Dense(3)] public partial class NeuronHardSwish { }
#pragma warning restore CS1591

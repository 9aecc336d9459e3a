namespace NetGen.Benchmarks.Suite;

// Issue 15: the policy sizes of Unity ML-Agents' defaults (hidden_units 128 × 2 layers with Swish, and 256 × 3), with
// an 8-value continuous action head trained on MSE, SGD, default UnrollLimit, parameters from seed 1 like the suite's
// nets. Declarations only; their layer lists are SuiteNetworks.PolicySwish and SuiteNetworks.PolicyRelu.

/// <summary>PolicySwish: 64 → 128 SiLU → 128 SiLU → 8, MSE.</summary>
[Network(Loss.MeanSquaredError)]
[Input(64)]
[Dense(128, Activation.Silu)]
[Dense(128, Activation.Silu)]
[Dense(8)]
public partial class PolicySwish { }

/// <summary>PolicyRelu: 64 → 256 relu → 256 relu → 256 relu → 8, MSE.</summary>
[Network(Loss.MeanSquaredError)]
[Input(64)]
[Dense(256, Activation.Relu)]
[Dense(256, Activation.Relu)]
[Dense(256, Activation.Relu)]
[Dense(8)]
public partial class PolicyRelu { }

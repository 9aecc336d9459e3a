namespace NetGen.Generator.Model;

/// <summary>Mirror of the runtime's <c>NetGen.Activation</c> (same integer values; a test keeps them in step).</summary>
internal enum ActivationKind
{
    Identity = 0,
    Sigmoid = 1,
    Tanh = 2,
    Relu = 3,
    LeakyRelu = 4,
    Softmax = 5,
    Silu = 6,
    Gelu = 7,
    GeluTanh = 8,
    Elu = 9,
    Softplus = 10,
    Mish = 11,
    HardSigmoid = 12,
    HardSwish = 13,
}

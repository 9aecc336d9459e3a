namespace NetGen.Generator.Graph;

/// <summary>
/// The operations of the scalar expression graph. Each one is defined once, in <see cref="Ops.OpTable"/>: its forward rule,
/// local derivative, cost, double-precision evaluation and spelling in every dialect.
/// </summary>
internal enum OpKind
{
    /// <summary>A literal float.</summary>
    Constant,
    /// <summary>Input feature <c>x[Index]</c>.</summary>
    Input,
    /// <summary>Target value <c>t[Index]</c>.</summary>
    Target,
    /// <summary>Dropout mask value <c>m[Index]</c> (0 or 1/(1−p)), a leaf of the training graph only.</summary>
    Mask,
    /// <summary>Trainable parameter <c>p[Index]</c>.</summary>
    Parameter,
    /// <summary>n-ary sum.</summary>
    Sum,
    /// <summary>Binary product.</summary>
    Multiply,
    /// <summary>Unary minus.</summary>
    Negate,
    /// <summary>a − b.</summary>
    Subtract,
    /// <summary>a / b.</summary>
    Divide,
    /// <summary>a².</summary>
    Square,
    /// <summary>eᵃ.</summary>
    Exp,
    /// <summary>Natural logarithm clamped below at −100, as PyTorch's BCELoss clamps.</summary>
    ClampedLog,
    /// <summary>σ(a) = 1 / (1 + e⁻ᵃ).</summary>
    Sigmoid,
    /// <summary>tanh(a).</summary>
    Tanh,
    /// <summary>max(a, 0).</summary>
    Relu,
    /// <summary>a &gt; 0 ? a : 0.01·a.</summary>
    LeakyRelu,
    /// <summary>ReLU'(a): a &gt; 0 ? 1 : 0 (0 at 0, as PyTorch).</summary>
    ReluStep,
    /// <summary>LeakyReLU'(a): a &gt; 0 ? 1 : 0.01 (0.01 at 0, as PyTorch).</summary>
    LeakyReluStep,
    /// <summary>SiLU x·σ(x).</summary>
    Silu,
    /// <summary>SiLU'(x) = σ(x)·(1 + x·(1 − σ(x))).</summary>
    SiluDerivative,
    /// <summary>GELU x·Φ(x) (erf form).</summary>
    Gelu,
    /// <summary>GELU'(x) = Φ(x) + x·φ(x).</summary>
    GeluDerivative,
    /// <summary>GELU's tanh approximation.</summary>
    GeluTanh,
    /// <summary>Derivative of GELU's tanh approximation (PyTorch's backward formula).</summary>
    GeluTanhDerivative,
    /// <summary>ELU (α = 1).</summary>
    Elu,
    /// <summary>ELU'(x): 1 above 0, eˣ at and below 0.</summary>
    EluDerivative,
    /// <summary>Softplus (β = 1, threshold 20).</summary>
    Softplus,
    /// <summary>Softplus'(x): σ(x), 1 above the threshold.</summary>
    SoftplusDerivative,
    /// <summary>Mish x·tanh(softplus(x)).</summary>
    Mish,
    /// <summary>Mish'(x).</summary>
    MishDerivative,
    /// <summary>Hard sigmoid relu6(x + 3)/6.</summary>
    HardSigmoid,
    /// <summary>Hard sigmoid': 1/6 strictly inside (−3, 3), else 0.</summary>
    HardSigmoidDerivative,
    /// <summary>Hard swish x·relu6(x + 3)/6.</summary>
    HardSwish,
    /// <summary>Hard swish': 0 below −3, x/3 + 1/2 on [−3, 3], 1 above.</summary>
    HardSwishDerivative,
    /// <summary>log Σᵢ e^(aᵢ), computed stably; its derivative is the softmax.</summary>
    LogSumExp,
    /// <summary>Fused sigmoid + binary cross-entropy of logit a and target b: −(b·log σ(a) + (1−b)·log(1−σ(a))), logs clamped at −100.</summary>
    SigmoidBinaryCrossEntropy,
    /// <summary>|a| (the L1 loss).</summary>
    Abs,
    /// <summary>sign(a): 1 above 0, −1 below, 0 at 0 (|a|' as PyTorch's L1Loss backward).</summary>
    Sign,
    /// <summary>Huber's h(a) with δ = 1: a²/2 for |a| &lt; 1, |a| − 1/2 otherwise (nn.HuberLoss's elementwise term).</summary>
    Huber,
    /// <summary>h'(a) = clamp(a, −1, 1) (PyTorch's HuberLoss backward with δ = 1).</summary>
    HuberDerivative,
    /// <summary>Macro: z = W·a + b over a parameter block, emitted as loops (layers past the unroll budget). Vector-valued.</summary>
    MatVec,
    /// <summary>Macro: Wᵀ·δ over a parameter block (the matvec's input adjoint), emitted as loops. Vector-valued.</summary>
    TransposedMatVec,
    /// <summary>Element <c>Index</c> of a vector-valued macro node.</summary>
    Element,
}

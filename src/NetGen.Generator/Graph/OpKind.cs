namespace NetGen.Generator.Graph;

/// <summary>The operations of the scalar expression graph. Their forward and derivative rules live in <see cref="OpRules"/>.</summary>
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
    /// <summary>log Σᵢ e^(aᵢ), computed stably; its derivative is the softmax.</summary>
    LogSumExp,
    /// <summary>Fused sigmoid + binary cross-entropy of logit a and target b: −(b·log σ(a) + (1−b)·log(1−σ(a))), logs clamped at −100.</summary>
    SigmoidBinaryCrossEntropy,
    /// <summary>Macro: z = W·a + b over a parameter block, emitted as loops (layers past the unroll budget). Vector-valued.</summary>
    MatVec,
    /// <summary>Macro: Wᵀ·δ over a parameter block (the matvec's input adjoint), emitted as loops. Vector-valued.</summary>
    TransposedMatVec,
    /// <summary>Element <c>Index</c> of a vector-valued macro node.</summary>
    Element,
}

using System;

namespace NetGen;

/// <summary>
/// Marks a <c>partial</c> class as a neural network whose forward pass, gradients and training steps the NetGen
/// source generator writes at compile time. The layers come from one <see cref="InputAttribute"/> followed by
/// <see cref="DenseAttribute"/> layers, read in source order.
/// </summary>
/// <remarks>
/// The generator reads these values from the attribute's syntax at compile time; nothing reads them at run time.
/// Attribute data carries no property initialisers, so the generator applies the same defaults as documented here
/// for every named property that is not set.
/// </remarks>
/// <example>
/// <code>
/// [Network(Loss.MeanSquaredError, LearningRate = 0.1f)]
/// [Input(3)]
/// [Dense(1, Activation.Sigmoid)]
/// [Dense(1, Activation.Sigmoid)]
/// public partial class PassFail { }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>
    /// The default of <see cref="UnrollLimit"/>: a Dense layer with at most this many multiply-adds
    /// (inputs × units) is emitted as straight-line code. Chosen by measurement (see <c>benchmarks/README.md</c>):
    /// past about a thousand multiply-adds, straight-line code stops paying for its size (instruction cache, compile time).
    /// </summary>
    public const int DefaultUnrollLimit = 1024;

    private float? _learningRate;
    private float? _weightDecay;

    /// <summary>Initializes a new instance of the <see cref="NetworkAttribute"/> class.</summary>
    /// <param name="loss">The loss function the network is trained on.</param>
    public NetworkAttribute(Loss loss)
    {
        Loss = loss;
    }

    /// <summary>Gets the loss function the network is trained on.</summary>
    public Loss Loss { get; }

    /// <summary>Gets or sets the optimizer the training members apply. The default is <see cref="NetGen.Optimizer.Sgd"/>.</summary>
    public Optimizer Optimizer { get; set; } = Optimizer.Sgd;

    /// <summary>
    /// Gets or sets the initial learning rate. The default is 0.01, or 0.001 when <see cref="Optimizer"/> is
    /// <see cref="NetGen.Optimizer.Adam"/> or <see cref="NetGen.Optimizer.AdamW"/> and no learning rate was set. The
    /// generated network's <c>LearningRate</c> property starts from this value and can be changed at run time.
    /// </summary>
    public float LearningRate
    {
        get => _learningRate ?? (Optimizer == Optimizer.Adam || Optimizer == Optimizer.AdamW ? 0.001f : 0.01f);
        set => _learningRate = value;
    }

    /// <summary>
    /// Gets or sets the weight decay λ (PyTorch's <c>weight_decay</c>, finite and ≥ 0): for <see cref="NetGen.Optimizer.Sgd"/>
    /// and <see cref="NetGen.Optimizer.Adam"/> the gradient becomes <c>g + λ·p</c> before the update (L2 regularisation);
    /// for <see cref="NetGen.Optimizer.AdamW"/> it is decoupled, <c>p = p·(1 − lr·λ)</c> before the Adam update. The
    /// default is 0, or 0.01 (PyTorch's AdamW default) when <see cref="Optimizer"/> is <see cref="NetGen.Optimizer.AdamW"/> and
    /// no weight decay was set. It applies to every parameter, biases included, as PyTorch's single parameter group does.
    /// </summary>
    public float WeightDecay
    {
        get => _weightDecay ?? (Optimizer == Optimizer.AdamW ? 0.01f : 0f);
        set => _weightDecay = value;
    }

    /// <summary>
    /// Gets or sets the largest global gradient norm, or 0 (the default) for no clipping. When set, <c>TrainStep</c> and
    /// <c>TrainBatch</c> (and so <c>Trainer.Fit</c>) clip the batch's mean gradient before the optimizer step exactly as
    /// <c>torch.nn.utils.clip_grad_norm_(parameters, max_norm)</c>: <c>total = sqrt(Σ g²)</c> over all parameters,
    /// <c>g = g·min(1, max_norm / (total + 1e-6))</c>. Weight decay is applied after clipping, as PyTorch's optimizer adds it
    /// in <c>step()</c>. <c>Gradient</c> and <c>GradientBatch</c> return the unclipped gradient.
    /// </summary>
    public float ClipGradientNorm { get; set; }

    /// <summary>Gets or sets the SGD momentum μ (PyTorch's <c>momentum</c>, dampening 0). The default is 0 (no momentum).</summary>
    public float Momentum { get; set; }

    /// <summary>Gets or sets Adam's decay rate β1 for the first moment. The default is 0.9, PyTorch's.</summary>
    public float Beta1 { get; set; } = 0.9f;

    /// <summary>Gets or sets Adam's decay rate β2 for the second moment. The default is 0.999, PyTorch's.</summary>
    public float Beta2 { get; set; } = 0.999f;

    /// <summary>Gets or sets Adam's ε, added to the denominator for numerical stability. The default is 1e-8, PyTorch's.</summary>
    public float Epsilon { get; set; } = 1e-8f;

    /// <summary>
    /// Gets or sets the seed the parameterless constructor initialises the parameters (and the dropout generator)
    /// from. The default is 0.
    /// </summary>
    public int Seed { get; set; }

    /// <summary>
    /// Gets or sets the number of multiply-adds of one Dense layer (inputs × units) up to which the layer is emitted
    /// as straight-line code; larger layers are emitted as loops with constant bounds. The default is
    /// <see cref="DefaultUnrollLimit"/>.
    /// </summary>
    public int UnrollLimit { get; set; } = DefaultUnrollLimit;

    /// <summary>
    /// Gets or sets the safetensors file whose parameters are baked into the assembly at compile time, or
    /// <see langword="null"/> (the default) for none. The file must be a <c>NetGenWeights</c> item of the project
    /// (<c>&lt;NetGenWeights Include="model.safetensors" /&gt;</c>); its tensors must be exactly the network's, named as
    /// the equivalent <c>torch.nn.Sequential</c> names them (see <c>docs/embedding.md</c>). The parameterless
    /// constructor then starts from those weights (the <c>int seed</c> constructor still initialises randomly), so an
    /// inference-only model needs no file at run time. A missing, corrupt or mis-shaped file is a compile-time error
    /// (NG0021–NG0023) at this property.
    /// </summary>
    public string? Weights { get; set; }

    /// <summary>
    /// Gets or sets whether the network is trained in this program (the default, <see langword="true"/>). With
    /// <see langword="false"/> the class is inference-only: it implements <see cref="IInferenceNetwork"/> instead of
    /// <see cref="INetwork"/> and gets no gradient, training, loss or learning-rate members, no optimizer state, no dropout
    /// machinery and no GPU trainer, so the generated code is the forward pass, the parameters and their files only
    /// (<c>Save</c>/<c>Load</c>/<c>Restore</c> with empty optimizer sections, safetensors, baked weights). <c>[Dropout]</c>
    /// layers are accepted (they are the identity at inference, and keep the <c>torch.nn.Sequential</c> indices); the
    /// loss and the optimizer's hyper-parameters are still checked but otherwise unused.
    /// </summary>
    public bool Trainable { get; set; } = true;

    /// <summary>
    /// Gets or sets the time window, in steps, that a sequence network's training members unroll (a network with a
    /// <see cref="GruAttribute"/>, <see cref="LstmAttribute"/>, <see cref="RnnAttribute"/> or <see cref="CausalConv1DAttribute"/>
    /// layer): <c>Gradient</c>, <c>TrainStep</c>, <c>TrainBatch</c>, <c>Evaluate</c> and <c>PredictBatch</c> take
    /// <c>[n, SequenceLength, InputSize]</c> inputs and backpropagate through those steps from a zero state. Required for a
    /// trainable sequence network (NG0054); 0 (the default) leaves an inference-only sequence network streaming only.
    /// </summary>
    public int SequenceLength { get; set; }

    /// <summary>
    /// Gets or sets which steps a sequence network's loss covers: <see cref="NetGen.SequenceLoss.EveryStep"/> (the default)
    /// or <see cref="NetGen.SequenceLoss.LastStep"/>.
    /// </summary>
    public SequenceLoss SequenceLoss { get; set; }

    /// <summary>
    /// Gets or sets whether the network computes bit for bit the same results everywhere (default
    /// <see langword="false"/>). With <see langword="true"/>, <c>Predict</c>, <c>PredictBatch</c> (any batch size, any
    /// position of a sample in it) and the training members (<c>Gradient</c>, <c>GradientBatch</c>, <c>TrainStep</c>,
    /// <c>TrainBatch</c>, <c>Evaluate</c>) give the same float bits on every processor (x64 with or without AVX2,
    /// AVX-512 or FMA, Arm64), every vector width and every thread count: the network runs one fixed path, the scalar
    /// kernels (no SIMD, no fused multiply-add), with NetGen's own exp, log and tanh
    /// (<c>NetGen.Runtime.DeterministicMath</c>) instead of the platform's <see cref="MathF"/>, and sums in one fixed
    /// order. The price is the speed of the SIMD and matrix paths (see <c>docs/determinism.md</c>). The GPU trainer is not
    /// covered.
    /// </summary>
    public bool Deterministic { get; set; }
}

using NetGen.Generator.Graph;

namespace NetGen.Generator.Model.Activations;

/// <summary>
/// Everything about one activation, in one place: how it is lowered (its op, whose table entry holds the forward rule,
/// derivative, double-precision value and every dialect's spelling, vector implementation included), how the weights
/// feeding it are initialised, and its PyTorch module (tensor names, docs, the interchange checks). The entries live in
/// <see cref="ActivationTable"/>.
/// </summary>
internal sealed class ActivationDefinition
{
    public ActivationDefinition(ActivationKind kind, ActivationShape shape, OpKind? op, Initialisation initialisation, string pyTorchModule)
    {
        Kind = kind;
        Shape = shape;
        Op = op;
        Initialisation = initialisation;
        PyTorchModule = pyTorchModule;
    }

    public ActivationKind Kind { get; }

    public ActivationShape Shape { get; }

    /// <summary>The elementwise op f (null for Identity and Softmax).</summary>
    public OpKind? Op { get; }

    public Initialisation Initialisation { get; }

    /// <summary>The PyTorch module that computes the same function, e.g. <c>nn.SiLU()</c> (empty for Identity: no module).</summary>
    public string PyTorchModule { get; }

    /// <summary>Whether the activation is a module of its own in <c>nn.Sequential</c> (every one but Identity).</summary>
    public bool IsModule => Shape != ActivationShape.Identity;
}

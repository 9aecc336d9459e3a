using NetGen.Generator.Graph;

namespace NetGen.Generator.Emit.Printing;

/// <summary>
/// The kernel-level half of a <see cref="Dialect"/>: what a backend's kernels are called and take, where scratch values
/// and gradients are stored, and how the loops of a layer past the unroll budget are written. The statements themselves
/// are <see cref="KernelPrinter"/>'s.
/// </summary>
internal abstract class KernelForm
{
    /// <summary>The method name of a kernel.</summary>
    public abstract string Name(KernelKind kind);

    /// <summary>Its return type (<c>void</c> for the forward kernel).</summary>
    public abstract string ReturnType(KernelKind kind);

    /// <summary>The parameter list of the kernel (<paramref name="part"/> false) or of its parts.</summary>
    public abstract string Parameters(KernelSchedule k, bool part);

    /// <summary>The arguments the entry method passes to its parts (span kernels; ILGPU passes its views and offsets).</summary>
    public virtual string Arguments(KernelSchedule k) => k.Kind switch
    {
        KernelKind.Forward => k.MaskSize > 0 ? "p, x, m, s, y" : "p, x, s, y",
        KernelKind.Gradient => k.MaskSize > 0 ? "p, x, t, m, s, g" : "p, x, t, s, g",
        KernelKind.Backward => "p, x, t, s, g",
        KernelKind.BackwardInput => "p, x, t, s, g, dx",
        KernelKind.InputGradient => "p, x, t, s, dx",
        _ => throw new System.InvalidOperationException($"Kernel kind {k.Kind} has no arguments."),
    };

    /// <summary>The scratch declaration of the entry method, or null (none needed, or passed in).</summary>
    public abstract string? ScratchDeclaration(KernelSchedule k);

    /// <summary>Scratch slot <paramref name="slot"/>.</summary>
    public abstract string Scratch(int slot);

    /// <summary>The gradient slot of parameter <paramref name="index"/>.</summary>
    public abstract string Gradient(int index);

    /// <summary>Terms per statement of a long sum.</summary>
    public abstract int TermsPerLine { get; }

    /// <summary>
    /// Sums of more than one term are accumulated in a local, two multiply-adds a line (lane code: a nested chain of
    /// multiply-adds on one line is unreadable, one a line doubles the text); false keeps <see cref="TermsPerLine"/> terms a statement.
    /// </summary>
    public virtual bool OneTermPerLine => false;

    /// <summary>
    /// Comments on every neuron and chain-rule term, and the parameter named on every gradient statement: the scalar kernel,
    /// the one to read. The others print the same graph and comment it per layer (<see cref="CommentSummary"/>).
    /// </summary>
    public virtual bool NamesParameters => false;

    /// <summary>The loops of a <see cref="OpKind.MatVec"/> or <see cref="OpKind.TransposedMatVec"/> macro.</summary>
    public abstract void Macro(IndentedWriter w, KernelSchedule k, Node node);

    /// <summary>The loop <c>g[W + j·C + i] += δ[j]·a[i]</c> of a looped layer.</summary>
    public abstract void GradientBlock(IndentedWriter w, KernelSchedule k, GradientBlock block);

    /// <summary>The name of a kernel of <paramref name="kind"/> with the given suffix: <c>NetGenForward</c>, <c>NetGenGradient</c>.</summary>
    protected static string Named(string prefix, KernelKind kind, string suffix) => kind switch
    {
        KernelKind.Forward => prefix + "Forward" + suffix,
        KernelKind.Gradient => prefix + "Gradient" + suffix,
        KernelKind.Backward => prefix + "Backward" + suffix,
        KernelKind.BackwardInput => prefix + "BackwardInput" + suffix,
        KernelKind.InputGradient => prefix + "InputGradient" + suffix,
        _ => throw new System.InvalidOperationException($"Kernel kind {kind} has no name."),
    };
}

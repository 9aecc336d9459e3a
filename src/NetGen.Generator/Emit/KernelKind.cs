namespace NetGen.Generator.Emit;

/// <summary>The three computations emitted from the one graph: outputs, loss, loss + gradient.</summary>
internal enum KernelKind
{
    /// <summary><c>y = f(x)</c>: the network's outputs.</summary>
    Forward,
    /// <summary>The per-sample loss of <c>(x, t)</c>.</summary>
    Loss,
    /// <summary>The per-sample loss and <c>g += ∂L/∂θ</c>.</summary>
    Gradient,
}

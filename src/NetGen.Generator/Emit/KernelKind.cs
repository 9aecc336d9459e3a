namespace NetGen.Generator.Emit;

/// <summary>
/// The two computations emitted from the one graph: outputs, and loss + gradient (which <c>Evaluate</c> also runs, so
/// that its loss is exactly the one <c>GradientBatch</c> returns and the forward pass is not printed a third time).
/// </summary>
internal enum KernelKind
{
    /// <summary><c>y = f(x)</c>: the network's outputs.</summary>
    Forward,
    /// <summary>The per-sample loss and <c>g += ∂L/∂θ</c>.</summary>
    Gradient,
    /// <summary>The vector–Jacobian product of the outputs with leaves <c>t</c> holding ∂L/∂y: <c>g += ∂(t·y)/∂θ</c> (<c>Backward</c>).</summary>
    Backward,
    /// <summary>As <see cref="Backward"/>, and <c>dx = ∂(t·y)/∂x</c>.</summary>
    BackwardInput,
    /// <summary>The per-sample loss and <c>dx = ∂L/∂x</c> (no parameter gradient).</summary>
    InputGradient,
}

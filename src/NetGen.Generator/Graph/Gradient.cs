using System.Collections.Generic;

namespace NetGen.Generator.Graph;

/// <summary>
/// The result of reverse-mode differentiation: for every parameter that the output depends on, the node of
/// ∂output/∂p (scalar entries) or a <see cref="GradientBlock"/> (looped layers); adjoints of inputs when asked.
/// </summary>
internal sealed class Gradient
{
    /// <summary>Parameter index → node of its gradient, in ascending parameter order.</summary>
    public SortedDictionary<int, int> Parameters { get; } = new();

    /// <summary>Weight blocks of looped layers, each emitted as a loop.</summary>
    public List<GradientBlock> Blocks { get; } = new();

    /// <summary>Input index → node of ∂output/∂x[i] (only when inputs were differentiated).</summary>
    public SortedDictionary<int, int> Inputs { get; } = new();

    /// <summary>Every node's adjoint ∂output/∂node, for the nodes the output depends on.</summary>
    public Dictionary<int, int> Adjoints { get; } = new();
}

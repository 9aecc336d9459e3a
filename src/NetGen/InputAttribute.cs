using System;

namespace NetGen;

/// <summary>
/// Declares the input size of a <see cref="NetworkAttribute"/> network. Write it exactly once, before the
/// <see cref="DenseAttribute"/> layers.
/// </summary>
/// <remarks>
/// The attribute is declared with <c>AllowMultiple = true</c> on purpose: a duplicate <c>[Input]</c> is then reported
/// by NetGen's own diagnostic, which explains the problem, rather than by the compiler's generic CS0579.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class InputAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="InputAttribute"/> class.</summary>
    /// <param name="size">The number of inputs of one sample; must be positive.</param>
    public InputAttribute(int size)
    {
        Size = size;
    }

    /// <summary>Gets the number of inputs of one sample.</summary>
    public int Size { get; }
}

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen.Benchmarks.HandWritten;

/// <summary>
/// An activation as a type argument, so every kernel is compiled once per activation with the function inlined (the
/// struct type arguments make the JIT specialise the generic kernels; no delegate, no switch in the inner loops).
/// </summary>
public interface IActivation
{
    /// <summary>f(z) on one vector.</summary>
    static abstract Vector256<float> Apply(Vector256<float> z);
}

/// <summary>f(z) = z.</summary>
public struct IdentityActivation : IActivation
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Apply(Vector256<float> z) => z;
}

/// <summary>f(z) = tanh z (<see cref="HandMath.Tanh"/>).</summary>
public struct TanhActivation : IActivation
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Apply(Vector256<float> z) => HandMath.Tanh(z);
}

/// <summary>f(z) = max(z, 0).</summary>
public struct ReluActivation : IActivation
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Apply(Vector256<float> z) => HandMath.Relu(z);
}

/// <summary>f(z) = z·σ(z) (SiLU, Swish).</summary>
public struct SiluActivation : IActivation
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Apply(Vector256<float> z) => z * HandMath.Sigmoid(z);
}

#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen.Runtime;

// Reductions across the lanes of one vector (the softmax of batch-1 Predict's neuron kernels), written per width:
// each narrows to the next width down, so they cannot come from the Vector256 text as the lane functions do.
public static partial class VectorMath
{
    /// <summary>The largest lane of <paramref name="x"/> in every lane (IEEE maximum: NaN if any lane is NaN).</summary>
    /// <param name="x">The values.</param>
    /// <returns>max(x₀, …, x₃) in each of the 4 lanes.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MaxAcross(Vector128<float> x)
    {
        x = Vector128.Max(x, Vector128.Shuffle(x, Vector128.Create(2, 3, 0, 1)));
        return Vector128.Max(x, Vector128.Shuffle(x, Vector128.Create(1, 0, 3, 2)));
    }

    /// <summary>The largest lane of <paramref name="x"/> in every lane (IEEE maximum: NaN if any lane is NaN).</summary>
    /// <param name="x">The values.</param>
    /// <returns>max(x₀, …, x₇) in each of the 8 lanes.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MaxAcross(Vector256<float> x)
    {
        Vector128<float> half = MaxAcross(Vector128.Max(x.GetLower(), x.GetUpper()));
        return Vector256.Create(half, half);
    }

    /// <summary>The largest lane of <paramref name="x"/> in every lane (IEEE maximum: NaN if any lane is NaN).</summary>
    /// <param name="x">The values.</param>
    /// <returns>max(x₀, …, x₁₅) in each of the 16 lanes.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MaxAcross(Vector512<float> x)
    {
        Vector256<float> half = MaxAcross(Vector256.Max(x.GetLower(), x.GetUpper()));
        return Vector512.Create(half, half);
    }
}
#endif

using System;
using ILGPU;

namespace NetGen.Ilgpu;

/// <summary>
/// The update kernels of <see cref="NetworkGpuTrainer{TNetwork, TKernels}"/>: a grid-stride loop over the parameters
/// (a launch of fewer threads than parameters covers them all) that sums the <c>ls</c> gradient slots of parameter
/// <c>k</c> in slot order (a fixed order: bit-identical run to run), divides by the batch size and applies the
/// optimizer as PyTorch does, with the arithmetic of the CPU path (<c>NetGen.Runtime.OptimizerSteps</c>).
/// </summary>
/// <remarks>
/// Slot layout (<c>interleaved</c>): ≠ 0, columns of <c>[parameter, slot]</c> (slot <c>j</c> of parameter <c>k</c> at
/// <c>k·ls + j</c>); 0, rows of <c>[slot, parameter]</c> (at <c>j·ParameterCount + k</c>).
/// </remarks>
internal static class OptimizerKernels
{
    /// <summary>SGD: <c>p -= a·ḡ</c> (<c>a</c> the learning rate).</summary>
    /// <typeparam name="TKernels">The network's kernel struct (its parameter count).</typeparam>
    /// <param name="p">The parameters.</param>
    /// <param name="g">The gradient slots.</param>
    /// <param name="n">Samples in the batch.</param>
    /// <param name="ls">Gradient slots in use.</param>
    /// <param name="a">The learning rate.</param>
    /// <param name="threads">Threads launched (the grid stride).</param>
    /// <param name="interleaved">Non-zero for the column layout.</param>
    public static void Sgd<TKernels>(ArrayView<float> p, ArrayView<float> g, int n, int ls, float a, int threads, int interleaved)
        where TKernels : struct, INetworkGpuKernels
    {
        int parameterCount = default(TKernels).ParameterCount;
        int es = interleaved != 0 ? ls : 1, js = interleaved != 0 ? 1 : parameterCount;
        for (int k = Grid.GlobalIndex.X; k < parameterCount; k += threads)
        {
            float gradient = MeanOverSlots(g, k * es, js, ls, n);
            p[k] -= a * gradient;
        }
    }

    /// <summary>SGD with momentum μ: <c>v = μ·v + ḡ</c> (<c>v = ḡ</c> on the first step), <c>p -= a·v</c>.</summary>
    /// <typeparam name="TKernels">The network's kernel struct (its parameter count and momentum).</typeparam>
    /// <param name="p">The parameters.</param>
    /// <param name="g">The gradient slots.</param>
    /// <param name="velocity">The velocity.</param>
    /// <param name="n">Samples in the batch.</param>
    /// <param name="ls">Gradient slots in use.</param>
    /// <param name="a">The learning rate.</param>
    /// <param name="firstStep">Non-zero on the optimizer's first step.</param>
    /// <param name="threads">Threads launched (the grid stride).</param>
    /// <param name="interleaved">Non-zero for the column layout.</param>
    public static void Momentum<TKernels>(ArrayView<float> p, ArrayView<float> g, ArrayView<float> velocity, int n, int ls, float a, int firstStep, int threads, int interleaved)
        where TKernels : struct, INetworkGpuKernels
    {
        TKernels kernels = default;
        int parameterCount = kernels.ParameterCount;
        float momentum = kernels.Momentum;
        int es = interleaved != 0 ? ls : 1, js = interleaved != 0 ? 1 : parameterCount;
        for (int k = Grid.GlobalIndex.X; k < parameterCount; k += threads)
        {
            float gradient = MeanOverSlots(g, k * es, js, ls, n);
            float v = firstStep != 0 ? gradient : momentum * velocity[k] + gradient;
            velocity[k] = v;
            p[k] -= a * v;
        }
    }

    /// <summary>
    /// Adam with bias correction: <c>m = β1·m + (1−β1)·ḡ</c>, <c>v = β2·v + (1−β2)·ḡ²</c>, <c>p += a·m / (√v / b + ε)</c>
    /// with <c>a</c> = −lr/(1−β1^t) and <c>b</c> = √(1−β2^t), computed in double on the host as the CPU path does.
    /// </summary>
    /// <typeparam name="TKernels">The network's kernel struct (its parameter count, β1, β2 and ε).</typeparam>
    /// <param name="p">The parameters.</param>
    /// <param name="g">The gradient slots.</param>
    /// <param name="m">The first moment.</param>
    /// <param name="v">The second moment.</param>
    /// <param name="n">Samples in the batch.</param>
    /// <param name="ls">Gradient slots in use.</param>
    /// <param name="a">−lr/(1−β1^t).</param>
    /// <param name="b">√(1−β2^t).</param>
    /// <param name="oneMinusBeta1">1 − β1, rounded to float from double (as the CPU path computes it).</param>
    /// <param name="oneMinusBeta2">1 − β2, rounded to float from double.</param>
    /// <param name="threads">Threads launched (the grid stride).</param>
    /// <param name="interleaved">Non-zero for the column layout.</param>
    public static void Adam<TKernels>(
        ArrayView<float> p, ArrayView<float> g, ArrayView<float> m, ArrayView<float> v, int n, int ls, float a, float b,
        float oneMinusBeta1, float oneMinusBeta2, int threads, int interleaved)
        where TKernels : struct, INetworkGpuKernels
    {
        TKernels kernels = default;
        int parameterCount = kernels.ParameterCount;
        float beta1 = kernels.Beta1, beta2 = kernels.Beta2, epsilon = kernels.Epsilon;
        int es = interleaved != 0 ? ls : 1, js = interleaved != 0 ? 1 : parameterCount;
        for (int k = Grid.GlobalIndex.X; k < parameterCount; k += threads)
        {
            float gradient = MeanOverSlots(g, k * es, js, ls, n);
            float mk = beta1 * m[k] + oneMinusBeta1 * gradient;
            float vk = beta2 * v[k] + oneMinusBeta2 * gradient * gradient;
            m[k] = mk;
            v[k] = vk;
            float denominator = MathF.Sqrt(vk) / b + epsilon;
            p[k] += a * mk / denominator;
        }
    }

    /// <summary>The slots of one parameter added in slot order (slot 0 first), divided by <paramref name="n"/>.</summary>
    private static float MeanOverSlots(ArrayView<float> g, int first, int stride, int ls, int n)
    {
        float sum = g[first];
        for (int j = 1; j < ls; j++) sum += g[first + j * stride];
        return sum / n;
    }
}

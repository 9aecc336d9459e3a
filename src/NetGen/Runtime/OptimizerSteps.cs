using System;
using System.ComponentModel;

namespace NetGen.Runtime;

/// <summary>
/// The optimizer updates of generated networks, following PyTorch exactly: <c>torch.optim.SGD</c> (dampening 0,
/// no Nesterov, no weight decay) and <c>torch.optim.Adam</c> (no AMSGrad, no weight decay). This type is
/// infrastructure for generated code.
/// </summary>
/// <remarks>
/// Every span passed to one call has the same length; the generated caller guarantees it, so the methods do not
/// check it. They allocate nothing and update the spans in place.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class OptimizerSteps
{
    /// <summary>Plain SGD: <c>p -= lr·g</c> for every parameter.</summary>
    /// <param name="parameters">The parameters to update in place.</param>
    /// <param name="gradient">The gradient of the (mean) loss, the same length as <paramref name="parameters"/>.</param>
    /// <param name="learningRate">The learning rate.</param>
    public static void Sgd(Span<float> parameters, ReadOnlySpan<float> gradient, float learningRate)
    {
        int i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            // The same multiply then subtract per element as the loop below (no fused multiply-add): the same bits.
            var rate = new System.Numerics.Vector<float>(learningRate);
            var p = System.Runtime.InteropServices.MemoryMarshal.Cast<float, System.Numerics.Vector<float>>(parameters);
            var g = System.Runtime.InteropServices.MemoryMarshal.Cast<float, System.Numerics.Vector<float>>(gradient);
            for (int v = 0; v < p.Length; v++) p[v] -= rate * g[v];
            i = p.Length * System.Numerics.Vector<float>.Count;
        }

        for (; i < parameters.Length; i++)
        {
            parameters[i] -= learningRate * gradient[i];
        }
    }

    /// <summary>
    /// SGD with momentum μ (dampening 0): <c>v = g</c> on the first step, <c>v = μ·v + g</c> afterwards; then
    /// <c>p -= lr·v</c>.
    /// </summary>
    /// <param name="parameters">The parameters to update in place.</param>
    /// <param name="gradient">The gradient of the (mean) loss, the same length as <paramref name="parameters"/>.</param>
    /// <param name="velocity">The momentum buffer <c>v</c>, the same length; read (except on the first step) and overwritten.</param>
    /// <param name="learningRate">The learning rate.</param>
    /// <param name="momentum">The momentum μ.</param>
    /// <param name="step">The 1-based number of this step (1 on the first step).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is less than 1.</exception>
    public static void SgdMomentum(
        Span<float> parameters,
        ReadOnlySpan<float> gradient,
        Span<float> velocity,
        float learningRate,
        float momentum,
        long step)
    {
        if (step < 1)
        {
            ThrowStepOutOfRange(step);
        }

        if (step == 1)
        {
            for (int i = 0; i < parameters.Length; i++)
            {
                float v = gradient[i];
                velocity[i] = v;
                parameters[i] -= learningRate * v;
            }
        }
        else
        {
            for (int i = 0; i < parameters.Length; i++)
            {
                float v = momentum * velocity[i] + gradient[i];
                velocity[i] = v;
                parameters[i] -= learningRate * v;
            }
        }
    }

    /// <summary>
    /// Adam: <c>m = β1·m + (1−β1)·g</c>, <c>v = β2·v + (1−β2)·g²</c>, then with <c>t = step</c>
    /// <c>p -= (lr / (1−β1^t))·m / (sqrt(v)/sqrt(1−β2^t) + ε)</c>, PyTorch's own arrangement
    /// (<c>param.addcdiv_(exp_avg, denom, value=-step_size)</c>).
    /// </summary>
    /// <remarks>
    /// The bias corrections, the step size and <c>sqrt(1−β2^t)</c> are computed in <see cref="double"/> (as PyTorch does
    /// with Python floats); the per-element arithmetic is <see cref="float"/>.
    /// </remarks>
    /// <param name="parameters">The parameters to update in place.</param>
    /// <param name="gradient">The gradient of the (mean) loss, the same length as <paramref name="parameters"/>.</param>
    /// <param name="m">The first-moment estimate (PyTorch's <c>exp_avg</c>), the same length; zero before the first step.</param>
    /// <param name="v">The second-moment estimate (PyTorch's <c>exp_avg_sq</c>), the same length; zero before the first step.</param>
    /// <param name="learningRate">The learning rate.</param>
    /// <param name="beta1">The first-moment decay rate β1.</param>
    /// <param name="beta2">The second-moment decay rate β2.</param>
    /// <param name="epsilon">The ε added to the denominator.</param>
    /// <param name="step">The 1-based number of this step (1 on the first step).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is less than 1.</exception>
    public static void Adam(
        Span<float> parameters,
        ReadOnlySpan<float> gradient,
        Span<float> m,
        Span<float> v,
        float learningRate,
        float beta1,
        float beta2,
        float epsilon,
        long step)
    {
        if (step < 1)
        {
            ThrowStepOutOfRange(step);
        }

        AdamUpdate(parameters, gradient, m, v, learningRate, beta1, beta2, epsilon, 1.0 - Math.Pow(beta1, step), 1.0 - Math.Pow(beta2, step));
    }

    /// <summary>
    /// <see cref="Adam"/> for a network with <c>Deterministic = true</c>: the same step, with β1ᵗ and β2ᵗ computed by
    /// <see cref="DeterministicMath.Pow(double, long)"/> (a fixed sequence of multiplications) instead of the C library's
    /// <see cref="Math.Pow(double, double)"/>, so the step is the same bits on every machine.
    /// </summary>
    /// <param name="parameters">The parameters to update in place.</param>
    /// <param name="gradient">The gradient of the (mean) loss, the same length as <paramref name="parameters"/>.</param>
    /// <param name="m">The first-moment estimate, the same length; zero before the first step.</param>
    /// <param name="v">The second-moment estimate, the same length; zero before the first step.</param>
    /// <param name="learningRate">The learning rate.</param>
    /// <param name="beta1">The first-moment decay rate β1.</param>
    /// <param name="beta2">The second-moment decay rate β2.</param>
    /// <param name="epsilon">The ε added to the denominator.</param>
    /// <param name="step">The 1-based number of this step (1 on the first step).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is less than 1.</exception>
    public static void AdamDeterministic(
        Span<float> parameters,
        ReadOnlySpan<float> gradient,
        Span<float> m,
        Span<float> v,
        float learningRate,
        float beta1,
        float beta2,
        float epsilon,
        long step)
    {
        if (step < 1)
        {
            ThrowStepOutOfRange(step);
        }

        AdamUpdate(parameters, gradient, m, v, learningRate, beta1, beta2, epsilon, 1.0 - DeterministicMath.Pow(beta1, step), 1.0 - DeterministicMath.Pow(beta2, step));
    }

    private static void AdamUpdate(
        Span<float> parameters,
        ReadOnlySpan<float> gradient,
        Span<float> m,
        Span<float> v,
        float learningRate,
        float beta1,
        float beta2,
        float epsilon,
        double biasCorrection1,
        double biasCorrection2)
    {
        float negativeStepSize = (float)(-(learningRate / biasCorrection1));
        float biasCorrection2Sqrt = (float)Math.Sqrt(biasCorrection2);
        float oneMinusBeta1 = (float)(1.0 - beta1);
        float oneMinusBeta2 = (float)(1.0 - beta2);

        for (int i = 0; i < parameters.Length; i++)
        {
            float g = gradient[i];
            float mi = beta1 * m[i] + oneMinusBeta1 * g;
            float vi = beta2 * v[i] + oneMinusBeta2 * g * g;
            m[i] = mi;
            v[i] = vi;
            float denominator = MathF.Sqrt(vi) / biasCorrection2Sqrt + epsilon;
            parameters[i] += negativeStepSize * mi / denominator;
        }
    }

    private static void ThrowStepOutOfRange(long step) =>
        throw new ArgumentOutOfRangeException(nameof(step), step, "The step count starts at 1.");
}

using System;
using System.ComponentModel;

namespace NetGen.Runtime;

/// <summary>
/// The optimizer updates of generated networks, following PyTorch exactly: <c>torch.optim.SGD</c> (dampening 0,
/// no Nesterov), <c>torch.optim.Adam</c> and <c>torch.optim.AdamW</c> (no AMSGrad), each with PyTorch's
/// <c>weight_decay</c>, and <c>torch.nn.utils.clip_grad_norm_</c>. This type is infrastructure for generated code.
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
    public static void Sgd(Span<float> parameters, ReadOnlySpan<float> gradient, float learningRate) =>
        Sgd(parameters, gradient, learningRate, weightDecay: 0f);

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
        long step) =>
        SgdMomentum(parameters, gradient, velocity, learningRate, momentum, step, weightDecay: 0f);

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
        AdamCore(parameters, gradient, m, v, learningRate, beta1, beta2, epsilon, step, weightDecay: 0f);
    }

    /// <summary>
    /// <see cref="Adam(Span{float}, ReadOnlySpan{float}, Span{float}, Span{float}, float, float, float, float, long)"/> for a
    /// network with <c>Deterministic = true</c> (kept for compatibility: every Adam step now computes β1ᵗ and β2ᵗ this way): the same step, with β1ᵗ and β2ᵗ computed by
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
        // Every Adam step computes β1ᵗ and β2ᵗ this way now; the name stays for the code generated before.
        Adam(parameters, gradient, m, v, learningRate, beta1, beta2, epsilon, step);
    }

    /// <summary>
    /// SGD with weight decay λ (PyTorch's <c>weight_decay</c>): <c>p -= lr·(g + λ·p)</c>. The gradient is not changed.
    /// </summary>
    /// <param name="parameters">The parameters to update in place.</param>
    /// <param name="gradient">The gradient of the (mean) loss, the same length as <paramref name="parameters"/>.</param>
    /// <param name="learningRate">The learning rate.</param>
    /// <param name="weightDecay">The weight decay λ.</param>
    public static void Sgd(Span<float> parameters, ReadOnlySpan<float> gradient, float learningRate, float weightDecay)
    {
        int i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            // The same multiplies, adds and subtracts per element as the loop below (no fused multiply-add): the same bits.
            var rate = new System.Numerics.Vector<float>(learningRate);
            var decay = new System.Numerics.Vector<float>(weightDecay);
            var p = System.Runtime.InteropServices.MemoryMarshal.Cast<float, System.Numerics.Vector<float>>(parameters);
            var g = System.Runtime.InteropServices.MemoryMarshal.Cast<float, System.Numerics.Vector<float>>(gradient);
            for (int v = 0; v < p.Length; v++) p[v] -= rate * (weightDecay == 0f ? g[v] : g[v] + decay * p[v]);
            i = p.Length * System.Numerics.Vector<float>.Count;
        }

        for (; i < parameters.Length; i++)
        {
            // Without weight decay the gradient as it is (g + 0·p would turn −0 into +0 and ∞·0 into NaN).
            parameters[i] -= learningRate * (weightDecay == 0f ? gradient[i] : gradient[i] + weightDecay * parameters[i]);
        }
    }

    /// <summary>
    /// SGD with momentum μ (dampening 0) and weight decay λ: <c>d = g + λ·p</c>; <c>v = d</c> on the first step,
    /// <c>v = μ·v + d</c> afterwards; then <c>p -= lr·v</c>. The gradient is not changed.
    /// </summary>
    /// <param name="parameters">The parameters to update in place.</param>
    /// <param name="gradient">The gradient of the (mean) loss, the same length as <paramref name="parameters"/>.</param>
    /// <param name="velocity">The momentum buffer <c>v</c>, the same length; read (except on the first step) and overwritten.</param>
    /// <param name="learningRate">The learning rate.</param>
    /// <param name="momentum">The momentum μ.</param>
    /// <param name="step">The 1-based number of this step (1 on the first step).</param>
    /// <param name="weightDecay">The weight decay λ.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is less than 1.</exception>
    public static void SgdMomentum(
        Span<float> parameters,
        ReadOnlySpan<float> gradient,
        Span<float> velocity,
        float learningRate,
        float momentum,
        long step,
        float weightDecay)
    {
        if (step < 1)
        {
            ThrowStepOutOfRange(step);
        }

        for (int i = 0; i < parameters.Length; i++)
        {
            float p = parameters[i];
            float d = weightDecay == 0f ? gradient[i] : gradient[i] + weightDecay * p;
            float v = step == 1 ? d : momentum * velocity[i] + d;
            velocity[i] = v;
            parameters[i] = p - learningRate * v;
        }
    }

    /// <summary>
    /// Adam with L2 weight decay λ (<c>torch.optim.Adam(weight_decay=λ)</c>): the update of
    /// <see cref="Adam(Span{float}, ReadOnlySpan{float}, Span{float}, Span{float}, float, float, float, float, long)"/> with the
    /// gradient <c>g + λ·p</c>. The gradient is not changed.
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
    /// <param name="weightDecay">The weight decay λ.</param>
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
        long step,
        float weightDecay) =>
        AdamCore(parameters, gradient, m, v, learningRate, beta1, beta2, epsilon, step, weightDecay);

    /// <summary>
    /// AdamW (<c>torch.optim.AdamW</c>, no AMSGrad): decoupled weight decay <c>p = p·(1 − lr·λ)</c> (the factor computed in
    /// <see cref="double"/> and rounded once, as PyTorch multiplies by a Python float), then the Adam update with the unchanged
    /// gradient.
    /// </summary>
    /// <param name="parameters">The parameters to update in place.</param>
    /// <param name="gradient">The gradient of the (mean) loss, the same length as <paramref name="parameters"/>.</param>
    /// <param name="m">The first-moment estimate, the same length; zero before the first step.</param>
    /// <param name="v">The second-moment estimate, the same length; zero before the first step.</param>
    /// <param name="learningRate">The learning rate.</param>
    /// <param name="beta1">The first-moment decay rate β1.</param>
    /// <param name="beta2">The second-moment decay rate β2.</param>
    /// <param name="epsilon">The ε added to the denominator.</param>
    /// <param name="weightDecay">The decoupled weight decay λ.</param>
    /// <param name="step">The 1-based number of this step (1 on the first step).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is less than 1.</exception>
    public static void AdamW(
        Span<float> parameters,
        ReadOnlySpan<float> gradient,
        Span<float> m,
        Span<float> v,
        float learningRate,
        float beta1,
        float beta2,
        float epsilon,
        float weightDecay,
        long step)
    {
        if (step < 1)
        {
            ThrowStepOutOfRange(step);
        }

        if (weightDecay != 0f)
        {
            float factor = (float)(1.0 - (double)learningRate * weightDecay);
            for (int i = 0; i < parameters.Length; i++) parameters[i] *= factor;
        }

        Adam(parameters, gradient, m, v, learningRate, beta1, beta2, epsilon, step);
    }

    /// <summary>
    /// Clips the gradient by its global norm, as <c>torch.nn.utils.clip_grad_norm_(parameters, maxNorm)</c> (norm type 2):
    /// <c>total = sqrt(Σ g²)</c> over every element, <c>coef = maxNorm / (total + 1e-6)</c>, and every element is multiplied
    /// by <c>coef</c> when <c>coef &lt; 1</c> (PyTorch multiplies by <c>min(coef, 1)</c>, the same values). The sum of squares
    /// is accumulated in <see cref="double"/>.
    /// </summary>
    /// <param name="gradient">The gradient, changed in place.</param>
    /// <param name="maxNorm">The largest norm the gradient keeps (&gt; 0).</param>
    /// <returns>The gradient's total norm before clipping (what PyTorch's function returns).</returns>
    public static float ClipGradientNorm(Span<float> gradient, float maxNorm)
    {
        double sum = 0;
        for (int i = 0; i < gradient.Length; i++)
        {
            double g = gradient[i];
            sum += g * g;
        }

        float total = (float)Math.Sqrt(sum);
        float coefficient = maxNorm / (total + 1e-6f);
        if (coefficient < 1f)
        {
            for (int i = 0; i < gradient.Length; i++) gradient[i] *= coefficient;
        }

        return total;
    }

    /// <summary>The one Adam update (Adam, Adam with L2 weight decay λ added to the gradient, AdamW's Adam part).</summary>
    private static void AdamCore(
        Span<float> parameters,
        ReadOnlySpan<float> gradient,
        Span<float> m,
        Span<float> v,
        float learningRate,
        float beta1,
        float beta2,
        float epsilon,
        long step,
        float weightDecay)
    {
        if (step < 1)
        {
            ThrowStepOutOfRange(step);
        }

        // β1ᵗ and β2ᵗ by a fixed sequence of multiplications (not the C library's pow), so every Adam step is the same bits
        // on every machine (deterministic networks rely on it; the difference from Math.Pow is a few ulps of a double).
        double biasCorrection1 = 1.0 - DeterministicMath.Pow(beta1, step);
        double biasCorrection2 = 1.0 - DeterministicMath.Pow(beta2, step);
        float negativeStepSize = (float)(-(learningRate / biasCorrection1));
        float biasCorrection2Sqrt = (float)Math.Sqrt(biasCorrection2);
        float oneMinusBeta1 = (float)(1.0 - beta1);
        float oneMinusBeta2 = (float)(1.0 - beta2);

        for (int i = 0; i < parameters.Length; i++)
        {
            // L2 weight decay (Adam's weight_decay) adds λ·p to the gradient; without it the gradient is used as it is.
            float g = weightDecay == 0f ? gradient[i] : gradient[i] + weightDecay * parameters[i];
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

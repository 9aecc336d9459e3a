using System;
using System.ComponentModel;

namespace NetGen.Runtime;

/// <summary>
/// Scalar functions the generated code calls where an inline expression would be long. For generated code;
/// not part of NetGen's public contract.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ScalarMath
{
    /// <summary>
    /// Binary cross-entropy of a sigmoid output computed from its logit, as PyTorch's <c>BCELoss</c> on
    /// <c>sigmoid(logit)</c>: −(t·log σ(z) + (1 − t)·log(1 − σ(z))) with each log clamped at −100. The logs are
    /// computed as −softplus(∓z), so they stay accurate where σ(z) rounds to 0 or 1 in float.
    /// </summary>
    /// <param name="logit">The pre-activation z of the output.</param>
    /// <param name="target">The target t, usually in [0, 1].</param>
    /// <returns>The loss term of this output.</returns>
    public static float SigmoidBinaryCrossEntropy(float logit, float target)
    {
        float logY = MathF.Max(-Softplus(-logit), -100f);
        float logNotY = MathF.Max(-Softplus(logit), -100f);
        return -(target * logY + (1f - target) * logNotY);
    }

    /// <summary>log(1 + eˣ), without overflow for large x.</summary>
    /// <param name="x">Any finite value.</param>
    /// <returns>softplus(x).</returns>
    public static float Softplus(float x) => MathF.Max(x, 0f) + MathF.Log(1f + MathF.Exp(-MathF.Abs(x)));
}

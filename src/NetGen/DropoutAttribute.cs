using System;

namespace NetGen;

/// <summary>
/// Inverted dropout (PyTorch's <c>nn.Dropout</c>) on the output of the <see cref="DenseAttribute"/> layer written
/// just before it (after that layer's activation): during training (<c>Gradient</c>, <c>GradientBatch</c>,
/// <c>TrainStep</c>, <c>TrainBatch</c>) each unit is zeroed with probability <see cref="P"/> and the kept units are
/// scaled by <c>1/(1−p)</c>; <c>Predict</c>, <c>PredictBatch</c> and <c>Evaluate</c> use no dropout. The mask is part
/// of the derivation (the backward code multiplies by the same mask) and is drawn from a generator per instance,
/// seeded from the network's seed, so training is deterministic for a seed.
/// </summary>
/// <remarks>
/// Write it between two <see cref="DenseAttribute"/> layers: dropout before the first or after the last layer is a
/// diagnostic, as is <see cref="P"/> outside [0, 1). Declared with <c>AllowMultiple = true</c> so that misuse is
/// reported by NetGen's diagnostics rather than the compiler's CS0579.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DropoutAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="DropoutAttribute"/> class.</summary>
    /// <param name="p">The probability of zeroing a unit during training, in [0, 1).</param>
    public DropoutAttribute(float p)
    {
        P = p;
    }

    /// <summary>Gets the probability of zeroing a unit during training.</summary>
    public float P { get; }
}

using System;

namespace NetGen.Training;

/// <summary>
/// Checks a network's analytic gradient (<see cref="INetwork.GradientBatch"/>) against central finite differences of
/// its loss (<see cref="INetwork.Evaluate"/>) on given samples, parameter by parameter, and reports the worst relative
/// error per layer (PyTorch's <c>gradcheck</c> is the model). The parameters are left exactly as they were.
/// </summary>
/// <remarks>
/// The network computes its loss in float32, so the differences are taken in float32 with a step of
/// <c>h = step·max(1, |θ|)</c> (default 2e-2) and 2h, combined by Richardson extrapolation so that the truncation error is
/// O(h⁴) while the large step keeps float rounding small; the quotients are taken in double. Errors are relative per
/// element, with a floor of 3e-2 of the largest gradient element and of the float noise of the loss (50 ulps over the step). A correct gradient then shows relative errors around
/// 1e-3 (this is NOT a double-precision check; a wrong term shows up as 1e-1 or more). Networks with <c>[Dropout]</c> draw a new mask per call and cannot be checked this way;
/// avoid samples that sit on a ReLU kink.
/// </remarks>
public static class GradientCheck
{
    private static double CentralDifference(INetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int k, float original, float h)
    {
        float up = original + h, down = original - h;
        network.Parameters[k] = up;
        double plus = network.Evaluate(inputs, targets);
        network.Parameters[k] = down;
        double minus = network.Evaluate(inputs, targets);
        network.Parameters[k] = original;
        return (plus - minus) / ((double)up - down);
    }

    /// <summary>Compares the analytic gradient with central finite differences.</summary>
    /// <param name="network">The network to check (its parameters are restored).</param>
    /// <param name="inputs">Row-major features <c>[n, InputSize]</c>, n ≥ 1.</param>
    /// <param name="targets">Row-major targets <c>[n, OutputSize]</c>.</param>
    /// <param name="step">Relative finite-difference step h (default 2e-2; 2h is used too).</param>
    /// <param name="tolerance">Worst relative error the report's <see cref="GradientCheckReport.Passed"/> accepts (default 3e-2).</param>
    /// <returns>The worst relative error of each layer and overall.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentException">A length or the step is invalid.</exception>
    /// <exception cref="InvalidOperationException">Two gradient calls on the same data differ (the network uses dropout).</exception>
    public static GradientCheckReport Run(INetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, float step = 2e-2f, double tolerance = 3e-2)
    {
        if (network is null) throw new ArgumentNullException(nameof(network));
        Runtime.NetworkArguments.CheckBatch(inputs.Length, network.InputSize, nameof(inputs), targets.Length, network.OutputSize, nameof(targets), allowEmpty: false);
        if (!(step > 0f && step < 1f)) throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be in (0, 1).");

        int count = network.ParameterCount;
        var analytic = new float[count];
        var again = new float[count];
        network.GradientBatch(inputs, targets, analytic);
        network.GradientBatch(inputs, targets, again);
        if (!analytic.AsSpan().SequenceEqual(again))
            throw new InvalidOperationException("Two gradients of the same data differ: the network uses [Dropout], whose random mask a finite-difference check cannot follow.");

        var offsets = network.LayerOffsets;
        var layerErrors = new double[offsets.Length - 1];
        var worstIndex = new int[offsets.Length - 1];
        var numeric = new double[count];
        double scale = 0;
        foreach (float g in analytic) scale = Math.Max(scale, Math.Abs(g));
        // Errors are relative to each element, with a floor of 3e-2 of the largest gradient so that elements near 0
        // (where float rounding of the loss dominates the difference) do not decide the result.
        // The loss is rounded to float (relative 6e-8, a few roundings deep): differences below ~50 ulps of the loss
        // over the step are noise, so that is a floor too.
        double loss = Math.Abs(network.Evaluate(inputs, targets));
        double floor = Math.Max(Math.Max(3e-2 * scale, 50 * 6e-8 * loss / step), 1e-7);
        double worst = 0;
        int worstAt = -1;
        for (int layer = 0; layer < layerErrors.Length; layer++)
        {
            worstIndex[layer] = -1;
            for (int k = offsets[layer]; k < offsets[layer + 1]; k++)
            {
                float original = network.Parameters[k];
                float h = step * Math.Max(1f, Math.Abs(original));
                // Central differences with steps h and 2h, combined by Richardson extrapolation (error O(h⁴)).
                double d1 = CentralDifference(network, inputs, targets, k, original, h);
                double d2 = CentralDifference(network, inputs, targets, k, original, 2 * h);
                numeric[k] = (4 * d1 - d2) / 3;
                double error = Math.Abs(numeric[k] - analytic[k]) / Math.Max(floor, Math.Max(Math.Abs(numeric[k]), Math.Abs(analytic[k])));
                if (worstIndex[layer] < 0 || error > layerErrors[layer])
                {
                    layerErrors[layer] = error;
                    worstIndex[layer] = k;
                }
                if (worstAt < 0 || error > worst)
                {
                    worst = error;
                    worstAt = k;
                }
            }
        }
        return new GradientCheckReport(layerErrors, worstIndex, worst, worstAt, analytic, numeric, tolerance);
    }
}

using System;

namespace NetGen.Training;

/// <summary>
/// Checks a network's analytic gradient (<see cref="INetwork.GradientBatch"/>) against central finite differences in
/// double precision, parameter by parameter, and reports the worst relative error per layer (PyTorch's
/// <c>gradcheck</c> is the model). The parameters are left exactly as they were.
/// </summary>
/// <remarks>
/// The generated loss is float32, too coarse for finite differences, so the differences are taken on an independent
/// double-precision forward pass and loss read from the network's layout (<see cref="IInferenceNetwork.Layers"/>,
/// <see cref="INetwork.Loss"/>), at the network's own parameters: central
/// differences with step <c>h = step·max(1, |θ|)</c> (default 1e-6), truncation error O(h²) ≈ 1e-12. That reference is
/// first checked against the network's <see cref="INetwork.Evaluate"/>. Each element's error is relative to
/// max(|analytic|, |numeric|, 1e-3 of the largest gradient element): the analytic gradient is float32, so a correct
/// network shows errors around 1e-6 (a wrong term shows up as 1e-2 or more; the default tolerance is 1e-3). Networks
/// with <c>[Dropout]</c> draw a new mask per call and cannot be checked this way; avoid samples that sit on a ReLU kink.
/// </remarks>
public static class GradientCheck
{
    /// <summary>Compares the analytic gradient with central finite differences in double precision.</summary>
    /// <param name="network">The network to check (its parameters are not changed).</param>
    /// <param name="inputs">Row-major features <c>[n, InputSize]</c>, n ≥ 1.</param>
    /// <param name="targets">Row-major targets <c>[n, OutputSize]</c>.</param>
    /// <param name="step">Relative finite-difference step h, in (0, 0.1) (default 1e-6).</param>
    /// <param name="tolerance">Worst relative error the report's <see cref="GradientCheckReport.Passed"/> accepts (default 1e-3).</param>
    /// <returns>The worst relative error of each layer and overall.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentException">A length or the step is invalid, or the network's layout is inconsistent.</exception>
    /// <exception cref="InvalidOperationException">
    /// Two gradient calls on the same data differ (the network uses dropout), or the network's loss differs from the
    /// double-precision reference of its layout.
    /// </exception>
    public static GradientCheckReport Run(INetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, double step = 1e-6, double tolerance = 1e-3)
    {
        if (network is null) throw new ArgumentNullException(nameof(network));
        int n = Runtime.NetworkArguments.CheckBatch(inputs.Length, network.InputSize, nameof(inputs), targets.Length, network.OutputSize, nameof(targets), allowEmpty: false);
        if (!(step > 0 && step < 0.1)) throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be in (0, 0.1).");

        int count = network.ParameterCount;
        var analytic = new float[count];
        var again = new float[count];
        network.GradientBatch(inputs, targets, analytic);
        network.GradientBatch(inputs, targets, again);
        if (!analytic.AsSpan().SequenceEqual(again))
            throw new InvalidOperationException("Two gradients of the same data differ: the network uses [Dropout], whose random mask a finite-difference check cannot follow.");

        var reference = new DoubleReference(network);
        var p = new double[count];
        var parameters = network.Parameters;
        for (int k = 0; k < count; k++) p[k] = parameters[k];
        double referenceLoss = reference.MeanLoss(p, inputs, targets, n);
        double networkLoss = network.Evaluate(inputs, targets);
        if (!(Math.Abs(referenceLoss - networkLoss) <= 1e-4 * Math.Max(1, Math.Abs(referenceLoss))))
            throw new InvalidOperationException($"The network's loss ({networkLoss:R}) differs from the double-precision reference of its layout ({referenceLoss:R}): Layers or Loss do not describe it.");

        var layers = network.Layers;
        var layerErrors = new double[layers.Length];
        var worstIndex = new int[layers.Length];
        var numeric = new double[count];
        double scale = 0;
        foreach (float g in analytic) scale = Math.Max(scale, Math.Abs(g));
        double floor = Math.Max(1e-3 * scale, 1e-12);
        double worst = 0;
        int worstAt = -1;
        for (int layer = 0; layer < layerErrors.Length; layer++)
        {
            worstIndex[layer] = -1;
            int start = layers[layer].ParameterOffset, end = start + layers[layer].ParameterCount;
            for (int k = start; k < end; k++)
            {
                double original = p[k];
                double h = step * Math.Max(1, Math.Abs(original));
                p[k] = original + h;
                double plus = reference.MeanLoss(p, inputs, targets, n);
                p[k] = original - h;
                double minus = reference.MeanLoss(p, inputs, targets, n);
                p[k] = original;
                numeric[k] = (plus - minus) / (2 * h);
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

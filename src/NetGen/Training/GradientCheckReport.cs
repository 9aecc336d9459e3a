using System;
using System.Globalization;
using System.Text;

namespace NetGen.Training;

/// <summary>The result of <see cref="GradientCheck.Run"/>: the worst relative error per layer and overall.</summary>
public sealed class GradientCheckReport
{
    private readonly double[] _layerErrors;
    private readonly int[] _layerWorstIndex;
    private readonly float[] _analytic;
    private readonly double[] _numeric;

    internal GradientCheckReport(double[] layerErrors, int[] layerWorstIndex, double worstError, int worstIndex, float[] analytic, double[] numeric, double tolerance)
    {
        _layerErrors = layerErrors;
        _layerWorstIndex = layerWorstIndex;
        _analytic = analytic;
        _numeric = numeric;
        WorstError = worstError;
        WorstIndex = worstIndex;
        Tolerance = tolerance;
    }

    /// <summary>Worst relative error of each layer of <see cref="IInferenceNetwork.Layers"/> (0-based, in source order; 0 for a layer without parameters).</summary>
    public ReadOnlySpan<double> LayerErrors => _layerErrors;

    /// <summary>Index in <see cref="IInferenceNetwork.Parameters"/> of each layer's worst parameter.</summary>
    public ReadOnlySpan<int> LayerWorstIndices => _layerWorstIndex;

    /// <summary>The analytic gradient (<see cref="INetwork.GradientBatch"/>).</summary>
    public ReadOnlySpan<float> Analytic => _analytic;

    /// <summary>The finite-difference gradient.</summary>
    public ReadOnlySpan<double> Numeric => _numeric;

    /// <summary>Worst relative error over all parameters.</summary>
    public double WorstError { get; }

    /// <summary>Index of the parameter with the worst error.</summary>
    public int WorstIndex { get; }

    /// <summary>The tolerance <see cref="Passed"/> uses.</summary>
    public double Tolerance { get; }

    /// <summary>Whether every parameter's relative error is within <see cref="Tolerance"/>.</summary>
    public bool Passed => WorstError <= Tolerance;

    /// <summary>One line per layer: worst relative error and where.</summary>
    /// <returns>A readable summary.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Passed ? "Gradient check passed" : "Gradient check FAILED")
            .AppendFormat(CultureInfo.InvariantCulture, " (worst relative error {0:E2}, tolerance {1:E2})", WorstError, Tolerance).AppendLine();
        for (int l = 0; l < _layerErrors.Length; l++)
        {
            int k = _layerWorstIndex[l];
            text.AppendFormat(CultureInfo.InvariantCulture, "  layer {0}: worst {1:E2} at p[{2}] (analytic {3:G6}, numeric {4:G6})",
                l + 1, _layerErrors[l], k, k >= 0 ? _analytic[k] : float.NaN, k >= 0 ? _numeric[k] : double.NaN).AppendLine();
        }
        return text.ToString();
    }
}

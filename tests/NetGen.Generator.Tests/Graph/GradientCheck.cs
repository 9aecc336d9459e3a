using System;
using System.Text;
using NetGen.Generator.Graph;
using Xunit;

namespace NetGen.Generator.Tests.Graph;

/// <summary>
/// Checks a symbolic gradient (the nodes <see cref="ReverseModeDifferentiator"/> built) against central finite
/// differences of the output node, both evaluated in double with <see cref="GraphEvaluator"/>.
/// </summary>
internal static class GradientCheck
{
    /// <summary>Relative tolerance: central differences in double are good to ~1e-9 at these step sizes.</summary>
    private const double Tolerance = 1e-6;

    /// <summary>∂output/∂p as numbers: scalar entries plus every looped block expanded as δ[j]·a[i].</summary>
    public static double[] SymbolicParameters(Gradient gradient, GraphEvaluator values, int parameterCount)
    {
        var result = new double[parameterCount];
        foreach (var entry in gradient.Parameters) result[entry.Key] += values[entry.Value];
        foreach (var block in gradient.Blocks)
        {
            var b = block.Block;
            Assert.Equal(b.Rows, block.Deltas.Length);
            Assert.Equal(b.Columns, block.Inputs.Length);
            for (int j = 0; j < b.Rows; j++)
            {
                for (int i = 0; i < b.Columns; i++)
                {
                    result[b.WeightOffset + j * b.Columns + i] += values[block.Deltas[j]] * values[block.Inputs[i]];
                }
            }
        }
        return result;
    }

    /// <summary>∂output/∂x as numbers (inputs the output does not depend on are 0).</summary>
    public static double[] SymbolicInputs(Gradient gradient, GraphEvaluator values, int inputCount)
    {
        var result = new double[inputCount];
        foreach (var entry in gradient.Inputs) result[entry.Key] = values[entry.Value];
        return result;
    }

    /// <summary>(f(v + h·eₖ) − f(v − h·eₖ)) / 2h for every k, where v is <paramref name="x"/> or <paramref name="p"/>.</summary>
    public static double[] CentralDifferences(ExpressionGraph graph, int output, double[] x, double[] t, double[] p, bool ofInputs)
    {
        double[] varied = ofInputs ? x : p;
        var result = new double[varied.Length];
        for (int k = 0; k < varied.Length; k++)
        {
            double saved = varied[k];
            double h = 1e-5 * Math.Max(1.0, Math.Abs(saved));
            varied[k] = saved + h;
            double plus = GraphEvaluator.Evaluate(graph, x, t, p)[output];
            varied[k] = saved - h;
            double minus = GraphEvaluator.Evaluate(graph, x, t, p)[output];
            varied[k] = saved;
            result[k] = (plus - minus) / (2 * h);
        }
        return result;
    }

    /// <summary>Differentiates <paramref name="output"/> (parameters and inputs) and compares both with finite differences.</summary>
    public static void AssertGradientsMatch(ExpressionGraph graph, int output, double[] x, double[] t, double[] p)
    {
        var gradient = ReverseModeDifferentiator.Differentiate(graph, output, differentiateInputs: true);
        var values = GraphEvaluator.Evaluate(graph, x, t, p);
        Assert.True(double.IsFinite(values[output]), $"The output evaluates to {values[output]}; choose a point where it is finite.");
        AssertClose(CentralDifferences(graph, output, x, t, p, ofInputs: false), SymbolicParameters(gradient, values, p.Length), "∂f/∂p");
        AssertClose(CentralDifferences(graph, output, x, t, p, ofInputs: true), SymbolicInputs(gradient, values, x.Length), "∂f/∂x");
    }

    /// <summary>Fails with every mismatching entry listed.</summary>
    public static void AssertClose(double[] finiteDifferences, double[] symbolic, string what)
    {
        Assert.Equal(finiteDifferences.Length, symbolic.Length);
        var failures = new StringBuilder();
        for (int k = 0; k < symbolic.Length; k++)
        {
            double fd = finiteDifferences[k], s = symbolic[k];
            double scale = Math.Max(1.0, Math.Max(Math.Abs(fd), Math.Abs(s)));
            if (!(Math.Abs(fd - s) <= Tolerance * scale))
            {
                failures.AppendLine($"  {what}[{k}]: symbolic {s:R}, finite differences {fd:R}");
            }
        }
        Assert.True(failures.Length == 0, $"{what} differs from central finite differences:\n{failures}");
    }
}

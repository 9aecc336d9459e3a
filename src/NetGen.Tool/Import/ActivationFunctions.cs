using System;
using System.Collections.Generic;

namespace NetGen.Tool.Import;

/// <summary>
/// NetGen's element-wise activations as functions in double precision (PyTorch's definitions), so that an element-wise
/// piece of an ONNX graph can be recognised by what it computes rather than by how an exporter spelled it
/// (<c>x·Sigmoid(x)</c>, ML-Agents' Swish, Erf-based GELU, …): <see cref="ElementwiseClassifier"/> evaluates the piece
/// at probe points and compares.
/// </summary>
internal static class ActivationFunctions
{
    /// <summary>The element-wise activations in the order they are tried (Softmax is not element-wise; Identity is the affine case).</summary>
    public static IReadOnlyList<(Activation Activation, Func<double, double> Function)> Elementwise { get; } = new (Activation, Func<double, double>)[]
    {
        (Activation.Relu, x => Math.Max(x, 0)),
        (Activation.LeakyRelu, x => x >= 0 ? x : 0.01 * x),
        (Activation.Sigmoid, Sigmoid),
        (Activation.Tanh, Math.Tanh),
        (Activation.Silu, x => x * Sigmoid(x)),
        (Activation.Gelu, x => 0.5 * x * (1 + Erf(x / Math.Sqrt(2)))),
        (Activation.GeluTanh, x => 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)))),
        (Activation.Elu, x => x > 0 ? x : Math.Exp(x) - 1),
        (Activation.Softplus, Softplus),
        (Activation.Mish, x => x * Math.Tanh(Softplus(x))),
        (Activation.HardSigmoid, x => Math.Clamp(x / 6 + 0.5, 0, 1)),
        (Activation.HardSwish, x => x * Math.Clamp(x / 6 + 0.5, 0, 1)),
    };

    /// <summary>Whether f(max(a, b)) = max(f(a), f(b)): such an activation may move across a max pool.</summary>
    public static bool IsNonDecreasing(Activation activation) => activation is Activation.Relu or Activation.LeakyRelu
        or Activation.Sigmoid or Activation.Tanh or Activation.Elu or Activation.Softplus or Activation.HardSigmoid;

    /// <summary>σ(x).</summary>
    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>PyTorch's softplus (β = 1, threshold 20).</summary>
    public static double Softplus(double x) => x > 20 ? x : Math.Log(1 + Math.Exp(x));

    /// <summary>The error function (Abramowitz–Stegun 7.1.26 is too coarse here: a series/continued fraction to ~1e-15).</summary>
    public static double Erf(double x)
    {
        double t = Math.Abs(x);
        double result;
        if (t < 3)
        {
            // Taylor series: erf(x) = 2/√π Σ (−1)ⁿ x^(2n+1) / (n! (2n+1)).
            double sum = 0, term = t;
            for (int n = 0; n < 200; n++)
            {
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.Abs(add) < 1e-17 * Math.Abs(sum)) break;
                term *= -t * t / (n + 1);
            }
            result = 2 / Math.Sqrt(Math.PI) * sum;
        }
        else
        {
            // Continued fraction for erfc.
            double f = t;
            for (int n = 60; n >= 1; n--) f = t + n / 2.0 / f;
            result = 1 - Math.Exp(-t * t) / Math.Sqrt(Math.PI) / f;
        }
        return x < 0 ? -result : result;
    }
}

using System;
using NetGen.Generator.Model;
using NetGen.Generator.Model.Layers;

namespace NetGen.Generator.Tests.Graph;

/// <summary>
/// A plain double-precision implementation of a <see cref="NetworkSpec"/>'s forward pass and per-sample loss, written
/// from the public contract (PyTorch semantics) and independent of the expression graph.
/// </summary>
internal static class ReferenceNetwork
{
    public static double[] Forward(NetworkSpec spec, double[] x, double[] p, out double[] lastPreActivation)
    {
        double[] a = x;
        double[] z = x;
        int offset = 0;
        foreach (var layer in spec.Layers)
        {
            if (layer is not DenseLayer dense) continue;   // Dropout: the identity outside training
            int rows = dense.Units, columns = dense.InputSize;
            int bias = offset + rows * columns;
            z = new double[rows];
            for (int j = 0; j < rows; j++)
            {
                double sum = p[bias + j];
                for (int i = 0; i < columns; i++) sum += p[offset + j * columns + i] * a[i];
                z[j] = sum;
            }
            offset = bias + rows;
            a = Activate(z, dense.Activation);
        }
        lastPreActivation = z;
        return a;
    }

    public static double Loss(NetworkSpec spec, double[] x, double[] t, double[] p)
    {
        double[] y = Forward(spec, x, p, out double[] z);
        double total = 0;
        switch (spec.Loss)
        {
            case LossKind.MeanSquaredError:
                for (int j = 0; j < y.Length; j++) total += (y[j] - t[j]) * (y[j] - t[j]);
                return total / y.Length;
            case LossKind.BinaryCrossEntropy:
                for (int j = 0; j < y.Length; j++)
                {
                    total -= t[j] * Math.Max(Math.Log(y[j]), -100) + (1 - t[j]) * Math.Max(Math.Log(1 - y[j]), -100);
                }
                return total / y.Length;
            default:
                double max = double.NegativeInfinity;
                foreach (double v in z) max = Math.Max(max, v);
                double s = 0;
                foreach (double v in z) s += Math.Exp(v - max);
                double lse = max + Math.Log(s);
                for (int j = 0; j < z.Length; j++) total -= t[j] * (z[j] - lse);
                return total;
        }
    }

    private static double[] Activate(double[] z, ActivationKind activation)
    {
        var a = new double[z.Length];
        if (activation == ActivationKind.Softmax)
        {
            double max = double.NegativeInfinity;
            foreach (double v in z) max = Math.Max(max, v);
            double s = 0;
            foreach (double v in z) s += Math.Exp(v - max);
            for (int j = 0; j < z.Length; j++) a[j] = Math.Exp(z[j] - max) / s;
            return a;
        }
        for (int j = 0; j < z.Length; j++)
        {
            double v = z[j];
            a[j] = activation switch
            {
                ActivationKind.Identity => v,
                ActivationKind.Sigmoid => 1 / (1 + Math.Exp(-v)),
                ActivationKind.Tanh => Math.Tanh(v),
                ActivationKind.Relu => Math.Max(v, 0),
                ActivationKind.LeakyRelu => v > 0 ? v : 0.01 * v,
                _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
            };
        }
        return a;
    }
}

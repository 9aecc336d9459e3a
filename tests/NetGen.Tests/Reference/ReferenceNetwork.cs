using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Tests.Reference;

/// <summary>
/// One Dense layer of a <see cref="ReferenceNetwork"/>, and the drop probability of a [Dropout] after it (0 = none: the
/// layer's units then take no place in a dropout mask).
/// </summary>
public sealed record ReferenceLayer(int Units, Activation Activation, double DropoutAfter = 0);

/// <summary>
/// The test oracle: a plain double-precision implementation of a dense network, written independently of
/// the generator (loops over layers, hand-written backpropagation). Parameters are laid out as the contract
/// says: per layer, weights row-major [out, in], then bias [out]. Dropout is an explicit mask per sample (one factor
/// per unit of every layer with <see cref="ReferenceLayer.DropoutAfter"/> &gt; 0, in layer order; null: no dropout,
/// as in inference), so the dropout tests check the generated code against the same oracle.
/// </summary>
public sealed class ReferenceNetwork
{
    private readonly int[] _weightOffset;
    private readonly int[] _biasOffset;

    public ReferenceNetwork(int inputSize, IReadOnlyList<ReferenceLayer> layers, Loss loss)
    {
        if (layers.Count == 0) throw new ArgumentException("At least one layer is required.", nameof(layers));
        InputSize = inputSize;
        Layers = layers.ToArray();
        Loss = loss;
        _weightOffset = new int[Layers.Length];
        _biasOffset = new int[Layers.Length];
        int offset = 0, fanIn = inputSize, mask = 0;
        for (int l = 0; l < Layers.Length; l++)
        {
            if (Layers[l].DropoutAfter > 0) mask += Layers[l].Units;
            _weightOffset[l] = offset;
            offset += fanIn * Layers[l].Units;
            _biasOffset[l] = offset;
            offset += Layers[l].Units;
            fanIn = Layers[l].Units;
        }
        ParameterCount = offset;
        MaskSize = mask;
    }

    public int InputSize { get; }

    public int OutputSize => Layers[^1].Units;

    public int ParameterCount { get; }

    public ReferenceLayer[] Layers { get; }

    /// <summary>Length of one sample's dropout mask: the units of every layer a [Dropout] follows.</summary>
    public int MaskSize { get; }

    public Loss Loss { get; }

    /// <summary>Number of inputs of layer <paramref name="layer"/> (0-based).</summary>
    public int FanIn(int layer) => layer == 0 ? InputSize : Layers[layer - 1].Units;

    /// <summary>Index in the parameter vector of weight [o, i] of layer <paramref name="layer"/>.</summary>
    public int WeightIndex(int layer, int o, int i) => _weightOffset[layer] + o * FanIn(layer) + i;

    /// <summary>Index in the parameter vector of bias [o] of layer <paramref name="layer"/>.</summary>
    public int BiasIndex(int layer, int o) => _biasOffset[layer] + o;

    /// <summary>The network's output for one sample, with dropout mask <paramref name="mask"/> (null: no dropout).</summary>
    public double[] Predict(IReadOnlyList<double> p, IReadOnlyList<double> x, IReadOnlyList<double>? mask = null) =>
        Forward(p, x, mask).Activations[^1];

    /// <summary>Pre-activations z of every layer for one sample (to keep finite differences away from ReLU kinks).</summary>
    public double[][] PreActivations(IReadOnlyList<double> p, IReadOnlyList<double> x) => Forward(p, x).PreActivations;

    /// <summary>
    /// The per-sample loss (MSE and BCE: mean over outputs; CE: −Σ t·log softmax(z)), with dropout mask
    /// <paramref name="mask"/> (null: no dropout).
    /// </summary>
    public double LossOf(IReadOnlyList<double> p, IReadOnlyList<double> x, IReadOnlyList<double> t, IReadOnlyList<double>? mask = null)
    {
        var pass = Forward(p, x, mask);
        return SampleLoss(pass.PreActivations[^1], pass.Activations[^1], t);
    }

    /// <summary>Mean of the per-sample losses of a row-major batch.</summary>
    public double BatchLoss(IReadOnlyList<double> p, double[] inputs, double[] targets)
    {
        int n = inputs.Length / InputSize;
        double total = 0;
        for (int s = 0; s < n; s++) total += LossOf(p, Row(inputs, s, InputSize), Row(targets, s, OutputSize));
        return total / n;
    }

    /// <summary>Overwrites <paramref name="gradient"/> with ∂L/∂θ of one sample by backpropagation (no dropout); returns the loss.</summary>
    public double Gradient(IReadOnlyList<double> p, IReadOnlyList<double> x, IReadOnlyList<double> t, double[] gradient)
    {
        Array.Clear(gradient);
        var pass = Forward(p, x);
        int last = Layers.Length - 1;
        double[] y = pass.Activations[^1];
        double[] z = pass.PreActivations[^1];
        int n = y.Length;

        // δ of the last layer, ∂L/∂z_last.
        double[] delta = new double[n];
        if (Loss == Loss.CrossEntropy)
        {
            if (Layers[last].Activation != Activation.Softmax) throw new InvalidOperationException("CrossEntropy needs a Softmax output.");
            double targetSum = t.Sum();
            for (int i = 0; i < n; i++) delta[i] = y[i] * targetSum - t[i];
        }
        else
        {
            double[] dy = new double[n];
            for (int i = 0; i < n; i++)
            {
                dy[i] = Loss switch
                {
                    Loss.MeanSquaredError => 2 * (y[i] - t[i]) / n,
                    Loss.BinaryCrossEntropy => (-t[i] / y[i] + (1 - t[i]) / (1 - y[i])) / n,
                    _ => throw new ArgumentOutOfRangeException(nameof(Loss)),
                };
            }
            delta = ActivationBackward(Layers[last].Activation, z, y, dy);
        }

        for (int l = last; l >= 0; l--)
        {
            double[] aPrev = l == 0 ? x.ToArray() : pass.Activations[l - 1];
            int fanIn = FanIn(l);
            for (int o = 0; o < Layers[l].Units; o++)
            {
                gradient[BiasIndex(l, o)] = delta[o];
                for (int i = 0; i < fanIn; i++) gradient[WeightIndex(l, o, i)] = delta[o] * aPrev[i];
            }
            if (l == 0) break;
            double[] daPrev = new double[fanIn];
            for (int i = 0; i < fanIn; i++)
            {
                double sum = 0;
                for (int o = 0; o < Layers[l].Units; o++) sum += p[WeightIndex(l, o, i)] * delta[o];
                daPrev[i] = sum;
            }
            delta = ActivationBackward(Layers[l - 1].Activation, pass.PreActivations[l - 1], pass.Activations[l - 1], daPrev);
        }
        return SampleLoss(z, y, t);
    }

    /// <summary>Overwrites <paramref name="gradient"/> with the gradient of the batch's mean loss; returns that mean.</summary>
    public double BatchGradient(IReadOnlyList<double> p, double[] inputs, double[] targets, double[] gradient)
    {
        int n = inputs.Length / InputSize;
        var sample = new double[ParameterCount];
        Array.Clear(gradient);
        double total = 0;
        for (int s = 0; s < n; s++)
        {
            total += Gradient(p, Row(inputs, s, InputSize), Row(targets, s, OutputSize), sample);
            for (int k = 0; k < ParameterCount; k++) gradient[k] += sample[k];
        }
        for (int k = 0; k < ParameterCount; k++) gradient[k] /= n;
        return total / n;
    }

    public static double[] Row(double[] rows, int index, int width) => rows.AsSpan(index * width, width).ToArray();

    private (double[][] PreActivations, double[][] Activations) Forward(IReadOnlyList<double> p, IReadOnlyList<double> x, IReadOnlyList<double>? mask = null)
    {
        if (mask is not null && mask.Count != MaskSize) throw new ArgumentException($"Expected a mask of {MaskSize}.", nameof(mask));
        if (p.Count != ParameterCount) throw new ArgumentException($"Expected {ParameterCount} parameters.", nameof(p));
        if (x.Count != InputSize) throw new ArgumentException($"Expected {InputSize} inputs.", nameof(x));
        var zs = new double[Layers.Length][];
        var activations = new double[Layers.Length][];
        double[] a = x.ToArray();
        int maskOffset = 0;
        for (int l = 0; l < Layers.Length; l++)
        {
            var z = new double[Layers[l].Units];
            for (int o = 0; o < z.Length; o++)
            {
                double sum = p[BiasIndex(l, o)];
                for (int i = 0; i < a.Length; i++) sum += p[WeightIndex(l, o, i)] * a[i];
                z[o] = sum;
            }
            zs[l] = z;
            a = Activate(Layers[l].Activation, z);
            if (Layers[l].DropoutAfter > 0)
            {
                if (mask is not null)
                    for (int o = 0; o < a.Length; o++) a[o] *= mask[maskOffset + o];
                maskOffset += Layers[l].Units;
            }
            activations[l] = a;
        }
        return (zs, activations);
    }

    private static double[] Activate(Activation activation, double[] z)
    {
        if (activation == Activation.Softmax) return Softmax(z);
        var a = new double[z.Length];
        for (int i = 0; i < z.Length; i++)
        {
            a[i] = activation switch
            {
                Activation.Identity => z[i],
                Activation.Sigmoid => 1 / (1 + Math.Exp(-z[i])),
                Activation.Tanh => Math.Tanh(z[i]),
                Activation.Relu => z[i] > 0 ? z[i] : 0,
                Activation.LeakyRelu => z[i] > 0 ? z[i] : 0.01 * z[i],
                // The activations of issue 14: the runtime's double-precision definitions, which their own tests check
                // against PyTorch's numbers (Activations/Reference) and closed forms (Activations/Math).
                Activation.Silu or Activation.Gelu or Activation.GeluTanh or Activation.Elu or Activation.Softplus or Activation.Mish
                    or Activation.HardSigmoid or Activation.HardSwish => NetGen.Reference.ActivationMath.Apply((int)activation, z[i]),
                _ => throw new ArgumentOutOfRangeException(nameof(activation)),
            };
        }
        return a;
    }

    // ∂L/∂z from ∂L/∂a, for a = f(z).
    private static double[] ActivationBackward(Activation activation, double[] z, double[] a, double[] da)
    {
        var dz = new double[z.Length];
        if (activation == Activation.Softmax)
        {
            // ∂a_i/∂z_j = a_i (δij − a_j)  ⇒  dz_j = a_j (da_j − Σi da_i a_i)
            double dot = 0;
            for (int i = 0; i < a.Length; i++) dot += da[i] * a[i];
            for (int j = 0; j < a.Length; j++) dz[j] = a[j] * (da[j] - dot);
            return dz;
        }
        for (int i = 0; i < z.Length; i++)
        {
            double derivative = activation switch
            {
                Activation.Identity => 1,
                Activation.Sigmoid => a[i] * (1 - a[i]),
                Activation.Tanh => 1 - a[i] * a[i],
                Activation.Relu => z[i] > 0 ? 1 : 0,
                Activation.LeakyRelu => z[i] > 0 ? 1 : 0.01,
                Activation.Silu or Activation.Gelu or Activation.GeluTanh or Activation.Elu or Activation.Softplus or Activation.Mish
                    or Activation.HardSigmoid or Activation.HardSwish => NetGen.Reference.ActivationMath.Derivative((int)activation, z[i]),
                _ => throw new ArgumentOutOfRangeException(nameof(activation)),
            };
            dz[i] = derivative * da[i];
        }
        return dz;
    }

    public static double[] Softmax(double[] z)
    {
        double max = z.Max();
        var e = z.Select(v => Math.Exp(v - max)).ToArray();
        double sum = e.Sum();
        return e.Select(v => v / sum).ToArray();
    }

    private double SampleLoss(double[] z, double[] y, IReadOnlyList<double> t)
    {
        if (t.Count != y.Length) throw new ArgumentException($"Expected {y.Length} targets.", nameof(t));
        int n = y.Length;
        double sum = 0;
        switch (Loss)
        {
            case Loss.MeanSquaredError:
                for (int i = 0; i < n; i++) sum += (y[i] - t[i]) * (y[i] - t[i]);
                return sum / n;
            case Loss.BinaryCrossEntropy:
                for (int i = 0; i < n; i++)
                    sum -= t[i] * Math.Max(Math.Log(y[i]), -100) + (1 - t[i]) * Math.Max(Math.Log(1 - y[i]), -100);
                return sum / n;
            case Loss.CrossEntropy:
                // −Σ t_i log softmax(z)_i with log softmax(z)_i = z_i − log Σ_j exp z_j.
                double max = z.Max();
                double logSumExp = max + Math.Log(z.Sum(v => Math.Exp(v - max)));
                for (int i = 0; i < n; i++) sum -= t[i] * (z[i] - logSumExp);
                return sum;
            default:
                throw new ArgumentOutOfRangeException(nameof(Loss));
        }
    }
}

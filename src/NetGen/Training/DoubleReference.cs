using System;
using NetGen.Reference;

namespace NetGen.Training;

/// <summary>
/// An independent double-precision forward pass and loss of any <see cref="INetwork"/>, read from its layout
/// (<see cref="INetwork.LayerOffsets"/>, <see cref="INetwork.LayerActivations"/>, <see cref="INetwork.Loss"/>): plain
/// loops, no generated code. <see cref="GradientCheck"/> takes its finite differences on it.
/// </summary>
internal sealed class DoubleReference
{
    private readonly int _inputSize;
    private readonly int[] _units;
    private readonly int[] _offsets;
    private readonly Activation[] _activations;
    private readonly Loss _loss;
    private readonly double[][] _values;

    /// <summary>Reads the layout of <paramref name="network"/>.</summary>
    /// <exception cref="ArgumentException">The offsets, activations and sizes do not describe a chain of dense layers.</exception>
    public DoubleReference(INetwork network)
    {
        _inputSize = network.InputSize;
        _offsets = network.LayerOffsets.ToArray();
        _activations = network.LayerActivations.ToArray();
        _loss = network.Loss;
        int layers = _offsets.Length - 1;
        if (layers < 1 || _activations.Length != layers || _offsets[0] != 0 || _offsets[layers] != network.ParameterCount)
            throw new ArgumentException("LayerOffsets, LayerActivations and ParameterCount do not describe the network's layers.", nameof(network));
        _units = new int[layers];
        _values = new double[layers][];
        int fanIn = _inputSize;
        for (int k = 0; k < layers; k++)
        {
            int size = _offsets[k + 1] - _offsets[k];
            if (size <= 0 || size % (fanIn + 1) != 0)
                throw new ArgumentException($"Layer {k + 1} has {size} parameters, not a multiple of its {fanIn} inputs + 1.", nameof(network));
            _units[k] = size / (fanIn + 1);
            _values[k] = new double[_units[k]];
            fanIn = _units[k];
        }
        if (fanIn != network.OutputSize)
            throw new ArgumentException($"The last layer has {fanIn} units, but OutputSize is {network.OutputSize}.", nameof(network));
    }

    /// <summary>The mean loss of the batch under parameters <paramref name="p"/>, in double precision.</summary>
    public double MeanLoss(double[] p, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int n)
    {
        int nOut = _units[_units.Length - 1];
        double total = 0;
        for (int s = 0; s < n; s++)
        {
            double[] z = Forward(p, inputs.Slice(s * _inputSize, _inputSize));
            total += SampleLoss(z, targets.Slice(s * nOut, nOut));
        }
        return total / n;
    }

    /// <summary>
    /// The last layer's pre-activations z (the losses are written on z: softmax and sigmoid are folded into them);
    /// hidden layers are activated.
    /// </summary>
    private double[] Forward(double[] p, ReadOnlySpan<float> x)
    {
        int fanIn = _inputSize;
        double[]? previous = null;
        for (int k = 0; k < _units.Length; k++)
        {
            int w = _offsets[k], b = w + _units[k] * fanIn;
            double[] z = _values[k];
            for (int j = 0; j < _units[k]; j++)
            {
                double sum = p[b + j];
                for (int i = 0; i < fanIn; i++) sum += p[w + j * fanIn + i] * (previous is null ? x[i] : previous[i]);
                z[j] = sum;
            }
            if (k < _units.Length - 1) Activate(z, _activations[k]);
            previous = z;
            fanIn = _units[k];
        }
        return previous!;
    }

    private double SampleLoss(double[] z, ReadOnlySpan<float> t)
    {
        int m = z.Length;
        Activation last = _activations[_activations.Length - 1];
        switch (_loss)
        {
            case Loss.CrossEntropy:
            {
                // −Σ t·log softmax(z), max-shifted (the Softmax output is implied by the loss).
                double max = double.NegativeInfinity;
                foreach (double v in z) max = Math.Max(max, v);
                double sum = 0;
                foreach (double v in z) sum += Math.Exp(v - max);
                double logSum = max + Math.Log(sum), loss = 0;
                for (int j = 0; j < m; j++) loss -= t[j] * (z[j] - logSum);
                return loss;
            }
            case Loss.BinaryCrossEntropy:
            {
                // Mean over the outputs of −[t·log y + (1 − t)·log(1 − y)], y = σ(z), each log clamped at −100 as PyTorch.
                double loss = 0;
                for (int j = 0; j < m; j++)
                {
                    double logY = Math.Max(-Softplus(-z[j]), -100), logNotY = Math.Max(-Softplus(z[j]), -100);
                    loss -= t[j] * logY + (1 - t[j]) * logNotY;
                }
                return loss / m;
            }
            default:
            {
                var y = (double[])z.Clone();
                Activate(y, last);
                double loss = 0;
                for (int j = 0; j < m; j++) loss += (y[j] - t[j]) * (y[j] - t[j]);
                return loss / m;
            }
        }
    }

    private static double Softplus(double v) => v > 0 ? v + Math.Log(1 + Math.Exp(-v)) : Math.Log(1 + Math.Exp(v));

    private static void Activate(double[] z, Activation activation)
    {
        switch (activation)
        {
            case Activation.Softmax:
                double max = double.NegativeInfinity, sum = 0;
                foreach (double v in z) max = Math.Max(max, v);
                for (int j = 0; j < z.Length; j++) sum += z[j] = Math.Exp(z[j] - max);
                for (int j = 0; j < z.Length; j++) z[j] /= sum;
                break;
            default:
                // Elementwise, PyTorch's definitions (ActivationMath throws for a value it does not know).
                for (int j = 0; j < z.Length; j++) z[j] = ActivationMath.Apply((int)activation, z[j]);
                break;
        }
    }
}

using System;
using NetGen.Reference;

namespace NetGen.Training;

/// <summary>
/// An independent double-precision forward pass and loss of any <see cref="INetwork"/>, read from its layout
/// (<see cref="IInferenceNetwork.Layers"/>, <see cref="INetwork.Loss"/>): plain
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

    /// <summary>Reads the layout of <paramref name="network"/> (<see cref="IInferenceNetwork.Layers"/>; Dropout layers are the identity here).</summary>
    /// <exception cref="ArgumentException">The layers and sizes do not describe a chain of dense layers.</exception>
    /// <exception cref="NotSupportedException">A layer is of a kind this reference does not know.</exception>
    public DoubleReference(INetwork network)
    {
        _inputSize = network.InputSize;
        _loss = network.Loss;
        var dense = DenseLayers(network);
        int layers = dense.Length;
        _offsets = new int[layers];
        _activations = new Activation[layers];
        _units = new int[layers];
        _values = new double[layers][];
        int fanIn = _inputSize, next = 0;
        for (int k = 0; k < layers; k++)
        {
            var layer = dense[k];
            if (layer.InputSize != fanIn || layer.OutputSize <= 0 || layer.ParameterOffset != next || layer.ParameterCount != (fanIn + 1) * layer.OutputSize)
                throw new ArgumentException($"Dense layer {k + 1} ({layer.InputSize} → {layer.OutputSize}, {layer.ParameterCount} parameters at {layer.ParameterOffset}) does not follow its {fanIn} inputs.", nameof(network));
            _offsets[k] = layer.ParameterOffset;
            _activations[k] = layer.Activation;
            _units[k] = layer.OutputSize;
            _values[k] = new double[_units[k]];
            fanIn = _units[k];
            next += layer.ParameterCount;
        }
        if (next != network.ParameterCount)
            throw new ArgumentException($"The layers own {next} parameters, but ParameterCount is {network.ParameterCount}.", nameof(network));
        if (fanIn != network.OutputSize)
            throw new ArgumentException($"The last layer has {fanIn} units, but OutputSize is {network.OutputSize}.", nameof(network));
    }

    /// <summary>The Dense layers of <paramref name="network"/>, in order; Dropout layers are skipped (the identity without a mask).</summary>
    private static LayerDescription[] DenseLayers(INetwork network)
    {
        var layers = network.Layers;
        int count = 0;
        foreach (var layer in layers)
        {
            if (layer.Kind == LayerKind.Dense) count++;
            else if (layer.Kind != LayerKind.Dropout)
                throw new NotSupportedException($"GradientCheck's double-precision reference does not support layers of kind {layer.Kind}.");
        }
        if (count == 0) throw new ArgumentException("The network describes no Dense layer.", nameof(network));
        var dense = new LayerDescription[count];
        count = 0;
        foreach (var layer in layers) if (layer.Kind == LayerKind.Dense) dense[count++] = layer;
        return dense;
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
            case Loss.Huber:
            case Loss.L1:
            {
                // Mean over the outputs of h(y − t) (Huber, δ = 1) or |y − t|.
                var y = (double[])z.Clone();
                Activate(y, last);
                double loss = 0;
                for (int j = 0; j < m; j++)
                {
                    double e = Math.Abs(y[j] - t[j]);
                    loss += _loss == Loss.L1 ? e : e < 1 ? 0.5 * e * e : e - 0.5;
                }
                return loss / m;
            }
            case Loss.MeanSquaredError:
            {
                var y = (double[])z.Clone();
                Activate(y, last);
                double loss = 0;
                for (int j = 0; j < m; j++) loss += (y[j] - t[j]) * (y[j] - t[j]);
                return loss / m;
            }
            default:
                throw new NotSupportedException($"The double reference has no loss {_loss}.");
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

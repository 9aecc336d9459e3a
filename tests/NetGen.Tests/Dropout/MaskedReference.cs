using System;
using System.Collections.Generic;
using System.IO;
using NetGen.Runtime;
using NetGen.Tests.Networks;

namespace NetGen.Tests.Dropout;

/// <summary>One layer of a <see cref="MaskedReference"/>: units, activation, and the drop probability after it (0 = none).</summary>
public sealed record MaskedLayer(int Units, Activation Activation, double DropoutAfter = 0);

/// <summary>
/// A plain double-precision dense network with an explicit dropout mask per sample (one value per unit of every
/// dropped layer, in layer order): the independent oracle of the dropout tests. Same parameter layout as the contract.
/// </summary>
public sealed class MaskedReference
{
    public MaskedReference(int inputSize, Loss loss, params MaskedLayer[] layers)
    {
        InputSize = inputSize;
        Loss = loss;
        Layers = layers;
        int count = 0, fanIn = inputSize, mask = 0;
        foreach (var layer in layers)
        {
            count += (fanIn + 1) * layer.Units;
            fanIn = layer.Units;
            if (layer.DropoutAfter > 0) mask += layer.Units;
        }
        ParameterCount = count;
        MaskSize = mask;
    }

    public int InputSize { get; }
    public Loss Loss { get; }
    public MaskedLayer[] Layers { get; }
    public int ParameterCount { get; }
    public int MaskSize { get; }
    public int OutputSize => Layers[^1].Units;

    /// <summary>The loss of one sample with mask <paramref name="m"/> (null: no dropout, as inference).</summary>
    public double Loss1(IReadOnlyList<double> p, IReadOnlyList<double> x, IReadOnlyList<double> t, IReadOnlyList<double>? m)
    {
        var (z, y) = Forward(p, x, m);
        int n = y.Length;
        double sum = 0;
        switch (Loss)
        {
            case Loss.MeanSquaredError:
                for (int i = 0; i < n; i++) sum += (y[i] - t[i]) * (y[i] - t[i]);
                return sum / n;
            case Loss.BinaryCrossEntropy:
                for (int i = 0; i < n; i++) sum -= t[i] * Math.Max(Math.Log(y[i]), -100) + (1 - t[i]) * Math.Max(Math.Log(1 - y[i]), -100);
                return sum / n;
            default:
                double max = double.NegativeInfinity;
                foreach (double v in z) max = Math.Max(max, v);
                double s = 0;
                foreach (double v in z) s += Math.Exp(v - max);
                double lse = max + Math.Log(s);
                for (int i = 0; i < n; i++) sum -= t[i] * (z[i] - lse);
                return sum;
        }
    }

    /// <summary>Outputs of one sample with mask <paramref name="m"/> (null: no dropout).</summary>
    public double[] Predict(IReadOnlyList<double> p, IReadOnlyList<double> x, IReadOnlyList<double>? m = null) => Forward(p, x, m).Y;

    private (double[] Z, double[] Y) Forward(IReadOnlyList<double> p, IReadOnlyList<double> x, IReadOnlyList<double>? m)
    {
        var a = new double[x.Count];
        for (int i = 0; i < a.Length; i++) a[i] = x[i];
        int offset = 0, maskOffset = 0;
        double[] z = a;
        foreach (var layer in Layers)
        {
            int fanIn = a.Length;
            z = new double[layer.Units];
            for (int o = 0; o < layer.Units; o++)
            {
                double sum = p[offset + layer.Units * fanIn + o];
                for (int i = 0; i < fanIn; i++) sum += p[offset + o * fanIn + i] * a[i];
                z[o] = sum;
            }
            offset += (fanIn + 1) * layer.Units;
            var next = new double[layer.Units];
            if (layer.Activation == Activation.Softmax)
            {
                double max = double.NegativeInfinity;
                foreach (double v in z) max = Math.Max(max, v);
                double s = 0;
                for (int o = 0; o < z.Length; o++) s += next[o] = Math.Exp(z[o] - max);
                for (int o = 0; o < z.Length; o++) next[o] /= s;
            }
            else
            {
                for (int o = 0; o < z.Length; o++)
                {
                    next[o] = layer.Activation switch
                    {
                        Activation.Identity => z[o],
                        Activation.Sigmoid => 1 / (1 + Math.Exp(-z[o])),
                        Activation.Tanh => Math.Tanh(z[o]),
                        _ => throw new ArgumentOutOfRangeException(nameof(layer)),
                    };
                }
            }
            if (layer.DropoutAfter > 0)
            {
                if (m is not null)
                    for (int o = 0; o < next.Length; o++) next[o] *= m[maskOffset + o];
                maskOffset += layer.Units;
            }
            a = next;
        }
        return (z, a);
    }

    /// <summary>
    /// The mask the network's next training sample will use, drawn independently of the generated code from the
    /// generator state in the network's saved file (per dropped layer, per unit: 0 if u &lt; p else 1/(1−p)).
    /// </summary>
    public double[][] NextMasks(INetwork network, int samples)
    {
        var random = new DeterministicRandom(DropoutState(network));
        var masks = new double[samples][];
        for (int s = 0; s < samples; s++)
        {
            var mask = new List<double>();
            foreach (var layer in Layers)
            {
                if (layer.DropoutAfter <= 0) continue;
                float pf = (float)layer.DropoutAfter;
                float scale = 1f / (1f - pf);
                for (int o = 0; o < layer.Units; o++) mask.Add(random.NextSingle() < pf ? 0.0 : scale);
            }
            masks[s] = mask.ToArray();
        }
        return masks;
    }

    /// <summary>The dropout generator state a network saves: the 8 bytes before the file's CRC-32.</summary>
    public static ulong DropoutState(INetwork network)
    {
        using var stream = new MemoryStream();
        network.Save(stream);
        byte[] bytes = stream.ToArray();
        return BitConverter.ToUInt64(bytes, bytes.Length - 12);
    }
}

using System;
using NetGen.Tests.Reference;

namespace NetGen.Tests.Data;

/// <summary>Random parameters, inputs and targets (from a seeded <see cref="Random"/>) that suit a network's loss.</summary>
public sealed class RandomSamples
{
    private readonly Random _random;

    public RandomSamples(int seed) => _random = new Random(seed);

    public Random Random => _random;

    public double Uniform(double low, double high) => low + (high - low) * _random.NextDouble();

    public float[] Uniform(int count, double low, double high)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float)Uniform(low, high);
        return values;
    }

    /// <summary>
    /// Parameters with weights U(±scale·√(6/(in+out))) and biases U(±0.5), so that every layer and bias matters.
    /// </summary>
    public float[] Parameters(ReferenceNetwork network, double scale = 1.5)
    {
        var p = new float[network.ParameterCount];
        for (int l = 0; l < network.Layers.Length; l++)
        {
            int fanIn = network.FanIn(l), units = network.Layers[l].Units;
            double limit = scale * Math.Sqrt(6.0 / (fanIn + units));
            for (int o = 0; o < units; o++)
            {
                for (int i = 0; i < fanIn; i++) p[network.WeightIndex(l, o, i)] = (float)Uniform(-limit, limit);
                p[network.BiasIndex(l, o)] = (float)Uniform(-0.5, 0.5);
            }
        }
        return p;
    }

    /// <summary>Row-major inputs of <paramref name="samples"/> samples, U(±1.5).</summary>
    public float[] Inputs(ReferenceNetwork network, int samples) => Uniform(samples * network.InputSize, -1.5, 1.5);

    /// <summary>Row-major targets of <paramref name="samples"/> samples that suit the network's loss and output activation.</summary>
    public float[] Targets(ReferenceNetwork network, int samples)
    {
        int n = network.OutputSize;
        var t = new float[samples * n];
        Activation output = network.Layers[^1].Activation;
        for (int s = 0; s < samples; s++)
        {
            var row = t.AsSpan(s * n, n);
            switch (network.Loss)
            {
                case Loss.CrossEntropy:
                    // A probability vector (every class gets some mass), normalised to sum 1.
                    double sum = 0;
                    for (int i = 0; i < n; i++) { row[i] = (float)Uniform(0.05, 1); sum += row[i]; }
                    for (int i = 0; i < n; i++) row[i] = (float)(row[i] / sum);
                    break;
                case Loss.BinaryCrossEntropy:
                    for (int i = 0; i < n; i++) row[i] = (float)Uniform(0.05, 0.95);
                    break;
                default:
                    for (int i = 0; i < n; i++)
                    {
                        row[i] = output switch
                        {
                            Activation.Sigmoid or Activation.Softmax => (float)Uniform(0, 1),
                            Activation.Tanh => (float)Uniform(-0.9, 0.9),
                            _ => (float)Uniform(-1.5, 1.5),
                        };
                    }
                    break;
            }
        }
        return t;
    }

    /// <summary>
    /// Inputs for which every Relu and LeakyRelu pre-activation is at least <paramref name="margin"/> away from its
    /// kink at 0, so that central differences never straddle it.
    /// </summary>
    public float[] InputsAwayFromKinks(ReferenceNetwork network, ReadOnlySpan<float> parameters, int samples, double margin = 1e-2)
    {
        double[] p = parameters.ToDoubles();
        var inputs = new float[samples * network.InputSize];
        for (int s = 0; s < samples; s++)
        {
            for (int attempt = 0; ; attempt++)
            {
                if (attempt == 10_000) throw new InvalidOperationException("No input keeps the ReLU pre-activations away from 0.");
                float[] x = Uniform(network.InputSize, -1.5, 1.5);
                if (AwayFromKinks(network, p, x, margin))
                {
                    x.CopyTo(inputs, s * network.InputSize);
                    break;
                }
            }
        }
        return inputs;
    }

    /// <summary>Whether every Relu and LeakyRelu pre-activation of the sample is at least <paramref name="margin"/> away from 0.</summary>
    public static bool AwayFromKinks(ReferenceNetwork network, double[] p, ReadOnlySpan<float> x, double margin)
    {
        double[][] z = network.PreActivations(p, x.ToDoubles());
        for (int l = 0; l < network.Layers.Length; l++)
        {
            if (network.Layers[l].Activation is not (Activation.Relu or Activation.LeakyRelu)) continue;
            foreach (double v in z[l])
            {
                if (Math.Abs(v) < margin) return false;
            }
        }
        return true;
    }
}

using System;

namespace NetGen.Benchmarks;

/// <summary>
/// The baseline a careful user writes by hand: flat row-major weights per layer, one loop per layer, MathF
/// activations, and its own backward loop for MSE + SGD. Not made slow on purpose.
/// </summary>
public sealed class PlainNetwork
{
    private readonly int[] _sizes;
    private readonly string[] _activations;
    private readonly float[][] _weights;
    private readonly float[][] _biases;
    private readonly float[][] _values;
    private readonly float[][] _deltas;
    private readonly float[][] _weightGradients;
    private readonly float[][] _biasGradients;

    public PlainNetwork(int[] sizes, string[] activations, int seed)
    {
        _sizes = sizes;
        _activations = activations;
        int layers = sizes.Length - 1;
        var random = new Random(seed);
        _weights = new float[layers][];
        _biases = new float[layers][];
        _weightGradients = new float[layers][];
        _biasGradients = new float[layers][];
        _values = new float[layers + 1][];
        _deltas = new float[layers + 1][];
        _values[0] = new float[sizes[0]];
        for (int l = 0; l < layers; l++)
        {
            _weights[l] = new float[sizes[l + 1] * sizes[l]];
            for (int i = 0; i < _weights[l].Length; i++) _weights[l][i] = (float)(random.NextDouble() - 0.5) * 0.5f;
            _biases[l] = new float[sizes[l + 1]];
            _weightGradients[l] = new float[_weights[l].Length];
            _biasGradients[l] = new float[sizes[l + 1]];
            _values[l + 1] = new float[sizes[l + 1]];
            _deltas[l + 1] = new float[sizes[l + 1]];
        }
    }

    public void Predict(ReadOnlySpan<float> input, Span<float> output)
    {
        Forward(input);
        _values[_values.Length - 1].AsSpan().CopyTo(output);
    }

    private void Forward(ReadOnlySpan<float> input)
    {
        input.CopyTo(_values[0]);
        for (int l = 0; l < _weights.Length; l++)
        {
            float[] w = _weights[l], b = _biases[l], a = _values[l], z = _values[l + 1];
            int inputs = _sizes[l];
            for (int j = 0; j < z.Length; j++)
            {
                float sum = b[j];
                int row = j * inputs;
                for (int i = 0; i < inputs; i++) sum += w[row + i] * a[i];
                z[j] = Activate(_activations[l], sum);
            }
        }
    }

    /// <summary>One SGD step on the batch's mean squared error.</summary>
    public float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, float learningRate)
    {
        int n = inputs.Length / _sizes[0], outputs = _sizes[_sizes.Length - 1];
        foreach (var g in _weightGradients) Array.Clear(g);
        foreach (var g in _biasGradients) Array.Clear(g);
        float total = 0f;
        for (int s = 0; s < n; s++)
        {
            Forward(inputs.Slice(s * _sizes[0], _sizes[0]));
            int last = _weights.Length;
            for (int j = 0; j < outputs; j++)
            {
                float e = _values[last][j] - targets[s * outputs + j];
                total += e * e / outputs;
                _deltas[last][j] = 2f * e / outputs * Derivative(_activations[last - 1], _values[last][j]);
            }
            for (int l = last - 1; l >= 0; l--)
            {
                float[] w = _weights[l], d = _deltas[l + 1], a = _values[l];
                int ins = _sizes[l];
                for (int j = 0; j < d.Length; j++)
                {
                    _biasGradients[l][j] += d[j];
                    int row = j * ins;
                    for (int i = 0; i < ins; i++) _weightGradients[l][row + i] += d[j] * a[i];
                }
                if (l == 0) break;
                for (int i = 0; i < ins; i++)
                {
                    float sum = 0f;
                    for (int j = 0; j < d.Length; j++) sum += w[j * ins + i] * d[j];
                    _deltas[l][i] = sum * Derivative(_activations[l - 1], a[i]);
                }
            }
        }
        float scale = learningRate / n;
        for (int l = 0; l < _weights.Length; l++)
        {
            for (int i = 0; i < _weights[l].Length; i++) _weights[l][i] -= scale * _weightGradients[l][i];
            for (int j = 0; j < _biases[l].Length; j++) _biases[l][j] -= scale * _biasGradients[l][j];
        }
        return total / n;
    }

    private static float Activate(string activation, float z) => activation switch
    {
        "tanh" => MathF.Tanh(z),
        "relu" => MathF.Max(z, 0f),
        "sigmoid" => 1f / (1f + MathF.Exp(-z)),
        _ => z,
    };

    /// <summary>Derivative expressed through the activation's output a.</summary>
    private static float Derivative(string activation, float a) => activation switch
    {
        "tanh" => 1f - a * a,
        "relu" => a > 0f ? 1f : 0f,
        "sigmoid" => a * (1f - a),
        _ => 1f,
    };
}

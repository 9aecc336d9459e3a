using System;

namespace NetGen.Benchmarks;

/// <summary>
/// The baseline a careful user writes by hand: flat row-major float[] weights per layer ([out, in], like NetGen's
/// and PyTorch's layout), one loop per layer, MathF activations applied per layer, buffers allocated once, and its
/// own hand-written backward loop for one SGD step on the batch's mean squared error (Predict: identity, sigmoid, tanh,
/// ReLU, leaky ReLU, SiLU, softmax; TrainBatch: the same without SiLU and softmax). Not made slow on purpose, and
/// not hand-vectorised either: it is what the generated code is compared against.
/// </summary>
/// <remarks>Shared by the benchmarks and, as a linked file, by tests/NetGen.Tests/Onnx (which checks it equals
/// NetGen).</remarks>
public sealed class PlainNetwork
{
    private readonly int[] _sizes;
    private readonly Activation[] _activations;
    private readonly float[][] _weights;
    private readonly float[][] _biases;
    private readonly float[][] _values;
    private readonly float[][] _deltas;
    private readonly float[][] _weightGradients;
    private readonly float[][] _biasGradients;
    private readonly float[] _back;

    /// <summary>A network <paramref name="inputSize"/> → <paramref name="layers"/> with all parameters zero.</summary>
    public PlainNetwork(int inputSize, params (int Units, Activation Activation)[] layers)
    {
        int count = layers.Length;
        _sizes = new int[count + 1];
        _activations = new Activation[count];
        _sizes[0] = inputSize;
        _weights = new float[count][];
        _biases = new float[count][];
        _weightGradients = new float[count][];
        _biasGradients = new float[count][];
        _values = new float[count + 1][];
        _deltas = new float[count + 1][];
        _values[0] = Array.Empty<float>(); // layer 0 reads the caller's input
        int widest = inputSize;
        for (int l = 0; l < count; l++)
        {
            int ins = _sizes[l], outs = layers[l].Units;
            _sizes[l + 1] = outs;
            _activations[l] = layers[l].Activation;
            _weights[l] = new float[outs * ins];
            _biases[l] = new float[outs];
            _weightGradients[l] = new float[outs * ins];
            _biasGradients[l] = new float[outs];
            _values[l + 1] = new float[outs];
            _deltas[l + 1] = new float[outs];
            widest = Math.Max(widest, outs);
        }

        _back = new float[widest];
    }

    /// <summary>Total number of parameters (NetGen's ParameterCount for the same layers).</summary>
    public int ParameterCount
    {
        get
        {
            int total = 0;
            for (int l = 0; l < _weights.Length; l++) total += _weights[l].Length + _biases[l].Length;
            return total;
        }
    }

    /// <summary>Copies parameters in NetGen's layout (per layer: weights [out, in] row-major, then bias).</summary>
    public void LoadParameters(ReadOnlySpan<float> parameters)
    {
        if (parameters.Length != ParameterCount)
        {
            throw new ArgumentException($"Expected {ParameterCount} parameters, got {parameters.Length}.", nameof(parameters));
        }

        int offset = 0;
        for (int l = 0; l < _weights.Length; l++)
        {
            parameters.Slice(offset, _weights[l].Length).CopyTo(_weights[l]);
            offset += _weights[l].Length;
            parameters.Slice(offset, _biases[l].Length).CopyTo(_biases[l]);
            offset += _biases[l].Length;
        }
    }

    /// <summary>Writes the parameters in NetGen's layout.</summary>
    public void CopyParametersTo(Span<float> parameters)
    {
        int offset = 0;
        for (int l = 0; l < _weights.Length; l++)
        {
            _weights[l].CopyTo(parameters.Slice(offset));
            offset += _weights[l].Length;
            _biases[l].CopyTo(parameters.Slice(offset));
            offset += _biases[l].Length;
        }
    }

    /// <summary>One forward pass; writes the last layer's activations to <paramref name="output"/>.</summary>
    public void Predict(ReadOnlySpan<float> input, Span<float> output)
    {
        if (input.Length != _sizes[0]) throw new ArgumentException($"Expected {_sizes[0]} inputs.", nameof(input));
        int outputs = _sizes[_sizes.Length - 1];
        if (output.Length != outputs) throw new ArgumentException($"Expected {outputs} outputs.", nameof(output));
        Forward(input, output);
    }

    /// <summary>
    /// The forward pass: layer 0 reads <paramref name="input"/> itself and the last layer writes straight into
    /// <paramref name="output"/> (no copies); the layers between use the preallocated buffers.
    /// </summary>
    private void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        int last = _weights.Length - 1;
        for (int l = 0; l <= last; l++)
        {
            float[] w = _weights[l], b = _biases[l];
            ReadOnlySpan<float> a = l == 0 ? input : _values[l];
            Span<float> z = l == last ? output : _values[l + 1];
            int ins = a.Length;
            for (int j = 0; j < z.Length; j++)
            {
                ReadOnlySpan<float> row = w.AsSpan(j * ins, ins);
                float sum = b[j];
                for (int i = 0; i < row.Length; i++) sum += row[i] * a[i];
                z[j] = sum;
            }

            Activate(_activations[l], z);
        }
    }

    /// <summary>
    /// One SGD step (p -= lr·g, g the gradient of the batch's mean loss) on the mean squared error (per sample the
    /// mean over the outputs, like PyTorch's MSELoss); returns the mean loss before the step.
    /// </summary>
    public float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, float learningRate)
    {
        int inputSize = _sizes[0], outputs = _sizes[_sizes.Length - 1], last = _weights.Length;
        int n = inputs.Length / inputSize;
        if (n == 0 || inputs.Length != n * inputSize)
        {
            throw new ArgumentException($"Expected a positive multiple of {inputSize} inputs.", nameof(inputs));
        }

        if (targets.Length != n * outputs) throw new ArgumentException($"Expected {n * outputs} targets.", nameof(targets));
        if (_activations[last - 1] == Activation.Softmax)
        {
            throw new NotSupportedException("The plain baseline trains MSE without a softmax output only.");
        }

        if (Array.IndexOf(_activations, Activation.Silu) >= 0)
        {
            // Its derivative needs the pre-activation, which this loop does not keep (it predicts SiLU nets only).
            throw new NotSupportedException("The plain baseline does not train SiLU layers.");
        }

        for (int l = 0; l < last; l++)
        {
            Array.Clear(_weightGradients[l]);
            Array.Clear(_biasGradients[l]);
        }

        float total = 0f;
        for (int s = 0; s < n; s++)
        {
            ReadOnlySpan<float> input = inputs.Slice(s * inputSize, inputSize);
            Forward(input, _values[last]);

            // Output delta: ∂(mean of e²)/∂z = 2e/outputs · f'(z), f' written through the activation's output.
            float[] output = _values[last], delta = _deltas[last];
            ReadOnlySpan<float> target = targets.Slice(s * outputs, outputs);
            float loss = 0f;
            for (int j = 0; j < outputs; j++)
            {
                float e = output[j] - target[j];
                loss += e * e;
                delta[j] = 2f * e / outputs * Derivative(_activations[last - 1], output[j]);
            }

            total += loss / outputs;

            for (int l = last - 1; l >= 0; l--)
            {
                float[] w = _weights[l], d = _deltas[l + 1], gw = _weightGradients[l], gb = _biasGradients[l];
                ReadOnlySpan<float> a = l == 0 ? input : _values[l];
                int ins = a.Length;
                Span<float> back = _back.AsSpan(0, ins);
                back.Clear();
                for (int j = 0; j < d.Length; j++)
                {
                    float dj = d[j];
                    gb[j] += dj;
                    Span<float> gradientRow = gw.AsSpan(j * ins, ins);
                    ReadOnlySpan<float> row = w.AsSpan(j * ins, ins);
                    for (int i = 0; i < gradientRow.Length; i++)
                    {
                        gradientRow[i] += dj * a[i];
                        back[i] += row[i] * dj;
                    }
                }

                if (l == 0) break;
                float[] below = _deltas[l];
                Activation activation = _activations[l - 1];
                for (int i = 0; i < ins; i++) below[i] = back[i] * Derivative(activation, a[i]);
            }
        }

        float scale = learningRate / n;
        for (int l = 0; l < last; l++)
        {
            float[] w = _weights[l], gw = _weightGradients[l], b = _biases[l], gb = _biasGradients[l];
            for (int i = 0; i < w.Length; i++) w[i] -= scale * gw[i];
            for (int j = 0; j < b.Length; j++) b[j] -= scale * gb[j];
        }

        return total / n;
    }

    private static void Activate(Activation activation, Span<float> z)
    {
        switch (activation)
        {
            case Activation.Sigmoid:
                for (int i = 0; i < z.Length; i++) z[i] = 1f / (1f + MathF.Exp(-z[i]));
                break;
            case Activation.Tanh:
                for (int i = 0; i < z.Length; i++) z[i] = MathF.Tanh(z[i]);
                break;
            case Activation.Relu:
                for (int i = 0; i < z.Length; i++) z[i] = MathF.Max(z[i], 0f);
                break;
            case Activation.LeakyRelu:
                for (int i = 0; i < z.Length; i++) z[i] = z[i] > 0f ? z[i] : 0.01f * z[i];
                break;
            case Activation.Silu:
                for (int i = 0; i < z.Length; i++) z[i] /= 1f + MathF.Exp(-z[i]);
                break;
            case Activation.Softmax:
                float max = float.NegativeInfinity;
                for (int i = 0; i < z.Length; i++) max = MathF.Max(max, z[i]);
                float sum = 0f;
                for (int i = 0; i < z.Length; i++)
                {
                    z[i] = MathF.Exp(z[i] - max);
                    sum += z[i];
                }

                float inverse = 1f / sum;
                for (int i = 0; i < z.Length; i++) z[i] *= inverse;
                break;
        }
    }

    /// <summary>The activation's derivative written through its output a (ReLU'(0) = 0, LeakyReLU'(0) = 0.01).</summary>
    private static float Derivative(Activation activation, float a) => activation switch
    {
        Activation.Sigmoid => a * (1f - a),
        Activation.Tanh => 1f - a * a,
        Activation.Relu => a > 0f ? 1f : 0f,
        Activation.LeakyRelu => a > 0f ? 1f : 0.01f,
        _ => 1f,
    };
}

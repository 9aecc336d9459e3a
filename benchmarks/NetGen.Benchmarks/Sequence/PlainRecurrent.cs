using System;

namespace NetGen.Benchmarks.Sequence;

/// <summary>
/// The baseline of the streaming benchmarks: one time step written as plain C# loops over PyTorch's row-major weights, the
/// way a careful person writes a GRU, an LSTM or the audio model without a generator (and the way RTNeural's portable STL
/// backend computes them: per gate a dot product per neuron, then the cell). Not made slow on purpose, not vectorised.
/// Its parameters are a NetGen network's <c>Parameters</c> (the same order), so both compute the same function.
/// </summary>
public sealed class PlainRecurrent
{
    private readonly float[] _p;
    private readonly int _input, _hidden, _gates;
    private readonly float[] _h, _c, _gi, _gh;

    /// <param name="parameters">weight_ih, weight_hh, bias_ih, bias_hh, as NetGen and PyTorch order them.</param>
    /// <param name="input">Inputs of a step.</param>
    /// <param name="hidden">Hidden size.</param>
    /// <param name="gates">3 for a GRU, 4 for an LSTM.</param>
    public PlainRecurrent(ReadOnlySpan<float> parameters, int input, int hidden, int gates)
    {
        _p = parameters.ToArray();
        _input = input;
        _hidden = hidden;
        _gates = gates;
        _h = new float[hidden];
        _c = new float[hidden];
        _gi = new float[gates * hidden];
        _gh = new float[gates * hidden];
    }

    private static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));

    /// <summary>gi = W_ih·x + b_ih, gh = W_hh·h + b_hh.</summary>
    private void Gates(ReadOnlySpan<float> x)
    {
        int rows = _gates * _hidden, hh = rows * _input, bih = hh + rows * _hidden, bhh = bih + rows;
        for (int r = 0; r < rows; r++)
        {
            float a = _p[bih + r], b = _p[bhh + r];
            for (int i = 0; i < _input; i++) a += _p[r * _input + i] * x[i];
            for (int j = 0; j < _hidden; j++) b += _p[hh + r * _hidden + j] * _h[j];
            _gi[r] = a;
            _gh[r] = b;
        }
    }

    /// <summary>One GRU step (PyTorch's equations); the output is the new h.</summary>
    public void GruStep(ReadOnlySpan<float> x, Span<float> output)
    {
        Gates(x);
        int n = _hidden;
        for (int j = 0; j < n; j++)
        {
            float r = Sigmoid(_gi[j] + _gh[j]);
            float z = Sigmoid(_gi[n + j] + _gh[n + j]);
            float candidate = MathF.Tanh(_gi[2 * n + j] + r * _gh[2 * n + j]);
            _h[j] = (1f - z) * candidate + z * _h[j];
        }
        _h.AsSpan().CopyTo(output);
    }

    /// <summary>One LSTM step (PyTorch's equations); the output is the new h.</summary>
    public void LstmStep(ReadOnlySpan<float> x, Span<float> output)
    {
        Gates(x);
        int n = _hidden;
        for (int j = 0; j < n; j++)
        {
            float i = Sigmoid(_gi[j] + _gh[j]);
            float f = Sigmoid(_gi[n + j] + _gh[n + j]);
            float g = MathF.Tanh(_gi[2 * n + j] + _gh[2 * n + j]);
            float o = Sigmoid(_gi[3 * n + j] + _gh[3 * n + j]);
            _c[j] = f * _c[j] + i * g;
            _h[j] = o * MathF.Tanh(_c[j]);
        }
        _h.AsSpan().CopyTo(output);
    }
}

/// <summary>The audio model (Dense 1→8 tanh, causal conv 8→4 k3 d2, GRU 4→8, Dense 8→1) as plain loops, same parameters.</summary>
public sealed class PlainAudio
{
    private readonly float[] _p;
    private readonly float[] _dense = new float[8], _history = new float[4 * 8], _conv = new float[4];
    private readonly PlainRecurrent _gru;
    private readonly float[] _h = new float[8];
    private const int DenseParameters = 16, ConvParameters = 4 * 8 * 3 + 4, GruParameters = 3 * 8 * (4 + 8 + 2);

    /// <param name="parameters">The NetGen <c>AudioStep</c>'s parameters.</param>
    public PlainAudio(ReadOnlySpan<float> parameters)
    {
        _p = parameters.ToArray();
        _gru = new PlainRecurrent(parameters.Slice(DenseParameters + ConvParameters, GruParameters), 4, 8, 3);
    }

    /// <summary>One step: one sample in, one out.</summary>
    public float Step(float x)
    {
        for (int j = 0; j < 8; j++) _dense[j] = MathF.Tanh(_p[8 + j] + _p[j] * x);
        // History holds the last 4 steps of the 8 channels (oldest first); taps at t−4, t−2, t.
        int w = DenseParameters;
        for (int o = 0; o < 4; o++)
        {
            float sum = _p[w + 96 + o];
            for (int c = 0; c < 8; c++)
            {
                sum += _p[w + o * 24 + c * 3] * _history[c] + _p[w + o * 24 + c * 3 + 1] * _history[2 * 8 + c] + _p[w + o * 24 + c * 3 + 2] * _dense[c];
            }
            _conv[o] = sum;
        }
        Array.Copy(_history, 8, _history, 0, 24);
        Array.Copy(_dense, 0, _history, 24, 8);
        _gru.GruStep(_conv, _h);
        int d = DenseParameters + ConvParameters + GruParameters;
        float y = _p[d + 8];
        for (int j = 0; j < 8; j++) y += _p[d + j] * _h[j];
        return y;
    }
}

using System;
using NetGen.Benchmarks.Suite;

namespace NetGen.Benchmarks.HandWritten;

/// <summary>
/// Batch-1 inference for one fixed net, written by hand on <see cref="System.Runtime.Intrinsics.Vector256{T}"/> with
/// <see cref="PredictKernels"/>: the weights of every layer transposed to [in, out] in panels of the layer's kernel width
/// (64, 16 or 8 outputs, padded with zero columns), the bias padded alike, 64-byte-aligned buffers allocated once. The
/// derived classes are the per-net <c>Predict</c>s, straight-line calls of the kernels with the sizes as constants.
/// </summary>
public abstract unsafe class HandPredictor
{
    private readonly AlignedArena _arena = new();
    private readonly int[] _sizes;
    private readonly int[] _widths;
    private readonly float*[] _weights;
    private readonly float*[] _biases;

    /// <summary>
    /// Allocates the packed weights, biases and per-layer outputs (rounded up to <paramref name="widths"/>, the panel
    /// width of each layer's kernel: 64, 16 or 8) of a net <paramref name="inputSize"/> → <paramref name="layers"/>.
    /// </summary>
    protected HandPredictor(int inputSize, (int Units, Activation Activation)[] layers, int[] widths)
    {
        if (widths.Length != layers.Length || layers.Length > 4) throw new ArgumentException("One width per layer, at most 4 layers.");
        _sizes = new int[layers.Length + 1];
        _sizes[0] = inputSize;
        _widths = widths;
        _weights = new float*[layers.Length];
        _biases = new float*[layers.Length];
        var outputs = new float*[layers.Length];
        for (int l = 0; l < layers.Length; l++)
        {
            _sizes[l + 1] = layers[l].Units;
            int padded = RoundUp(layers[l].Units, widths[l]);
            _weights[l] = _arena.Allocate(_sizes[l] * padded);
            _biases[l] = _arena.Allocate(padded);
            outputs[l] = _arena.Allocate(padded);
        }

        W0 = _weights[0]; B0 = _biases[0]; H0 = outputs[0];
        if (layers.Length > 1) { W1 = _weights[1]; B1 = _biases[1]; H1 = outputs[1]; }
        if (layers.Length > 2) { W2 = _weights[2]; B2 = _biases[2]; H2 = outputs[2]; }
        if (layers.Length > 3) { W3 = _weights[3]; B3 = _biases[3]; H3 = outputs[3]; }
    }

    /// <summary>Packed weights, padded bias and output buffer of layers 0 … 3 (null past the last layer).</summary>
    protected float* W0, B0, H0, W1, B1, H1, W2, B2, H2, W3, B3, H3;

    /// <summary>Number of inputs.</summary>
    public int InputSize => _sizes[0];

    /// <summary>Number of outputs.</summary>
    public int OutputSize => _sizes[^1];

    /// <summary>Number of parameters (NetGen's ParameterCount for the same layers).</summary>
    public int ParameterCount
    {
        get
        {
            int total = 0;
            for (int l = 1; l < _sizes.Length; l++) total += _sizes[l - 1] * _sizes[l] + _sizes[l];
            return total;
        }
    }

    /// <summary>Copies and packs parameters in NetGen's layout (per layer: weights [out, in] row-major, then bias).</summary>
    public void SetParameters(ReadOnlySpan<float> parameters)
    {
        if (parameters.Length != ParameterCount) throw new ArgumentException($"Expected {ParameterCount} parameters.", nameof(parameters));
        int offset = 0;
        for (int l = 0; l < _weights.Length; l++)
        {
            int ins = _sizes[l], outs = _sizes[l + 1];
            Pack(parameters.Slice(offset, outs * ins), outs, ins, _widths[l], _weights[l]);
            offset += outs * ins;
            parameters.Slice(offset, outs).CopyTo(new Span<float>(_biases[l], outs));
            offset += outs;
        }
    }

    /// <summary>One forward pass.</summary>
    public abstract void Predict(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>
    /// Packs W [outs, ins] (row-major) as panels of <paramref name="width"/> outputs, each [ins][width] (transposed),
    /// outputs past <paramref name="outs"/> zero.
    /// </summary>
    public static void Pack(ReadOnlySpan<float> w, int outs, int ins, int width, float* destination)
    {
        int panels = RoundUp(outs, width) / width;
        for (int p = 0; p < panels; p++)
        {
            for (int i = 0; i < ins; i++)
            {
                for (int k = 0; k < width; k++)
                {
                    int o = p * width + k;
                    *destination++ = o < outs ? w[o * ins + i] : 0f;
                }
            }
        }
    }

    /// <summary>Throws unless the spans have the net's sizes.</summary>
    protected void CheckSizes(ReadOnlySpan<float> input, Span<float> output)
    {
        if (input.Length != _sizes[0]) throw new ArgumentException($"Expected {_sizes[0]} inputs.", nameof(input));
        if (output.Length != _sizes[^1]) throw new ArgumentException($"Expected {_sizes[^1]} outputs.", nameof(output));
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}

/// <summary>Net B, 8 → 16 tanh → 16 tanh → 4.</summary>
public sealed unsafe class HandPredictB : HandPredictor
{
    /// <summary>Creates the net (parameters zero until <see cref="HandPredictor.SetParameters"/>).</summary>
    public HandPredictB() : base(8, SuiteNetworks.B, new[] { 16, 16, 8 }) { }

    /// <inheritdoc />
    public override void Predict(ReadOnlySpan<float> input, Span<float> output)
    {
        CheckSizes(input, output);
        fixed (float* x = input)
        {
            PredictKernels.Outputs16<TanhActivation>(W0, B0, x, 8, H0);
            PredictKernels.Outputs16<TanhActivation>(W1, B1, H0, 16, H1);
            PredictKernels.Outputs8<IdentityActivation>(W2, B2, H1, 16, H2);
        }

        new ReadOnlySpan<float>(H2, 4).CopyTo(output);
    }
}

/// <summary>Net C, 32 → 64 relu → 64 relu → 8.</summary>
public sealed unsafe class HandPredictC : HandPredictor
{
    /// <summary>Creates the net (parameters zero until <see cref="HandPredictor.SetParameters"/>).</summary>
    public HandPredictC() : base(32, SuiteNetworks.C, new[] { 64, 64, 8 }) { }

    /// <inheritdoc />
    public override void Predict(ReadOnlySpan<float> input, Span<float> output)
    {
        CheckSizes(input, output);
        fixed (float* x = input)
        {
            PredictKernels.Panels64<ReluActivation>(W0, B0, x, 32, 1, H0);
            PredictKernels.Panels64<ReluActivation>(W1, B1, H0, 64, 1, H1);
            fixed (float* y = output) PredictKernels.Outputs8<IdentityActivation>(W2, B2, H1, 64, y);
        }
    }
}

/// <summary>Net D, 784 → 128 relu → 10 softmax (the softmax with <see cref="MathF"/>).</summary>
public sealed unsafe class HandPredictD : HandPredictor
{
    /// <summary>Creates the net (parameters zero until <see cref="HandPredictor.SetParameters"/>).</summary>
    public HandPredictD() : base(784, SuiteNetworks.D, new[] { 64, 16 }) { }

    /// <inheritdoc />
    public override void Predict(ReadOnlySpan<float> input, Span<float> output)
    {
        CheckSizes(input, output);
        fixed (float* x = input)
        {
            PredictKernels.Panels64<ReluActivation>(W0, B0, x, 784, 2, H0);
            PredictKernels.Outputs16<IdentityActivation>(W1, B1, H0, 128, H1);
        }

        float* z = H1;
        float max = z[0];
        for (int i = 1; i < 10; i++) max = MathF.Max(max, z[i]);
        float sum = 0f;
        for (int i = 0; i < 10; i++)
        {
            float e = MathF.Exp(z[i] - max);
            output[i] = e;
            sum += e;
        }

        float inverse = 1f / sum;
        for (int i = 0; i < 10; i++) output[i] *= inverse;
    }
}

/// <summary>PolicySwish, 64 → 128 silu → 128 silu → 8.</summary>
public sealed unsafe class HandPredictPolicySwish : HandPredictor
{
    /// <summary>Creates the net (parameters zero until <see cref="HandPredictor.SetParameters"/>).</summary>
    public HandPredictPolicySwish() : base(64, SuiteNetworks.PolicySwish, new[] { 64, 64, 8 }) { }

    /// <inheritdoc />
    public override void Predict(ReadOnlySpan<float> input, Span<float> output)
    {
        CheckSizes(input, output);
        fixed (float* x = input)
        fixed (float* y = output)
        {
            PredictKernels.Panels64<SiluActivation>(W0, B0, x, 64, 2, H0);
            PredictKernels.Panels64<SiluActivation>(W1, B1, H0, 128, 2, H1);
            PredictKernels.Outputs8<IdentityActivation>(W2, B2, H1, 128, y);
        }
    }
}

/// <summary>PolicyRelu, 64 → 256 relu → 256 relu → 256 relu → 8.</summary>
public sealed unsafe class HandPredictPolicyRelu : HandPredictor
{
    /// <summary>Creates the net (parameters zero until <see cref="HandPredictor.SetParameters"/>).</summary>
    public HandPredictPolicyRelu() : base(64, SuiteNetworks.PolicyRelu, new[] { 64, 64, 64, 8 }) { }

    /// <inheritdoc />
    public override void Predict(ReadOnlySpan<float> input, Span<float> output)
    {
        CheckSizes(input, output);
        fixed (float* x = input)
        fixed (float* y = output)
        {
            PredictKernels.Panels64<ReluActivation>(W0, B0, x, 64, 4, H0);
            PredictKernels.Panels64<ReluActivation>(W1, B1, H0, 256, 4, H1);
            PredictKernels.Panels64<ReluActivation>(W2, B2, H1, 256, 4, H2);
            PredictKernels.Outputs8<IdentityActivation>(W3, B3, H2, 256, y);
        }
    }
}

using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using static NetGen.Benchmarks.HandWritten.HandMath;

namespace NetGen.Benchmarks.HandWritten;

/// <summary>
/// SGD on a batch's mean loss for one fixed dense net, written by hand as matrix code on <see cref="Vector256{T}"/> with
/// the register-blocked kernels of <see cref="GemmKernels"/>. Samples are rows. Per layer l (W_l [out, in] as NetGen
/// stores it, and a transposed copy W_lᵀ [in, out]):
/// forward A_l = f(A_{l−1}·W_lᵀ + b_l) (bias and activation in the tiles' epilogue);
/// backward δ_{l−1} = (δ_l·W_l) ⊙ f′ (the derivative in the epilogue), then W_l −= lr/n · δ_lᵀ·A_{l−1} with the gradient
/// tile in registers over all samples (<see cref="GemmKernels.GradientStep"/>), b_l −= lr/n · Σ δ_l, and Wᵀ refreshed by
/// an 8 × 8 block transpose. Last layers narrower than a vector are padded with zero rows (their δ columns stay zero).
/// Losses as NetGen defines them: mean squared error (per sample the mean over the outputs; identity output) and
/// cross-entropy on a softmax output (−Σ t·log softmax z, gradient softmax(z)·Σt − t), each averaged over the batch.
/// Buffers for up to <c>maxBatch</c> samples are allocated once; a call allocates nothing.
/// </summary>
public sealed unsafe class HandTrainer
{
    private readonly AlignedArena _arena = new();
    private readonly int _layerCount;
    private readonly int[] _ins, _outs, _padded;
    private readonly Activation[] _activations;
    private readonly Loss _loss;
    private readonly int _maxBatch;
    private readonly float*[] _w, _wt, _b, _a, _z, _s, _d;
    private readonly float* _scratch;

    /// <summary>A net <paramref name="inputSize"/> (a multiple of 8) → <paramref name="layers"/> trained on <paramref name="loss"/>.</summary>
    public HandTrainer(int inputSize, (int Units, Activation Activation)[] layers, Loss loss, float learningRate, int maxBatch)
    {
        if (inputSize % 8 != 0) throw new ArgumentException("The input size must be a multiple of 8.", nameof(inputSize));
        _layerCount = layers.Length;
        _ins = new int[_layerCount];
        _outs = new int[_layerCount];
        _padded = new int[_layerCount];
        _activations = new Activation[_layerCount];
        _loss = loss;
        _maxBatch = maxBatch;
        LearningRate = learningRate;
        _w = new float*[_layerCount];
        _wt = new float*[_layerCount];
        _b = new float*[_layerCount];
        _a = new float*[_layerCount];
        _z = new float*[_layerCount];
        _s = new float*[_layerCount];
        _d = new float*[_layerCount];
        int ins = inputSize;
        for (int l = 0; l < _layerCount; l++)
        {
            var (units, activation) = layers[l];
            bool last = l == _layerCount - 1;
            if (!last && units % 8 != 0) throw new ArgumentException("Hidden layers must have a multiple of 8 units.", nameof(layers));
            if (last && (loss == Loss.CrossEntropy) != (activation == Activation.Softmax))
            {
                throw new NotSupportedException("Cross-entropy with a softmax output, or mean squared error with an identity output.");
            }

            if (last ? activation is not (Activation.Identity or Activation.Softmax)
                     : activation is not (Activation.Tanh or Activation.Relu or Activation.Silu or Activation.Identity))
            {
                throw new NotSupportedException($"Activation {activation} in layer {l + 1}.");
            }

            int padded = (units + 7) / 8 * 8;
            _ins[l] = ins;
            _outs[l] = units;
            _padded[l] = padded;
            _activations[l] = activation;
            _w[l] = _arena.Allocate(padded * ins);
            _wt[l] = _arena.Allocate(padded * ins);
            _b[l] = _arena.Allocate(padded);
            _a[l] = _arena.Allocate(maxBatch * padded);
            _d[l] = _arena.Allocate(maxBatch * padded);
            if (activation == Activation.Silu)
            {
                _z[l] = _arena.Allocate(maxBatch * padded);
                _s[l] = _arena.Allocate(maxBatch * padded);
            }

            ins = units;
        }

        int widest = 0;
        foreach (int padded in _padded) widest = Math.Max(widest, padded);
        _scratch = _arena.Allocate(GemmKernels.GradientScratch(widest));
    }

    /// <summary>The SGD learning rate.</summary>
    public float LearningRate { get; set; }

    /// <summary>Number of inputs.</summary>
    public int InputSize => _ins[0];

    /// <summary>Number of outputs.</summary>
    public int OutputSize => _outs[_layerCount - 1];

    /// <summary>Number of parameters (NetGen's ParameterCount for the same layers).</summary>
    public int ParameterCount
    {
        get
        {
            int total = 0;
            for (int l = 0; l < _layerCount; l++) total += _outs[l] * _ins[l] + _outs[l];
            return total;
        }
    }

    /// <summary>Copies parameters in NetGen's layout (per layer: weights [out, in] row-major, then bias).</summary>
    public void SetParameters(ReadOnlySpan<float> parameters)
    {
        if (parameters.Length != ParameterCount) throw new ArgumentException($"Expected {ParameterCount} parameters.", nameof(parameters));
        int offset = 0;
        for (int l = 0; l < _layerCount; l++)
        {
            int count = _outs[l] * _ins[l];
            parameters.Slice(offset, count).CopyTo(new Span<float>(_w[l], count)); // the padded rows stay zero
            offset += count;
            parameters.Slice(offset, _outs[l]).CopyTo(new Span<float>(_b[l], _outs[l]));
            offset += _outs[l];
            GemmKernels.Transpose(_padded[l], _ins[l], _w[l], _wt[l]);
        }
    }

    /// <summary>Writes the parameters in NetGen's layout.</summary>
    public void CopyParametersTo(Span<float> parameters)
    {
        int offset = 0;
        for (int l = 0; l < _layerCount; l++)
        {
            int count = _outs[l] * _ins[l];
            new ReadOnlySpan<float>(_w[l], count).CopyTo(parameters.Slice(offset));
            offset += count;
            new ReadOnlySpan<float>(_b[l], _outs[l]).CopyTo(parameters.Slice(offset));
            offset += _outs[l];
        }
    }

    /// <summary>One SGD step on the batch's mean loss; returns the mean loss before the step.</summary>
    /// <param name="inputs">[n, InputSize], 1 ≤ n ≤ the maximum batch.</param>
    /// <param name="targets">[n, OutputSize].</param>
    public float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        int n = inputs.Length / _ins[0];
        if (n < 1 || n > _maxBatch || inputs.Length != n * _ins[0]) throw new ArgumentException("Bad batch size.", nameof(inputs));
        if (targets.Length != n * OutputSize) throw new ArgumentException("Bad target length.", nameof(targets));
        fixed (float* input = inputs)
        fixed (float* target = targets)
        {
            for (int l = 0; l < _layerCount; l++) Forward(l, n, l == 0 ? input : _a[l - 1]);
            int last = _layerCount - 1;
            float loss = _loss == Loss.CrossEntropy
                ? CrossEntropy(n, _a[last], _d[last], target)
                : MeanSquaredError(n, _a[last], _d[last], target);

            float scale = LearningRate / n;
            for (int l = last; l >= 0; l--)
            {
                if (l > 0) Backward(l, n);
                float* below = l == 0 ? input : _a[l - 1];
                int rows = (_outs[l] + 3) / 4 * 4;
                GemmKernels.GradientStep(n, rows, _ins[l], _d[l], _padded[l], below, _ins[l], _w[l], _ins[l], scale, _scratch);
                GemmKernels.BiasStep(n, _padded[l], _d[l], _padded[l], _b[l], scale);
                GemmKernels.Transpose(_padded[l], _ins[l], _w[l], _wt[l]);
            }

            return loss;
        }
    }

    private void Forward(int l, int n, float* x)
    {
        int ins = _ins[l], padded = _padded[l];
        float* a = _a[l], b = _b[l], wt = _wt[l];
        switch (_activations[l])
        {
            case Activation.Tanh:
                GemmKernels.Multiply(n, ins, padded, x, ins, wt, padded, padded, new ForwardEpilogue<TanhActivation>(a, b));
                break;
            case Activation.Relu:
                GemmKernels.Multiply(n, ins, padded, x, ins, wt, padded, padded, new ForwardEpilogue<ReluActivation>(a, b));
                break;
            case Activation.Silu:
                GemmKernels.Multiply(n, ins, padded, x, ins, wt, padded, padded, new SiluForwardEpilogue(a, _z[l], _s[l], b));
                break;
            default: // identity, and the softmax output (whose z the loss reads)
                GemmKernels.Multiply(n, ins, padded, x, ins, wt, padded, padded, new ForwardEpilogue<IdentityActivation>(a, b));
                break;
        }
    }

    /// <summary>δ_{l−1} = (δ_l·W_l) ⊙ f′_{l−1}; the sum runs over layer l's real outputs only.</summary>
    private void Backward(int l, int n)
    {
        int below = l - 1, columns = _padded[below], k = _outs[l];
        float* delta = _d[l], w = _w[l], result = _d[below], a = _a[below];
        switch (_activations[below])
        {
            case Activation.Tanh:
                GemmKernels.Multiply(n, k, columns, delta, _padded[l], w, _ins[l], columns, new TanhBackwardEpilogue(result, a));
                break;
            case Activation.Relu:
                GemmKernels.Multiply(n, k, columns, delta, _padded[l], w, _ins[l], columns, new ReluBackwardEpilogue(result, a));
                break;
            case Activation.Silu:
                GemmKernels.Multiply(n, k, columns, delta, _padded[l], w, _ins[l], columns, new SiluBackwardEpilogue(result, _z[below], _s[below]));
                break;
            default:
                GemmKernels.Multiply(n, k, columns, delta, _padded[l], w, _ins[l], columns, new ForwardEpilogue<IdentityActivation>(result, null));
                break;
        }
    }

    /// <summary>Mean over the batch of the mean over the outputs of e²; δ = 2e / outputs (identity output).</summary>
    private float MeanSquaredError(int n, float* output, float* delta, float* target)
    {
        int outs = _outs[_layerCount - 1], padded = _padded[_layerCount - 1];
        float factor = 2f / outs;
        if (outs == 8)
        {
            Vector256<float> total = default, scale = Vector256.Create(factor);
            for (int s = 0; s < n; s++, output += padded, delta += padded, target += outs)
            {
                Vector256<float> e = Vector256.Load(output) - Vector256.Load(target);
                total = MulAdd(e, e, total);
                (e * scale).Store(delta);
            }

            return Vector256.Sum(total) / outs / n;
        }

        if (outs == 4)
        {
            Vector128<float> total = default, scale = Vector128.Create(factor);
            for (int s = 0; s < n; s++, output += padded, delta += padded, target += outs)
            {
                Vector128<float> e = Vector128.Load(output) - Vector128.Load(target);
                total += e * e;
                (e * scale).Store(delta);
            }

            return Vector128.Sum(total) / outs / n;
        }

        float sum = 0f;
        for (int s = 0; s < n; s++, output += padded, delta += padded, target += outs)
        {
            for (int o = 0; o < outs; o++)
            {
                float e = output[o] - target[o];
                sum += e * e;
                delta[o] = factor * e;
            }
        }

        return sum / outs / n;
    }

    /// <summary>Mean over the batch of −Σ t·log softmax(z); δ = softmax(z)·Σt − t. <see cref="MathF"/> per sample.</summary>
    private float CrossEntropy(int n, float* z, float* delta, float* target)
    {
        int outs = _outs[_layerCount - 1], padded = _padded[_layerCount - 1];
        float total = 0f;
        for (int s = 0; s < n; s++, z += padded, delta += padded, target += outs)
        {
            float max = z[0];
            for (int o = 1; o < outs; o++) max = MathF.Max(max, z[o]);
            float sum = 0f, targets = 0f, dot = 0f;
            for (int o = 0; o < outs; o++)
            {
                float e = MathF.Exp(z[o] - max);
                delta[o] = e;
                sum += e;
                targets += target[o];
                dot += target[o] * (z[o] - max);
            }

            float logSum = MathF.Log(sum);
            total += targets * logSum - dot;
            float factor = targets / sum;
            for (int o = 0; o < outs; o++) delta[o] = delta[o] * factor - target[o];
        }

        return total / n;
    }

    /// <summary>Forward epilogue: A = f(acc + b). With a null bias (backward through an identity layer) A = acc.</summary>
    private readonly struct ForwardEpilogue<TActivation>(float* a, float* b) : ITileEpilogue where TActivation : struct, IActivation
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(Vector256<float> accumulator, nint offset, int column)
        {
            if (b != null) accumulator += Vector256.Load(b + column);
            TActivation.Apply(accumulator).Store(a + offset);
        }
    }

    /// <summary>SiLU forward: keeps z and σ(z) for the derivative σ(z)·(1 + z·(1 − σ(z))).</summary>
    private readonly struct SiluForwardEpilogue(float* a, float* z, float* sigma, float* b) : ITileEpilogue
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(Vector256<float> accumulator, nint offset, int column)
        {
            Vector256<float> x = accumulator + Vector256.Load(b + column);
            Vector256<float> s = Sigmoid(x);
            x.Store(z + offset);
            s.Store(sigma + offset);
            (x * s).Store(a + offset);
        }
    }

    /// <summary>tanh′ = 1 − a².</summary>
    private readonly struct TanhBackwardEpilogue(float* delta, float* a) : ITileEpilogue
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(Vector256<float> accumulator, nint offset, int column)
        {
            Vector256<float> y = Vector256.Load(a + offset);
            (accumulator * NegMulAdd(y, y, Vector256<float>.One)).Store(delta + offset);
        }
    }

    /// <summary>ReLU′ = 1 where a &gt; 0, else 0 (also at 0, as NetGen and PyTorch).</summary>
    private readonly struct ReluBackwardEpilogue(float* delta, float* a) : ITileEpilogue
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(Vector256<float> accumulator, nint offset, int column)
        {
            Vector256<float> mask = Vector256.GreaterThan(Vector256.Load(a + offset), Vector256<float>.Zero);
            (accumulator & mask).Store(delta + offset);
        }
    }

    /// <summary>SiLU′ = σ·(1 + z·(1 − σ)).</summary>
    private readonly struct SiluBackwardEpilogue(float* delta, float* z, float* sigma) : ITileEpilogue
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(Vector256<float> accumulator, nint offset, int column)
        {
            Vector256<float> s = Vector256.Load(sigma + offset), x = Vector256.Load(z + offset);
            Vector256<float> derivative = s * MulAdd(x, Vector256<float>.One - s, Vector256<float>.One);
            (accumulator * derivative).Store(delta + offset);
        }
    }
}

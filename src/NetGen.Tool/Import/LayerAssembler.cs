using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Tool.Import;

/// <summary>
/// Builds the list of NetGen layers as the importer walks the graph, and places what the element-wise pieces compute:
/// an activation goes onto the layer before it; an affine map (input normalisation <c>(x − mean) / std</c>, a bias
/// <c>Add</c>, a scale) is folded into the layer before it (its output rows) or the layer after it (its input columns);
/// a clamp becomes PyTorch's HardSigmoid between two affine maps. Where no layer can take one of them, a "carrier"
/// layer is inserted that computes exactly that: a diagonal <c>[Dense(F)]</c> (flat values) or a 1×1 convolution with
/// an identity or diagonal kernel (shaped values). Folding is done in double precision and rounded once to float.
/// </summary>
internal sealed class LayerAssembler
{
    private ImportedLayer? _open;          // the layer whose output is the current value, activation slot still Identity
    private ImportedLayer? _beforeMaxPool; // the open layer just before a max pool (an increasing activation may move onto it)
    private AffineStep? _pending;          // an affine map on the current value, not yet folded into a layer
    private readonly List<string> _pendingSources = new();

    /// <summary>The layers so far, in order.</summary>
    public List<ImportedLayer> Layers { get; } = new();

    /// <summary>The current value's shape for one sample (one step): [F], [C, L] or [C, H, W].</summary>
    public int[] Shape { get; set; } = Array.Empty<int>();

    /// <summary>Adds a layer that reads the current value (Dense, convolution, normalisation, recurrent layer).</summary>
    /// <param name="layer">The layer, with the weights as the graph has them.</param>
    /// <param name="outputShape">The shape of its output.</param>
    public void AddLayer(ImportedLayer layer, int[] outputShape)
    {
        if (_pending is not null && !AbsorbInput(layer, _pending))
        {
            AddCarrier(Activation.Identity);
        }
        else if (_pending is not null)
        {
            layer.Notes.Add("folded in: the element-wise affine map of " + string.Join(", ", _pendingSources));
            _pending = null;
            _pendingSources.Clear();
        }
        Layers.Add(layer);
        Shape = outputShape;
        _open = layer.TakesActivation ? layer : null;
        _beforeMaxPool = null;
    }

    /// <summary>Adds a layer without parameters (pool, flatten, global average pool).</summary>
    public void AddStructural(ImportedLayer layer, int[] outputShape)
    {
        if (_pending is not null)
        {
            bool commutes = layer is FlattenImport
                || (layer is PoolImport { Max: false } or GlobalAvgPoolImport && PerChannel(_pending, Shape) is not null)
                || (layer is PoolImport { Max: true } && PerChannel(_pending, Shape) is { } pc && pc.A.All(a => a > 0));
            if (!commutes) AddCarrier(Activation.Identity);
            else if (layer is not FlattenImport)
            {
                // A per-channel map commutes with pooling: re-spread it over the pooled shape.
                var (a, b) = PerChannel(_pending, Shape)!.Value;
                _pending = Spread(a, b, outputShape);
            }
        }
        _beforeMaxPool = layer is PoolImport { Max: true } && _open is not null && _open.Activation == Activation.Identity ? _open : null;
        _open = null;
        Layers.Add(layer);
        Shape = outputShape;
    }

    /// <summary>Applies what an element-wise piece computes to the current value.</summary>
    /// <param name="steps">The steps, in order.</param>
    public void Apply(IEnumerable<ElementwiseStep> steps)
    {
        foreach (var step in steps)
        {
            string source = step.Source;
            switch (step)
            {
                case AffineStep affine: ApplyAffine(affine, source); break;
                case ActivationStep activation: ApplyActivation(activation.Activation, source); break;
                case ClampStep clamp: ApplyClamp(clamp, source); break;
                default: throw new InvalidOperationException("Unknown element-wise step " + step.GetType().Name);
            }
        }
    }

    /// <summary>Applies an activation that is not element-wise (Softmax over the features).</summary>
    public void ApplySoftmax(string source)
    {
        if (_pending is not null || _open is not DenseImport)
            throw new ImportException($"{source}: NetGen applies Softmax only as the activation of the last [Dense] layer, and this one follows "
                + (Layers.Count == 0 ? "the input" : Layers[^1].Attribute) + ".");
        _open.Activation = Activation.Softmax;
        _open.Sources.Add(source);
        _open = null;
    }

    /// <summary>Ends the network: an affine map still pending becomes a carrier layer.</summary>
    public void Finish()
    {
        if (_pending is not null) AddCarrier(Activation.Identity);
    }

    private void ApplyAffine(AffineStep step, string source)
    {
        if (step.A.All(a => a == 1) && step.B.All(b => b == 0)) return;
        if (_pending is not null)
        {
            _pending = new AffineStep(_pending.A.Zip(step.A, (a1, a2) => a1 * a2).ToArray(), _pending.B.Zip(step.A, (b1, a2) => b1 * a2).Zip(step.B, (x, b2) => x + b2).ToArray());
            if (!_pendingSources.Contains(source)) _pendingSources.Add(source);
            return;
        }
        if (_open is not null && AbsorbOutput(_open, step))
        {
            _open.Sources.Add(source);
            _open.Notes.Add("folded in: the element-wise affine map of " + source);
            return;
        }
        _pending = step;
        _pendingSources.Clear();
        _pendingSources.Add(source);
    }

    private void ApplyActivation(Activation activation, string source)
    {
        if (_pending is not null) AddCarrier(Activation.Identity);
        if (_open is not null && _open.Activation == Activation.Identity)
        {
            _open.Activation = activation;
            _open.Sources.Add(source);
            _open = null;
            return;
        }
        if (_beforeMaxPool is not null && ActivationFunctions.IsNonDecreasing(activation) && Layers[^1] is PoolImport)
        {
            // f(max(…)) = max(f(…)) for a non-decreasing f: the activation moves before the pool.
            _beforeMaxPool.Activation = activation;
            _beforeMaxPool.Sources.Add(source);
            _beforeMaxPool.Notes.Add($"the {activation} after the max pool moved before it (exact: {activation} does not decrease)");
            _beforeMaxPool = null;
            return;
        }
        var carrier = AddCarrier(activation);
        carrier.Sources.Add(source);
    }

    private void ApplyClamp(ClampStep clamp, string source)
    {
        // clamp(x, lo, hi) = lo + s·HardSigmoid(6(x − lo)/s − 3) with s = hi − lo (HardSigmoid(w) = clamp(w/6 + 1/2, 0, 1)).
        int n = Shape.Aggregate(1, (a, d) => a * d);
        AffineStep Uniform(double a, double b) => new(Enumerable.Repeat(a, n).ToArray(), Enumerable.Repeat(b, n).ToArray());
        if (double.IsInfinity(clamp.Low) && double.IsInfinity(clamp.High)) return;
        if (double.IsInfinity(clamp.High))
        {
            ApplyAffine(Uniform(1, -clamp.Low), source);
            ApplyActivation(Activation.Relu, source);
            ApplyAffine(Uniform(1, clamp.Low), source);
        }
        else if (double.IsInfinity(clamp.Low))
        {
            ApplyAffine(Uniform(-1, clamp.High), source);
            ApplyActivation(Activation.Relu, source);
            ApplyAffine(Uniform(-1, clamp.High), source);
        }
        else
        {
            double s = clamp.High - clamp.Low;
            ApplyAffine(Uniform(6 / s, -6 * clamp.Low / s - 3), source);
            ApplyActivation(Activation.HardSigmoid, source);
            ApplyAffine(Uniform(s, clamp.Low), source);
        }
    }

    private ImportedLayer AddCarrier(Activation activation)
    {
        int n = Shape.Aggregate(1, (a, d) => a * d);
        var step = _pending ?? new AffineStep(Enumerable.Repeat(1.0, n).ToArray(), new double[n]);
        ImportedLayer carrier;
        if (Shape.Length == 1)
        {
            var weight = new float[n * n];
            for (int i = 0; i < n; i++) weight[i * n + i] = (float)step.A[i];
            carrier = new DenseImport(n, n, weight, step.B.Select(b => (float)b).ToArray());
            carrier.Notes.Add("carrier layer inserted by the importer: a diagonal Dense layer (weights diag(a), bias b) computing exactly "
                + (_pending is null ? "the identity" : "the element-wise affine map of " + string.Join(", ", _pendingSources)) + (activation == Activation.Identity ? "" : ", then " + activation));
        }
        else
        {
            var perChannel = PerChannel(step, Shape)
                ?? throw new ImportException("The element-wise map of " + string.Join(", ", _pendingSources) + " differs within a channel of a shaped value and no layer next to it can take it.");
            int c = Shape[0];
            var weight = new float[c * c * (Shape.Length == 3 ? 1 : 1)];
            for (int i = 0; i < c; i++) weight[i * c + i] = (float)perChannel.A[i];
            carrier = new ConvImport { SpatialDims = Shape.Length - 1, InChannels = c, OutChannels = c, Kernel = 1, Weight = weight, Bias = perChannel.B.Select(b => (float)b).ToArray() };
            carrier.Notes.Add("carrier layer inserted by the importer: a 1×1 convolution with a diagonal kernel computing exactly "
                + (_pending is null ? "the identity" : "the per-channel affine map of " + string.Join(", ", _pendingSources)) + (activation == Activation.Identity ? "" : ", then " + activation));
        }
        if (_pending is not null) carrier.Sources.AddRange(_pendingSources);
        carrier.Activation = activation;
        _pending = null;
        _pendingSources.Clear();
        Layers.Add(carrier);
        _open = activation == Activation.Identity ? carrier : null;
        _beforeMaxPool = null;
        return carrier;
    }

    private bool AbsorbInput(ImportedLayer layer, AffineStep step)
    {
        switch (layer)
        {
            case DenseImport dense:
                return FoldColumns(dense.Weight, dense.Bias, dense.Units, dense.Inputs, step.A, step.B);
            case RecurrentImport recurrent:
                return FoldColumns(recurrent.WeightIh, recurrent.BiasIh, recurrent.Gates * recurrent.Hidden, recurrent.Inputs, step.A, step.B);
            case ConvImport conv:
            {
                if (PerChannel(step, Shape) is not { } pc) return false;
                if (conv.Padding > 0 && pc.B.Any(b => b != 0)) return false; // zero padding would see the offset
                int per = conv.Weight.Length / (conv.OutChannels * conv.InChannels);
                for (int o = 0; o < conv.OutChannels; o++)
                {
                    double bias = conv.Bias[o];
                    for (int ci = 0; ci < conv.InChannels; ci++)
                    {
                        for (int k = 0; k < per; k++)
                        {
                            int at = (o * conv.InChannels + ci) * per + k;
                            bias += conv.Weight[at] * pc.B[ci];
                            conv.Weight[at] = (float)(conv.Weight[at] * pc.A[ci]);
                        }
                    }
                    conv.Bias[o] = (float)bias;
                }
                return true;
            }
            case BatchNormImport norm:
            {
                if (PerChannel(step, Shape) is not { } pc || pc.A.Any(a => a == 0)) return false;
                for (int ch = 0; ch < norm.Channels; ch++)
                {
                    norm.Mean[ch] = (float)((norm.Mean[ch] - pc.B[ch]) / pc.A[ch]);
                    norm.Weight[ch] = (float)(norm.Weight[ch] * pc.A[ch]);
                }
                return true;
            }
            default:
                return false;
        }
    }

    private static bool FoldColumns(float[] weight, float[] bias, int rows, int columns, double[] a, double[] b)
    {
        if (a.Length != columns) return false;
        for (int r = 0; r < rows; r++)
        {
            double sum = bias[r];
            for (int c = 0; c < columns; c++)
            {
                sum += (double)weight[r * columns + c] * b[c];
                weight[r * columns + c] = (float)(weight[r * columns + c] * a[c]);
            }
            bias[r] = (float)sum;
        }
        return true;
    }

    private bool AbsorbOutput(ImportedLayer layer, AffineStep step)
    {
        switch (layer)
        {
            case DenseImport dense when step.A.Length == dense.Units:
                for (int r = 0; r < dense.Units; r++)
                {
                    for (int c = 0; c < dense.Inputs; c++) dense.Weight[r * dense.Inputs + c] = (float)(dense.Weight[r * dense.Inputs + c] * step.A[r]);
                    dense.Bias[r] = (float)(dense.Bias[r] * step.A[r] + step.B[r]);
                }
                return true;
            case ConvImport conv when PerChannel(step, Shape) is { } pc:
            {
                int per = conv.Weight.Length / conv.OutChannels;
                for (int o = 0; o < conv.OutChannels; o++)
                {
                    for (int k = 0; k < per; k++) conv.Weight[o * per + k] = (float)(conv.Weight[o * per + k] * pc.A[o]);
                    conv.Bias[o] = (float)(conv.Bias[o] * pc.A[o] + pc.B[o]);
                }
                return true;
            }
            case BatchNormImport norm when PerChannel(step, Shape) is { } pc:
                for (int ch = 0; ch < norm.Channels; ch++)
                {
                    norm.Weight[ch] = (float)(norm.Weight[ch] * pc.A[ch]);
                    norm.Bias[ch] = (float)(norm.Bias[ch] * pc.A[ch] + pc.B[ch]);
                }
                return true;
            case LayerNormImport ln when step.A.Length == ln.Weight.Length:
                for (int e = 0; e < ln.Weight.Length; e++)
                {
                    ln.Weight[e] = (float)(ln.Weight[e] * step.A[e]);
                    ln.Bias[e] = (float)(ln.Bias[e] * step.A[e] + step.B[e]);
                }
                return true;
            default:
                return false;
        }
    }

    /// <summary>The map's factors and offsets per channel when they are the same over each channel's positions; null otherwise.</summary>
    private static (double[] A, double[] B)? PerChannel(AffineStep step, int[] shape)
    {
        if (shape.Length == 1) return (step.A, step.B);
        int channels = shape[0];
        int per = shape.Skip(1).Aggregate(1, (a, d) => a * d);
        if (step.A.Length != channels * per) return null;
        var a = new double[channels];
        var b = new double[channels];
        for (int c = 0; c < channels; c++)
        {
            a[c] = step.A[c * per];
            b[c] = step.B[c * per];
            for (int k = 1; k < per; k++)
                if (step.A[c * per + k] != a[c] || step.B[c * per + k] != b[c]) return null;
        }
        return (a, b);
    }

    private static AffineStep Spread(double[] a, double[] b, int[] shape)
    {
        int per = shape.Skip(1).Aggregate(1, (x, d) => x * d);
        return new AffineStep(a.SelectMany(v => Enumerable.Repeat(v, per)).ToArray(), b.SelectMany(v => Enumerable.Repeat(v, per)).ToArray());
    }
}

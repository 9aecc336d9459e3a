using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Tests.Reference;

namespace NetGen.Tests.Shaped;

/// <summary>The kinds of layer a shaped network is made of (the <c>kind</c> strings of shaped-reference.json).</summary>
public enum ShapedLayerKind
{
    /// <summary>nn.Conv1d on [C, L] (zero padding, stride, dilation), then the layer's activation.</summary>
    Conv1D,

    /// <summary>nn.Conv2d on [C, H, W] with a square kernel (zero padding, stride), then the layer's activation.</summary>
    Conv2D,

    /// <summary>nn.MaxPool1d (no padding, floor); the gradient goes to the first maximum of a window.</summary>
    MaxPool1D,

    /// <summary>nn.MaxPool2d (no padding, floor); the first maximum in row-major order within the window.</summary>
    MaxPool2D,

    /// <summary>nn.AvgPool1d (no padding, floor).</summary>
    AvgPool1D,

    /// <summary>nn.AvgPool2d (no padding, floor).</summary>
    AvgPool2D,

    /// <summary>nn.AdaptiveAvgPool1d(1) / nn.AdaptiveAvgPool2d(1): [C, L] → [C, 1], [C, H, W] → [C, 1, 1].</summary>
    GlobalAvgPool,

    /// <summary>nn.Flatten: any shape → [its size], values unchanged.</summary>
    Flatten,

    /// <summary>nn.LayerNorm over the whole input shape (ε 1e-5, elementwise weight and bias), then the activation.</summary>
    LayerNorm,

    /// <summary>nn.BatchNorm1d (flat, or the channels of [C, L]) / nn.BatchNorm2d ([C, H, W]), ε 1e-5, momentum 0.1.</summary>
    BatchNorm,

    /// <summary>nn.Linear on a flat input, then the activation (Softmax over the units).</summary>
    Dense,
}

/// <summary>One layer of a <see cref="ShapedLayout"/>, as shaped-reference.json describes it.</summary>
/// <param name="Kind">What the layer is.</param>
/// <param name="Size">Dense's units or a convolution's output channels; 0 for the others.</param>
/// <param name="KernelSize">A convolution's or pool's kernel size (1 for the others).</param>
/// <param name="Stride">A convolution's or pool's stride, resolved (a pool's default is its kernel size).</param>
/// <param name="Padding">A convolution's zero padding on each side.</param>
/// <param name="Dilation">Conv1D's dilation (1 for the others).</param>
/// <param name="Activation">The activation after a convolution, Dense, LayerNorm or BatchNorm; Identity otherwise.</param>
public sealed record ShapedLayer(ShapedLayerKind Kind, int Size = 0, int KernelSize = 1, int Stride = 1, int Padding = 0, int Dilation = 1,
    Activation Activation = Activation.Identity);

/// <summary>A tensor of a layout's flat vector: its state_dict name, where it starts, its shape (row-major; [] for a
/// scalar).</summary>
/// <param name="Name">The state_dict key, e.g. "0.weight" or "1.running_mean".</param>
/// <param name="Offset">Index of its first element in the flat vector.</param>
/// <param name="Shape">PyTorch's shape.</param>
public sealed record ShapedTensor(string Name, int Offset, int[] Shape)
{
    /// <summary>The number of elements (1 for a scalar).</summary>
    public int Length => Shape.Aggregate(1, (a, b) => a * b);
}

/// <summary>
/// A shaped network's description, and a naive, readable double-precision reference of what it computes with PyTorch's
/// semantics, independent of any generated code: one call takes a whole batch (BatchNorm in training mode needs it),
/// each sample one flat row-major array ([C, L], [C, H, W] or [F]).
/// </summary>
/// <remarks>
/// <para>Flat parameters: layer by layer, each layer's <c>weight</c> then <c>bias</c> (nn.Module.parameters() order),
/// each row-major: Conv1D [O, C, K], Conv2D [O, C, K, K], Dense [U, F], LayerNorm the input's shape, BatchNorm [C].</para>
/// <para>Running statistics: per BatchNorm layer in order, running_mean [C], running_var [C], num_batches_tracked (one
/// value). Training mode normalises with the batch's mean and biased variance over the samples (and the positions of a
/// shaped input); evaluation mode with the running statistics. <see cref="UpdatedRunningStatistics"/> is PyTorch's
/// update: running = 0.9·running + 0.1·batch, the variance unbiased there.</para>
/// </remarks>
public sealed class ShapedLayout
{
    /// <summary>LayerNorm's and BatchNorm's ε.</summary>
    public const double Epsilon = 1e-5;

    /// <summary>BatchNorm's momentum (PyTorch's meaning: the weight of the new batch).</summary>
    public const double Momentum = 0.1;

    private readonly int[][] _shapes;      // _shapes[i] = the shape of layer i's input; _shapes[^1] = the output's
    private readonly int[] _offsets;       // where each layer's parameters start
    private readonly int[] _runningOffsets; // where each BatchNorm layer's running statistics start (−1 for the others)

    /// <summary>Describes a network.</summary>
    /// <param name="inputShape">[C, L], [C, H, W] or [F].</param>
    /// <param name="layers">The layers in order.</param>
    /// <param name="loss">The loss.</param>
    public ShapedLayout(IReadOnlyList<int> inputShape, IReadOnlyList<ShapedLayer> layers, Loss loss)
    {
        if (layers.Count == 0) throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        if (inputShape.Count is < 1 or > 3 || inputShape.Any(n => n <= 0)) throw new ArgumentException("A shape is [F], [C, L] or [C, H, W].", nameof(inputShape));
        InputShape = inputShape.ToArray();
        Layers = layers.ToArray();
        LossKind = loss;
        _shapes = new int[layers.Count + 1][];
        _offsets = new int[layers.Count];
        _runningOffsets = new int[layers.Count];
        var modules = new int[layers.Count];
        var tensors = new List<ShapedTensor>();
        var runningTensors = new List<ShapedTensor>();
        int[] shape = inputShape.ToArray();
        int offset = 0, running = 0, module = 0;
        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            _shapes[i] = shape;
            _offsets[i] = offset;
            _runningOffsets[i] = -1;
            modules[i] = module;
            void Add(string name, params int[] tensorShape)
            {
                var tensor = new ShapedTensor($"{modules[i]}.{name}", offset, tensorShape);
                tensors.Add(tensor);
                offset += tensor.Length;
            }
            int size = shape.Aggregate(1, (a, b) => a * b);
            switch (layer.Kind)
            {
                case ShapedLayerKind.Conv1D:
                    Require(shape.Length == 2, layer);
                    Add("weight", layer.Size, shape[0], layer.KernelSize);
                    Add("bias", layer.Size);
                    shape = new[] { layer.Size, ConvLength(shape[1], layer.KernelSize, layer.Stride, layer.Padding, layer.Dilation) };
                    break;
                case ShapedLayerKind.Conv2D:
                    Require(shape.Length == 3, layer);
                    Add("weight", layer.Size, shape[0], layer.KernelSize, layer.KernelSize);
                    Add("bias", layer.Size);
                    shape = new[]
                    {
                        layer.Size,
                        ConvLength(shape[1], layer.KernelSize, layer.Stride, layer.Padding, 1),
                        ConvLength(shape[2], layer.KernelSize, layer.Stride, layer.Padding, 1),
                    };
                    break;
                case ShapedLayerKind.MaxPool1D:
                case ShapedLayerKind.AvgPool1D:
                    Require(shape.Length == 2, layer);
                    shape = new[] { shape[0], PoolLength(shape[1], layer.KernelSize, layer.Stride) };
                    break;
                case ShapedLayerKind.MaxPool2D:
                case ShapedLayerKind.AvgPool2D:
                    Require(shape.Length == 3, layer);
                    shape = new[] { shape[0], PoolLength(shape[1], layer.KernelSize, layer.Stride), PoolLength(shape[2], layer.KernelSize, layer.Stride) };
                    break;
                case ShapedLayerKind.GlobalAvgPool:
                    Require(shape.Length >= 2, layer);
                    shape = shape.Length == 2 ? new[] { shape[0], 1 } : new[] { shape[0], 1, 1 };
                    break;
                case ShapedLayerKind.Flatten:
                    shape = new[] { size };
                    break;
                case ShapedLayerKind.Dense:
                    Require(shape.Length == 1, layer);
                    Add("weight", layer.Size, shape[0]);
                    Add("bias", layer.Size);
                    shape = new[] { layer.Size };
                    break;
                case ShapedLayerKind.LayerNorm:
                    Add("weight", shape);
                    Add("bias", shape);
                    break;
                case ShapedLayerKind.BatchNorm:
                    Add("weight", shape[0]);
                    Add("bias", shape[0]);
                    _runningOffsets[i] = running;
                    runningTensors.Add(new ShapedTensor($"{module}.running_mean", running, new[] { shape[0] }));
                    runningTensors.Add(new ShapedTensor($"{module}.running_var", running + shape[0], new[] { shape[0] }));
                    runningTensors.Add(new ShapedTensor($"{module}.num_batches_tracked", running + 2 * shape[0], Array.Empty<int>()));
                    running += 2 * shape[0] + 1;
                    break;
                default:
                    throw new NotSupportedException(layer.Kind.ToString());
            }
            if (shape.Any(n => n <= 0)) throw new ArgumentException($"Layer {i} ({layer.Kind}) does not fit its input.", nameof(layers));
            module += layer.Activation == Activation.Identity ? 1 : 2;
        }
        _shapes[layers.Count] = shape;
        if (shape.Length != 1) throw new ArgumentException("The last layer's output must be flat.", nameof(layers));
        ParameterCount = offset;
        RunningStatisticsCount = running;
        ModuleIndices = modules;
        Tensors = tensors;
        RunningTensors = runningTensors;
    }

    /// <summary>[C, L], [C, H, W] or [F].</summary>
    public IReadOnlyList<int> InputShape { get; }

    /// <summary>The values of one sample's input.</summary>
    public int InputSize => InputShape.Aggregate(1, (a, b) => a * b);

    /// <summary>The values of one sample's output.</summary>
    public int OutputSize => _shapes[^1][0];

    /// <summary>The layers in order.</summary>
    public IReadOnlyList<ShapedLayer> Layers { get; }

    /// <summary>The loss (<see cref="Loss"/> computes it).</summary>
    public Loss LossKind { get; }

    /// <summary>The number of parameters.</summary>
    public int ParameterCount { get; }

    /// <summary>The number of running statistics (2·C + 1 per BatchNorm layer).</summary>
    public int RunningStatisticsCount { get; }

    /// <summary>Per layer, the index of its first module in nn.Sequential numbering (a layer with a non-Identity
    /// activation takes two modules).</summary>
    public IReadOnlyList<int> ModuleIndices { get; }

    /// <summary>The parameter tensors in flat order, with their state_dict names.</summary>
    public IReadOnlyList<ShapedTensor> Tensors { get; }

    /// <summary>The running-statistics tensors in flat order, with their state_dict names.</summary>
    public IReadOnlyList<ShapedTensor> RunningTensors { get; }

    /// <summary>The output shape of layer <paramref name="layer"/>.</summary>
    public IReadOnlyList<int> OutputShape(int layer) => _shapes[layer + 1];

    /// <summary>PyTorch's initial running statistics: means 0, variances 1, num_batches_tracked 0.</summary>
    public double[] InitialRunningStatistics()
    {
        var running = new double[RunningStatisticsCount];
        for (int i = 0; i < Layers.Count; i++)
        {
            if (_runningOffsets[i] < 0) continue;
            int c = _shapes[i][0];
            for (int j = 0; j < c; j++) running[_runningOffsets[i] + c + j] = 1;
        }
        return running;
    }

    /// <summary>The outputs of a batch, after the output activation.</summary>
    /// <param name="parameters">The flat parameters.</param>
    /// <param name="running">The running statistics (read in evaluation mode only; may be null in training mode).</param>
    /// <param name="inputs">One <see cref="InputSize"/> array per sample.</param>
    /// <param name="training">Training mode (BatchNorm uses the batch's statistics) or evaluation mode (the running ones).</param>
    public double[][] Forward(double[] parameters, double[]? running, IReadOnlyList<double[]> inputs, bool training)
        => Run(parameters, running, inputs, training, null).X;

    /// <summary>The batch's mean loss: MSE the mean over all n·Out outputs; BCE the mean over them of
    /// −(t·log y + (1 − t)·log(1 − y)), logs clamped at −100 (nn.BCELoss); CrossEntropy the mean over the samples of
    /// −Σ t·log_softmax(z), z the last Dense's pre-softmax values.</summary>
    /// <param name="parameters">The flat parameters.</param>
    /// <param name="running">The running statistics (evaluation mode), or null in training mode.</param>
    /// <param name="inputs">One array per sample.</param>
    /// <param name="targets">One <see cref="OutputSize"/> array per sample.</param>
    /// <param name="training">Training or evaluation mode.</param>
    public double Loss(double[] parameters, double[]? running, IReadOnlyList<double[]> inputs, IReadOnlyList<double[]> targets, bool training)
        => LossOf(Run(parameters, running, inputs, training, null), targets);

    /// <summary>
    /// The gradient of the training-mode <see cref="Loss"/> by central finite differences (<see cref="FiniteDifferences"/>),
    /// with every max-pool window's choice fixed at <paramref name="parameters"/> (the first maximum, PyTorch's rule), so
    /// that exact ties give PyTorch's gradient rather than the mean of the two one-sided ones.
    /// </summary>
    /// <param name="parameters">The flat parameters.</param>
    /// <param name="inputs">One array per sample.</param>
    /// <param name="targets">One array per sample.</param>
    /// <param name="relativeStep">The step, relative to max(1, |θk|).</param>
    public double[] Gradient(double[] parameters, IReadOnlyList<double[]> inputs, IReadOnlyList<double[]> targets, double relativeStep = 1e-6)
    {
        var routing = Run(parameters, null, inputs, true, null).Routing;
        return FiniteDifferences.Gradient(p => LossOf(Run(p, null, inputs, true, routing), targets), parameters, relativeStep);
    }

    /// <summary>The running statistics after one training-mode forward pass of the batch: per BatchNorm,
    /// running = (1 − 0.1)·running + 0.1·batch (the batch variance unbiased, m/(m − 1) with m the values per channel),
    /// num_batches_tracked + 1.</summary>
    /// <param name="parameters">The flat parameters of the forward pass.</param>
    /// <param name="running">The running statistics before it.</param>
    /// <param name="inputs">One array per sample.</param>
    public double[] UpdatedRunningStatistics(double[] parameters, double[] running, IReadOnlyList<double[]> inputs)
    {
        if (running.Length != RunningStatisticsCount) throw new ArgumentException($"{running.Length} running statistics, expected {RunningStatisticsCount}.", nameof(running));
        var pass = Run(parameters, null, inputs, true, null);
        var updated = (double[])running.Clone();
        int b = 0;
        for (int i = 0; i < Layers.Count; i++)
        {
            if (_runningOffsets[i] < 0) continue;
            var (mean, variance, count) = pass.BatchStatistics[b++];
            int c = mean.Length, at = _runningOffsets[i];
            for (int j = 0; j < c; j++)
            {
                updated[at + j] = (1 - Momentum) * running[at + j] + Momentum * mean[j];
                updated[at + c + j] = (1 - Momentum) * running[at + c + j] + Momentum * variance[j] * count / (count - 1);
            }
            updated[at + 2 * c] = running[at + 2 * c] + 1;
        }
        return updated;
    }

    /// <summary>One training step as PyTorch's loop takes it: the training-mode loss and its (finite-difference)
    /// gradient at <paramref name="parameters"/>, the running statistics updated by that forward pass, then the
    /// optimizer's step. Returns the loss before the step.</summary>
    /// <param name="parameters">The flat parameters, updated in place.</param>
    /// <param name="running">The running statistics, updated in place.</param>
    /// <param name="optimizer">SGD or Adam, with its state.</param>
    /// <param name="inputs">One array per sample.</param>
    /// <param name="targets">One array per sample.</param>
    public double TrainBatch(double[] parameters, double[] running, ReferenceOptimizer optimizer, IReadOnlyList<double[]> inputs, IReadOnlyList<double[]> targets)
    {
        double loss = Loss(parameters, null, inputs, targets, true);
        var gradient = Gradient(parameters, inputs, targets);
        UpdatedRunningStatistics(parameters, running, inputs).CopyTo(running, 0);
        optimizer.Apply(parameters, gradient);
        return loss;
    }

    /// <summary>How far the batch's forward pass is from a kink: the smallest |pre-activation| of a Relu or LeakyRelu and
    /// the smallest gap between the two largest values of a max-pool window (after a Relu, windows whose largest value is
    /// 0 are left out: their tied zeros all have a zero derivative). +∞ when there is none.</summary>
    /// <param name="parameters">The flat parameters.</param>
    /// <param name="running">The running statistics (evaluation mode), or null in training mode.</param>
    /// <param name="inputs">One array per sample.</param>
    /// <param name="training">Training or evaluation mode.</param>
    public double KinkMargin(double[] parameters, double[]? running, IReadOnlyList<double[]> inputs, bool training)
        => Run(parameters, running, inputs, training, null).Margin;

    private static void Require(bool condition, ShapedLayer layer)
    {
        if (!condition) throw new ArgumentException($"{layer.Kind} does not take an input of that shape.", nameof(layer));
    }

    private static int ConvLength(int n, int k, int stride, int padding, int dilation) => (n + 2 * padding - dilation * (k - 1) - 1) / stride + 1;

    private static int PoolLength(int n, int k, int stride) => n < k ? 0 : (n - k) / stride + 1;

    private sealed class Pass
    {
        public double[][] X = Array.Empty<double[]>();
        public double[][]? LastPreActivation;
        public readonly List<(double[] Mean, double[] Variance, int Count)> BatchStatistics = new();
        public readonly List<int[][]> Routing = new();
        public double Margin = double.PositiveInfinity;
    }

    private double LossOf(Pass pass, IReadOnlyList<double[]> targets)
    {
        var y = pass.X;
        if (targets.Count != y.Length) throw new ArgumentException($"{targets.Count} target rows, expected {y.Length}.", nameof(targets));
        int o = OutputSize;
        double sum = 0;
        for (int s = 0; s < y.Length; s++)
        {
            var t = targets[s];
            if (t.Length != o) throw new ArgumentException($"{t.Length} targets, expected {o}.", nameof(targets));
            switch (LossKind)
            {
                case NetGen.Loss.MeanSquaredError:
                    for (int j = 0; j < o; j++) sum += (y[s][j] - t[j]) * (y[s][j] - t[j]) / o;
                    break;
                case NetGen.Loss.BinaryCrossEntropy:
                    for (int j = 0; j < o; j++)
                        sum -= (t[j] * Math.Max(Math.Log(y[s][j]), -100) + (1 - t[j]) * Math.Max(Math.Log(1 - y[s][j]), -100)) / o;
                    break;
                case NetGen.Loss.CrossEntropy:
                    var z = pass.LastPreActivation?[s] ?? throw new NotSupportedException("CrossEntropy needs a last Dense layer with Softmax.");
                    double max = z.Max(), exp = 0;
                    foreach (double v in z) exp += Math.Exp(v - max);
                    double logSum = max + Math.Log(exp);
                    for (int j = 0; j < o; j++) sum -= t[j] * (z[j] - logSum);
                    break;
                default:
                    throw new NotSupportedException(LossKind.ToString());
            }
        }
        return sum / y.Length;
    }

    /// <summary>The whole batch through every layer. routing: per max-pool layer, per sample, per output the input index
    /// it takes (null: the first maximum of each window, recorded in the pass).</summary>
    private Pass Run(double[] p, double[]? running, IReadOnlyList<double[]> inputs, bool training, IReadOnlyList<int[][]>? routing)
    {
        if (p.Length != ParameterCount) throw new ArgumentException($"{p.Length} parameters, expected {ParameterCount}.", nameof(p));
        if (!training && (running is null || running.Length != RunningStatisticsCount))
            throw new ArgumentException($"Evaluation mode needs {RunningStatisticsCount} running statistics.", nameof(running));
        if (inputs.Count == 0) throw new ArgumentException("An empty batch.", nameof(inputs));
        foreach (var input in inputs)
            if (input.Length != InputSize) throw new ArgumentException($"{input.Length} inputs, expected {InputSize}.", nameof(inputs));

        var pass = new Pass { X = inputs.Select(x => (double[])x.Clone()).ToArray() };
        int n = inputs.Count, pool = 0;
        for (int i = 0; i < Layers.Count; i++)
        {
            var layer = Layers[i];
            int[] shape = _shapes[i], output = _shapes[i + 1];
            int w = _offsets[i];
            var x = pass.X;
            bool afterRelu = i > 0 && Layers[i - 1].Activation == Activation.Relu;
            switch (layer.Kind)
            {
                case ShapedLayerKind.Conv1D:
                    x = x.Select(v => Conv1D(p, w, layer, shape, output, v)).ToArray();
                    break;
                case ShapedLayerKind.Conv2D:
                    x = x.Select(v => Conv2D(p, w, layer, shape, output, v)).ToArray();
                    break;
                case ShapedLayerKind.MaxPool1D:
                case ShapedLayerKind.MaxPool2D:
                    var fixedRoute = routing?[pool];
                    var route = new int[n][];
                    for (int s = 0; s < n; s++)
                    {
                        route[s] = fixedRoute?[s] ?? FirstMaxima(layer, shape, output, x[s], afterRelu, ref pass.Margin);
                        var source = x[s];
                        x[s] = route[s].Select(index => source[index]).ToArray();
                    }
                    pass.Routing.Add(route);
                    pool++;
                    break;
                case ShapedLayerKind.AvgPool1D:
                case ShapedLayerKind.AvgPool2D:
                    x = x.Select(v => AvgPool(layer, shape, output, v)).ToArray();
                    break;
                case ShapedLayerKind.GlobalAvgPool:
                    x = x.Select(v => GlobalAvgPool(shape, v)).ToArray();
                    break;
                case ShapedLayerKind.Flatten:
                    break;
                case ShapedLayerKind.Dense:
                    x = x.Select(v => Dense(p, w, layer.Size, v)).ToArray();
                    if (i == Layers.Count - 1 && layer.Activation == Activation.Softmax) pass.LastPreActivation = x;
                    break;
                case ShapedLayerKind.LayerNorm:
                    x = x.Select(v => LayerNorm(p, w, v)).ToArray();
                    break;
                case ShapedLayerKind.BatchNorm:
                    x = BatchNorm(p, w, shape, x, training, running, _runningOffsets[i], pass);
                    break;
            }
            if (layer.Activation is Activation.Relu or Activation.LeakyRelu)
                foreach (var v in x) foreach (double z in v) pass.Margin = Math.Min(pass.Margin, Math.Abs(z));
            pass.X = layer.Activation == Activation.Identity ? x : x.Select(v => Activate(layer.Activation, v)).ToArray();
        }
        return pass;
    }

    /// <summary>y[o, t] = b[o] + Σ_c Σ_j w[o, c, j]·x[c, t·stride − padding + j·dilation] (zero outside).</summary>
    private static double[] Conv1D(double[] p, int w, ShapedLayer layer, int[] shape, int[] output, double[] x)
    {
        int channels = shape[0], length = shape[1], outChannels = output[0], outLength = output[1], k = layer.KernelSize;
        int bias = w + outChannels * channels * k;
        var y = new double[outChannels * outLength];
        for (int o = 0; o < outChannels; o++)
        {
            for (int t = 0; t < outLength; t++)
            {
                double sum = p[bias + o];
                for (int c = 0; c < channels; c++)
                {
                    for (int j = 0; j < k; j++)
                    {
                        int position = t * layer.Stride - layer.Padding + j * layer.Dilation;
                        if (position >= 0 && position < length) sum += p[w + (o * channels + c) * k + j] * x[c * length + position];
                    }
                }
                y[o * outLength + t] = sum;
            }
        }
        return y;
    }

    /// <summary>y[o, r, q] = b[o] + Σ_c Σ_i Σ_j w[o, c, i, j]·x[c, r·stride − padding + i, q·stride − padding + j].</summary>
    private static double[] Conv2D(double[] p, int w, ShapedLayer layer, int[] shape, int[] output, double[] x)
    {
        int channels = shape[0], height = shape[1], width = shape[2], outChannels = output[0], outHeight = output[1], outWidth = output[2];
        int k = layer.KernelSize, bias = w + outChannels * channels * k * k;
        var y = new double[outChannels * outHeight * outWidth];
        for (int o = 0; o < outChannels; o++)
        {
            for (int r = 0; r < outHeight; r++)
            {
                for (int q = 0; q < outWidth; q++)
                {
                    double sum = p[bias + o];
                    for (int c = 0; c < channels; c++)
                    {
                        for (int i = 0; i < k; i++)
                        {
                            int row = r * layer.Stride - layer.Padding + i;
                            if (row < 0 || row >= height) continue;
                            for (int j = 0; j < k; j++)
                            {
                                int column = q * layer.Stride - layer.Padding + j;
                                if (column >= 0 && column < width)
                                    sum += p[w + ((o * channels + c) * k + i) * k + j] * x[(c * height + row) * width + column];
                            }
                        }
                    }
                    y[(o * outHeight + r) * outWidth + q] = sum;
                }
            }
        }
        return y;
    }

    /// <summary>The flat indices (into the input) of the pool windows' elements, window by window, each window's elements in
    /// row-major order.</summary>
    private static IEnumerable<int[]> Windows(ShapedLayer layer, int[] shape, int[] output)
    {
        int k = layer.KernelSize, s = layer.Stride;
        if (shape.Length == 2)
        {
            for (int c = 0; c < output[0]; c++)
                for (int t = 0; t < output[1]; t++)
                    yield return Enumerable.Range(0, k).Select(j => c * shape[1] + t * s + j).ToArray();
            yield break;
        }
        for (int c = 0; c < output[0]; c++)
            for (int r = 0; r < output[1]; r++)
                for (int q = 0; q < output[2]; q++)
                    yield return Enumerable.Range(0, k * k).Select(e => (c * shape[1] + r * s + e / k) * shape[2] + q * s + e % k).ToArray();
    }

    /// <summary>Per window, the index of its first maximum; lowers margin to the gap between its two largest values.</summary>
    private static int[] FirstMaxima(ShapedLayer layer, int[] shape, int[] output, double[] x, bool afterRelu, ref double margin)
    {
        var chosen = new List<int>();
        foreach (var window in Windows(layer, shape, output))
        {
            int best = window[0];
            foreach (int index in window)
                if (x[index] > x[best]) best = index;
            double second = double.NegativeInfinity;
            foreach (int index in window)
                if (index != best) second = Math.Max(second, x[index]);
            if (!(afterRelu && x[best] == 0) && window.Length > 1) margin = Math.Min(margin, x[best] - second);
            chosen.Add(best);
        }
        return chosen.ToArray();
    }

    private static double[] AvgPool(ShapedLayer layer, int[] shape, int[] output, double[] x)
        => Windows(layer, shape, output).Select(window => window.Sum(index => x[index]) / window.Length).ToArray();

    private static double[] GlobalAvgPool(int[] shape, double[] x)
    {
        int channels = shape[0], positions = x.Length / channels;
        var y = new double[channels];
        for (int c = 0; c < channels; c++)
        {
            double sum = 0;
            for (int j = 0; j < positions; j++) sum += x[c * positions + j];
            y[c] = sum / positions;
        }
        return y;
    }

    /// <summary>W·x + b for W [units, x.Length] at parameters[w], then b.</summary>
    private static double[] Dense(double[] p, int w, int units, double[] x)
    {
        int bias = w + units * x.Length;
        var y = new double[units];
        for (int u = 0; u < units; u++)
        {
            double sum = p[bias + u];
            for (int f = 0; f < x.Length; f++) sum += p[w + u * x.Length + f] * x[f];
            y[u] = sum;
        }
        return y;
    }

    /// <summary>(x − mean(x)) / √(var(x) + ε)·weight + bias over all of the sample's values (variance biased).</summary>
    private static double[] LayerNorm(double[] p, int w, double[] x)
    {
        int size = x.Length;
        double mean = x.Average();
        double variance = x.Sum(v => (v - mean) * (v - mean)) / size;
        double scale = 1 / Math.Sqrt(variance + Epsilon);
        var y = new double[size];
        for (int j = 0; j < size; j++) y[j] = (x[j] - mean) * scale * p[w + j] + p[w + size + j];
        return y;
    }

    /// <summary>Per channel c (a flat input's features are its channels): (x − μc) / √(σ²c + ε)·γc + βc, with the batch's
    /// mean and biased variance over the samples and positions (training) or the running ones (evaluation).</summary>
    private static double[][] BatchNorm(double[] p, int w, int[] shape, double[][] x, bool training, double[]? running, int at, Pass pass)
    {
        int channels = shape[0], positions = x[0].Length / channels, n = x.Length, count = n * positions;
        var mean = new double[channels];
        var variance = new double[channels];
        for (int c = 0; c < channels; c++)
        {
            if (training)
            {
                double sum = 0;
                for (int s = 0; s < n; s++)
                    for (int j = 0; j < positions; j++) sum += x[s][c * positions + j];
                mean[c] = sum / count;
                double squares = 0;
                for (int s = 0; s < n; s++)
                    for (int j = 0; j < positions; j++) squares += (x[s][c * positions + j] - mean[c]) * (x[s][c * positions + j] - mean[c]);
                variance[c] = squares / count;
            }
            else
            {
                mean[c] = running![at + c];
                variance[c] = running[at + channels + c];
            }
        }
        if (training) pass.BatchStatistics.Add((mean, variance, count));
        var y = new double[n][];
        for (int s = 0; s < n; s++)
        {
            y[s] = new double[x[s].Length];
            for (int c = 0; c < channels; c++)
            {
                double scale = p[w + c] / Math.Sqrt(variance[c] + Epsilon);
                for (int j = 0; j < positions; j++) y[s][c * positions + j] = (x[s][c * positions + j] - mean[c]) * scale + p[w + channels + c];
            }
        }
        return y;
    }

    /// <summary>The activation on one sample's values (Softmax over them; the others element by element), PyTorch's
    /// definitions.</summary>
    private static double[] Activate(Activation activation, double[] v)
    {
        if (activation == Activation.Softmax)
        {
            double max = v.Max();
            var e = v.Select(u => Math.Exp(u - max)).ToArray();
            double sum = e.Sum();
            return e.Select(u => u / sum).ToArray();
        }
        return v.Select(x => Activate(activation, x)).ToArray();
    }

    private static double Activate(Activation activation, double x) => activation switch
    {
        Activation.Identity => x,
        Activation.Sigmoid => Sigmoid(x),
        Activation.Tanh => Math.Tanh(x),
        Activation.Relu => x > 0 ? x : 0,
        Activation.LeakyRelu => x > 0 ? x : 0.01 * x,
        Activation.Silu => x * Sigmoid(x),
        Activation.Gelu => x * NormalCdf(x),
        Activation.GeluTanh => 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x))),
        Activation.Elu => x > 0 ? x : Math.Exp(x) - 1,
        Activation.Softplus => x > 20 ? x : Math.Log(1 + Math.Exp(x)),
        Activation.Mish => x * Math.Tanh(x > 20 ? x : Math.Log(1 + Math.Exp(x))),
        Activation.HardSigmoid => Math.Min(Math.Max(x + 3, 0), 6) / 6,
        Activation.HardSwish => x * Math.Min(Math.Max(x + 3, 0), 6) / 6,
        _ => throw new NotSupportedException($"The shaped reference has no {activation} here."),
    };

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>Φ(x) = erfc(−x/√2)/2.</summary>
    private static double NormalCdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    /// <summary>erfc(z): 1 − erf(z) by erf's series of positive terms for |z| &lt; 3, the continued fraction beyond
    /// (relative accuracy near 1e-15 for the tail).</summary>
    private static double Erfc(double z)
    {
        if (z < 0) return 2 - Erfc(-z);
        if (z < 3)
        {
            // erf(z) = 2/√π · e^(−z²) · Σ 2ⁿ z^(2n+1) / (1·3·…·(2n+1))
            double term = z, sum = z;
            for (int k = 1; k < 200 && term > 1e-17 * sum; k++)
            {
                term *= 2 * z * z / (2 * k + 1);
                sum += term;
            }
            return 1 - 2 / Math.Sqrt(Math.PI) * Math.Exp(-z * z) * sum;
        }
        // erfc(z) = e^(−z²)/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + 2/(z + …))))), evaluated from the tail.
        double fraction = z;
        for (int k = 60; k >= 1; k--) fraction = z + k / 2.0 / fraction;
        return Math.Exp(-z * z) / Math.Sqrt(Math.PI) / fraction;
    }
}

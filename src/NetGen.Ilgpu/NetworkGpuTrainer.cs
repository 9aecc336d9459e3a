using System;
using System.Diagnostics;
using ILGPU;
using ILGPU.Runtime;
using NetGen.Runtime;

namespace NetGen.Ilgpu;

/// <summary>
/// Trains and runs a network on an ILGPU accelerator (CUDA, OpenCL or ILGPU's CPU accelerator): one thread per
/// gradient slot runs the network's forward and backward pass on its samples, the slots are reduced on the device in
/// a fixed order (the same batch gives bit-identical parameters run to run) and the optimizer step runs on the
/// device. A generated network derives its nested <c>T.GpuTrainer</c> from this class; <typeparamref name="TKernels"/>
/// supplies the network's sizes, hyper-parameters and device functions. Create the ILGPU context with
/// <c>EnableAlgorithms()</c> (ILGPU.Algorithms) so that exp, log and tanh compile for CUDA and OpenCL. Not thread-safe.
/// </summary>
/// <typeparam name="TNetwork">The network type.</typeparam>
/// <typeparam name="TKernels">The network's kernel struct (generated: <c>T.NetGenGpuKernels</c>).</typeparam>
/// <remarks>
/// Memory and determinism: the gradient kernel runs a fixed number of threads, the gradient slots (see
/// <see cref="GradientSlotBudget"/>). Slot <c>l</c> of <c>ls</c> processes samples <c>l, l + ls, l + 2·ls, …</c> in
/// that order and accumulates their gradients into its own slot of a <c>ParameterCount × ls</c> buffer (columns on
/// GPUs, rows on the CPU accelerator); the update kernel sums the slots in slot order, divides by n and applies the
/// optimizer; the host adds the slots' losses in slot order. Nothing depends on thread scheduling, and memory stays
/// bounded however large the batch.
/// </remarks>
public abstract class NetworkGpuTrainer<TNetwork, TKernels> : IDisposable
    where TNetwork : class
    where TKernels : struct, INetworkGpuKernels, INetworkGpuHost<TNetwork>
{
    private static readonly TKernels Kernels = default;

    private readonly Accelerator _accelerator;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _parameters = null!, _gradients = null!, _scratch = null!, _losses = null!;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _inputs = null!, _targets = null!, _outputs = null!, _masks = null!, _moment1 = null!, _moment2 = null!;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int> _gradientKernel = null!;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int> _predictKernel = null!;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, int, int, float, int, int>? _sgdKernel;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, float, int, int, int>? _momentumKernel;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, float, float, float, float, int, int>? _adamKernel;
    private readonly float[] _slotLosses;
    private readonly float[] _hostParameters;
    private readonly float[] _hostMasks;
    private readonly int _groupSize;
    private readonly int _updateThreads;
    private readonly int _interleaved;
    private DeterministicRandom _dropout;
    private long _step;
    private float _learningRate;
    private bool _disposed;

    /// <summary>
    /// Copies the network's parameters, learning rate and optimizer state (step count, momentum or Adam moments) to
    /// the device, allocates the device buffers for batches of up to <paramref name="maxBatchSize"/> samples and loads
    /// the kernels, with <see cref="DefaultGradientSlots"/> gradient slots.
    /// </summary>
    /// <param name="accelerator">The ILGPU accelerator to run on; group sizes are taken from it (<c>MaxNumThreadsPerGroup</c>, <c>WarpSize</c>).</param>
    /// <param name="network">The network whose parameters and optimizer state the trainer starts from; it is not changed.</param>
    /// <param name="maxBatchSize">The largest batch <see cref="TrainBatch"/> and <see cref="PredictBatch"/> accept (at least 1).</param>
    /// <exception cref="ArgumentNullException"><paramref name="accelerator"/> or <paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBatchSize"/> is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The kernels cannot be compiled for the accelerator (on CUDA and OpenCL: the context was created without <c>EnableAlgorithms()</c>).</exception>
    protected NetworkGpuTrainer(Accelerator accelerator, TNetwork network, int maxBatchSize)
        : this(accelerator, network, maxBatchSize, DefaultGradientSlots(accelerator, maxBatchSize))
    {
    }

    /// <summary>
    /// As <see cref="NetworkGpuTrainer{TNetwork, TKernels}(Accelerator, TNetwork, int)"/>, with an explicit number of
    /// gradient slots: fewer slots take less device memory (<c>ParameterCount</c> floats each) and run fewer threads in parallel.
    /// </summary>
    /// <param name="accelerator">The ILGPU accelerator to run on.</param>
    /// <param name="network">The network whose parameters and optimizer state the trainer starts from; it is not changed.</param>
    /// <param name="maxBatchSize">The largest batch <see cref="TrainBatch"/> and <see cref="PredictBatch"/> accept (at least 1).</param>
    /// <param name="gradientSlots">Threads (and gradient slots) of the gradient kernel, 1 to <paramref name="maxBatchSize"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="accelerator"/> or <paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBatchSize"/> is less than 1, or <paramref name="gradientSlots"/> is outside 1 to <paramref name="maxBatchSize"/>.</exception>
    /// <exception cref="InvalidOperationException">The kernels cannot be compiled for the accelerator (on CUDA and OpenCL: the context was created without <c>EnableAlgorithms()</c>).</exception>
    protected NetworkGpuTrainer(Accelerator accelerator, TNetwork network, int maxBatchSize, int gradientSlots)
    {
        if (accelerator is null) throw new ArgumentNullException(nameof(accelerator));
        if (network is null) throw new ArgumentNullException(nameof(network));
        if (maxBatchSize < 1) throw new ArgumentOutOfRangeException(nameof(maxBatchSize), maxBatchSize, "The maximum batch size must be at least 1.");
        if (gradientSlots < 1 || gradientSlots > maxBatchSize) throw new ArgumentOutOfRangeException(nameof(gradientSlots), gradientSlots, "The number of gradient slots must be between 1 and the maximum batch size.");
        _accelerator = accelerator;
        MaxBatchSize = maxBatchSize;
        GradientSlots = gradientSlots;
        _groupSize = GroupSize(accelerator);
        int parameterCount = Kernels.ParameterCount;
        // The update kernel runs at most as many threads as the accelerator runs at once, each looping over parameters.
        _updateThreads = (int)Math.Max(1L, Math.Min(parameterCount, (long)accelerator.MaxNumThreads));
        // Slot layout: columns (coalesced) on GPUs, rows (cache lines) on the CPU accelerator; the arithmetic is the same.
        _interleaved = accelerator.AcceleratorType == AcceleratorType.CPU ? 0 : 1;
        _step = Kernels.StepOf(network);
        _learningRate = Kernels.LearningRateOf(network);
        // Dropout: masks drawn on the host from a copy of the network's generator, in sample order as the CPU path
        // draws them, so a trainer and the network it started from use the same masks; uploaded with each batch.
        _dropout = new DeterministicRandom(Kernels.DropoutStateOf(network));
        _slotLosses = new float[gradientSlots];
        _hostParameters = new float[parameterCount];
        _hostMasks = new float[(long)maxBatchSize * Kernels.MaskSize];
        bool adam = Kernels.Optimizer == Optimizer.Adam;
        bool momentum = !adam && Kernels.Momentum != 0f;
        try
        {
            _parameters = accelerator.Allocate1D<float>(parameterCount);
            _gradients = accelerator.Allocate1D<float>((long)parameterCount * gradientSlots);
            _scratch = accelerator.Allocate1D<float>(Math.Max(1L, (long)Kernels.ScratchSize * gradientSlots));
            _losses = accelerator.Allocate1D<float>(gradientSlots);
            _inputs = accelerator.Allocate1D<float>((long)maxBatchSize * Kernels.InputSize);
            _targets = accelerator.Allocate1D<float>((long)maxBatchSize * Kernels.OutputSize);
            _outputs = accelerator.Allocate1D<float>((long)maxBatchSize * Kernels.OutputSize);
            _masks = accelerator.Allocate1D<float>(Math.Max(1L, (long)maxBatchSize * Kernels.MaskSize));
            _moment1 = accelerator.Allocate1D<float>(adam || momentum ? parameterCount : 1);
            _moment2 = accelerator.Allocate1D<float>(adam ? parameterCount : 1);
            Copy(Kernels.ParametersOf(network), _parameters);
            if (adam || momentum) Copy(State(Kernels.FirstMomentOf(network), parameterCount), _moment1);
            if (adam) Copy(State(Kernels.SecondMomentOf(network), parameterCount), _moment2);
            try
            {
                _gradientKernel = accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int>(TrainingKernels.Gradient<TKernels>);
                _predictKernel = accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int>(TrainingKernels.Predict<TKernels>);
                if (adam) _adamKernel = accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, float, float, float, float, int, int>(OptimizerKernels.Adam<TKernels>);
                else if (momentum) _momentumKernel = accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, float, int, int, int>(OptimizerKernels.Momentum<TKernels>);
                else _sgdKernel = accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, int, int, float, int, int>(OptimizerKernels.Sgd<TKernels>);
            }
            catch (Exception e) when (accelerator.AcceleratorType != AcceleratorType.CPU)
            {
                throw new InvalidOperationException(
                    "NetGen's kernels for " + typeof(TNetwork).Name + " could not be compiled for " + accelerator.Name + ": " + e.Message
                    + " (exp, log and tanh need ILGPU.Algorithms: create the context with Context.Create(builder => ... .EnableAlgorithms())).", e);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>
    /// The default number of gradient slots for this network: <see cref="GradientSlotBudget.DefaultSlots"/> with its
    /// parameter count and scratch size.
    /// </summary>
    /// <param name="accelerator">The accelerator the trainer runs on (null: 1, the constructor then throws).</param>
    /// <param name="maxBatchSize">The largest batch the trainer accepts.</param>
    /// <returns>The number of slots, 1 to <paramref name="maxBatchSize"/> (1 when <paramref name="maxBatchSize"/> is below 1).</returns>
    public static int DefaultGradientSlots(Accelerator accelerator, int maxBatchSize)
        => GradientSlotBudget.DefaultSlots(accelerator, maxBatchSize, Kernels.ParameterCount, Kernels.ScratchSize);

    /// <summary>The largest batch the trainer accepts (the constructor's <c>maxBatchSize</c>).</summary>
    public int MaxBatchSize { get; }

    /// <summary>
    /// Number of gradient slots (threads of the gradient kernel; by default <see cref="DefaultGradientSlots"/>).
    /// Sample i of a batch is accumulated by slot i mod <c>GradientSlots</c>; the slots are summed in order.
    /// </summary>
    public int GradientSlots { get; }

    /// <summary>Learning rate of the device optimizer; starts at the network's learning rate and may be changed between steps.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite and greater than 0.</exception>
    public float LearningRate
    {
        get => _learningRate;
        set
        {
            if (!(value > 0f) || float.IsInfinity(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "The learning rate must be finite and greater than 0.");
            _learningRate = value;
        }
    }

    /// <summary>Does one optimizer step on the device on the mean loss of a batch, as the network's own <c>TrainBatch</c> does.</summary>
    /// <param name="inputs">Row-major <c>[n, InputSize]</c> features, 1 ≤ n ≤ <see cref="MaxBatchSize"/>.</param>
    /// <param name="targets">Row-major <c>[n, OutputSize]</c> targets.</param>
    /// <returns>The batch's mean loss before the step.</returns>
    /// <exception cref="ArgumentException">A span does not have the expected length, the batch is empty or larger than <see cref="MaxBatchSize"/>.</exception>
    /// <exception cref="ObjectDisposedException">The trainer has been disposed.</exception>
    public float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        ThrowIfDisposed();
        int n = NetworkArguments.CheckBatch(inputs.Length, Kernels.InputSize, nameof(inputs), targets.Length, Kernels.OutputSize, nameof(targets), allowEmpty: false);
        CheckBatchSize(n, nameof(inputs));
        Copy(inputs, _inputs);
        Copy(targets, _targets);
        int slots = Math.Min(n, GradientSlots);
        int maskSize = Kernels.MaskSize;
        if (maskSize > 0)
        {
            Span<float> masks = _hostMasks.AsSpan(0, n * maskSize);
            for (int sample = 0; sample < n; sample++) Kernels.DrawMask(ref _dropout, masks.Slice(sample * maskSize, maskSize));
            Copy(masks, _masks);
        }
        _gradientKernel(Launch(slots), _parameters.View, _inputs.View, _targets.View, _masks.View, _gradients.View, _scratch.View, _losses.View, n, slots, _interleaved);
        _step++;
        if (_adamKernel is not null)
        {
            // As OptimizerSteps.Adam: bias corrections and step size in double, per-element arithmetic in float.
            double biasCorrection1 = 1.0 - Math.Pow(Kernels.Beta1, _step);
            double biasCorrection2 = 1.0 - Math.Pow(Kernels.Beta2, _step);
            float a = (float)(-(_learningRate / biasCorrection1));
            float b = (float)Math.Sqrt(biasCorrection2);
            float oneMinusBeta1 = (float)(1.0 - Kernels.Beta1);
            float oneMinusBeta2 = (float)(1.0 - Kernels.Beta2);
            _adamKernel(Launch(_updateThreads), _parameters.View, _gradients.View, _moment1.View, _moment2.View, n, slots, a, b, oneMinusBeta1, oneMinusBeta2, _updateThreads, _interleaved);
        }
        else if (_momentumKernel is not null)
        {
            _momentumKernel(Launch(_updateThreads), _parameters.View, _gradients.View, _moment1.View, n, slots, _learningRate, _step == 1 ? 1 : 0, _updateThreads, _interleaved);
        }
        else
        {
            _sgdKernel!(Launch(_updateThreads), _parameters.View, _gradients.View, n, slots, _learningRate, _updateThreads, _interleaved);
        }
        // The mean loss: the slots' sums added in slot order (copying them back waits for the kernels).
        Span<float> losses = _slotLosses.AsSpan(0, slots);
        Copy(_losses, losses);
        float total = 0f;
        for (int i = 0; i < slots; i++) total += losses[i];
        return total / n;
    }

    /// <summary>Computes the outputs of a batch on the device with the trainer's current parameters.</summary>
    /// <param name="inputs">Row-major <c>[n, InputSize]</c> features, 0 ≤ n ≤ <see cref="MaxBatchSize"/>.</param>
    /// <param name="outputs">Receives row-major <c>[n, OutputSize]</c> outputs.</param>
    /// <exception cref="ArgumentException">The lengths are not <c>n·InputSize</c> and <c>n·OutputSize</c> for one n, or n is larger than <see cref="MaxBatchSize"/>.</exception>
    /// <exception cref="ObjectDisposedException">The trainer has been disposed.</exception>
    public void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        ThrowIfDisposed();
        int n = NetworkArguments.CheckBatch(inputs.Length, Kernels.InputSize, nameof(inputs), outputs.Length, Kernels.OutputSize, nameof(outputs), allowEmpty: true);
        CheckBatchSize(n, nameof(inputs));
        if (n == 0) return;
        Copy(inputs, _inputs);
        // Without scratch one thread per sample; with it, each thread owns a slot's scratch.
        int threads = Kernels.ForwardScratchSize == 0 ? n : Math.Min(n, GradientSlots);
        _predictKernel(Launch(threads), _parameters.View, _inputs.View, _outputs.View, _scratch.View, n, threads, _interleaved);
        Copy(_outputs, outputs);
    }

    /// <summary>Copies the trainer's current parameters from the device, in the network's parameter order.</summary>
    /// <param name="destination">Receives the <c>ParameterCount</c> parameters.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> does not have length <c>ParameterCount</c>.</exception>
    /// <exception cref="ObjectDisposedException">The trainer has been disposed.</exception>
    public void CopyParametersTo(Span<float> destination)
    {
        ThrowIfDisposed();
        NetworkArguments.CheckLength(destination.Length, Kernels.ParameterCount, nameof(destination));
        Copy(_parameters, destination);
    }

    /// <summary>
    /// Copies the trainer's current parameters into <paramref name="network"/> through its <c>SetParameters</c> (so its
    /// derived copies are up to date when this returns). The network's learning rate and optimizer state are left as
    /// they are. Allocates nothing (the trainer keeps one host-side buffer of the parameters).
    /// </summary>
    /// <param name="network">The network to update.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The trainer has been disposed.</exception>
    public void CopyParametersTo(TNetwork network)
    {
        if (network is null) throw new ArgumentNullException(nameof(network));
        CopyParametersTo(_hostParameters);
        Kernels.SetParameters(network, _hostParameters);
    }

    /// <summary>
    /// Trains on a whole data set: <paramref name="epochs"/> passes over the samples in order, one
    /// <see cref="TrainBatch"/> per <paramref name="batchSize"/> samples (the last batch of an epoch may be smaller),
    /// reporting progress at most every 100 ms and at the end of every epoch.
    /// </summary>
    /// <param name="inputs">Row-major <c>[n, InputSize]</c> features, n ≥ 1.</param>
    /// <param name="targets">Row-major <c>[n, OutputSize]</c> targets.</param>
    /// <param name="epochs">Number of passes over the data (at least 1).</param>
    /// <param name="batchSize">Samples per step, 1 to <see cref="MaxBatchSize"/>.</param>
    /// <param name="progress">Receives an <see cref="EpochReport"/> (mean loss of the epoch so far, samples/s); may be null.</param>
    /// <exception cref="ArgumentException">A span does not have the expected length or the data set is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epochs"/> is less than 1, or <paramref name="batchSize"/> is outside 1 to <see cref="MaxBatchSize"/>.</exception>
    /// <exception cref="ObjectDisposedException">The trainer has been disposed.</exception>
    public void Train(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int epochs, int batchSize, IProgress<EpochReport>? progress = null)
    {
        ThrowIfDisposed();
        int inputSize = Kernels.InputSize, outputSize = Kernels.OutputSize;
        int n = NetworkArguments.CheckBatch(inputs.Length, inputSize, nameof(inputs), targets.Length, outputSize, nameof(targets), allowEmpty: false);
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "At least one epoch is required.");
        if (batchSize < 1 || batchSize > MaxBatchSize) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be between 1 and MaxBatchSize (" + MaxBatchSize + ").");
        int batches = (n + batchSize - 1) / batchSize;
        var run = Stopwatch.StartNew();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            TimeSpan epochStart = run.Elapsed;
            TimeSpan lastReport = epochStart;
            double lossSum = 0.0;
            int seen = 0;
            for (int batch = 0; batch < batches; batch++)
            {
                int start = batch * batchSize;
                int count = Math.Min(batchSize, n - start);
                float loss = TrainBatch(inputs.Slice(start * inputSize, count * inputSize), targets.Slice(start * outputSize, count * outputSize));
                lossSum += (double)loss * count;
                seen += count;
                if (progress is null) continue;
                TimeSpan now = run.Elapsed;
                if (batch + 1 < batches && (now - lastReport).TotalMilliseconds < 100) continue;
                lastReport = now;
                double seconds = (now - epochStart).TotalSeconds;
                progress.Report(new EpochReport(epoch, epochs, batch + 1, batches, (float)(lossSum / seen), float.NaN, seconds > 0 ? seen / seconds : 0, now));
            }
        }
    }

    /// <summary>Frees the device buffers. Calling it again does nothing.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees the device buffers (once; later calls do nothing).</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed) return;
        _disposed = true;
        if (!disposing) return;
        _parameters?.Dispose();
        _gradients?.Dispose();
        _scratch?.Dispose();
        _losses?.Dispose();
        _inputs?.Dispose();
        _targets?.Dispose();
        _outputs?.Dispose();
        _masks?.Dispose();
        _moment1?.Dispose();
        _moment2?.Dispose();
    }

    /// <summary>Threads per group: as many as the accelerator allows up to 256, a whole number of warps.</summary>
    private static int GroupSize(Accelerator accelerator)
    {
        int warp = Math.Max(1, accelerator.WarpSize);
        int group = Math.Min(Math.Max(1, accelerator.MaxNumThreadsPerGroup), 256);
        return group >= warp ? group - group % warp : group;
    }

    /// <summary>The optimizer state the network hands over: exactly <paramref name="parameterCount"/> values.</summary>
    private static ReadOnlySpan<float> State(ReadOnlySpan<float> values, int parameterCount)
    {
        if (values.Length != parameterCount)
        {
            throw new InvalidOperationException($"{typeof(TKernels).Name} gave {values.Length} optimizer state values for {parameterCount} parameters.");
        }
        return values;
    }

    private void ThrowIfDisposed()
    {
        if (_disposed) throw new ObjectDisposedException(GetType().Name);
    }

    private void CheckBatchSize(int n, string paramName)
    {
        if (n > MaxBatchSize) throw new ArgumentException("The batch has " + n + " samples; this trainer was created for at most " + MaxBatchSize + ".", paramName);
    }

    /// <summary>Explicit grouping (the implicitly grouped launch runs one thread per group on the CPU accelerator).</summary>
    private KernelConfig Launch(int threads) => new((threads + _groupSize - 1) / _groupSize, _groupSize);

    private void Copy(ReadOnlySpan<float> source, MemoryBuffer1D<float, Stride1D.Dense> target)
    {
        if (source.Length == 0) return;
        ArrayView<float> whole = target.View;
        ArrayView1D<float, Stride1D.Dense> view = whole.SubView(0, source.Length);
        view.CopyFromCPU(_accelerator.DefaultStream, source);
    }

    private void Copy(MemoryBuffer1D<float, Stride1D.Dense> source, Span<float> destination)
    {
        if (destination.Length == 0) return;
        ArrayView<float> whole = source.View;
        ArrayView1D<float, Stride1D.Dense> view = whole.SubView(0, destination.Length);
        view.CopyToCPU(_accelerator.DefaultStream, destination);
    }
}

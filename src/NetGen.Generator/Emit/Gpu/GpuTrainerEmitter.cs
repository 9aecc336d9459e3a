using System;
using System.Linq;
using NetGen.Generator.Graph;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit.Gpu;

/// <summary>
/// Writes the ILGPU part of a network class (only when the consumer references ILGPU): the per-sample device
/// functions (<see cref="GpuKernelEmitter"/>), the three kernels that launch them, and the nested
/// <c>GpuTrainer</c> that owns the device buffers.
/// </summary>
/// <remarks>
/// Memory and determinism: the gradient kernel runs a fixed number of threads ("gradient slots", chosen from the
/// maximum batch size and the parameter count only). Slot <c>l</c> of <c>ls</c> processes samples
/// <c>l, l + ls, l + 2·ls, …</c> in that order and accumulates their gradients into its own slot of a
/// <c>ParameterCount × ls</c> buffer (columns on GPUs, rows on the CPU accelerator); the update kernel (a grid-stride
/// loop over the parameters) sums the slots in slot order,
/// divides by n and applies the optimizer. Nothing depends on thread scheduling, so a batch gives bit-identical
/// parameters run to run, and memory stays bounded however large the batch.
/// </remarks>
internal static class GpuTrainerEmitter
{
    private const string View = GpuKernelEmitter.View;
    private const string Buffer = "global::ILGPU.Runtime.MemoryBuffer1D<float, global::ILGPU.Stride1D.Dense>";
    private const string View1D = "global::ILGPU.Runtime.ArrayView1D<float, global::ILGPU.Stride1D.Dense>";
    private const string Config = "global::ILGPU.KernelConfig";
    private const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    private const string Span = "global::System.Span<float>";
    private const string Args = "global::NetGen.Runtime.NetworkArguments";
    /// <summary>The gradient kernel's delegate type: one more view (the dropout masks) for networks with dropout.</summary>
    private static string GradientKernelType(bool dropout) => "global::System.Action<" + Config + ", " + GradientViews(dropout) + ", int, int, int>";

    private static string GradientViews(bool dropout) => string.Join(", ", System.Linq.Enumerable.Repeat(View, dropout ? 7 : 6));
    private const string UpdateKernelType = "global::System.Action<" + Config + ", " + View + ", " + View + ", " + View + ", " + View + ", int, int, float, float, int, int, int>";
    private const string PredictKernelType = "global::System.Action<" + Config + ", " + View + ", " + View + ", " + View + ", " + View + ", int, int, int>";

    /// <summary>Floats the gradient slots (and the per-slot scratch) may take on the device: 2²⁶ floats = 256 MiB.</summary>
    public const int MaxSlotFloats = 1 << 26;

    private static string F(float value) => FloatLiteral.Format(value);

    /// <summary>
    /// The ILGPU kernels and the nested <c>GpuTrainer</c>: the forward kernel from the inference graph, the gradient kernel
    /// from the training graph (the same graph unless the network has dropout, whose masks only the training graph has).
    /// </summary>
    public static void Emit(IndentedWriter w, NetworkSpec spec, LoweredNetwork network, LoweredNetwork training)
    {
        var forward = KernelSchedule.Build(network, KernelKind.Forward);
        var gradient = KernelSchedule.Build(training, KernelKind.Gradient);
        w.Line();
        w.Comment("---------------------------------------------------------------- ILGPU (the project references ILGPU)");
        w.Line();
        GpuKernelEmitter.Emit(w, forward);
        w.Line();
        GpuKernelEmitter.Emit(w, gradient);
        WriteKernels(w, spec, Math.Max(forward.ScratchSize, gradient.ScratchSize));
        WriteTrainer(w, spec, forward.ScratchSize, gradient.ScratchSize);
    }

    private static void WriteKernels(IndentedWriter w, NetworkSpec spec, int scratch)
    {
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// ILGPU kernel: thread <c>l</c> of <c>ls</c> (a gradient slot) clears its gradient slot, then runs forward and backward on samples");
        w.Line("/// <c>l, l + ls, …</c> below <c>n</c> in that order, accumulating their gradients into its slot and their losses into <c>losses[l]</c>.");
        w.Line("/// <c>interleaved</c> ≠ 0 lays slots out as columns of <c>[element, slot]</c> (coalesced on GPUs), 0 as rows (cache-friendly on CPUs).");
        w.Line("/// </summary>");
        bool dropout = DropoutEmitter.Has(spec);
        if (dropout) w.Line("/// <c>masks</c> holds each sample's dropout mask (<c>[n, MaskSize]</c>), drawn on the host as the CPU path draws them.");
        using (w.Block($"private static void NetGenGpuGradientKernel({View} p, {View} inputs, {View} targets, {(dropout ? View + " masks, " : "")}{View} g, {View} s, {View} losses, int n, int ls, int interleaved)"))
        {
            w.Line("int l = global::ILGPU.Grid.GlobalIndex.X;");
            w.Line("if (l >= ls) return;");
            w.Line("int go = interleaved != 0 ? l : l * ParameterCount, gs = interleaved != 0 ? ls : 1;");
            w.Line($"int so = interleaved != 0 ? l : l * {scratch}, ss = interleaved != 0 ? ls : 1;");
            w.Line("for (int i = 0; i < ParameterCount; i++) g[go + i * gs] = 0f;");
            w.Line("float loss = 0f;");
            w.Line("for (int sample = l; sample < n; sample += ls)");
            w.Line("    loss += NetGenGpuGradient(p, inputs.SubView(sample * InputSize, InputSize), targets.SubView(sample * OutputSize, OutputSize), "
                + (dropout ? $"masks.SubView(sample * {DropoutEmitter.MaskSize(spec)}, {DropoutEmitter.MaskSize(spec)}), " : "") + "g, s, go, gs, so, ss);");
            w.Line("losses[l] = loss;");
        }

        bool adam = spec.Optimizer == OptimizerKind.Adam;
        bool momentum = !adam && spec.Momentum != 0f;
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// ILGPU kernel, one thread per parameter <c>k</c>: sums the <c>ls</c> gradient slots of <c>k</c> in slot order (a fixed order, so the");
        w.Line("/// result is bit-identical run to run), divides by the batch size <c>n</c> and applies " + (adam ? "Adam" : momentum ? "SGD with momentum" : "SGD") + " as PyTorch does");
        w.Line(adam
            ? "/// (<c>a</c> = −lr/(1−β1^t), <c>b</c> = √(1−β2^t), computed in double on the host as the CPU path does; <c>m</c>, <c>v</c> the moments)."
            : momentum ? "/// (<c>a</c> = lr; <c>m</c> the velocity, set to the gradient on the first step, <c>first</c> ≠ 0)." : "/// (<c>a</c> = lr).");
        w.Line("/// </summary>");
        using (w.Block($"private static void NetGenGpuUpdateKernel({View} p, {View} g, {View} m, {View} v, int n, int ls, float a, float b, int firstStep, int threads, int interleaved)"))
        {
            w.Line("int es = interleaved != 0 ? ls : 1, js = interleaved != 0 ? 1 : ParameterCount;");
            w.Comment("Grid-stride loop: a launch of fewer threads than parameters (the CPU accelerator's threads are few and costly) covers them all.");
            w.Line("for (int k = global::ILGPU.Grid.GlobalIndex.X; k < ParameterCount; k += threads)");
            w.Line("{");
            w.Indent();
            w.Line("int first = k * es;");
            w.Line("float sum = g[first];");
            w.Line("for (int j = 1; j < ls; j++) sum += g[first + j * js];");
            w.Line("float gradient = sum / n;");
            if (adam)
            {
                float oneMinusBeta1 = (float)(1.0 - spec.Beta1);
                float oneMinusBeta2 = (float)(1.0 - spec.Beta2);
                w.Line($"float mk = {F(spec.Beta1)} * m[k] + {F(oneMinusBeta1)} * gradient;");
                w.Line($"float vk = {F(spec.Beta2)} * v[k] + {F(oneMinusBeta2)} * gradient * gradient;");
                w.Line("m[k] = mk;");
                w.Line("v[k] = vk;");
                w.Line($"float denominator = global::System.MathF.Sqrt(vk) / b + {F(spec.Epsilon)};");
                w.Line("p[k] += a * mk / denominator;");
            }
            else if (momentum)
            {
                w.Line($"float velocity = firstStep != 0 ? gradient : {F(spec.Momentum)} * m[k] + gradient;");
                w.Line("m[k] = velocity;");
                w.Line("p[k] -= a * velocity;");
            }
            else
            {
                w.Line("p[k] -= a * gradient;");
            }
            w.Outdent();
            w.Line("}");
        }

        w.Line();
        w.Line("/// <summary>ILGPU kernel: thread <c>l</c> of <c>ls</c> computes the outputs of samples <c>l, l + ls, …</c> below <c>n</c>.</summary>");
        using (w.Block($"private static void NetGenGpuPredictKernel({View} p, {View} inputs, {View} outputs, {View} s, int n, int ls, int interleaved)"))
        {
            w.Line("int l = global::ILGPU.Grid.GlobalIndex.X;");
            w.Line("if (l >= ls) return;");
            w.Line($"int so = interleaved != 0 ? l : l * {scratch}, ss = interleaved != 0 ? ls : 1;");
            w.Line("for (int sample = l; sample < n; sample += ls)");
            w.Line("    NetGenGpuForward(p, inputs.SubView(sample * InputSize, InputSize), outputs.SubView(sample * OutputSize, OutputSize), s, so, ss);");
        }
    }

    private static void WriteTrainer(IndentedWriter w, NetworkSpec spec, int forwardScratch, int gradientScratch)
    {
        bool adam = spec.Optimizer == OptimizerKind.Adam;
        bool momentum = !adam && spec.Momentum != 0f;
        string T = spec.ClassName;
        int scratch = Math.Max(forwardScratch, gradientScratch);
        bool dropout = DropoutEmitter.Has(spec);
        w.Line();
        w.Line("/// <summary>");
        w.Line($"/// Trains and runs a <see cref=\"{T}\"/> on an ILGPU accelerator (CUDA, OpenCL or ILGPU's CPU accelerator) with kernels generated");
        w.Line("/// from the same derivation as the CPU code: one thread per sample runs the forward and backward pass, the batch's gradients");
        w.Line("/// are reduced on the device in a fixed order (the same batch gives bit-identical parameters run to run) and the optimizer");
        w.Line("/// step runs on the device. Create the ILGPU context with <c>EnableAlgorithms()</c> (ILGPU.Algorithms) so that exp, log and");
        w.Line("/// tanh compile for CUDA and OpenCL. Not thread-safe.");
        w.Line("/// </summary>");
        using (w.Block("public sealed class GpuTrainer : global::System.IDisposable"))
        {
            w.Comment("Gradient slots: as many threads as samples, up to the batch maximum, as long as their gradient columns and scratch");
            w.Comment($"fit the budget (DefaultGradientSlots); each further sample is accumulated by slot (sample mod slots), so memory stays bounded.");
            w.Line($"private const int ScratchSize = {scratch};");
            w.Line($"private const int MaxSlotFloats = {MaxSlotFloats};");
            if (dropout)
            {
                w.Comment("Dropout: masks drawn on the host from a copy of the network's generator, in sample order as the CPU path draws");
                w.Comment("them, so a trainer and the network it started from use the same masks; uploaded with each batch.");
                w.Line($"private const int MaskSize = {DropoutEmitter.MaskSize(spec)};");
                w.Line($"private readonly {Buffer} _masks;");
                w.Line("private readonly float[] _hostMasks;");
                w.Line($"private {DropoutEmitter.Random} _dropout;");
            }
            w.Line("private readonly global::ILGPU.Runtime.Accelerator _accelerator;");
            w.Line($"private readonly {Buffer} _parameters, _gradients, _scratch, _losses, _inputs, _targets, _outputs, _moment1, _moment2;");
            w.Line($"private readonly {GradientKernelType(dropout)} _gradientKernel;");
            w.Line($"private readonly {UpdateKernelType} _updateKernel;");
            w.Line($"private readonly {PredictKernelType} _predictKernel;");
            w.Line("private readonly float[] _slotLosses;");
            w.Line("private readonly float[] _hostParameters;");
            w.Line("private readonly int _groupSize;");
            w.Line("private readonly int _updateThreads;");
            w.Line("private readonly int _interleaved;");
            w.Line("private long _step;");
            w.Line("private float _learningRate;");
            w.Line("private bool _disposed;");
            w.Line();
            w.Line("/// <summary>");
            w.Line("/// Copies the network's parameters, learning rate and optimizer state (step count" + (adam ? ", Adam moments" : momentum ? ", momentum" : "") + ") to the device,");
            w.Line("/// allocates the device buffers for batches of up to <paramref name=\"maxBatchSize\"/> samples and loads the kernels. The number of");
            w.Line("/// gradient slots is <see cref=\"DefaultGradientSlots\"/>, see <see cref=\"GradientSlots\"/>.");
            w.Line("/// </summary>");
            w.Line("/// <param name=\"accelerator\">The ILGPU accelerator to run on; group sizes are taken from it (<c>MaxNumThreadsPerGroup</c>, <c>WarpSize</c>).</param>");
            w.Line("/// <param name=\"network\">The network whose parameters and optimizer state the trainer starts from; it is not changed.</param>");
            w.Line("/// <param name=\"maxBatchSize\">The largest batch <see cref=\"TrainBatch\"/> and <see cref=\"PredictBatch\"/> accept (at least 1).</param>");
            w.Line("/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"accelerator\"/> or <paramref name=\"network\"/> is null.</exception>");
            w.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\"><paramref name=\"maxBatchSize\"/> is less than 1.</exception>");
            w.Line("/// <exception cref=\"global::System.InvalidOperationException\">The kernels cannot be compiled for the accelerator (on CUDA and OpenCL: the context was created without <c>EnableAlgorithms()</c>).</exception>");
            w.Line($"public GpuTrainer(global::ILGPU.Runtime.Accelerator accelerator, {T} network, int maxBatchSize)");
            w.Line("    : this(accelerator, network, maxBatchSize, DefaultGradientSlots(accelerator, maxBatchSize))");
            w.Line("{");
            w.Line("}");
            w.Line();
            w.Line("/// <summary>");
            w.Line("/// The default number of gradient slots: min(<paramref name=\"maxBatchSize\"/>, budget / max(ParameterCount, scratch)), the budget being");
            w.Line("/// 2²⁶ floats (256 MiB) on the CPU accelerator and a quarter of the device memory (at least 2²⁶ floats) on GPUs, where one slot");
            w.Line("/// per sample keeps every core busy (measured on an H100 for 784 → 128 → 10: 235,000 samples/s with 16,384 slots, 13,000 with 659).");
            w.Line("/// </summary>");
            w.Line("/// <param name=\"accelerator\">The accelerator the trainer runs on (null: 1, the constructor then throws).</param>");
            w.Line("/// <param name=\"maxBatchSize\">The largest batch the trainer accepts.</param>");
            w.Line("/// <returns>The number of slots, 1 to <paramref name=\"maxBatchSize\"/> (1 when <paramref name=\"maxBatchSize\"/> is below 1).</returns>");
            using (w.Block("public static int DefaultGradientSlots(global::ILGPU.Runtime.Accelerator accelerator, int maxBatchSize)"))
            {
                w.Line("if (accelerator is null || maxBatchSize < 1) return 1;");
                w.Line("long budget = accelerator.AcceleratorType == global::ILGPU.Runtime.AcceleratorType.CPU");
                w.Line("    ? MaxSlotFloats");
                w.Line("    : global::System.Math.Max(MaxSlotFloats, accelerator.MemorySize / 16);");
                w.Line("return (int)global::System.Math.Max(1L, global::System.Math.Min(maxBatchSize, budget / global::System.Math.Max(ParameterCount, ScratchSize)));");
            }
            w.Line();
            w.Line("/// <summary>");
            w.Line("/// As <see cref=\"GpuTrainer(global::ILGPU.Runtime.Accelerator, " + T + ", int)\"/>, with an explicit number of gradient slots: fewer slots");
            w.Line("/// take less device memory (<c>ParameterCount</c> floats each) and run fewer threads in parallel.");
            w.Line("/// </summary>");
            w.Line("/// <param name=\"accelerator\">The ILGPU accelerator to run on.</param>");
            w.Line("/// <param name=\"network\">The network whose parameters and optimizer state the trainer starts from; it is not changed.</param>");
            w.Line("/// <param name=\"maxBatchSize\">The largest batch <see cref=\"TrainBatch\"/> and <see cref=\"PredictBatch\"/> accept (at least 1).</param>");
            w.Line("/// <param name=\"gradientSlots\">Threads (and gradient columns) of the gradient kernel, 1 to <paramref name=\"maxBatchSize\"/>.</param>");
            w.Line("/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"accelerator\"/> or <paramref name=\"network\"/> is null.</exception>");
            w.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\"><paramref name=\"maxBatchSize\"/> is less than 1, or <paramref name=\"gradientSlots\"/> is outside 1 to <paramref name=\"maxBatchSize\"/>.</exception>");
            w.Line("/// <exception cref=\"global::System.InvalidOperationException\">The kernels cannot be compiled for the accelerator (on CUDA and OpenCL: the context was created without <c>EnableAlgorithms()</c>).</exception>");
            using (w.Block($"public GpuTrainer(global::ILGPU.Runtime.Accelerator accelerator, {T} network, int maxBatchSize, int gradientSlots)"))
            {
                w.Line("if (accelerator is null) throw new global::System.ArgumentNullException(nameof(accelerator));");
                w.Line("if (network is null) throw new global::System.ArgumentNullException(nameof(network));");
                w.Line("if (maxBatchSize < 1) throw new global::System.ArgumentOutOfRangeException(nameof(maxBatchSize), maxBatchSize, \"The maximum batch size must be at least 1.\");");
                w.Line("if (gradientSlots < 1 || gradientSlots > maxBatchSize) throw new global::System.ArgumentOutOfRangeException(nameof(gradientSlots), gradientSlots, \"The number of gradient slots must be between 1 and the maximum batch size.\");");
                w.Line("_accelerator = accelerator;");
                w.Line("MaxBatchSize = maxBatchSize;");
                w.Line("GradientSlots = gradientSlots;");
                w.Comment("Threads per group: as many as the accelerator allows up to 256, a whole number of warps.");
                w.Line("int warp = global::System.Math.Max(1, accelerator.WarpSize);");
                w.Line("int group = global::System.Math.Min(global::System.Math.Max(1, accelerator.MaxNumThreadsPerGroup), 256);");
                w.Line("_groupSize = group >= warp ? group - group % warp : group;");
                w.Comment("The update kernel runs at most as many threads as the accelerator runs at once, each looping over parameters.");
                w.Line("_updateThreads = (int)global::System.Math.Max(1L, global::System.Math.Min(ParameterCount, (long)accelerator.MaxNumThreads));");
                w.Comment("Slot layout: columns (coalesced) on GPUs, rows (cache lines) on the CPU accelerator; the arithmetic is the same.");
                w.Line("_interleaved = accelerator.AcceleratorType == global::ILGPU.Runtime.AcceleratorType.CPU ? 0 : 1;");
                w.Line("_step = network._netgenStep;");
                w.Line("_learningRate = network._netgenLearningRate;");
                w.Line("_slotLosses = new float[GradientSlots];");
                w.Line("_hostParameters = new float[ParameterCount];");
                w.Line("try");
                w.Line("{");
                w.Indent();
                w.Line("_parameters = accelerator.Allocate1D<float>(ParameterCount);");
                w.Line("_gradients = accelerator.Allocate1D<float>((long)ParameterCount * GradientSlots);");
                w.Line("_scratch = accelerator.Allocate1D<float>(global::System.Math.Max(1L, (long)ScratchSize * GradientSlots));");
                w.Line("_losses = accelerator.Allocate1D<float>(GradientSlots);");
                w.Line("_inputs = accelerator.Allocate1D<float>((long)maxBatchSize * InputSize);");
                w.Line("_targets = accelerator.Allocate1D<float>((long)maxBatchSize * OutputSize);");
                w.Line("_outputs = accelerator.Allocate1D<float>((long)maxBatchSize * OutputSize);");
                if (dropout)
                {
                    w.Line("_masks = accelerator.Allocate1D<float>((long)maxBatchSize * MaskSize);");
                    w.Line("_hostMasks = new float[(long)maxBatchSize * MaskSize];");
                    w.Line("_dropout = network._netgenDropout;");
                }
                string state = adam ? "ParameterCount" : "1";
                w.Line($"_moment1 = accelerator.Allocate1D<float>({(adam || momentum ? "ParameterCount" : "1")});");
                w.Line($"_moment2 = accelerator.Allocate1D<float>({state});");
                w.Line("Copy(network._netgenParameters, _parameters);");
                if (adam)
                {
                    w.Line("Copy(network._netgenAdamM, _moment1);");
                    w.Line("Copy(network._netgenAdamV, _moment2);");
                }
                else if (momentum)
                {
                    w.Line("Copy(network._netgenVelocity, _moment1);");
                }
                w.Line("try");
                w.Line("{");
                w.Indent();
                w.Line($"_gradientKernel = global::ILGPU.Runtime.KernelLoaders.LoadStreamKernel<{GradientViews(dropout)}, int, int, int>(accelerator, NetGenGpuGradientKernel);");
                w.Line($"_updateKernel = global::ILGPU.Runtime.KernelLoaders.LoadStreamKernel<{View}, {View}, {View}, {View}, int, int, float, float, int, int, int>(accelerator, NetGenGpuUpdateKernel);");
                w.Line($"_predictKernel = global::ILGPU.Runtime.KernelLoaders.LoadStreamKernel<{View}, {View}, {View}, {View}, int, int, int>(accelerator, NetGenGpuPredictKernel);");
                w.Outdent();
                w.Line("}");
                w.Line("catch (global::System.Exception e) when (accelerator.AcceleratorType != global::ILGPU.Runtime.AcceleratorType.CPU)");
                w.Line("{");
                w.Line("    throw new global::System.InvalidOperationException(\"NetGen's kernels for " + T + " could not be compiled for \" + accelerator.Name + \": \" + e.Message + \" (exp, log and tanh need ILGPU.Algorithms: create the context with Context.Create(builder => ... .EnableAlgorithms())).\", e);");
                w.Line("}");
                w.Outdent();
                w.Line("}");
                w.Line("catch");
                w.Line("{");
                w.Line("    Dispose();");
                w.Line("    throw;");
                w.Line("}");
            }
            w.Line();
            w.Line("/// <summary>The largest batch the trainer accepts (the constructor's <c>maxBatchSize</c>).</summary>");
            w.Line("public int MaxBatchSize { get; }");
            w.Line();
            w.Line("/// <summary>");
            w.Line("/// Number of gradient slots (threads of the gradient kernel; by default <see cref=\"DefaultGradientSlots\"/>).");
            w.Line("/// Sample i of a batch is accumulated by slot i mod <c>GradientSlots</c>; the slots are summed in order.");
            w.Line("/// </summary>");
            w.Line("public int GradientSlots { get; }");
            w.Line();
            w.Line("/// <summary>Learning rate of the device optimizer; starts at the network's <see cref=\"" + T + ".LearningRate\"/> and may be changed between steps.</summary>");
            w.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">The value is not finite and greater than 0.</exception>");
            using (w.Block("public float LearningRate"))
            {
                w.Line("get => _learningRate;");
                using (w.Block("set"))
                {
                    w.Line("if (!(value > 0f) || float.IsInfinity(value)) throw new global::System.ArgumentOutOfRangeException(nameof(value), value, \"The learning rate must be finite and greater than 0.\");");
                    w.Line("_learningRate = value;");
                }
            }

            WriteTrainBatch(w, spec, adam, momentum);
            WritePredict(w, forwardScratch);
            WriteCopyAndTrain(w, T, dropout);
        }
    }

    private static void WriteTrainBatch(IndentedWriter w, NetworkSpec spec, bool adam, bool momentum)
    {
        bool dropout = DropoutEmitter.Has(spec);
        w.Line();
        w.Line("/// <summary>Does one optimizer step on the device on the mean loss of a batch, as the network's own <c>TrainBatch</c> does.</summary>");
        w.Line("/// <param name=\"inputs\">Row-major <c>[n, InputSize]</c> features, 1 ≤ n ≤ <see cref=\"MaxBatchSize\"/>.</param>");
        w.Line("/// <param name=\"targets\">Row-major <c>[n, OutputSize]</c> targets.</param>");
        w.Line("/// <returns>The batch's mean loss before the step.</returns>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span does not have the expected length, the batch is empty or larger than <see cref=\"MaxBatchSize\"/>.</exception>");
        w.Line("/// <exception cref=\"global::System.ObjectDisposedException\">The trainer has been disposed.</exception>");
        using (w.Block($"public float TrainBatch({ReadOnlySpan} inputs, {ReadOnlySpan} targets)"))
        {
            w.Line("ThrowIfDisposed();");
            w.Line($"int n = {Args}.CheckBatch(inputs.Length, InputSize, nameof(inputs), targets.Length, OutputSize, nameof(targets), allowEmpty: false);");
            w.Line("CheckBatchSize(n, nameof(inputs));");
            w.Line("Copy(inputs, _inputs);");
            w.Line("Copy(targets, _targets);");
            w.Line("int slots = global::System.Math.Min(n, GradientSlots);");
            if (dropout)
            {
                w.Line($"{Span} masks = global::System.MemoryExtensions.AsSpan(_hostMasks, 0, n * MaskSize);");
                w.Line("for (int sample = 0; sample < n; sample++) NetGenDrawMask(ref _dropout, masks.Slice(sample * MaskSize, MaskSize));");
                w.Line("Copy(masks, _masks);");
            }
            w.Line("_gradientKernel(Launch(slots), _parameters.View, _inputs.View, _targets.View, " + (dropout ? "_masks.View, " : "") + "_gradients.View, _scratch.View, _losses.View, n, slots, _interleaved);");
            w.Line("_step++;");
            if (adam)
            {
                w.Comment("As OptimizerSteps.Adam: bias corrections and step size in double, per-element arithmetic in float.");
                w.Line($"double biasCorrection1 = 1.0 - global::System.Math.Pow({F(spec.Beta1)}, _step);");
                w.Line($"double biasCorrection2 = 1.0 - global::System.Math.Pow({F(spec.Beta2)}, _step);");
                w.Line("float a = (float)(-(_learningRate / biasCorrection1));");
                w.Line("float b = (float)global::System.Math.Sqrt(biasCorrection2);");
            }
            else
            {
                w.Line("float a = _learningRate, b = 0f;");
            }
            w.Line("_updateKernel(Launch(_updateThreads), _parameters.View, _gradients.View, _moment1.View, _moment2.View, n, slots, a, b, _step == 1 ? 1 : 0, _updateThreads, _interleaved);");
            w.Comment("The mean loss: the slots' sums added in slot order (copying them back waits for the kernels).");
            w.Line($"{Span} losses = global::System.MemoryExtensions.AsSpan(_slotLosses, 0, slots);");
            w.Line("Copy(_losses, losses);");
            w.Line("float total = 0f;");
            w.Line("for (int i = 0; i < slots; i++) total += losses[i];");
            w.Line("return total / n;");
        }
    }

    private static void WritePredict(IndentedWriter w, int forwardScratch)
    {
        w.Line();
        w.Line("/// <summary>Computes the outputs of a batch on the device with the trainer's current parameters.</summary>");
        w.Line("/// <param name=\"inputs\">Row-major <c>[n, InputSize]</c> features, 0 ≤ n ≤ <see cref=\"MaxBatchSize\"/>.</param>");
        w.Line("/// <param name=\"outputs\">Receives row-major <c>[n, OutputSize]</c> outputs.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The lengths are not <c>n·InputSize</c> and <c>n·OutputSize</c> for one n, or n is larger than <see cref=\"MaxBatchSize\"/>.</exception>");
        w.Line("/// <exception cref=\"global::System.ObjectDisposedException\">The trainer has been disposed.</exception>");
        using (w.Block($"public void PredictBatch({ReadOnlySpan} inputs, {Span} outputs)"))
        {
            w.Line("ThrowIfDisposed();");
            w.Line($"int n = {Args}.CheckBatch(inputs.Length, InputSize, nameof(inputs), outputs.Length, OutputSize, nameof(outputs), allowEmpty: true);");
            w.Line("CheckBatchSize(n, nameof(inputs));");
            w.Line("if (n == 0) return;");
            w.Line("Copy(inputs, _inputs);");
            w.Line(forwardScratch == 0
                ? "int threads = n; // the forward pass needs no scratch: one thread per sample"
                : "int threads = global::System.Math.Min(n, GradientSlots); // each thread owns a scratch column");
            w.Line("_predictKernel(Launch(threads), _parameters.View, _inputs.View, _outputs.View, _scratch.View, n, threads, _interleaved);");
            w.Line("Copy(_outputs, outputs);");
        }
    }

    private static void WriteCopyAndTrain(IndentedWriter w, string T, bool dropout)
    {
        w.Line();
        w.Line("/// <summary>Copies the trainer's current parameters from the device, in <see cref=\"" + T + ".Parameters\"/> order.</summary>");
        w.Line("/// <param name=\"destination\">Receives the <see cref=\"" + T + ".ParameterCount\"/> parameters.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\"><paramref name=\"destination\"/> does not have length <see cref=\"" + T + ".ParameterCount\"/>.</exception>");
        w.Line("/// <exception cref=\"global::System.ObjectDisposedException\">The trainer has been disposed.</exception>");
        using (w.Block($"public void CopyParametersTo({Span} destination)"))
        {
            w.Line("ThrowIfDisposed();");
            w.Line($"{Args}.CheckLength(destination.Length, ParameterCount, nameof(destination));");
            w.Line("Copy(_parameters, destination);");
        }
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Copies the trainer's current parameters into <paramref name=\"network\"/> through its <see cref=\"" + T + ".SetParameters\"/> (so");
        w.Line("/// its derived copies are up to date when this returns). The network's learning rate and optimizer state are left as they are.");
        w.Line("/// Allocates nothing (the trainer keeps one host-side buffer of the parameters).");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"network\">The network to update.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"network\"/> is null.</exception>");
        w.Line("/// <exception cref=\"global::System.ObjectDisposedException\">The trainer has been disposed.</exception>");
        using (w.Block($"public void CopyParametersTo({T} network)"))
        {
            w.Line("if (network is null) throw new global::System.ArgumentNullException(nameof(network));");
            w.Line("CopyParametersTo(_hostParameters);");
            w.Line("network.SetParameters(_hostParameters);");
        }
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Trains on a whole data set: <paramref name=\"epochs\"/> passes over the samples in order, one <see cref=\"TrainBatch\"/> per");
        w.Line("/// <paramref name=\"batchSize\"/> samples (the last batch of an epoch may be smaller), reporting progress at most every");
        w.Line("/// 100 ms and at the end of every epoch.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"inputs\">Row-major <c>[n, InputSize]</c> features, n ≥ 1.</param>");
        w.Line("/// <param name=\"targets\">Row-major <c>[n, OutputSize]</c> targets.</param>");
        w.Line("/// <param name=\"epochs\">Number of passes over the data (at least 1).</param>");
        w.Line("/// <param name=\"batchSize\">Samples per step, 1 to <see cref=\"MaxBatchSize\"/>.</param>");
        w.Line("/// <param name=\"progress\">Receives an <see cref=\"global::NetGen.EpochReport\"/> (mean loss of the epoch so far, samples/s); may be null.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span does not have the expected length or the data set is empty.</exception>");
        w.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\"><paramref name=\"epochs\"/> is less than 1, or <paramref name=\"batchSize\"/> is outside 1 to <see cref=\"MaxBatchSize\"/>.</exception>");
        w.Line("/// <exception cref=\"global::System.ObjectDisposedException\">The trainer has been disposed.</exception>");
        using (w.Block($"public void Train({ReadOnlySpan} inputs, {ReadOnlySpan} targets, int epochs, int batchSize, global::System.IProgress<global::NetGen.EpochReport>? progress = null)"))
        {
            w.Line("ThrowIfDisposed();");
            w.Line($"int n = {Args}.CheckBatch(inputs.Length, InputSize, nameof(inputs), targets.Length, OutputSize, nameof(targets), allowEmpty: false);");
            w.Line("if (epochs < 1) throw new global::System.ArgumentOutOfRangeException(nameof(epochs), epochs, \"At least one epoch is required.\");");
            w.Line("if (batchSize < 1 || batchSize > MaxBatchSize) throw new global::System.ArgumentOutOfRangeException(nameof(batchSize), batchSize, \"The batch size must be between 1 and MaxBatchSize (\" + MaxBatchSize + \").\");");
            w.Line("int batches = (n + batchSize - 1) / batchSize;");
            w.Line("var run = global::System.Diagnostics.Stopwatch.StartNew();");
            using (w.Block("for (int epoch = 1; epoch <= epochs; epoch++)"))
            {
                w.Line("global::System.TimeSpan epochStart = run.Elapsed;");
                w.Line("global::System.TimeSpan lastReport = epochStart;");
                w.Line("double lossSum = 0.0;");
                w.Line("int seen = 0;");
                using (w.Block("for (int batch = 0; batch < batches; batch++)"))
                {
                    w.Line("int start = batch * batchSize;");
                    w.Line("int count = global::System.Math.Min(batchSize, n - start);");
                    w.Line("float loss = TrainBatch(inputs.Slice(start * InputSize, count * InputSize), targets.Slice(start * OutputSize, count * OutputSize));");
                    w.Line("lossSum += (double)loss * count;");
                    w.Line("seen += count;");
                    w.Line("if (progress is null) continue;");
                    w.Line("global::System.TimeSpan now = run.Elapsed;");
                    w.Line("if (batch + 1 < batches && (now - lastReport).TotalMilliseconds < 100) continue;");
                    w.Line("lastReport = now;");
                    w.Line("double seconds = (now - epochStart).TotalSeconds;");
                    w.Line("progress.Report(new global::NetGen.EpochReport(epoch, epochs, batch + 1, batches, (float)(lossSum / seen), float.NaN, seconds > 0 ? seen / seconds : 0, now));");
                }
            }
        }
        w.Line();
        w.Line("/// <summary>Frees the device buffers. Calling it again does nothing.</summary>");
        using (w.Block("public void Dispose()"))
        {
            w.Line("if (_disposed) return;");
            w.Line("_disposed = true;");
            foreach (string buffer in new[] { "_parameters", "_gradients", "_scratch", "_losses", "_inputs", "_targets", "_outputs", "_moment1", "_moment2" }.Concat(dropout ? new[] { "_masks" } : new string[0]))
            {
                w.Line($"{buffer}?.Dispose();");
            }
        }
        w.Line();
        using (w.Block("private void ThrowIfDisposed()"))
        {
            w.Line("if (_disposed) throw new global::System.ObjectDisposedException(nameof(GpuTrainer));");
        }
        w.Line();
        using (w.Block("private void CheckBatchSize(int n, string paramName)"))
        {
            w.Line("if (n > MaxBatchSize) throw new global::System.ArgumentException(\"The batch has \" + n + \" samples; this trainer was created for at most \" + MaxBatchSize + \".\", paramName);");
        }
        w.Line();
        w.Comment("Explicit grouping (the implicitly grouped launch runs one thread per group on the CPU accelerator).");
        using (w.Block($"private {Config} Launch(int threads)"))
        {
            w.Line($"return new {Config}((threads + _groupSize - 1) / _groupSize, _groupSize);");
        }
        w.Line();
        using (w.Block($"private void Copy({ReadOnlySpan} source, {Buffer} target)"))
        {
            w.Line("if (source.Length == 0) return;");
            w.Line($"{View} whole = target.View;");
            w.Line($"{View1D} view = whole.SubView(0, source.Length);");
            w.Line("global::ILGPU.Runtime.ArrayViewExtensions.CopyFromCPU(view, _accelerator.DefaultStream, source);");
        }
        w.Line();
        using (w.Block($"private void Copy({Buffer} source, {Span} destination)"))
        {
            w.Line("if (destination.Length == 0) return;");
            w.Line($"{View} whole = source.View;");
            w.Line($"{View1D} view = whole.SubView(0, destination.Length);");
            w.Line("global::ILGPU.Runtime.ArrayViewExtensions.CopyToCPU(view, _accelerator.DefaultStream, destination);");
        }
    }
}

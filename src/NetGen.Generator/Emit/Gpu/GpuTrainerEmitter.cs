using System;
using NetGen.Generator.Graph;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit.Gpu;

/// <summary>
/// Writes the ILGPU part of a network class (only when the consumer references ILGPU and NetGen.Ilgpu): the per-sample
/// device functions (<see cref="GpuKernelEmitter"/>), the <c>NetGenGpuKernels</c> struct that hands them, the sizes
/// and the hyper-parameters to NetGen.Ilgpu, and the nested <c>GpuTrainer</c>, a thin subclass of NetGen.Ilgpu's
/// <c>NetworkGpuTrainer&lt;T, T.NetGenGpuKernels&gt;</c>.
/// </summary>
/// <remarks>
/// Everything that does not depend on the network — the kernels that launch the device functions, the gradient-slot
/// reduction and its determinism, the optimizer kernels, buffers, argument checks, <c>Train</c> — is ordinary code in
/// <c>src/NetGen.Ilgpu</c> (docs/gpu.md), generic over the struct written here, which ILGPU specialises per network.
/// </remarks>
internal static class GpuTrainerEmitter
{
    private const string View = "global::ILGPU.ArrayView<float>";
    private const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    private const string Span = "global::System.Span<float>";

    private static string F(float value) => FloatLiteral.Format(value);

    /// <summary>
    /// The device functions (forward from the inference graph, gradient from the training graph: the same graph
    /// unless the network has dropout, whose masks only the training graph has), the kernel struct and the trainer.
    /// </summary>
    public static void Emit(IndentedWriter w, NetworkSpec spec, LoweredNetwork network, LoweredNetwork training)
    {
        var forward = KernelSchedule.Build(network, KernelKind.Forward);
        var gradient = KernelSchedule.Build(training, KernelKind.Gradient);
        w.Line();
        w.Comment("---------------------------------------------------------------- ILGPU (the project references ILGPU and NetGen.Ilgpu)");
        w.Line();
        GpuKernelEmitter.Emit(w, forward);
        w.Line();
        GpuKernelEmitter.Emit(w, gradient);
        WriteKernelStruct(w, spec, forward.ScratchSize, gradient.ScratchSize);
        WriteTrainer(w, spec);
    }

    private static void WriteKernelStruct(IndentedWriter w, NetworkSpec spec, int forwardScratch, int gradientScratch)
    {
        string T = spec.ClassName;
        bool adam = spec.Optimizer == OptimizerKind.Adam;
        bool momentum = !adam && spec.Momentum != 0f;
        bool dropout = DropoutEmitter.Has(spec);
        int scratch = Math.Max(forwardScratch, gradientScratch);
        w.Line();
        w.Line("/// <summary>");
        w.Line($"/// <see cref=\"{T}\"/> for NetGen.Ilgpu: its sizes, hyper-parameters and device functions (<c>INetworkGpuKernels</c>, which the generic");
        w.Line("/// kernels call; ILGPU specialises them per struct and inlines the calls) and where its state lives (<c>INetworkGpuHost</c>).");
        w.Line("/// Infrastructure of <see cref=\"GpuTrainer\"/>; not meant to be used directly.");
        w.Line("/// </summary>");
        w.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        using (w.Block($"public readonly struct NetGenGpuKernels : global::NetGen.Ilgpu.INetworkGpuKernels, global::NetGen.Ilgpu.INetworkGpuHost<{T}>"))
        {
            w.Line("/// <inheritdoc/>");
            w.Line($"public int InputSize => {T}.InputSize;");
            w.Line("/// <inheritdoc/>");
            w.Line($"public int OutputSize => {T}.OutputSize;");
            w.Line("/// <inheritdoc/>");
            w.Line($"public int ParameterCount => {T}.ParameterCount;");
            w.Line("/// <inheritdoc/>");
            w.Line($"public int ScratchSize => {scratch};");
            w.Line("/// <inheritdoc/>");
            w.Line($"public int ForwardScratchSize => {forwardScratch};");
            w.Line("/// <inheritdoc/>");
            w.Line($"public int MaskSize => {DropoutEmitter.MaskSize(spec)};");
            w.Line("/// <inheritdoc/>");
            w.Line($"public global::NetGen.Optimizer Optimizer => global::NetGen.Optimizer.{(adam ? "Adam" : "Sgd")};");
            w.Line("/// <inheritdoc/>");
            w.Line($"public float Momentum => {F(adam ? 0f : spec.Momentum)};");
            w.Line("/// <inheritdoc/>");
            w.Line($"public float Beta1 => {F(spec.Beta1)};");
            w.Line("/// <inheritdoc/>");
            w.Line($"public float Beta2 => {F(spec.Beta2)};");
            w.Line("/// <inheritdoc/>");
            w.Line($"public float Epsilon => {F(spec.Epsilon)};");
            w.Line();
            w.Line("/// <inheritdoc/>");
            w.Line($"public void Forward({View} p, {View} x, {View} y, {View} s, int so, int ss) => NetGenGpuForward(p, x, y, s, so, ss);");
            w.Line("/// <inheritdoc/>");
            w.Line($"public float Gradient({View} p, {View} x, {View} t, {View} m, {View} g, {View} s, int go, int gs, int so, int ss)");
            w.Line($"    => NetGenGpuGradient(p, x, t, {(dropout ? "m, " : "")}g, s, go, gs, so, ss);");
            w.Line();
            w.Line("/// <inheritdoc/>");
            w.Line($"public {ReadOnlySpan} ParametersOf({T} network) => network._netgenParameters;");
            w.Line("/// <inheritdoc/>");
            w.Line($"public float LearningRateOf({T} network) => network._netgenLearningRate;");
            w.Line("/// <inheritdoc/>");
            w.Line($"public long StepOf({T} network) => network._netgenStep;");
            w.Line("/// <inheritdoc/>");
            w.Line($"public {ReadOnlySpan} FirstMomentOf({T} network) => {(adam ? "network._netgenAdamM" : momentum ? "network._netgenVelocity" : "default")};");
            w.Line("/// <inheritdoc/>");
            w.Line($"public {ReadOnlySpan} SecondMomentOf({T} network) => {(adam ? "network._netgenAdamV" : "default")};");
            w.Line("/// <inheritdoc/>");
            w.Line($"public ulong DropoutStateOf({T} network) => {(dropout ? "network._netgenDropout.State" : "0UL")};");
            w.Line("/// <inheritdoc/>");
            w.Line(dropout
                ? $"public void DrawMask(ref {DropoutEmitter.Random} random, {Span} mask) => NetGenDrawMask(ref random, mask);"
                : $"public void DrawMask(ref {DropoutEmitter.Random} random, {Span} mask) {{ }}");
            w.Line("/// <inheritdoc/>");
            w.Line($"public void SetParameters({T} network, {ReadOnlySpan} values) => network.SetParameters(values);");
        }
    }

    private static void WriteTrainer(IndentedWriter w, NetworkSpec spec)
    {
        string T = spec.ClassName;
        const string Accelerator = "global::ILGPU.Runtime.Accelerator";
        w.Line();
        w.Line("/// <summary>");
        w.Line($"/// Trains and runs a <see cref=\"{T}\"/> on an ILGPU accelerator (CUDA, OpenCL or ILGPU's CPU accelerator) with device functions");
        w.Line("/// generated from the same derivation as the CPU code: NetGen.Ilgpu's <c>NetworkGpuTrainer</c> runs one thread per gradient slot,");
        w.Line("/// reduces the slots on the device in a fixed order (the same batch gives bit-identical parameters run to run) and runs the");
        w.Line("/// optimizer step on the device. Create the ILGPU context with <c>EnableAlgorithms()</c> (ILGPU.Algorithms) so that exp, log");
        w.Line("/// and tanh compile for CUDA and OpenCL. Not thread-safe.");
        w.Line("/// </summary>");
        using (w.Block($"public sealed class GpuTrainer : global::NetGen.Ilgpu.NetworkGpuTrainer<{T}, NetGenGpuKernels>"))
        {
            w.Line("/// <summary>");
            w.Line("/// Copies the network's parameters, learning rate and optimizer state to the device, allocates the device buffers for");
            w.Line("/// batches of up to <paramref name=\"maxBatchSize\"/> samples and loads the kernels, with the default number of gradient");
            w.Line("/// slots (<c>DefaultGradientSlots</c>).");
            w.Line("/// </summary>");
            w.Line("/// <param name=\"accelerator\">The ILGPU accelerator to run on.</param>");
            w.Line("/// <param name=\"network\">The network whose parameters and optimizer state the trainer starts from; it is not changed.</param>");
            w.Line("/// <param name=\"maxBatchSize\">The largest batch <c>TrainBatch</c> and <c>PredictBatch</c> accept (at least 1).</param>");
            w.Line("/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"accelerator\"/> or <paramref name=\"network\"/> is null.</exception>");
            w.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\"><paramref name=\"maxBatchSize\"/> is less than 1.</exception>");
            w.Line("/// <exception cref=\"global::System.InvalidOperationException\">The kernels cannot be compiled for the accelerator (on CUDA and OpenCL: the context was created without <c>EnableAlgorithms()</c>).</exception>");
            w.Line($"public GpuTrainer({Accelerator} accelerator, {T} network, int maxBatchSize)");
            w.Line("    : base(accelerator, network, maxBatchSize)");
            w.Line("{");
            w.Line("}");
            w.Line();
            w.Line("/// <summary>As the three-argument constructor, with an explicit number of gradient slots (<c>ParameterCount</c> floats of device memory each).</summary>");
            w.Line("/// <param name=\"accelerator\">The ILGPU accelerator to run on.</param>");
            w.Line("/// <param name=\"network\">The network whose parameters and optimizer state the trainer starts from; it is not changed.</param>");
            w.Line("/// <param name=\"maxBatchSize\">The largest batch <c>TrainBatch</c> and <c>PredictBatch</c> accept (at least 1).</param>");
            w.Line("/// <param name=\"gradientSlots\">Threads (and gradient slots) of the gradient kernel, 1 to <paramref name=\"maxBatchSize\"/>.</param>");
            w.Line("/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"accelerator\"/> or <paramref name=\"network\"/> is null.</exception>");
            w.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\"><paramref name=\"maxBatchSize\"/> is less than 1, or <paramref name=\"gradientSlots\"/> is outside 1 to <paramref name=\"maxBatchSize\"/>.</exception>");
            w.Line("/// <exception cref=\"global::System.InvalidOperationException\">The kernels cannot be compiled for the accelerator.</exception>");
            w.Line($"public GpuTrainer({Accelerator} accelerator, {T} network, int maxBatchSize, int gradientSlots)");
            w.Line("    : base(accelerator, network, maxBatchSize, gradientSlots)");
            w.Line("{");
            w.Line("}");
        }
    }
}

using ILGPU;

namespace NetGen.Ilgpu;

/// <summary>
/// The per-batch kernels of <see cref="NetworkGpuTrainer{TNetwork, TKernels}"/>, generic over a network's
/// <see cref="INetworkGpuKernels"/> struct (ILGPU compiles one specialisation per network, with its sizes as
/// constants and its device functions inlined).
/// </summary>
/// <remarks>
/// Determinism: thread <c>l</c> of <c>ls</c> (a gradient slot) handles samples <c>l, l + ls, l + 2·ls, …</c> one
/// after the other, so what each slot holds never depends on thread scheduling; <see cref="OptimizerKernels"/> then
/// sums the slots in slot order.
/// </remarks>
internal static class TrainingKernels
{
    /// <summary>
    /// Thread <c>l</c> of <c>ls</c> clears its gradient slot, then runs forward and backward on samples
    /// <c>l, l + ls, …</c> below <paramref name="n"/> in that order, accumulating their gradients into its slot and
    /// their losses into <c>losses[l]</c>. <paramref name="interleaved"/> ≠ 0 lays slots (and scratch) out as columns
    /// of <c>[element, slot]</c> (coalesced on GPUs), 0 as rows (cache-friendly on CPUs).
    /// </summary>
    /// <typeparam name="TKernels">The network's kernel struct.</typeparam>
    /// <param name="p">The parameters.</param>
    /// <param name="inputs">Row-major <c>[n, InputSize]</c> features.</param>
    /// <param name="targets">Row-major <c>[n, OutputSize]</c> targets.</param>
    /// <param name="masks">Row-major <c>[n, MaskSize]</c> dropout masks drawn on the host (at least one float, unread without dropout).</param>
    /// <param name="g">The gradient slots, <c>ParameterCount × ls</c> floats.</param>
    /// <param name="s">The scratch, <c>ScratchSize × ls</c> floats (at least one).</param>
    /// <param name="losses">Receives each slot's summed loss.</param>
    /// <param name="n">Samples in the batch.</param>
    /// <param name="ls">Gradient slots in use (threads).</param>
    /// <param name="interleaved">Non-zero for the column layout.</param>
    public static void Gradient<TKernels>(
        ArrayView<float> p, ArrayView<float> inputs, ArrayView<float> targets, ArrayView<float> masks, ArrayView<float> g, ArrayView<float> s,
        ArrayView<float> losses, int n, int ls, int interleaved)
        where TKernels : struct, INetworkGpuKernels
    {
        TKernels kernels = default;
        int l = Grid.GlobalIndex.X;
        if (l >= ls) return;
        int parameterCount = kernels.ParameterCount, inputSize = kernels.InputSize, outputSize = kernels.OutputSize, maskSize = kernels.MaskSize;
        int go = interleaved != 0 ? l : l * parameterCount, gs = interleaved != 0 ? ls : 1;
        int so = interleaved != 0 ? l : l * kernels.ScratchSize, ss = interleaved != 0 ? ls : 1;
        for (int i = 0; i < parameterCount; i++) g[go + i * gs] = 0f;
        float loss = 0f;
        for (int sample = l; sample < n; sample += ls)
        {
            loss += kernels.Gradient(
                p, inputs.SubView(sample * inputSize, inputSize), targets.SubView(sample * outputSize, outputSize),
                masks.SubView(sample * maskSize, maskSize), g, s, go, gs, so, ss);
        }
        losses[l] = loss;
    }

    /// <summary>Thread <c>l</c> of <c>ls</c> computes the outputs of samples <c>l, l + ls, …</c> below <paramref name="n"/>.</summary>
    /// <typeparam name="TKernels">The network's kernel struct.</typeparam>
    /// <param name="p">The parameters.</param>
    /// <param name="inputs">Row-major <c>[n, InputSize]</c> features.</param>
    /// <param name="outputs">Receives row-major <c>[n, OutputSize]</c> outputs.</param>
    /// <param name="s">The scratch (each thread uses its part, laid out as in <see cref="Gradient{TKernels}"/>).</param>
    /// <param name="n">Samples in the batch.</param>
    /// <param name="ls">Threads.</param>
    /// <param name="interleaved">Non-zero for the column layout.</param>
    public static void Predict<TKernels>(ArrayView<float> p, ArrayView<float> inputs, ArrayView<float> outputs, ArrayView<float> s, int n, int ls, int interleaved)
        where TKernels : struct, INetworkGpuKernels
    {
        TKernels kernels = default;
        int l = Grid.GlobalIndex.X;
        if (l >= ls) return;
        int inputSize = kernels.InputSize, outputSize = kernels.OutputSize;
        int so = interleaved != 0 ? l : l * kernels.ScratchSize, ss = interleaved != 0 ? ls : 1;
        for (int sample = l; sample < n; sample += ls)
        {
            kernels.Forward(p, inputs.SubView(sample * inputSize, inputSize), outputs.SubView(sample * outputSize, outputSize), s, so, ss);
        }
    }
}

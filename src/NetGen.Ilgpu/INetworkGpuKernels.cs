using ILGPU;

namespace NetGen.Ilgpu;

/// <summary>
/// What NetGen's generic GPU kernels need of one network: its sizes, its optimizer's hyper-parameters and its two
/// per-sample device functions. A generated network implements it with an empty struct (<c>T.NetGenGpuKernels</c>)
/// whose members return constants and call the network's generated device functions; the kernels of
/// <see cref="NetworkGpuTrainer{TNetwork, TKernels}"/> are generic over that struct, so ILGPU (and the .NET JIT on the
/// CPU accelerator) specialise them per network and inline the calls.
/// </summary>
/// <remarks>
/// Device-side addressing: a thread owns element <c>i</c> of its part of the scratch buffer <c>s</c> at
/// <c>s[so + i·ss]</c> and of its gradient slot <c>g</c> at <c>g[go + i·gs]</c> (columns of an <c>[element, thread]</c>
/// array on GPUs, rows of a <c>[thread, element]</c> array on the CPU accelerator).
/// </remarks>
public interface INetworkGpuKernels
{
    /// <summary>Features per sample (the network's <c>InputSize</c>).</summary>
    int InputSize { get; }

    /// <summary>Outputs (and targets) per sample (the network's <c>OutputSize</c>).</summary>
    int OutputSize { get; }

    /// <summary>Number of parameters (the network's <c>ParameterCount</c>); also the length of a gradient slot.</summary>
    int ParameterCount { get; }

    /// <summary>Scratch floats each thread owns, enough for both <see cref="Forward"/> and <see cref="Gradient"/> (0 when neither needs any).</summary>
    int ScratchSize { get; }

    /// <summary>Scratch floats <see cref="Forward"/> uses; 0 lets a batch prediction run one thread per sample.</summary>
    int ForwardScratchSize { get; }

    /// <summary>Dropout mask floats per sample that <see cref="Gradient"/> reads (0 for a network without dropout).</summary>
    int MaskSize { get; }

    /// <summary>The network's optimizer.</summary>
    Optimizer Optimizer { get; }

    /// <summary>SGD momentum μ (0: plain SGD; ignored by Adam).</summary>
    float Momentum { get; }

    /// <summary>Adam's β1.</summary>
    float Beta1 { get; }

    /// <summary>Adam's β2.</summary>
    float Beta2 { get; }

    /// <summary>Adam's ε.</summary>
    float Epsilon { get; }

    /// <summary>Device function: the forward pass of one sample, <c>y = f(x)</c> with parameters <paramref name="p"/>.</summary>
    /// <param name="p">The parameters.</param>
    /// <param name="x">The sample's <see cref="InputSize"/> features.</param>
    /// <param name="y">Receives the sample's <see cref="OutputSize"/> outputs.</param>
    /// <param name="s">The scratch buffer.</param>
    /// <param name="so">Offset of the thread's scratch element 0.</param>
    /// <param name="ss">Stride between the thread's scratch elements.</param>
    void Forward(ArrayView<float> p, ArrayView<float> x, ArrayView<float> y, ArrayView<float> s, int so, int ss);

    /// <summary>
    /// Device function: the loss of one sample; adds its gradient <c>∂L/∂p</c> to the thread's gradient slot
    /// <c>g[go + i·gs]</c> (adds, never overwrites: a slot accumulates several samples).
    /// </summary>
    /// <param name="p">The parameters.</param>
    /// <param name="x">The sample's <see cref="InputSize"/> features.</param>
    /// <param name="t">The sample's <see cref="OutputSize"/> targets.</param>
    /// <param name="m">The sample's <see cref="MaskSize"/> dropout mask values (not read when <see cref="MaskSize"/> is 0).</param>
    /// <param name="g">The gradient slots.</param>
    /// <param name="s">The scratch buffer.</param>
    /// <param name="go">Offset of the thread's gradient element 0.</param>
    /// <param name="gs">Stride between the thread's gradient elements.</param>
    /// <param name="so">Offset of the thread's scratch element 0.</param>
    /// <param name="ss">Stride between the thread's scratch elements.</param>
    /// <returns>The sample's loss.</returns>
    float Gradient(ArrayView<float> p, ArrayView<float> x, ArrayView<float> t, ArrayView<float> m, ArrayView<float> g, ArrayView<float> s, int go, int gs, int so, int ss);
}

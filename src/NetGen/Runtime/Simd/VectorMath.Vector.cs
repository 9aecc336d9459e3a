#if NET8_0_OR_GREATER
// Vector<float> overloads: each reinterprets to the fixed-width vector of Vector<float>'s size and calls that overload
// (the JIT folds Vector<float>.Count, so only one branch is compiled and the callee is inlined).
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen.Runtime;

public static partial class VectorMath
{

    /// <summary>eˣ in each lane, as the fixed-width <c>Exp</c>. See the <see cref="Vector256{T}"/> overload.</summary>
    /// <param name="x">The exponents.</param>
    /// <returns>eˣ.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Exp(Vector<float> x) =>
        Vector<float>.Count == 8 ? Exp(x.AsVector256()).AsVector() : Vector<float>.Count == 16 ? Exp(x.AsVector512()).AsVector() : Exp(x.AsVector128()).AsVector();

    /// <summary>The natural logarithm in each lane, as the fixed-width <c>Log</c>. See the <see cref="Vector256{T}"/> overload.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>ln x.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Log(Vector<float> x) =>
        Vector<float>.Count == 8 ? Log(x.AsVector256()).AsVector() : Vector<float>.Count == 16 ? Log(x.AsVector512()).AsVector() : Log(x.AsVector128()).AsVector();

    /// <summary>The hyperbolic tangent in each lane, as the fixed-width <c>Tanh</c>. See the <see cref="Vector256{T}"/> overload.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>tanh x.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Tanh(Vector<float> x) =>
        Vector<float>.Count == 8 ? Tanh(x.AsVector256()).AsVector() : Vector<float>.Count == 16 ? Tanh(x.AsVector512()).AsVector() : Tanh(x.AsVector128()).AsVector();

    /// <summary>The logistic sigmoid in each lane, as the fixed-width <c>Sigmoid</c>. See the <see cref="Vector256{T}"/> overload.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>σ(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Sigmoid(Vector<float> x) =>
        Vector<float>.Count == 8 ? Sigmoid(x.AsVector256()).AsVector() : Vector<float>.Count == 16 ? Sigmoid(x.AsVector512()).AsVector() : Sigmoid(x.AsVector128()).AsVector();

    /// <summary>Softplus (β = 1, threshold 20) in each lane, as the fixed-width <c>Softplus</c>. See the <see cref="Vector256{T}"/> overload.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>softplus(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Softplus(Vector<float> x) =>
        Vector<float>.Count == 8 ? Softplus(x.AsVector256()).AsVector() : Vector<float>.Count == 16 ? Softplus(x.AsVector512()).AsVector() : Softplus(x.AsVector128()).AsVector();

    /// <summary>max(ln x, −100) in each lane, as the fixed-width <c>ClampedLog</c>. See the <see cref="Vector256{T}"/> overload.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>max(ln x, −100).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> ClampedLog(Vector<float> x) =>
        Vector<float>.Count == 8 ? ClampedLog(x.AsVector256()).AsVector() : Vector<float>.Count == 16 ? ClampedLog(x.AsVector512()).AsVector() : ClampedLog(x.AsVector128()).AsVector();

    /// <summary>ReLU in each lane. See the <see cref="Vector256{T}"/> overload.</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>ReLU(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Relu(Vector<float> x) =>
        Vector<float>.Count == 8 ? Relu(x.AsVector256()).AsVector() : Vector<float>.Count == 16 ? Relu(x.AsVector512()).AsVector() : Relu(x.AsVector128()).AsVector();

    /// <summary>ReLU′ in each lane (1 for x &gt; 0, otherwise 0). See the <see cref="Vector256{T}"/> overload.</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>1 or 0.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> ReluStep(Vector<float> x) =>
        Vector<float>.Count == 8 ? ReluStep(x.AsVector256()).AsVector() : Vector<float>.Count == 16 ? ReluStep(x.AsVector512()).AsVector() : ReluStep(x.AsVector128()).AsVector();

    /// <summary>LeakyReLU (slope 0.01) in each lane. See the <see cref="Vector256{T}"/> overload.</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>LeakyReLU(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> LeakyRelu(Vector<float> x) =>
        Vector<float>.Count == 8 ? LeakyRelu(x.AsVector256()).AsVector() : Vector<float>.Count == 16 ? LeakyRelu(x.AsVector512()).AsVector() : LeakyRelu(x.AsVector128()).AsVector();

    /// <summary>LeakyReLU′ in each lane (1 for x &gt; 0, otherwise 0.01). See the <see cref="Vector256{T}"/> overload.</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>1 or 0.01.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> LeakyReluStep(Vector<float> x) =>
        Vector<float>.Count == 8 ? LeakyReluStep(x.AsVector256()).AsVector() : Vector<float>.Count == 16 ? LeakyReluStep(x.AsVector512()).AsVector() : LeakyReluStep(x.AsVector128()).AsVector();

    /// <summary>SiLU in each lane. See the <see cref="Vector256{T}"/> overload.</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>SiLU(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Silu(Vector<float> x) =>
        Vector<float>.Count == 8 ? Silu(x.AsVector256()).AsVector() : Vector<float>.Count == 16 ? Silu(x.AsVector512()).AsVector() : Silu(x.AsVector128()).AsVector();

    /// <summary>SiLU′ in each lane. See the <see cref="Vector256{T}"/> overload.</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>SiLU′(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> SiluDerivative(Vector<float> x) =>
        Vector<float>.Count == 8 ? SiluDerivative(x.AsVector256()).AsVector() : Vector<float>.Count == 16 ? SiluDerivative(x.AsVector512()).AsVector() : SiluDerivative(x.AsVector128()).AsVector();

    /// <summary>GELU (exact form) in each lane. See the <see cref="Vector256{T}"/> overload.</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>GELU(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Gelu(Vector<float> x) =>
        Vector<float>.Count == 8 ? Gelu(x.AsVector256()).AsVector() : Vector<float>.Count == 16 ? Gelu(x.AsVector512()).AsVector() : Gelu(x.AsVector128()).AsVector();

    /// <summary>GELU′ in each lane. See the <see cref="Vector256{T}"/> overload.</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>GELU′(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> GeluDerivative(Vector<float> x) =>
        Vector<float>.Count == 8 ? GeluDerivative(x.AsVector256()).AsVector() : Vector<float>.Count == 16 ? GeluDerivative(x.AsVector512()).AsVector() : GeluDerivative(x.AsVector128()).AsVector();

    /// <summary>GELU (tanh form) in each lane. See the <see cref="Vector256{T}"/> overload.</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>GELU-tanh(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> GeluTanh(Vector<float> x) =>
        Vector<float>.Count == 8 ? GeluTanh(x.AsVector256()).AsVector() : Vector<float>.Count == 16 ? GeluTanh(x.AsVector512()).AsVector() : GeluTanh(x.AsVector128()).AsVector();

    /// <summary>PyTorch's GELU-tanh derivative in each lane. See the <see cref="Vector256{T}"/> overload.</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>The derivatives.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> GeluTanhDerivative(Vector<float> x) =>
        Vector<float>.Count == 8 ? GeluTanhDerivative(x.AsVector256()).AsVector() : Vector<float>.Count == 16 ? GeluTanhDerivative(x.AsVector512()).AsVector() : GeluTanhDerivative(x.AsVector128()).AsVector();

    /// <summary>ELU (α = 1) in each lane. See the <see cref="Vector256{T}"/> overload.</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>ELU(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Elu(Vector<float> x) =>
        Vector<float>.Count == 8 ? Elu(x.AsVector256()).AsVector() : Vector<float>.Count == 16 ? Elu(x.AsVector512()).AsVector() : Elu(x.AsVector128()).AsVector();

    /// <summary>ELU′ in each lane. See the <see cref="Vector256{T}"/> overload.</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>ELU′(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> EluDerivative(Vector<float> x) =>
        Vector<float>.Count == 8 ? EluDerivative(x.AsVector256()).AsVector() : Vector<float>.Count == 16 ? EluDerivative(x.AsVector512()).AsVector() : EluDerivative(x.AsVector128()).AsVector();

    /// <summary>Softplus′ in each lane. See the <see cref="Vector256{T}"/> overload.</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>softplus′(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> SoftplusDerivative(Vector<float> x) =>
        Vector<float>.Count == 8 ? SoftplusDerivative(x.AsVector256()).AsVector() : Vector<float>.Count == 16 ? SoftplusDerivative(x.AsVector512()).AsVector() : SoftplusDerivative(x.AsVector128()).AsVector();

    /// <summary>Mish in each lane. See the <see cref="Vector256{T}"/> overload.</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>Mish(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Mish(Vector<float> x) =>
        Vector<float>.Count == 8 ? Mish(x.AsVector256()).AsVector() : Vector<float>.Count == 16 ? Mish(x.AsVector512()).AsVector() : Mish(x.AsVector128()).AsVector();

    /// <summary>Mish′ in each lane. See the <see cref="Vector256{T}"/> overload.</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>Mish′(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> MishDerivative(Vector<float> x) =>
        Vector<float>.Count == 8 ? MishDerivative(x.AsVector256()).AsVector() : Vector<float>.Count == 16 ? MishDerivative(x.AsVector512()).AsVector() : MishDerivative(x.AsVector128()).AsVector();

    /// <summary>The hard sigmoid in each lane. See the <see cref="Vector256{T}"/> overload.</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>HardSigmoid(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> HardSigmoid(Vector<float> x) =>
        Vector<float>.Count == 8 ? HardSigmoid(x.AsVector256()).AsVector() : Vector<float>.Count == 16 ? HardSigmoid(x.AsVector512()).AsVector() : HardSigmoid(x.AsVector128()).AsVector();

    /// <summary>HardSigmoid′ in each lane (PyTorch's values at the kinks). See the <see cref="Vector256{T}"/> overload.</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>1/6 or 0.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> HardSigmoidDerivative(Vector<float> x) =>
        Vector<float>.Count == 8 ? HardSigmoidDerivative(x.AsVector256()).AsVector() : Vector<float>.Count == 16 ? HardSigmoidDerivative(x.AsVector512()).AsVector() : HardSigmoidDerivative(x.AsVector128()).AsVector();

    /// <summary>The hard swish in each lane. See the <see cref="Vector256{T}"/> overload.</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>HardSwish(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> HardSwish(Vector<float> x) =>
        Vector<float>.Count == 8 ? HardSwish(x.AsVector256()).AsVector() : Vector<float>.Count == 16 ? HardSwish(x.AsVector512()).AsVector() : HardSwish(x.AsVector128()).AsVector();

    /// <summary>HardSwish′ in each lane (PyTorch's values at the kinks). See the <see cref="Vector256{T}"/> overload.</summary>
    /// <param name="x">The pre-activations.</param>
    /// <returns>HardSwish′(x).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> HardSwishDerivative(Vector<float> x) =>
        Vector<float>.Count == 8 ? HardSwishDerivative(x.AsVector256()).AsVector() : Vector<float>.Count == 16 ? HardSwishDerivative(x.AsVector512()).AsVector() : HardSwishDerivative(x.AsVector128()).AsVector();

    /// <summary>The error function in each lane. See the <see cref="Vector256{T}"/> overload.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>erf x.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Erf(Vector<float> x) =>
        Vector<float>.Count == 8 ? Erf(x.AsVector256()).AsVector() : Vector<float>.Count == 16 ? Erf(x.AsVector512()).AsVector() : Erf(x.AsVector128()).AsVector();

    /// <summary>
    /// Binary cross-entropy of a sigmoid output from its logit, lane by lane, as the fixed-width
    /// <c>SigmoidBinaryCrossEntropy</c>. See the <see cref="Vector256{T}"/> overload.
    /// </summary>
    /// <param name="logit">The pre-activations z of the output.</param>
    /// <param name="target">The targets t, usually in [0, 1].</param>
    /// <returns>The loss terms.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> SigmoidBinaryCrossEntropy(Vector<float> logit, Vector<float> target) =>
        Vector<float>.Count == 8 ? SigmoidBinaryCrossEntropy(logit.AsVector256(), target.AsVector256()).AsVector() : Vector<float>.Count == 16 ? SigmoidBinaryCrossEntropy(logit.AsVector512(), target.AsVector512()).AsVector() : SigmoidBinaryCrossEntropy(logit.AsVector128(), target.AsVector128()).AsVector();

    /// <summary>a·b + c in each lane, fused where the processor has FMA, as the fixed-width <c>MultiplyAdd</c>.</summary>
    /// <param name="a">The first factor.</param>
    /// <param name="b">The second factor.</param>
    /// <param name="c">The addend.</param>
    /// <returns>a·b + c.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> MultiplyAdd(Vector<float> a, Vector<float> b, Vector<float> c) =>
        Vector<float>.Count == 8 ? MultiplyAdd(a.AsVector256(), b.AsVector256(), c.AsVector256()).AsVector() : Vector<float>.Count == 16 ? MultiplyAdd(a.AsVector512(), b.AsVector512(), c.AsVector512()).AsVector() : MultiplyAdd(a.AsVector128(), b.AsVector128(), c.AsVector128()).AsVector();
}
#endif

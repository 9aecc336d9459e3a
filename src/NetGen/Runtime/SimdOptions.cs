using System;
using System.Runtime.CompilerServices;
using System.Threading;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace NetGen.Runtime;

/// <summary>
/// Process-wide choice of the vector width the generated SIMD code runs with: the width of batch-1 <c>Predict</c>'s
/// neuron kernels, and whether the batch code's lanes run at all.
/// </summary>
public static class SimdOptions
{
    private static int forcedWidth;

    /// <summary>
    /// Forces the vector width of batch-1 <c>Predict</c>'s neuron kernels: 0 = automatic (the default), 128, 256 or
    /// 512 = that width in bits. Where the processor does not accelerate the forced width, <c>Predict</c> falls back to
    /// the next narrower accelerated width, else to scalar code. -1 turns all SIMD code off: <c>Predict</c> and the batch
    /// members (<c>PredictBatch</c>, <c>Evaluate</c>, <c>GradientBatch</c>, <c>TrainBatch</c>) run the scalar kernels.
    /// Any other value leaves the batch members' lane code on, which always runs at <c>System.Numerics.Vector&lt;float&gt;</c>'s
    /// width, fixed by the JIT for the process (8 lanes with AVX2, 4 without or on Arm64, 16 with the environment variable
    /// <c>DOTNET_MaxVectorTBitWidth=512</c> on AVX-512 processors; docs/simd.md). A switch for tests and benchmarks;
    /// thread-safe to read; set it before calling network members.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not 0, -1, 128, 256 or 512.</exception>
    public static int ForcedWidth
    {
        get => Volatile.Read(ref forcedWidth);
        set
        {
            if (value is not (0 or -1 or 128 or 256 or 512))
            {
                throw new ArgumentOutOfRangeException(
                    nameof(value), value, "The forced width must be 0 (automatic), -1 (scalar), 128, 256 or 512.");
            }

            Volatile.Write(ref forcedWidth, value);
        }
    }

#if NET8_0_OR_GREATER
    /// <summary>
    /// The vector width in bits batch-1 <c>Predict</c>'s neuron kernels use now, from <see cref="ForcedWidth"/> and the
    /// processor; 0 means scalar code, for <c>Predict</c> and for the batch members, whose lane code runs (at
    /// <c>Vector&lt;float&gt;</c>'s width, whatever this value) only where it is not 0 and <c>Vector.IsHardwareAccelerated</c>
    /// holds. With <see cref="ForcedWidth"/> = -1 it is 0; with 128, 256 or 512 it is the widest hardware-
    /// accelerated width not above it (0 if none). Automatic (0) picks 256 where <see cref="Vector256"/> is hardware-
    /// accelerated, else 128 where <see cref="Vector128"/> is, else 0. Automatic never picks 512: on processors that
    /// split 512-bit operations into two 256-bit halves (AMD Zen 4) 256-bit code measured faster for batch-1 Predict;
    /// force 512 where it wins (full-width AVX-512). Whether the processor has FMA does not change the
    /// width: the generated multiply-adds are fused where it does and a multiply then an add where it does not, and both
    /// are faster than the scalar code
    /// (docs/simd.md, "Instruction sets").
    /// </summary>
    public static int PreferredWidth
    {
        // Inlined: Predict reads it on every call, and the three IsHardwareAccelerated are JIT-time constants.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => SelectWidth(
            ForcedWidth, Vector512.IsHardwareAccelerated, Vector256.IsHardwareAccelerated, Vector128.IsHardwareAccelerated);
    }
#endif

    /// <summary>
    /// The width rule of <c>PreferredWidth</c> as a pure function of <see cref="ForcedWidth"/> and what the processor
    /// accelerates, so that every processor row of docs/simd.md can be tested on any machine.
    /// </summary>
    /// <param name="forced">The forced width: 0 (automatic), -1 (scalar), 128, 256 or 512.</param>
    /// <param name="vector512">Whether <c>Vector512</c> is hardware-accelerated (AVX-512F/BW/CD/DQ/VL).</param>
    /// <param name="vector256">Whether <c>Vector256</c> is hardware-accelerated (x86 AVX2; never on Arm64).</param>
    /// <param name="vector128">Whether <c>Vector128</c> is hardware-accelerated (x86 SSE, Arm64 AdvSimd).</param>
    /// <returns>The width in bits the generated code runs with; 0 for the scalar code.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int SelectWidth(int forced, bool vector512, bool vector256, bool vector128)
    {
        if (forced == -1)
        {
            return 0;
        }

        if (forced == 512 && vector512)
        {
            return 512;
        }

        if ((forced is 0 or 256 or 512) && vector256)
        {
            return 256;
        }

        return vector128 ? 128 : 0;
    }
}

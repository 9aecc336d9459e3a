using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks.Suite;

/// <summary>
/// One core's multiply-add peak: 12 independent vector accumulators (enough to hide the FMA latency on current x86
/// cores, 4 cycles × 2 pipes) each updated with one fused multiply-add per loop trip. <c>OperationsPerInvoke</c> counts
/// lane multiply-adds, so BenchmarkDotNet's Mean is the time of one lane multiply-add and the peak is
/// 1 / Mean multiply-adds per second, i.e. 2 / Mean flops per second (the report uses flops). The 256-bit row runs
/// where FMA is supported, the 512-bit row where AVX-512F is (see <see cref="SuiteConfig"/>); the peak is the faster
/// of the two.
/// </summary>
[Config(typeof(SuiteConfig))]
[MemoryDiagnoser]
public class FmaPeak
{
    private const int Trips = 1 << 14;
    private const int Accumulators = 12;

    /// <summary>Vector256 FMA throughput; Mean = time per lane multiply-add.</summary>
    [Benchmark(Description = "Vector256 FMA", OperationsPerInvoke = Trips * Accumulators * 8)]
    public float Fma256() => Fma256Kernel();

    /// <summary>Vector512 FMA throughput; Mean = time per lane multiply-add.</summary>
    [Benchmark(Description = "Vector512 FMA", OperationsPerInvoke = Trips * Accumulators * 16)]
    public float Fma512() => Fma512Kernel();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Fma256Kernel()
    {
        // a·x + b with a < 1 converges to b / (1 − a): no overflow, no subnormals, whatever the trip count.
        Vector256<float> a = Vector256.Create(0.999f), b = Vector256.Create(0.001f);
        Vector256<float> x0 = Vector256.Create(0.10f), x1 = Vector256.Create(0.11f), x2 = Vector256.Create(0.12f);
        Vector256<float> x3 = Vector256.Create(0.13f), x4 = Vector256.Create(0.14f), x5 = Vector256.Create(0.15f);
        Vector256<float> x6 = Vector256.Create(0.16f), x7 = Vector256.Create(0.17f), x8 = Vector256.Create(0.18f);
        Vector256<float> x9 = Vector256.Create(0.19f), x10 = Vector256.Create(0.20f), x11 = Vector256.Create(0.21f);
        for (int i = 0; i < Trips; i++)
        {
            x0 = Fma.MultiplyAdd(x0, a, b);
            x1 = Fma.MultiplyAdd(x1, a, b);
            x2 = Fma.MultiplyAdd(x2, a, b);
            x3 = Fma.MultiplyAdd(x3, a, b);
            x4 = Fma.MultiplyAdd(x4, a, b);
            x5 = Fma.MultiplyAdd(x5, a, b);
            x6 = Fma.MultiplyAdd(x6, a, b);
            x7 = Fma.MultiplyAdd(x7, a, b);
            x8 = Fma.MultiplyAdd(x8, a, b);
            x9 = Fma.MultiplyAdd(x9, a, b);
            x10 = Fma.MultiplyAdd(x10, a, b);
            x11 = Fma.MultiplyAdd(x11, a, b);
        }

        Vector256<float> sum = ((x0 + x1) + (x2 + x3)) + ((x4 + x5) + (x6 + x7)) + ((x8 + x9) + (x10 + x11));
        return Vector256.Sum(sum);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Fma512Kernel()
    {
        Vector512<float> a = Vector512.Create(0.999f), b = Vector512.Create(0.001f);
        Vector512<float> x0 = Vector512.Create(0.10f), x1 = Vector512.Create(0.11f), x2 = Vector512.Create(0.12f);
        Vector512<float> x3 = Vector512.Create(0.13f), x4 = Vector512.Create(0.14f), x5 = Vector512.Create(0.15f);
        Vector512<float> x6 = Vector512.Create(0.16f), x7 = Vector512.Create(0.17f), x8 = Vector512.Create(0.18f);
        Vector512<float> x9 = Vector512.Create(0.19f), x10 = Vector512.Create(0.20f), x11 = Vector512.Create(0.21f);
        for (int i = 0; i < Trips; i++)
        {
            x0 = Avx512F.FusedMultiplyAdd(x0, a, b);
            x1 = Avx512F.FusedMultiplyAdd(x1, a, b);
            x2 = Avx512F.FusedMultiplyAdd(x2, a, b);
            x3 = Avx512F.FusedMultiplyAdd(x3, a, b);
            x4 = Avx512F.FusedMultiplyAdd(x4, a, b);
            x5 = Avx512F.FusedMultiplyAdd(x5, a, b);
            x6 = Avx512F.FusedMultiplyAdd(x6, a, b);
            x7 = Avx512F.FusedMultiplyAdd(x7, a, b);
            x8 = Avx512F.FusedMultiplyAdd(x8, a, b);
            x9 = Avx512F.FusedMultiplyAdd(x9, a, b);
            x10 = Avx512F.FusedMultiplyAdd(x10, a, b);
            x11 = Avx512F.FusedMultiplyAdd(x11, a, b);
        }

        Vector512<float> sum = ((x0 + x1) + (x2 + x3)) + ((x4 + x5) + (x6 + x7)) + ((x8 + x9) + (x10 + x11));
        return Vector512.Sum(sum);
    }
}

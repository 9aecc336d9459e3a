using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using NetGen.Benchmarks.Suite;
using NetGen.Runtime;

namespace NetGen.Benchmarks.VectorMathSpeed;

// Issue 15: VectorMath's Vector256 Tanh and Sigmoid before (OldVectorMath, exp-based) and after (one rational, one
// division), latency and throughput, in one BenchmarkDotNet run. Run with `-- --vector-math` (benchmarks/README.md,
// "Vector tanh and sigmoid (issue 15)").

/// <summary>
/// Configuration of <see cref="VectorMathSpeedBenchmarks"/>: one ratio per category (the old function is each category's
/// baseline), the brief JSON report, the suite's 10-minute build timeout. The job comes from the command line
/// (Program.cs adds <see cref="SuiteConfig.JobArguments"/> for --vector-math).
/// </summary>
public sealed class VectorMathSpeedConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public VectorMathSpeedConfig()
    {
        AddExporter(JsonExporter.Brief);
        AddColumn(CategoriesColumn.Default);
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
        WithBuildTimeout(TimeSpan.FromMinutes(10));
    }
}

/// <summary>
/// Old against new <c>Tanh</c> and <c>Sigmoid</c> on <see cref="Vector256{T}"/>. Every Mean is the time of one call
/// (8 lanes): <c>OperationsPerInvoke</c> counts the calls.
/// <list type="bullet">
/// <item>Latency: one dependent chain, x = f(x·c), <see cref="Steps"/> calls in a row, so each call waits for the last.</item>
/// <item>Throughput: eight independent chains advanced together (8 × <see cref="Steps"/> calls), so the calls overlap
/// and the processor's execution ports are the limit.</item>
/// </list>
/// The chains start from lanes spread over [−3, 3] and c = 1.75 keeps them there (tanh) or in (0, 1) (sigmoid), on both
/// sides of the rational's switch at |x| = 1 and of the old code's at 0.625; both versions are branch-free, so the values
/// do not change the time. The global setup checks that old and new agree within 4e-7 on a sweep of [−40, 40].
/// </summary>
[Config(typeof(VectorMathSpeedConfig))]
public class VectorMathSpeedBenchmarks
{
    /// <summary>Calls per chain in one invocation.</summary>
    public const int Steps = 256;

    private const string TanhLatency = "Tanh latency";
    private const string TanhThroughput = "Tanh throughput";
    private const string SigmoidLatency = "Sigmoid latency";
    private const string SigmoidThroughput = "Sigmoid throughput";

    private Vector256<float> _start;
    private Vector256<float> _scale;

    /// <summary>Sets the starting lanes and checks old against new.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _start = Vector256.Create(-3f, -1.5f, -0.7f, -0.2f, 0.3f, 0.9f, 1.6f, 3f);
        _scale = Vector256.Create(1.75f);
        for (int i = 0; i < 1 << 16; i++)
        {
            Vector256<float> x = Vector256.Create(-40f + i * (80f / (1 << 16))) + Vector256.Create(0f, 1, 2, 3, 4, 5, 6, 7) * 1e-4f;
            Check("Tanh", x, OldVectorMath.Tanh(x), VectorMath.Tanh(x));
            Check("Sigmoid", x, OldVectorMath.Sigmoid(x), VectorMath.Sigmoid(x));
        }
    }

    private static void Check(string name, Vector256<float> x, Vector256<float> old, Vector256<float> now)
    {
        for (int lane = 0; lane < Vector256<float>.Count; lane++)
        {
            // Each is within 2e-7 of the truth, so within 4e-7 of the other.
            if (!(MathF.Abs(old[lane] - now[lane]) <= 4e-7f))
                throw new InvalidOperationException($"{name}({x[lane]:R}): old {old[lane]:R}, new {now[lane]:R}");
        }
    }

    /// <summary>Old tanh, one dependent chain.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Steps), BenchmarkCategory(TanhLatency)]
    public Vector256<float> TanhLatencyOld()
    {
        Vector256<float> x = _start, c = _scale;
        for (int i = 0; i < Steps; i++) x = OldVectorMath.Tanh(x * c);
        return x;
    }

    /// <summary>New tanh, one dependent chain.</summary>
    [Benchmark(OperationsPerInvoke = Steps), BenchmarkCategory(TanhLatency)]
    public Vector256<float> TanhLatencyNew()
    {
        Vector256<float> x = _start, c = _scale;
        for (int i = 0; i < Steps; i++) x = VectorMath.Tanh(x * c);
        return x;
    }

    /// <summary>Old tanh, eight independent chains.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = 8 * Steps), BenchmarkCategory(TanhThroughput)]
    public Vector256<float> TanhThroughputOld()
    {
        Vector256<float> c = _scale;
        Spread(_start, out var x0, out var x1, out var x2, out var x3, out var x4, out var x5, out var x6, out var x7);
        for (int i = 0; i < Steps; i++)
        {
            x0 = OldVectorMath.Tanh(x0 * c);
            x1 = OldVectorMath.Tanh(x1 * c);
            x2 = OldVectorMath.Tanh(x2 * c);
            x3 = OldVectorMath.Tanh(x3 * c);
            x4 = OldVectorMath.Tanh(x4 * c);
            x5 = OldVectorMath.Tanh(x5 * c);
            x6 = OldVectorMath.Tanh(x6 * c);
            x7 = OldVectorMath.Tanh(x7 * c);
        }

        return x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7;
    }

    /// <summary>New tanh, eight independent chains.</summary>
    [Benchmark(OperationsPerInvoke = 8 * Steps), BenchmarkCategory(TanhThroughput)]
    public Vector256<float> TanhThroughputNew()
    {
        Vector256<float> c = _scale;
        Spread(_start, out var x0, out var x1, out var x2, out var x3, out var x4, out var x5, out var x6, out var x7);
        for (int i = 0; i < Steps; i++)
        {
            x0 = VectorMath.Tanh(x0 * c);
            x1 = VectorMath.Tanh(x1 * c);
            x2 = VectorMath.Tanh(x2 * c);
            x3 = VectorMath.Tanh(x3 * c);
            x4 = VectorMath.Tanh(x4 * c);
            x5 = VectorMath.Tanh(x5 * c);
            x6 = VectorMath.Tanh(x6 * c);
            x7 = VectorMath.Tanh(x7 * c);
        }

        return x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7;
    }

    /// <summary>Old sigmoid, one dependent chain.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Steps), BenchmarkCategory(SigmoidLatency)]
    public Vector256<float> SigmoidLatencyOld()
    {
        Vector256<float> x = _start, c = _scale;
        for (int i = 0; i < Steps; i++) x = OldVectorMath.Sigmoid(x * c);
        return x;
    }

    /// <summary>New sigmoid, one dependent chain.</summary>
    [Benchmark(OperationsPerInvoke = Steps), BenchmarkCategory(SigmoidLatency)]
    public Vector256<float> SigmoidLatencyNew()
    {
        Vector256<float> x = _start, c = _scale;
        for (int i = 0; i < Steps; i++) x = VectorMath.Sigmoid(x * c);
        return x;
    }

    /// <summary>Old sigmoid, eight independent chains.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = 8 * Steps), BenchmarkCategory(SigmoidThroughput)]
    public Vector256<float> SigmoidThroughputOld()
    {
        Vector256<float> c = _scale;
        Spread(_start, out var x0, out var x1, out var x2, out var x3, out var x4, out var x5, out var x6, out var x7);
        for (int i = 0; i < Steps; i++)
        {
            x0 = OldVectorMath.Sigmoid(x0 * c);
            x1 = OldVectorMath.Sigmoid(x1 * c);
            x2 = OldVectorMath.Sigmoid(x2 * c);
            x3 = OldVectorMath.Sigmoid(x3 * c);
            x4 = OldVectorMath.Sigmoid(x4 * c);
            x5 = OldVectorMath.Sigmoid(x5 * c);
            x6 = OldVectorMath.Sigmoid(x6 * c);
            x7 = OldVectorMath.Sigmoid(x7 * c);
        }

        return x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7;
    }

    /// <summary>New sigmoid, eight independent chains.</summary>
    [Benchmark(OperationsPerInvoke = 8 * Steps), BenchmarkCategory(SigmoidThroughput)]
    public Vector256<float> SigmoidThroughputNew()
    {
        Vector256<float> c = _scale;
        Spread(_start, out var x0, out var x1, out var x2, out var x3, out var x4, out var x5, out var x6, out var x7);
        for (int i = 0; i < Steps; i++)
        {
            x0 = VectorMath.Sigmoid(x0 * c);
            x1 = VectorMath.Sigmoid(x1 * c);
            x2 = VectorMath.Sigmoid(x2 * c);
            x3 = VectorMath.Sigmoid(x3 * c);
            x4 = VectorMath.Sigmoid(x4 * c);
            x5 = VectorMath.Sigmoid(x5 * c);
            x6 = VectorMath.Sigmoid(x6 * c);
            x7 = VectorMath.Sigmoid(x7 * c);
        }

        return x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7;
    }

    // Eight different starting vectors (so no two chains compute the same values).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Spread(Vector256<float> start, out Vector256<float> x0, out Vector256<float> x1,
        out Vector256<float> x2, out Vector256<float> x3, out Vector256<float> x4, out Vector256<float> x5,
        out Vector256<float> x6, out Vector256<float> x7)
    {
        Vector256<float> step = Vector256.Create(0.01f);
        x0 = start;
        x1 = start + step;
        x2 = x1 + step;
        x3 = x2 + step;
        x4 = x3 + step;
        x5 = x4 + step;
        x6 = x5 + step;
        x7 = x6 + step;
    }
}

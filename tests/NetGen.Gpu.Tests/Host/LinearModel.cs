// A hand-written "network" for NetGen.Ilgpu's host code on its own (no generator): y = w0·x0 + w1·x1 + b, loss (y − t)²,
// its kernel struct (generic over the optimizer choice) and a trainer subclass, as the generator would write them.
using System;
using ILGPU;
using ILGPU.Runtime;
using NetGen.Ilgpu;
using NetGen.Runtime;

namespace NetGen.Gpu.Tests.Host;

/// <summary>The model's state, as a generated network keeps it.</summary>
public sealed class LinearModel
{
    public float[] Parameters { get; } = { 0.5f, -0.25f, 0.125f };
    public float LearningRate { get; set; } = 0.1f;
    public long Step { get; set; }
    public float[] FirstMoment { get; set; } = Array.Empty<float>();
    public float[] SecondMoment { get; set; } = Array.Empty<float>();
    public int SetParametersCalls { get; private set; }

    public void SetParameters(ReadOnlySpan<float> values)
    {
        values.CopyTo(Parameters);
        SetParametersCalls++;
    }

    /// <summary>The host mirror of <see cref="LinearKernels{TOptimizer}.Gradient"/>: the same float operations in the same order.</summary>
    public static float Gradient(ReadOnlySpan<float> p, float x0, float x1, float t, Span<float> g)
    {
        float e = p[0] * x0 + p[1] * x1 + p[2] - t;
        float d = 2f * e;
        g[0] += d * x0;
        g[1] += d * x1;
        g[2] += d;
        return e * e;
    }
}

/// <summary>The optimizer a <see cref="LinearKernels{TOptimizer}"/> reports.</summary>
public interface ILinearOptimizer
{
    Optimizer Optimizer { get; }
    float Momentum { get; }
}

public readonly struct PlainSgd : ILinearOptimizer
{
    public Optimizer Optimizer => Optimizer.Sgd;
    public float Momentum => 0f;
}

public readonly struct SgdWithMomentum : ILinearOptimizer
{
    public Optimizer Optimizer => Optimizer.Sgd;
    public float Momentum => 0.5f;
}

public readonly struct AdamOptimizer : ILinearOptimizer
{
    public Optimizer Optimizer => Optimizer.Adam;
    public float Momentum => 0f;
}

/// <summary>What the generator writes as <c>T.NetGenGpuKernels</c>, by hand.</summary>
public readonly struct LinearKernels<TOptimizer> : INetworkGpuKernels, INetworkGpuHost<LinearModel>
    where TOptimizer : struct, ILinearOptimizer
{
    public const float AdamBeta1 = 0.8f, AdamBeta2 = 0.99f, AdamEpsilon = 1e-6f;

    public int InputSize => 2;
    public int OutputSize => 1;
    public int ParameterCount => 3;
    public int ScratchSize => 0;
    public int ForwardScratchSize => 0;
    public int MaskSize => 0;
    public Optimizer Optimizer => default(TOptimizer).Optimizer;
    public float Momentum => default(TOptimizer).Momentum;
    public float Beta1 => AdamBeta1;
    public float Beta2 => AdamBeta2;
    public float Epsilon => AdamEpsilon;

    public void Forward(ArrayView<float> p, ArrayView<float> x, ArrayView<float> y, ArrayView<float> s, int so, int ss)
        => y[0] = p[0] * x[0] + p[1] * x[1] + p[2];

    public float Gradient(ArrayView<float> p, ArrayView<float> x, ArrayView<float> t, ArrayView<float> m, ArrayView<float> g, ArrayView<float> s, int go, int gs, int so, int ss)
    {
        float e = p[0] * x[0] + p[1] * x[1] + p[2] - t[0];
        float d = 2f * e;
        g[go] += d * x[0];
        g[go + gs] += d * x[1];
        g[go + 2 * gs] += d;
        return e * e;
    }

    public ReadOnlySpan<float> ParametersOf(LinearModel network) => network.Parameters;
    public float LearningRateOf(LinearModel network) => network.LearningRate;
    public long StepOf(LinearModel network) => network.Step;
    public ReadOnlySpan<float> FirstMomentOf(LinearModel network) => network.FirstMoment;
    public ReadOnlySpan<float> SecondMomentOf(LinearModel network) => network.SecondMoment;
    public ulong DropoutStateOf(LinearModel network) => 0UL;
    public void DrawMask(ref DeterministicRandom random, Span<float> mask) { }
    public void SetParameters(LinearModel network, ReadOnlySpan<float> values) => network.SetParameters(values);
}

/// <summary>What the generator writes as <c>T.GpuTrainer</c>.</summary>
public sealed class LinearTrainer<TOptimizer> : NetworkGpuTrainer<LinearModel, LinearKernels<TOptimizer>>
    where TOptimizer : struct, ILinearOptimizer
{
    public LinearTrainer(Accelerator accelerator, LinearModel network, int maxBatchSize)
        : base(accelerator, network, maxBatchSize)
    {
    }

    public LinearTrainer(Accelerator accelerator, LinearModel network, int maxBatchSize, int gradientSlots)
        : base(accelerator, network, maxBatchSize, gradientSlots)
    {
    }
}

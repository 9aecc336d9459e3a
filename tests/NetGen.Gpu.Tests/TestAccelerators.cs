using System;
using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace NetGen.Gpu.Tests;

/// <summary>
/// Picks the accelerator from NETGEN_ACCELERATOR (cpu, cuda or opencl; default cpu). The context enables ILGPU.Algorithms,
/// which supplies exp, log and tanh on CUDA and OpenCL.
/// </summary>
public static class TestAccelerators
{
    public const string Variable = "NETGEN_ACCELERATOR";

    public static string Kind => (Environment.GetEnvironmentVariable(Variable) ?? "cpu").Trim().ToLowerInvariant() switch
    {
        "" or "cpu" => "cpu",
        "cuda" => "cuda",
        "opencl" => "opencl",
        var other => throw new InvalidOperationException($"{Variable}={other}: expected cpu, cuda or opencl."),
    };

    /// <summary>A context and the accelerator the environment asks for (ILGPU's default CPU accelerator unless told otherwise).</summary>
    public static (Context Context, Accelerator Accelerator) Create()
    {
        switch (Kind)
        {
            case "cuda":
            {
                var context = Context.Create(builder => builder.Cuda().EnableAlgorithms());
                return (context, context.CreateCudaAccelerator(0));
            }
            case "opencl":
            {
                var context = Context.Create(builder => builder.OpenCL().EnableAlgorithms());
                return (context, context.CreateCLAccelerator(0));
            }
            default:
            {
                var context = Context.Create(builder => builder.CPU().EnableAlgorithms());
                return (context, context.CreateCPUAccelerator(0));
            }
        }
    }

    /// <summary>A CPU accelerator with more threads per group than the default one (warp 4 × 16 warps = 64 threads).</summary>
    public static (Context Context, Accelerator Accelerator) CreateWideCpu()
    {
        var context = Context.Create(builder => builder.CPU(new CPUDevice(4, 16, 2)).EnableAlgorithms());
        return (context, context.CreateCPUAccelerator(0));
    }
}

/// <summary>One accelerator shared by the tests of the "Gpu" collection (run one after another).</summary>
public sealed class AcceleratorFixture : IDisposable
{
    public AcceleratorFixture()
    {
        (Context, Accelerator) = TestAccelerators.Create();
        // The scalar path is the reference: its sums run in the same order as the kernels' (SIMD lanes would not).
        NetGen.Runtime.SimdOptions.ForcedWidth = -1;
    }

    public Context Context { get; }
    public Accelerator Accelerator { get; }

    public void Dispose()
    {
        Accelerator.Dispose();
        Context.Dispose();
    }
}

[CollectionDefinition("Gpu")]
public sealed class GpuCollection : ICollectionFixture<AcceleratorFixture>
{
}

using System;
using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace GpuTraining;

/// <summary>
/// NETGEN_ACCELERATOR=cpu|cuda|opencl picks the accelerator; unset, CUDA is used when a CUDA device is present, else
/// ILGPU's CPU accelerator. The context enables ILGPU.Algorithms (exp, log and tanh on CUDA and OpenCL).
/// </summary>
internal static class Accelerators
{
    public static (Context Context, Accelerator Accelerator) Create()
    {
        string? asked = Environment.GetEnvironmentVariable("NETGEN_ACCELERATOR")?.Trim().ToLowerInvariant();
        switch (asked)
        {
            case "cpu":
            {
                var context = Context.Create(builder => builder.CPU().EnableAlgorithms());
                return (context, context.CreateCPUAccelerator(0));
            }
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
            case null or "":
            {
                var context = Context.Create(builder => builder.CPU().Cuda().EnableAlgorithms());
                return context.GetCudaDevices().Count > 0
                    ? (context, context.CreateCudaAccelerator(0))
                    : (context, context.CreateCPUAccelerator(0));
            }
            default:
                throw new InvalidOperationException($"NETGEN_ACCELERATOR={asked}: expected cpu, cuda or opencl.");
        }
    }
}

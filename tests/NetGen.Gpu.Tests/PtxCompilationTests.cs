using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace NetGen.Gpu.Tests;

/// <summary>
/// Compiles every generated kernel to PTX with ILGPU's CUDA backend (no GPU needed): the kernels use only what ILGPU
/// compiles for a GPU (no spans, stackalloc, lambdas; exp/log/tanh through ILGPU.Algorithms' intrinsics).
/// </summary>
public sealed class PtxCompilationTests
{
    public static IEnumerable<object[]> Networks => TestNetworks.Small.Concat(TestNetworks.Mnist).Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(Networks))]
    public void Every_kernel_compiles_to_ptx(string name)
    {
        var type = TestNetworks.Create(name, seed: 0).GetType();
        using var context = Context.Create(builder => builder.Cuda().EnableAlgorithms());
        using var backend = new PTXBackend(context, new CudaCapabilityContext(CudaArchitecture.SM_80), CudaArchitecture.SM_80, CudaInstructionSet.ISA_80, null);
        foreach (string kernel in new[] { "NetGenGpuGradientKernel", "NetGenGpuUpdateKernel", "NetGenGpuPredictKernel" })
        {
            var method = type.GetMethod(kernel, BindingFlags.NonPublic | BindingFlags.Static)
                ?? throw new InvalidOperationException($"{name} has no {kernel}");
            var entry = EntryPointDescription.FromExplicitlyGroupedKernel(method);
            var compiled = (PTXCompiledKernel)backend.Compile(entry, KernelSpecialization.Empty);
            Assert.Contains(".entry", compiled.PTXAssembly);
        }
    }
}

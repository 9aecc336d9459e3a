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
    public void Every_kernel_compiles_to_ptx(string name) => CompilesToPtx(TestNetworks.Create(name, seed: 0).GetType());

    /// <summary>The networks of the activations of issue 14: their device code calls ScalarMath's Silu … HardSwish (and Erf).</summary>
    public static IEnumerable<object[]> ActivationNetworks => new[]
    {
        typeof(GpuSiluMseAdam), typeof(GpuGeluMseAdam), typeof(GpuGeluTanhMseAdam), typeof(GpuEluMseAdam),
        typeof(GpuSoftplusMseAdam), typeof(GpuMishMseAdam), typeof(GpuHardSigmoidMseAdam), typeof(GpuHardSwishMseAdam),
    }.Select(t => new object[] { t.Name });

    [Theory]
    [MemberData(nameof(ActivationNetworks))]
    public void Every_activation_compiles_to_ptx(string name) =>
        CompilesToPtx(typeof(PtxCompilationTests).Assembly.GetTypes().Single(t => t.Name == name));

    private static void CompilesToPtx(Type type)
    {
        string name = type.Name;
        // NetGen.Ilgpu's generic kernels, specialised for the network's generated struct as the trainer loads them.
        var kernels = type.GetNestedType("NetGenGpuKernels") ?? throw new InvalidOperationException($"{name} has no NetGenGpuKernels");
        using var context = Context.Create(builder => builder.Cuda().EnableAlgorithms());
        using var backend = new PTXBackend(context, new CudaCapabilityContext(CudaArchitecture.SM_80), CudaArchitecture.SM_80, CudaInstructionSet.ISA_80, null);
        var generic = new[]
        {
            typeof(NetGen.Ilgpu.TrainingKernels).GetMethod(nameof(NetGen.Ilgpu.TrainingKernels.Gradient)),
            typeof(NetGen.Ilgpu.TrainingKernels).GetMethod(nameof(NetGen.Ilgpu.TrainingKernels.Predict)),
            typeof(NetGen.Ilgpu.OptimizerKernels).GetMethod(nameof(NetGen.Ilgpu.OptimizerKernels.Sgd)),
            typeof(NetGen.Ilgpu.OptimizerKernels).GetMethod(nameof(NetGen.Ilgpu.OptimizerKernels.Momentum)),
            typeof(NetGen.Ilgpu.OptimizerKernels).GetMethod(nameof(NetGen.Ilgpu.OptimizerKernels.Adam)),
        };
        foreach (var kernel in generic)
        {
            var method = (kernel ?? throw new InvalidOperationException("a NetGen.Ilgpu kernel is missing")).MakeGenericMethod(kernels);
            var entry = EntryPointDescription.FromExplicitlyGroupedKernel(method);
            var compiled = (PTXCompiledKernel)backend.Compile(entry, KernelSpecialization.Empty);
            Assert.Contains(".entry", compiled.PTXAssembly);
        }
    }
}

using NetGen.Generator.Emit.Gpu;
using NetGen.Generator.Graph.Ops;

namespace NetGen.Generator.Emit.Printing;

/// <summary>
/// C# that ILGPU compiles: the scalar dialect (same parentheses, same evaluation order, so the CPU accelerator computes
/// the same floats as the scalar kernel), with spilled values and macro regions in the thread's column of the scratch
/// view (<see cref="GpuScratch"/>). <c>MathF</c> calls map to ILGPU's math intrinsics; <c>ScalarMath</c> methods are
/// plain static methods that ILGPU compiles like the kernel's own code.
/// </summary>
internal sealed class GpuDialect : ScalarDialect
{
    /// <summary>The one instance.</summary>
    public static new readonly GpuDialect Instance = new();

    public override string Name => "ILGPU";

    public override KernelForm Kernel { get; } = new GpuKernelForm();

    public override string Reference(KernelSchedule schedule, int id) =>
        schedule.IsSpilled(id) ? GpuScratch.At("s", schedule.SpillSlot(id)) : schedule.IdentifierOf(id);

    public override string Element(KernelSchedule schedule, int macro, int index) => GpuScratch.At(schedule.RegionOf(macro), index);
}

using NetGen.Generator.Emit.Printing;

namespace NetGen.Generator.Emit.Gpu;

/// <summary>
/// The per-sample forward and forward + backward functions that the ILGPU kernels call: <see cref="KernelPrinter"/> in the
/// <see cref="GpuDialect"/>, from the same <see cref="KernelSchedule"/> (and so the same derived graph) as the CPU kernels.
/// </summary>
internal static class GpuKernelEmitter
{
    public const string View = GpuKernelForm.View;

    public static string MethodName(KernelKind kind) => GpuDialect.Instance.Kernel.Name(kind);

    /// <summary>Parameters of a per-sample function and its parts.</summary>
    public static string Parameters(KernelKind kind, bool mask) => GpuKernelForm.Parameters(kind, mask);

    public static void Emit(IndentedWriter w, KernelSchedule k)
    {
        string what = k.Kind == KernelKind.Forward
            ? "Forward pass of one sample on the device: <c>y = f(x)</c>."
            : "Loss of one sample on the device; adds its gradient <c>∂L/∂p</c> to the thread's gradient slot <c>g[go + i·gs]</c>"
                + (k.MaskSize > 0 ? " (dropout mask <c>m</c>, drawn on the host)." : ".");
        KernelPrinter.Emit(w, k, GpuDialect.Instance, what + " Printed from the same schedule as the scalar kernel; scratch values live in <c>s[so + i·ss]</c>.");
    }
}

using NetGen.Generator.Emit.Printing;

namespace NetGen.Generator.Emit;

/// <summary>The scalar kernels: <see cref="KernelPrinter"/> in the <see cref="ScalarDialect"/>.</summary>
internal static class ScalarKernelEmitter
{
    public static string MethodName(KernelKind kind) => ScalarDialect.Instance.Kernel.Name(kind);

    public static void Emit(IndentedWriter w, KernelSchedule k, string summary) => KernelPrinter.Emit(w, k, ScalarDialect.Instance, summary);
}

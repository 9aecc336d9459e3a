using NetGen.Generator.Emit.Printing;

namespace NetGen.Generator.Emit;

/// <summary>The scalar kernels: <see cref="KernelPrinter"/> in the <see cref="ScalarDialect"/>.</summary>
internal static class ScalarKernelEmitter
{
    public static string MethodName(KernelKind kind) => ScalarDialect.Instance.Kernel.Name(kind);

    /// <summary>Prints kernel <paramref name="k"/>; <paramref name="deterministic"/> (a <c>Deterministic</c> network) spells NetGen's deterministic math.</summary>
    public static void Emit(IndentedWriter w, KernelSchedule k, string summary, bool deterministic = false) =>
        KernelPrinter.Emit(w, k, ScalarDialect.For(deterministic), summary);
}

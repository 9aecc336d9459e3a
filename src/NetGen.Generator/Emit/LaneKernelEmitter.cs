using NetGen.Generator.Emit.Printing;

namespace NetGen.Generator.Emit;

/// <summary>The lane kernels, written once for every vector width: <see cref="KernelPrinter"/> in a <see cref="LaneDialect"/>.</summary>
internal static class LaneKernelEmitter
{
    public static string MethodName(KernelKind kind) => new LaneDialect(estimate: false).Kernel.Name(kind);

    public static void Emit(IndentedWriter w, KernelSchedule k, LaneDialect dialect) =>
        KernelPrinter.Emit(w, k, dialect, $"{ScalarKernelEmitter.MethodName(k.Kind)} on <c>Vector&lt;float&gt;.Count</c> samples at once, one per lane.");
}

namespace NetGen.Generator.Emit.Gpu;

/// <summary>
/// How GPU kernels address their scratch (<c>s</c>) and gradient (<c>g</c>) buffers: element <c>i</c> of the thread's
/// part of buffer <c>b</c> is at <c>b[bo + i·bs]</c> (offset <c>bo</c>, stride <c>bs</c>, kernel arguments). On a GPU every
/// thread owns a column of a <c>[element, thread]</c> layout (<c>bo</c> = thread, <c>bs</c> = threads: neighbouring threads
/// touch neighbouring addresses, coalesced); on the CPU accelerator a row (<c>bo</c> = thread·size, <c>bs</c> = 1: cache-friendly).
/// </summary>
internal static class GpuScratch
{
    /// <summary>Element <paramref name="index"/> (a number) of buffer <paramref name="buffer"/>.</summary>
    public static string At(string buffer, int index) => index == 0 ? $"{buffer}[{buffer}o]" : $"{buffer}[{buffer}o + {index} * {buffer}s]";

    /// <summary>Element <paramref name="start"/> + <paramref name="variable"/> of buffer <paramref name="buffer"/>.</summary>
    public static string At(string buffer, int start, string variable)
        => start == 0 ? $"{buffer}[{buffer}o + {variable} * {buffer}s]" : $"{buffer}[{buffer}o + ({start} + {variable}) * {buffer}s]";

    /// <summary>Element <paramref name="index"/> of a loop operand: the sample's input view or a scratch region.</summary>
    public static string At(VectorSource source, int index) => source.IsInput ? $"x[{index}]" : At("s", source.RegionStart + index);

    /// <summary>Element <paramref name="variable"/> of a loop operand.</summary>
    public static string At(VectorSource source, string variable) => source.IsInput ? $"x[{variable}]" : At("s", source.RegionStart, variable);
}

namespace NetGen.Generator.Emit.Gpu;

/// <summary>
/// How GPU kernels address their scratch and gradient buffers. Every thread ("slot" <c>l</c> of <c>ls</c>) owns one
/// column of a buffer laid out <c>[element, slot]</c>: element <c>i</c> of slot <c>l</c> is at <c>l + i·ls</c>, so
/// neighbouring threads touch neighbouring addresses (coalesced on a GPU).
/// </summary>
internal static class GpuScratch
{
    /// <summary>Element <paramref name="index"/> (a number) of buffer <paramref name="buffer"/>.</summary>
    public static string At(string buffer, int index) => index == 0 ? $"{buffer}[l]" : $"{buffer}[l + {index} * ls]";

    /// <summary>Element <paramref name="start"/> + <paramref name="variable"/> of buffer <paramref name="buffer"/>.</summary>
    public static string At(string buffer, int start, string variable)
        => start == 0 ? $"{buffer}[l + {variable} * ls]" : $"{buffer}[l + ({start} + {variable}) * ls]";

    /// <summary>Element <paramref name="index"/> of a loop operand: the sample's input view or a scratch region.</summary>
    public static string At(VectorSource source, int index) => source.IsInput ? $"x[{index}]" : At("s", source.RegionStart + index);

    /// <summary>Element <paramref name="variable"/> of a loop operand.</summary>
    public static string At(VectorSource source, string variable) => source.IsInput ? $"x[{variable}]" : At("s", source.RegionStart, variable);
}

using System.Globalization;

namespace NetGen.Generator.Emit.Layered;

/// <summary>The type names and number formatting the layered loops print with.</summary>
internal static class LoopText
{
    public const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    public const string Span = "global::System.Span<float>";
    public const string ReadOnlyIndexSpan = "global::System.ReadOnlySpan<int>";
    public const string IndexSpan = "global::System.Span<int>";

    /// <summary>
    /// <c>Unsafe.Add</c>, for the SIMD code's offsets (int offsets: no <c>nuint</c>, which is C# 9). Only code emitted for
    /// compilations with the vector API uses it: netstandard2.1 has no <c>Unsafe</c>.
    /// </summary>
    public const string Add = "global::System.Runtime.CompilerServices.Unsafe.Add";

    /// <summary><c>MemoryMarshal</c>, for the SIMD code's references to a span's first value.</summary>
    public const string Marshal = "global::System.Runtime.InteropServices.MemoryMarshal";

    /// <summary>An int as C# text.</summary>
    public static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A float as a C# literal.</summary>
    public static string F(float value) => FloatLiteral.Format(value);

    /// <summary>The name of a layer's method: <c>NetGenLayer3Forward</c>.</summary>
    public static string Method(LayeredStep step, string what) => $"NetGenLayer{I(step.Index + 1)}{what}{step.Suffix}";

}

using System.Globalization;

namespace NetGen.Generator.Emit.Layered;

/// <summary>The type names and number formatting the layered loops print with.</summary>
internal static class LoopText
{
    public const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    public const string Span = "global::System.Span<float>";
    public const string ReadOnlyIndexSpan = "global::System.ReadOnlySpan<int>";
    public const string IndexSpan = "global::System.Span<int>";

    /// <summary>An int as C# text.</summary>
    public static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A float as a C# literal.</summary>
    public static string F(float value) => FloatLiteral.Format(value);

    /// <summary>The name of a layer's method: <c>NetGenLayer3Forward</c>.</summary>
    public static string Method(LayeredStep step, string what) => $"NetGenLayer{I(step.Index + 1)}{what}";

    /// <summary>A bounds check on a padded coordinate, or nothing when the layer has no padding there.</summary>
    public static string Skip(string coordinate, int padding, int side)
        => padding == 0 ? "" : $"if ((uint){coordinate} >= {I(side)}u) continue; ";
}

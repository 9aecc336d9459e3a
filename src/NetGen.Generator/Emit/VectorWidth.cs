namespace NetGen.Generator.Emit;

/// <summary>One SIMD width of the lane emitter: the System.Runtime.Intrinsics type and how many float lanes it holds.</summary>
internal sealed record VectorWidth(int Bits)
{
    /// <summary>Samples processed at once (one per lane).</summary>
    public int Lanes => Bits / 32;

    /// <summary>The file's alias of the static helper class <c>System.Runtime.Intrinsics.Vector256</c> (see <see cref="Aliases"/>).</summary>
    public string Statics => $"NetGenVector{Bits}";

    /// <summary>The file's alias of the vector type <c>System.Runtime.Intrinsics.Vector256&lt;float&gt;</c>.</summary>
    public string Type => $"NetGenLanes{Bits}";

    /// <summary>The using-alias directives that make the lane code readable.</summary>
    public string[] Aliases => new[]
    {
        $"using {Statics} = global::System.Runtime.Intrinsics.Vector{Bits};",
        $"using {Type} = global::System.Runtime.Intrinsics.Vector{Bits}<float>;",
    };

    /// <summary>Alias of <c>NetGen.Runtime.VectorMath</c>.</summary>
    public const string MathAlias = "NetGenVectorMath";

    /// <summary>Suffix of the generated lane methods, e.g. <c>Lanes256</c>.</summary>
    public string Suffix => "Lanes" + Bits;
}

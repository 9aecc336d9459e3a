namespace NetGen.Generator.Emit;

/// <summary>One SIMD width of the lane emitter: the System.Runtime.Intrinsics type and how many float lanes it holds.</summary>
internal sealed record VectorWidth(int Bits)
{
    /// <summary>Samples processed at once (one per lane).</summary>
    public int Lanes => Bits / 32;

    /// <summary>The static helper class, e.g. <c>global::System.Runtime.Intrinsics.Vector256</c>.</summary>
    public string Statics => $"global::System.Runtime.Intrinsics.Vector{Bits}";

    /// <summary>The vector type, e.g. <c>global::System.Runtime.Intrinsics.Vector256&lt;float&gt;</c>.</summary>
    public string Type => Statics + "<float>";

    /// <summary>Suffix of the generated lane methods, e.g. <c>Lanes256</c>.</summary>
    public string Suffix => "Lanes" + Bits;
}

namespace NetGen.Generator.Emit;

/// <summary>
/// One SIMD width of the lane emitter: the System.Runtime.Intrinsics type and how many float lanes it holds, and whether
/// the consumer's compilation has <c>Vector{Bits}.MultiplyAddEstimate</c> (.NET 9 and later).
/// </summary>
internal sealed record VectorWidth(int Bits, bool Estimate = false)
{
    /// <summary>
    /// a·b + c for vectors: <c>Vector256.MultiplyAddEstimate</c> where the compilation has it, else NetGen's
    /// <c>VectorMath.MultiplyAdd</c> (.NET 8). Both are fused (rounded once) where the processor has FMA and a multiply
    /// then an add where it does not. <c>MultiplyAddEstimate</c> is a JIT intrinsic: nothing to inline, so the thousands
    /// of multiply-adds of a straight-line kernel stay single instructions (calls to a helper stop being inlined after
    /// about 64 per method). <c>Vector256.FusedMultiplyAdd</c> is not used: without FMA (x86 before AVX2, NativeAOT's
    /// default instruction set) it falls back to a software fused multiply-add per lane, 5 to 8 times slower than the
    /// scalar code (issue 13).
    /// </summary>
    public string MultiplyAdd(string a, string b, string c) =>
        Estimate ? $"{Statics}.MultiplyAddEstimate({a}, {b}, {c})" : $"{MathAlias}.MultiplyAdd({a}, {b}, {c})";

    /// <summary>
    /// Lane <paramref name="lane"/> of <paramref name="vector"/> in every lane: <c>Vector256.Shuffle</c> with a constant
    /// index where the compilation is .NET 9 or later (one <c>vpermps</c>, <c>vpermilps</c> at 128 bits, <c>dup</c> on
    /// Arm64), else <c>Create(GetElement)</c>, which .NET 8's JIT turns into an extract and a broadcast.
    /// </summary>
    public string Broadcast(string vector, int lane) =>
        Estimate ? $"{Statics}.Shuffle({vector}, {Statics}.Create({lane}))" : $"{Statics}.Create({Statics}.GetElement({vector}, {lane}))";

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

using NetGen.Generator.Graph;
using NetGen.Generator.Graph.Ops;

namespace NetGen.Generator.Emit.Printing;

/// <summary>
/// Lanes: every lane of a <c>System.Numerics.Vector&lt;float&gt;</c> is one sample, so the code is written once and runs at
/// whatever width the JIT gives <c>Vector&lt;T&gt;</c> on the machine (128 bits without AVX2, 256 with it, 512 with
/// <c>DOTNET_MaxVectorTBitWidth=512</c> on AVX-512). Parameters are broadcast, inputs and targets are structure-of-arrays
/// spans of vectors, products feeding sums become multiply-adds, and activations call NetGen's vector math.
/// </summary>
internal sealed class LaneDialect : Dialect
{
    /// <summary>The file's alias of <c>System.Numerics.Vector&lt;float&gt;</c>.</summary>
    public const string Type = "NetGenLanes";

    /// <summary>The file's alias of the vector statics <c>System.Numerics.Vector</c>.</summary>
    public const string Statics = "NetGenVector";

    /// <summary>The file's alias of <c>NetGen.Runtime.VectorMath</c>.</summary>
    public const string MathAlias = VectorWidth.MathAlias;

    /// <summary>The using-alias directives of <see cref="Type"/> and <see cref="Statics"/>.</summary>
    public static readonly string[] Aliases =
    {
        "using " + Type + " = global::System.Numerics.Vector<float>;",
        "using " + Statics + " = global::System.Numerics.Vector;",
    };

    /// <param name="estimate">The compilation has <c>Vector.MultiplyAddEstimate</c> (.NET 9 and later).</param>
    public LaneDialect(bool estimate)
    {
        Estimate = estimate;
        Kernel = new LaneKernelForm(this);
    }

    public override KernelForm Kernel { get; }

    public override string Log(string a) => $"{MathAlias}.Log({a})";

    /// <summary>Multiply-adds are <c>Vector.MultiplyAddEstimate</c> (fused where the processor has FMA); else a multiply then an add.</summary>
    public bool Estimate { get; }

    public override string Name => "lanes";

    public override string ValueType => Type;

    public override Spelling? SpellingOf(OpDefinition op) => op.Lanes;

    public override (string Text, int Level) Constant(float value) =>
        value == 0f ? (Type + ".Zero", 4) : value == 1f ? (Type + ".One", 4) : (Broadcast(FloatLiteral.Format(value)), 4);

    protected override string Parameter(string scalar) => Broadcast(scalar);

    /// <summary>A scalar in every lane: <c>Vector.Create</c> (.NET 9 and later, a JIT intrinsic), else the constructor.</summary>
    public string Broadcast(string scalar) => Estimate ? $"{Statics}.Create({scalar})" : $"new {Type}({scalar})";

    public override string Reference(KernelSchedule schedule, int id) => schedule.Reference(id);

    public override string Element(KernelSchedule schedule, int macro, int index) => schedule.RegionOf(macro).At(index);

    /// <summary>
    /// <c>Vector.MultiplyAddEstimate</c> is a JIT intrinsic (nothing to inline, so the thousands of multiply-adds of a
    /// straight-line kernel stay single instructions); without it (.NET 8) a multiply then an add, also intrinsics.
    /// </summary>
    public override bool FusesMultiplyAdd => true;

    public override string? MultiplyAdd(string a, string b, string c) =>
        Estimate ? $"{Statics}.MultiplyAddEstimate({a}, {b}, {c})" : $"({c} + {a} * {b})";

    public override string Max(string a, string b) => $"{Statics}.Max({a}, {b})";

    public override string Tokens(string template) => VectorTokens.Replace(template, Statics, Type, literal => Broadcast(literal));
}

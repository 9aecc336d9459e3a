using NetGen.Generator.Graph;
using NetGen.Generator.Graph.Ops;

namespace NetGen.Generator.Emit.Printing;

/// <summary>Scalar C# over spans: one sample, <c>float</c> values, <c>System.MathF</c> and NetGen's <c>ScalarMath</c>.</summary>
internal class ScalarDialect : Dialect
{
    /// <summary>The one instance.</summary>
    public static readonly ScalarDialect Instance = new();

    public override string Name => "scalar";

    public override string ValueType => "float";

    public override Spelling? SpellingOf(OpDefinition op) => op.Scalar;

    public override (string Text, int Level) Constant(float value)
    {
        string literal = FloatLiteral.Format(value);
        return (literal, literal.StartsWith("-", System.StringComparison.Ordinal) ? 3 : 4);
    }

    public override string Reference(KernelSchedule schedule, int id) => schedule.Reference(id);

    public override string Element(KernelSchedule schedule, int macro, int index) => schedule.RegionOf(macro).At(index);

    public override KernelForm Kernel { get; } = new ScalarKernelForm();

    public override string Log(string a) => $"global::System.MathF.Log({a})";

    public override string Max(string a, string b) => $"global::System.MathF.Max({a}, {b})";

    public override string Tokens(string template) => template
        .Replace("{F}", "global::System.MathF")
        .Replace("{S}", "global::NetGen.Runtime.ScalarMath");
}

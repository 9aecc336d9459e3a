using NetGen.Generator.Graph;
using NetGen.Generator.Graph.Ops;

namespace NetGen.Generator.Emit.Printing;

/// <summary>
/// Scalar C# over spans: one sample, <c>float</c> values, <c>System.MathF</c> and NetGen's <c>ScalarMath</c>; or, for a
/// <c>Deterministic</c> network (<see cref="Deterministic"/>), NetGen's <c>DeterministicMath</c> and
/// <c>DeterministicScalarMath</c>, the same functions as fixed sequences of IEEE operations (docs/determinism.md).
/// </summary>
internal class ScalarDialect : Dialect
{
    /// <summary>The one instance of the default dialect.</summary>
    public static readonly ScalarDialect Instance = new();

    /// <summary>The one instance of the deterministic dialect.</summary>
    public static readonly ScalarDialect Deterministic = new(deterministic: true);

    /// <summary>Creates the dialect: <paramref name="deterministic"/> selects NetGen's deterministic math functions.</summary>
    /// <param name="deterministic">Spell exp, log, tanh and the activation helpers with NetGen's deterministic functions.</param>
    protected ScalarDialect(bool deterministic = false)
    {
        IsDeterministic = deterministic;
    }

    /// <summary>The dialect for a network: <see cref="Deterministic"/> when it is <c>Deterministic</c>, else <see cref="Instance"/>.</summary>
    /// <param name="deterministic">The network's <c>Deterministic</c> setting.</param>
    /// <returns>The dialect.</returns>
    public static ScalarDialect For(bool deterministic) => deterministic ? Deterministic : Instance;

    /// <summary>Whether this dialect spells NetGen's deterministic math functions.</summary>
    public bool IsDeterministic { get; }

    private string MathType => IsDeterministic ? "global::NetGen.Runtime.DeterministicMath" : "global::System.MathF";

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

    public override string Log(string a) => $"{MathType}.Log({a})";

    public override string Max(string a, string b) => $"{MathType}.Max({a}, {b})";

    public override string Tokens(string template) => template
        .Replace("{F}", MathType)
        .Replace("{S}", IsDeterministic ? "global::NetGen.Runtime.DeterministicScalarMath" : "global::NetGen.Runtime.ScalarMath");
}

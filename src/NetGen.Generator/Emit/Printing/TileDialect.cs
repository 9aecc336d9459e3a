using NetGen.Generator.Graph;
using NetGen.Generator.Graph.Ops;

namespace NetGen.Generator.Emit.Printing;

/// <summary>
/// Element-wise expressions of the matrix kernels on one fixed-width vector (<c>Vector256&lt;float&gt;</c> …): the values
/// are whole vectors of a row (features of one sample), so every leaf is named by the caller and only the ops' lane
/// spellings and the width's literals and multiply-adds are this dialect's. Used for the per-element adjoint of an
/// activation (<see cref="Matrix.ActivationAdjoint"/>); it prints no kernels of its own.
/// </summary>
internal sealed class TileDialect : Dialect
{
    private readonly VectorWidth _width;

    public TileDialect(VectorWidth width) => _width = width;

    public override string Name => "tiles" + _width.Bits;

    public override string ValueType => _width.Type;

    public override Spelling? SpellingOf(OpDefinition op) => op.Lanes;

    public override (string Text, int Level) Constant(float value) =>
        value == 0f ? (_width.Type + ".Zero", 4) : value == 1f ? (_width.Type + ".One", 4) : (Broadcast(FloatLiteral.Format(value)), 4);

    private string Broadcast(string scalar) => $"{_width.Statics}.Create({scalar})";

    public override string Reference(KernelSchedule schedule, int id) => schedule.Reference(id);

    public override string Element(KernelSchedule schedule, int macro, int index) =>
        throw new System.InvalidOperationException("Matrix element-wise expressions have no macros.");

    public override KernelForm Kernel => throw new System.InvalidOperationException("The tile dialect prints expressions, not kernels.");

    public override bool FusesMultiplyAdd => true;

    public override string? MultiplyAdd(string a, string b, string c) => _width.MultiplyAdd(a, b, c);

    public override string Log(string a) => $"{VectorWidth.MathAlias}.Log({a})";

    public override string Max(string a, string b) => $"{_width.Statics}.Max({a}, {b})";

    public override string Tokens(string template) => VectorTokens.Replace(template, _width.Statics, _width.Type, Broadcast);
}

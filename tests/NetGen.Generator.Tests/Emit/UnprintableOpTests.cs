using System;
using NetGen.Generator.Emit;
using NetGen.Generator.Emit.Printing;
using NetGen.Generator.Graph;
using NetGen.Generator.Graph.Ops;
using NetGen.Generator.Model;
using NetGen.Generator.Tests.Graph;
using Xunit;

namespace NetGen.Generator.Tests.Emit;

/// <summary>
/// An op a dialect cannot print stops the printer with an error naming the op and the dialect (which the generator
/// reports as NG0099), never a guessed expression or a literal standing in for it.
/// </summary>
public sealed class UnprintableOpTests
{
    /// <summary>The scalar dialect with one op's spelling taken away, as a backend that does not know a new op yet.</summary>
    private sealed class DialectWithout : ScalarDialect
    {
        private readonly OpKind _missing;

        public DialectWithout(OpKind missing) => _missing = missing;

        public override Spelling? SpellingOf(OpDefinition op) => op.Kind == _missing ? null : base.SpellingOf(op);
    }

    [Theory]
    [InlineData(nameof(OpKind.Silu))]
    [InlineData(nameof(OpKind.SiluDerivative))]
    [InlineData(nameof(OpKind.Multiply))]
    public void AMissingSpelling_IsAnError_NotWrongCode(string name)
    {
        var missing = (OpKind)Enum.Parse(typeof(OpKind), name);
        var spec = NetworkSpecs.Create(2, LossKind.MeanSquaredError, 4096, (3, ActivationKind.Silu), (1, ActivationKind.Identity));
        var schedule = KernelSchedule.Build(NetworkLowering.Lower(spec), KernelKind.Gradient);

        var error = Assert.Throws<InvalidOperationException>(() => KernelPrinter.Emit(new IndentedWriter(), schedule, new DialectWithout(missing), "test"));

        Assert.Contains(missing.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("NG0099", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithEverySpelling_TheSameKernelPrints()
    {
        var spec = NetworkSpecs.Create(2, LossKind.MeanSquaredError, 4096, (3, ActivationKind.Silu), (1, ActivationKind.Identity));
        var schedule = KernelSchedule.Build(NetworkLowering.Lower(spec), KernelKind.Gradient);
        var w = new IndentedWriter();

        KernelPrinter.Emit(w, schedule, ScalarDialect.Instance, "test");

        Assert.Contains("global::NetGen.Runtime.ScalarMath.SiluDerivative(", w.ToString(), StringComparison.Ordinal);
    }
}

using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Tests.Driving;
using Xunit;

namespace NetGen.Generator.Tests.Validation;

/// <summary>
/// A user member whose name the generated code also uses must never break the build silently inside the generated
/// file: either NetGen reports it (NG0015, like the public members) or the generated code still compiles.
/// </summary>
public sealed class GeneratedNameClashTests
{
    [Theory]
    [InlineData("private int ForwardKernel;")]
    [InlineData("private static float LossKernel(System.ReadOnlySpan<float> p, System.ReadOnlySpan<float> x, System.ReadOnlySpan<float> t) => 0f;")]
    [InlineData("private int GradientKernel;")]
    [InlineData("private void ApplyOptimizerStep() { }")]
    [InlineData("private int BatchGradient;")]
    public void UserMemberNamedLikeAGeneratedHelper_IsReportedOrCompiles(string member)
    {
        var outcome = GeneratorHarness.Run(@"using NetGen;
namespace Samples
{
    /// <summary>A network with a member of the user's own.</summary>
    [Network(Loss.MeanSquaredError)]
    [Input(2)]
    [Dense(1)]
    public partial class N
    {
#pragma warning disable CS0169, CS0414, CS8321, IDE0051
        " + member + @"
#pragma warning restore CS0169, CS0414, CS8321, IDE0051
    }
}
");

        Assert.Null(outcome.Result.Exception);
        if (outcome.NgIds.Contains("NG0015")) return;
        var errors = outcome.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0,
            $"'{member}' is neither reported (NG0015) nor compiles:\n  " + string.Join("\n  ", errors.Take(5)));
    }
}

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

    /// <summary>SaveOnnx is generated on every network (Dense, sequence and layered): a user's member of that name is NG0015.</summary>
    [Theory]
    [InlineData("[Input(2)]\n    [Dense(1)]")]
    [InlineData("[Network(Loss.MeanSquaredError, SequenceLength = 3)]\n    [Input(2)]\n    [Gru(2)]\n    [Dense(1)]")]
    [InlineData("[Input(1, 6, 6)]\n    [Conv2D(2, 3)]\n    [Flatten]\n    [Dense(1)]")]
    public void SaveOnnx_DeclaredByTheUser_IsAMemberClash(string layout)
    {
        string network = layout.StartsWith("[Network", System.StringComparison.Ordinal) ? layout : "[Network(Loss.MeanSquaredError)]\n    " + layout;
        var outcome = GeneratorHarness.Run(@"using NetGen;
namespace Samples
{
    /// <summary>A network with its own SaveOnnx.</summary>
    " + network + @"
    public partial class N
    {
        /// <summary>The user's own export.</summary>
        public void SaveOnnx(System.IO.Stream stream) { }
    }
}
");

        Assert.Null(outcome.Result.Exception);
        var clash = Assert.Single(outcome.BuildDiagnostics, d => d.Id == "NG0015");
        Assert.Equal("'SaveOnnx' is declared by the user, but NetGen generates a member of that name on 'N'; rename or remove it",
            clash.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    private const string StatisticsMembers = @"
#pragma warning disable CS0169, CS0414, IDE0051
        public float[] RunningStatistics = new float[0];
        public int RunningStatisticsSize => 0;
        private float[] _netgenStatistics = new float[0];
#pragma warning restore CS0169, CS0414, IDE0051";

    /// <summary>
    /// The running-statistics members (AttributeNames.StatisticsMembers) are generated only on networks with a BatchNorm:
    /// there the user's members of those names are NG0015 (one each) and nothing is generated.
    /// </summary>
    [Fact]
    public void RunningStatisticsMembers_ClashOnANetworkWithBatchNorm()
    {
        var outcome = GeneratorHarness.Run(@"using NetGen;
namespace Samples
{
    /// <summary>A layered network with a BatchNorm.</summary>
    [Network(Loss.MeanSquaredError)]
    [Input(1, 6, 6)]
    [Conv2D(2, 3)]
    [BatchNorm(Activation.Relu)]
    [Flatten]
    [Dense(1)]
    public partial class N
    {" + StatisticsMembers + @"
    }
}
");

        Assert.Null(outcome.Result.Exception);
        var clashes = outcome.BuildDiagnostics.Where(d => d.Id == "NG0015").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).OrderBy(m => m, System.StringComparer.Ordinal).ToList();
        Assert.Equal(new[]
        {
            "'RunningStatistics' is declared by the user, but NetGen generates a member of that name on 'N'; rename or remove it",
            "'RunningStatisticsSize' is declared by the user, but NetGen generates a member of that name on 'N'; rename or remove it",
            "'_netgenStatistics' is declared by the user, but NetGen generates a member of that name on 'N'; rename or remove it",
        }, clashes);
        Assert.Equal(new[] { "NG0015" }, outcome.NgIds);
        Assert.Empty(outcome.Sources);
    }

    /// <summary>On a network without a BatchNorm (a LayerNorm, or a Dense network) the same names are free: the generated code compiles next to them.</summary>
    [Theory]
    [InlineData("[Input(1, 6, 6)]\n    [Conv2D(2, 3)]\n    [LayerNorm(Activation.Relu)]\n    [Flatten]\n    [Dense(1)]")]
    [InlineData("[Input(4)]\n    [Dense(3, Activation.Tanh)]\n    [Dense(1)]")]
    public void RunningStatisticsMembers_AreFreeWithoutBatchNorm(string layers)
    {
        var outcome = GeneratorHarness.Run(@"using NetGen;
namespace Samples
{
    /// <summary>A network without a BatchNorm.</summary>
    [Network(Loss.MeanSquaredError)]
    " + layers + @"
    public partial class N
    {" + StatisticsMembers + @"
    }
}
");

        Assert.Null(outcome.Result.Exception);
        Assert.Empty(outcome.NgIds);
        Assert.Single(outcome.Sources);
        var errors = outcome.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The generated code does not compile next to the user's members:\n  " + string.Join("\n  ", errors.Take(5)));
    }
}

using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using NetGen.Generator.Diagnostics.Analyzers;
using Xunit;

namespace NetGen.Generator.Tests.Analyzers;

/// <summary>The <c>[Dropout]</c> rules NG0030–NG0033 (and NG0019 for a dropout without <c>[Network]</c>), at the exact attribute span.</summary>
public sealed class DropoutAnalyzerTests
{
    private static Task Verify(string source)
        => new CSharpAnalyzerTest<NetworkAnalyzer, DefaultVerifier> { TestCode = source }.WithLocalReferences().RunAsync();

    [Fact]
    public Task DropoutBetweenDenseLayers_HasNoDiagnostic() => Verify(@"using NetGen;
[Network(Loss.BinaryCrossEntropy)]
[Input(4)]
[Dense(8, Activation.Relu)]
[Dropout(0.5f)]
[Dense(8, Activation.Tanh)]
[Dropout(0f)]
[Dense(1, Activation.Sigmoid)]
public partial class N { }
");

    // NG0030
    [Fact]
    public Task ProbabilityOutsideZeroToOne_IsReportedAtTheDropout() => Verify(@"using NetGen;
[Network(Loss.BinaryCrossEntropy)]
[Input(4)]
[Dense(8, Activation.Relu)]
[{|NG0030:Dropout(1f)|}]
[Dense(8, Activation.Relu)]
[{|NG0030:Dropout(-0.1f)|}]
[Dense(8, Activation.Relu)]
[{|NG0030:Dropout(float.NaN)|}]
[Dense(1, Activation.Sigmoid)]
public partial class N { }
");

    // NG0031
    [Fact]
    public Task DropoutBeforeTheFirstDense_IsReported() => Verify(@"using NetGen;
[Network(Loss.BinaryCrossEntropy)]
[Input(4)]
[{|NG0031:Dropout(0.2f)|}]
[Dense(8, Activation.Relu)]
[Dense(1, Activation.Sigmoid)]
public partial class N { }
");

    // NG0032
    [Fact]
    public Task DropoutAfterTheLastDense_IsReported() => Verify(@"using NetGen;
[Network(Loss.BinaryCrossEntropy)]
[Input(4)]
[Dense(8, Activation.Relu)]
[Dense(1, Activation.Sigmoid)]
[{|NG0032:Dropout(0.5f)|}]
public partial class N { }
");

    // NG0033
    [Fact]
    public Task TwoDropoutsInARow_AreReportedAtTheSecond() => Verify(@"using NetGen;
[Network(Loss.BinaryCrossEntropy)]
[Input(4)]
[Dense(8, Activation.Relu)]
[Dropout(0.5f)]
[{|NG0033:Dropout(0.5f)|}]
[Dense(1, Activation.Sigmoid)]
public partial class N { }
");

    // NG0019
    [Fact]
    public Task DropoutWithoutNetwork_IsReportedAtTheDropout() => Verify(@"using NetGen;
[{|NG0019:Dropout(0.5f)|}]
public class NotANetwork { }
");
}

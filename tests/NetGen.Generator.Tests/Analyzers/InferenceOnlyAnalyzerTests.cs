using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using NetGen.Generator.Diagnostics.Analyzers;
using Xunit;

namespace NetGen.Generator.Tests.Analyzers;

/// <summary><c>Trainable = false</c>: Dropout layers are accepted; the optimizer's settings are NG0040 warnings at <c>[Network]</c>.</summary>
public sealed class InferenceOnlyAnalyzerTests
{
    private static Task Verify(string source)
        => new CSharpAnalyzerTest<NetworkAnalyzer, DefaultVerifier> { TestCode = source }.WithLocalReferences().RunAsync();

    [Fact]
    public Task InferenceOnlyWithDropout_HasNoDiagnostic() => Verify(@"using NetGen;
[Network(Loss.CrossEntropy, Trainable = false, Seed = 3)]
[Input(4)]
[Dense(8, Activation.Relu)]
[Dropout(0.5f)]
[Dense(3, Activation.Softmax)]
public partial class N { }
");

    [Fact]
    public Task LearningRateOnAnInferenceOnlyNetwork_IsAWarning() => Verify(@"using NetGen;
[{|NG0040:Network(Loss.MeanSquaredError, Trainable = false, LearningRate = 0.1f)|}]
[Input(4)]
[Dense(1)]
public partial class N { }
");

    [Fact]
    public Task LearningRateOnATrainableNetwork_HasNoDiagnostic() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError, Trainable = true, LearningRate = 0.1f)]
[Input(4)]
[Dense(1)]
public partial class N { }
");
}

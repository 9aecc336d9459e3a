using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using NetGen.Generator.Diagnostics.Analyzers;
using Xunit;

namespace NetGen.Generator.Tests.Analyzers;

/// <summary>
/// One test (or more) per rule of <see cref="NetworkAnalyzer"/>: <c>{|NGxxxx:…|}</c> marks the exact span reported
/// (the attribute syntax without its brackets, the class identifier or the member identifier).
/// </summary>
public sealed class NetworkAnalyzerTests
{
    private static Task Verify(string source, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<NetworkAnalyzer, DefaultVerifier> { TestCode = source }.WithLocalReferences();
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Info(string id, int location) => new DiagnosticResult(id, DiagnosticSeverity.Info).WithLocation(location);

    private static DiagnosticResult Warning(string id, int location) => new DiagnosticResult(id, DiagnosticSeverity.Warning).WithLocation(location);

    [Fact]
    public Task ValidNetwork_PassFail_HasNoDiagnostic() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError, LearningRate = 0.1f)]
[Input(3)]
[Dense(1, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
public partial class PassFail { }
");

    [Fact]
    public Task ValidNetworks_OfEveryLossAndOptimizer_HaveNoDiagnostic() => Verify(@"using NetGen;
namespace Samples
{
    [Network(Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam, Beta1 = 0.8f, Beta2 = 0.99f, Epsilon = 1e-6f, Seed = 42)]
    [Input(4)]
    [Dense(8, Activation.Relu)]
    [Dense(1, Activation.Sigmoid)]
    internal partial class Binary { }

    [Network(Loss.CrossEntropy, Momentum = 0.9f, UnrollLimit = 12)]
    [Input(4)]
    [Dense(3, Activation.Softmax)]
    public partial class Classes { }

    public static partial class Outer
    {
        [Network(Loss.MeanSquaredError)]
        [Input(2)]
        [Dense(2, Activation.LeakyRelu)]
        [Dense(1)]
        private partial class Nested { }
    }
}
");

    // NG0001
    [Fact]
    public Task ClassNotPartial_IsReportedAtTheClassName() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(2)]
[Dense(1)]
public sealed class {|NG0001:N|} { }
");

    // NG0002
    [Fact]
    public Task GenericClass_IsUnsupported() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(2)]
[Dense(1)]
public partial class {|NG0002:N|}<T> { }
");

    [Fact]
    public Task StaticClass_IsUnsupported() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(2)]
[Dense(1)]
public static partial class {|NG0002:N|} { }
");

    [Fact]
    public Task AbstractClass_IsUnsupported() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(2)]
[Dense(1)]
public abstract partial class {|NG0002:N|} { }
");

    [Fact]
    public Task Record_IsUnsupported() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(2)]
[Dense(1)]
public partial record {|NG0002:N|} { }
");

    [Fact]
    public Task Struct_IsUnsupported() => Verify(@"using NetGen;
[{|CS0592:Network|}(Loss.MeanSquaredError)]
[{|CS0592:Input|}(2)]
[{|CS0592:Dense|}(1)]
public partial struct {|NG0002:N|} { }
");

    [Fact]
    public Task ClassNestedInAGenericType_IsUnsupported() => Verify(@"using NetGen;
public partial class Outer<T>
{
    [Network(Loss.MeanSquaredError)]
    [Input(2)]
    [Dense(1)]
    public partial class {|NG0002:N|} { }
}
");

    // NG0003
    [Fact]
    public Task MissingInput_IsReportedAtTheNetworkAttribute() => Verify(@"using NetGen;
[{|NG0003:Network(Loss.MeanSquaredError)|}]
[Dense(1)]
public partial class N { }
");

    // NG0004
    [Fact]
    public Task DuplicateInput_IsReportedAtTheSecondInput() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(2)]
[{|NG0004:Input(3)|}]
[Dense(1)]
public partial class N { }
");

    [Fact]
    public Task ThreeInputs_AreReportedTwice() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(2), {|NG0004:Input(3)|}]
[Dense(1)]
[{|NG0004:Input(4)|}]
public partial class N { }
");

    // NG0005
    [Fact]
    public Task MissingDense_IsReportedAtTheNetworkAttribute() => Verify(@"using NetGen;
[{|NG0005:Network(Loss.MeanSquaredError)|}]
[Input(2)]
public partial class N { }
");

    // NG0006
    [Fact]
    public Task NonPositiveSizes_AreReportedAtTheirAttributes() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[{|NG0006:Input(-1)|}]
[Dense(3, Activation.Tanh)]
[{|NG0006:Dense(0)|}]
public partial class N { }
");

    // NG0007
    [Fact]
    public Task SoftmaxNotLast_IsReportedAtThatLayer() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(2)]
[{|NG0007:Dense(4, Activation.Softmax)|}]
[Dense(1)]
public partial class N { }
");

    // NG0008
    [Fact]
    public Task SoftmaxOverOneUnit_IsReportedAtThatLayer() => Verify(@"using NetGen;
[Network(Loss.CrossEntropy)]
[Input(2)]
[{|NG0008:Dense(1, Activation.Softmax)|}]
public partial class N { }
");

    // NG0009
    [Fact]
    public Task BinaryCrossEntropyOnARelu_IsReportedAtTheLastDense() => Verify(@"using NetGen;
[Network(Loss.BinaryCrossEntropy)]
[Input(2)]
[Dense(4, Activation.Sigmoid)]
[{|NG0009:Dense(1, Activation.Relu)|}]
public partial class N { }
");

    [Fact]
    public Task CrossEntropyOnASigmoid_IsReportedAtTheLastDense() => Verify(@"using NetGen;
[Network(Loss.CrossEntropy)]
[Input(2)]
[{|NG0009:Dense(3, Activation.Sigmoid)|}]
public partial class N { }
");

    // NG0010 (warning)
    [Fact]
    public Task MeanSquaredErrorAfterSoftmax_IsAWarningAtTheLastDense() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(2)]
[{|#0:Dense(3, Activation.Softmax)|}]
public partial class N { }
", Warning("NG0010", 0));

    [Fact]
    public Task PragmaWarningDisable_SuppressesNG0010() => Verify(@"using NetGen;
#pragma warning disable NG0010
[Network(Loss.MeanSquaredError)]
[Input(2)]
[Dense(3, Activation.Softmax)]
public partial class N { }
#pragma warning restore NG0010
");

    // NG0011
    [Fact]
    public Task MomentumOutOfRange_IsReportedAtTheNetworkAttribute() => Verify(@"using NetGen;
[Input(2)]
[Dense(1)]
[{|NG0011:Network(Loss.MeanSquaredError, Momentum = 1.5f)|}]
public partial class N { }
");

    [Fact]
    public Task EveryHyperParameterOutOfRange_IsReportedOnce() => Verify(@"using NetGen;
[{|#0:Network(Loss.MeanSquaredError, LearningRate = 0f, Momentum = -0.5f, Beta1 = 1f, Beta2 = 2f, Epsilon = -1f, UnrollLimit = 65537)|}]
[Input(2)]
[Dense(1)]
public partial class N { }
",
        DiagnosticResult.CompilerError("NG0011").WithLocation(0).WithArguments("LearningRate", "0", "a finite value > 0"),
        DiagnosticResult.CompilerError("NG0011").WithLocation(0).WithArguments("Momentum", "-0.5", "a value in [0, 1)"),
        DiagnosticResult.CompilerError("NG0011").WithLocation(0).WithArguments("Beta1", "1", "a value in [0, 1)"),
        DiagnosticResult.CompilerError("NG0011").WithLocation(0).WithArguments("Beta2", "2", "a value in [0, 1)"),
        DiagnosticResult.CompilerError("NG0011").WithLocation(0).WithArguments("Epsilon", "-1", "a finite value > 0"),
        DiagnosticResult.CompilerError("NG0011").WithLocation(0).WithArguments("UnrollLimit", 65537, "a value in [0, 65536]"));

    [Fact]
    public Task NegativeWeightDecayAndClipGradientNorm_AreReportedOnce() => Verify(@"using NetGen;
[{|#0:Network(Loss.MeanSquaredError, WeightDecay = -0.1f, ClipGradientNorm = -1f)|}]
[Input(2)]
[Dense(1)]
public partial class N { }
",
        DiagnosticResult.CompilerError("NG0011").WithLocation(0).WithArguments("WeightDecay", "-0.1", "a finite value >= 0"),
        DiagnosticResult.CompilerError("NG0011").WithLocation(0).WithArguments("ClipGradientNorm", "-1", "a finite value >= 0 (0 = no clipping)"));

    [Fact]
    public Task InfiniteOrNaNWeightDecayAndClipGradientNorm_AreReported() => Verify(@"using NetGen;
[{|#0:Network(Loss.MeanSquaredError, Optimizer = Optimizer.AdamW, WeightDecay = float.PositiveInfinity, ClipGradientNorm = float.NaN)|}]
[Input(2)]
[Dense(1)]
public partial class N { }
",
        DiagnosticResult.CompilerError("NG0011").WithLocation(0).WithArguments("WeightDecay", "Infinity", "a finite value >= 0"),
        DiagnosticResult.CompilerError("NG0011").WithLocation(0).WithArguments("ClipGradientNorm", "NaN", "a finite value >= 0 (0 = no clipping)"));

    [Fact]
    public Task ValidExtras_HuberL1AdamWDecayAndClipping_HaveNoDiagnostic() => Verify(@"using NetGen;
[Network(Loss.Huber, Optimizer = Optimizer.AdamW, WeightDecay = 0f, ClipGradientNorm = 0.5f)]
[Input(2)]
[Dense(3, Activation.Tanh)]
[Dense(1)]
public partial class A { }

[Network(Loss.L1, Momentum = 0.9f, WeightDecay = 1e-4f, ClipGradientNorm = 0f)]
[Input(2)]
[Dense(1, Activation.Sigmoid)]
public partial class B { }
");

    [Theory]
    [InlineData("Huber")]
    [InlineData("L1")]
    public Task HuberOrL1AfterSoftmax_IsNG0010(string loss) => Verify(@"using NetGen;
[Network(Loss." + loss + @")]
[Input(2)]
[{|#0:Dense(3, Activation.Softmax)|}]
public partial class N { }
", Warning("NG0010", 0).WithArguments(loss));

    [Fact]
    public Task WeightDecayAndClipping_OnAnInferenceOnlyNetwork_AreNG0040() => Verify(@"using NetGen;
[{|#0:Network(Loss.Huber, Trainable = false, WeightDecay = 0.1f, ClipGradientNorm = 1f)|}]
[Input(2)]
[Dense(1)]
public partial class N { }
",
        Warning("NG0040", 0).WithArguments("WeightDecay", "N"),
        Warning("NG0040", 0).WithArguments("ClipGradientNorm", "N"));

    // NG0012
    [Fact]
    public Task UnknownActivation_IsReportedAtTheDense() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(2)]
[{|NG0012:Dense(2, (Activation)77)|}]
public partial class N { }
");

    [Fact]
    public Task UnknownLossAndOptimizer_AreReportedAtTheNetworkAttribute() => Verify(@"using NetGen;
[{|NG0012:{|NG0012:Network((Loss)9, Optimizer = (Optimizer)5)|}|}]
[Input(2)]
[Dense(1)]
public partial class N { }
");

    // NG0013
    [Fact]
    public Task MoreThanAHundredMillionParameters_IsReportedAtTheNetworkAttribute() => Verify(@"using NetGen;
[{|#0:Network(Loss.MeanSquaredError)|}]
[Input(16000)]
[Dense(16000)]
public partial class N { }
", DiagnosticResult.CompilerError("NG0013").WithLocation(0).WithArguments("N", 256016000L, 100000000L));

    // NG0014
    [Fact]
    public Task AttributesOnTwoPartialDeclarations_AreReportedAtTheSecond() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(2)]
public partial class N { }

[{|NG0014:Dense(1)|}]
public partial class N { }
");

    // NG0015
    [Fact]
    public Task UserPredict_ClashesWithTheGeneratedMember() => Verify(@"using System;
using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(2)]
[Dense(1)]
public partial class N
{
    public void {|NG0015:Predict|}(ReadOnlySpan<float> input, Span<float> output) { }
}
");

    [Fact]
    public Task UserParameterlessConstructor_ClashesWithTheGeneratedOne() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(2)]
[Dense(1)]
public partial class N
{
    public {|NG0015:N|}() { }
}
");

    [Fact]
    public Task UserSeedConstructor_ClashesWithTheGeneratedOne() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(2)]
[Dense(1)]
public partial class N
{
    private readonly string _name;
    public {|NG0015:N|}(int seed) { _name = seed.ToString(); }
    public N(string name) { _name = name; }
    public override string ToString() => _name;
}
");

    [Fact]
    public Task ExplicitInterfaceImplementations_DoNotClash() => Verify(@"using System;
using NetGen;
public interface IModel
{
    void Predict(ReadOnlySpan<float> input, Span<float> output);
    float Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);
}

[Network(Loss.MeanSquaredError)]
[Input(2)]
[Dense(1)]
public partial class N : IModel
{
    void IModel.Predict(ReadOnlySpan<float> input, Span<float> output) { }
    float IModel.Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets) => 0f;
}
");

    [Fact]
    public Task InheritedMemberThatTheGeneratedOneWouldHide_IsReportedAtTheClassName() => Verify(@"using System;
using NetGen;
public class Base
{
    public void Predict(ReadOnlySpan<float> input, Span<float> output) { }
    private void Save() { }
}

[Network(Loss.MeanSquaredError)]
[Input(2)]
[Dense(1)]
public partial class {|#0:N|} : Base { }
", DiagnosticResult.CompilerError("NG0015").WithLocation(0).WithArguments("Predict (inherited from Base)", "N"));

    [Fact]
    public Task UserMembersWithOtherNames_AndAStaticConstructor_DoNotClash() => Verify(@"using System;
using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(2)]
[Dense(1)]
public partial class N
{
    private static readonly float Scale;
    static N() { Scale = 2f; }
    public N(float scale, int seed) { }
    public float Predict2(float x) => x * Scale;
    public void PredictMany(ReadOnlySpan<float> inputs) { }
    public string Name { get; set; } = """";
}
");

    // NG0016 (info)
    [Fact]
    public Task LayerOverTheUnrollLimit_IsAnInfoAtThatLayer() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(64)]
[{|#0:Dense(32, Activation.Tanh)|}]
[Dense(1)]
public partial class N { }
", Info("NG0016", 0).WithArguments(1, 32, 64, 2048L, 1024));

    // NG0017
    [Fact]
    public Task ClassNestedInANonPartialClass_IsReportedAtTheClassName() => Verify(@"using NetGen;
public class Outer
{
    [Network(Loss.MeanSquaredError)]
    [Input(2)]
    [Dense(1)]
    public partial class {|NG0017:N|} { }
}
");

    // NG0018
    [Fact]
    public Task LayerWiderThanTheLimit_IsReportedAtItsAttribute() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[{|NG0018:Input(16385)|}]
[{|NG0018:Dense(20000)|}]
[Dense(1)]
public partial class N { }
");

    // NG0019
    [Fact]
    public Task LayerAttributesWithoutNetwork_AreReportedAtEachAttribute() => Verify(@"using NetGen;
[{|NG0019:Input(2)|}]
[{|NG0019:Dense(1)|}]
[{|NG0019:Dense(1)|}]
public class NotANetwork { }
");

    // NG0020 (warning)
    [Fact]
    public Task LargeStraightLineCode_IsAWarningAtTheNetworkAttribute() => Verify(@"using NetGen;
[{|#0:Network(Loss.MeanSquaredError, UnrollLimit = 65536)|}]
[Input(128)]
[Dense(128, Activation.Tanh)]
[Dense(128)]
public partial class N { }
", Warning("NG0020", 0));

    [Fact]
    public Task StraightLineCodePastTheHardBudget_WarnsAndReportsTheLayersEmittedAsLoops() => Verify(@"using NetGen;
[{|#0:Network(Loss.MeanSquaredError, UnrollLimit = 65536)|}]
[Input(256)]
[{|#1:Dense(256, Activation.Tanh)|}]
[{|#2:Dense(256, Activation.Tanh)|}]
[{|#3:Dense(256)|}]
public partial class N { }
",
        Warning("NG0020", 0),
        Info("NG0016", 1),
        Info("NG0016", 2),
        Info("NG0016", 3));
}

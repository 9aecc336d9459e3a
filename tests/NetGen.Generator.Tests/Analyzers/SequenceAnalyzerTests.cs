using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using NetGen.Generator.Diagnostics.Analyzers;
using Xunit;

namespace NetGen.Generator.Tests.Analyzers;

/// <summary>The sequence rules NG0050–NG0054 (and the shared size, activation and dropout rules on sequence layers), at the exact span.</summary>
public sealed class SequenceAnalyzerTests
{
    private static Task Verify(string source)
        => new CSharpAnalyzerTest<NetworkAnalyzer, DefaultVerifier> { TestCode = source }.WithLocalReferences().RunAsync();

    [Fact]
    public Task ValidSequenceNetworks_HaveNoDiagnostic() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError, SequenceLength = 16)]
[Input(1)]
[Dense(8, Activation.Tanh)]
[CausalConv1D(4, 3, 2)]
[Gru(8)]
[Dropout(0.2f)]
[Lstm(4)]
[Rnn(3, Activation.Relu)]
[Dense(1)]
public partial class Audio { }

[Network(Loss.CrossEntropy, SequenceLength = 8, SequenceLoss = SequenceLoss.LastStep)]
[Input(3)]
[Gru(4)]
[Dense(3, Activation.Softmax)]
public partial class Classifier { }

[Network(Loss.MeanSquaredError, Trainable = false)]
[Input(2)]
[Lstm(16)]
[Dense(1)]
public partial class StreamingOnly { }
");

    // NG0006 on the hidden size, NG0050 on kernel and dilation
    [Fact]
    public Task NonPositiveSizesAndKernels_AreReportedAtTheLayer() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError, SequenceLength = 4)]
[Input(2)]
[{|NG0006:Gru(0)|}]
[{|NG0006:Lstm(-1)|}]
[{|NG0050:CausalConv1D(3, 0)|}]
[{|NG0050:CausalConv1D(3, 2, -2)|}]
[{|NG0050:CausalConv1D(3, 4000, 4000)|}]
[Dense(1)]
public partial class N { }
");

    // NG0051
    [Fact]
    public Task RnnWithSigmoid_AndConvolutionWithSoftmax_AreReported() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError, SequenceLength = 4)]
[Input(2)]
[{|NG0051:Rnn(4, Activation.Sigmoid)|}]
[{|NG0051:CausalConv1D(3, 2, 1, Activation.Softmax)|}]
[Dense(1)]
public partial class N { }
");

    // NG0052
    [Fact]
    public Task SequenceLengthOutOfRange_IsReportedAtNetwork() => Verify(@"using NetGen;
[{|NG0052:Network(Loss.MeanSquaredError, SequenceLength = 0)|}]
[Input(2)]
[Gru(4)]
[Dense(1)]
public partial class A { }

[{|NG0052:Network(Loss.MeanSquaredError, SequenceLength = 1000000)|}]
[Input(2)]
[Gru(4)]
[Dense(1)]
public partial class B { }
");

    // NG0053
    [Fact]
    public Task SequenceSettingsOnAFeedForwardNetwork_AreReported() => Verify(@"using NetGen;
[{|NG0053:{|NG0053:Network(Loss.MeanSquaredError, SequenceLength = 8, SequenceLoss = SequenceLoss.LastStep)|}|}]
[Input(2)]
[Dense(4, Activation.Relu)]
[Dense(1)]
public partial class N { }
");

    // NG0054
    [Fact]
    public Task TrainableSequenceNetworkWithoutSequenceLength_IsReported() => Verify(@"using NetGen;
[{|NG0054:Network(Loss.MeanSquaredError)|}]
[Input(2)]
[Lstm(16)]
[Dense(1)]
public partial class Agent { }
");

    // NG0012 for an unknown SequenceLoss; NG0009 (loss/activation) on a recurrent output
    [Fact]
    public Task UnknownSequenceLoss_AndBceOnARecurrentOutput_AreReported() => Verify(@"using NetGen;
[{|NG0012:Network(Loss.MeanSquaredError, SequenceLength = 4, SequenceLoss = (SequenceLoss)7)|}]
[Input(2)]
[Gru(4)]
public partial class A { }

[Network(Loss.BinaryCrossEntropy, SequenceLength = 4)]
[Input(2)]
[{|NG0009:Gru(4)|}]
public partial class B { }
");

    // NG0019
    [Fact]
    public Task SequenceLayerWithoutNetwork_IsReported() => Verify(@"using NetGen;
[{|NG0019:Gru(4)|}]
public partial class N { }
");

    // NG0015: a user member named like a sequence member clashes only on a sequence network
    [Fact]
    public Task StateMember_ClashesOnlyOnSequenceNetworks() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError, SequenceLength = 4)]
[Input(2)]
[Gru(4)]
[Dense(1)]
public partial class Seq { public int {|NG0015:State|}; }

[Network(Loss.MeanSquaredError)]
[Input(2)]
[Dense(1)]
public partial class Plain { public int State; }
");

    // NG0056
    [Fact]
    public Task BuffersPastTheLimits_AreReported() => Verify(@"using NetGen;
[{|NG0056:Network(Loss.MeanSquaredError, Trainable = false)|}]
[Input(16)]
[CausalConv1D(4, 2000, 2)]
[Dense(1)]
public partial class HugeHistory { }

[{|NG0056:Network(Loss.MeanSquaredError, SequenceLength = 60000)|}]
[Input(4)]
[Lstm(1000)]
[Dense(1)]
public partial class LongWindow { }
");
}

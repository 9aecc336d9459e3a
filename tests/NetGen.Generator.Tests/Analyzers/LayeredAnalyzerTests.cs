using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using NetGen.Generator.Diagnostics.Analyzers;
using Xunit;

namespace NetGen.Generator.Tests.Analyzers;

/// <summary>
/// The layered-network rules NG0060–NG0063 and NG0065–NG0067 (and the shared size, activation, member and orphan rules on
/// shaped and normalisation layers), at the exact span (the attribute without its brackets) and with the exact message.
/// NG0064 needs the compilation's references: the generator reports it (Emit/GpuEmissionTests).
/// </summary>
public sealed class LayeredAnalyzerTests
{
    private static Task Verify(string source, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<NetworkAnalyzer, DefaultVerifier> { TestCode = source }.WithLocalReferences();
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Error(string id, int location) => DiagnosticResult.CompilerError(id).WithLocation(location);

    [Fact]
    public Task ValidLayeredNetworks_OfEveryLayerKindAndOption_HaveNoDiagnostic() => Verify(@"using NetGen;
[Network(Loss.CrossEntropy)]
[Input(1, 6, 6)]
[Conv2D(2, 3, activation: Activation.Relu)]
[MaxPool2D(2)]
[Flatten]
[Dense(2, Activation.Softmax)]
public partial class Small { }

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam)]
[Input(3, 32)]
[Conv1D(8, 5, 2, 2, 1, Activation.LeakyRelu)]
[BatchNorm(Activation.Relu)]
[MaxPool1D(2, 1)]
[Conv1D(4, 3, dilation: 2)]
[AvgPool1D(2)]
[LayerNorm(Activation.Tanh)]
[GlobalAvgPool]
[Flatten]
[Dense(4, Activation.Tanh)]
[Dense(1)]
public partial class Signal { }

[Network(Loss.BinaryCrossEntropy)]
[Input(3, 12, 10)]
[Conv2D(4, 3, stride: 2, padding: 1)]
[BatchNorm]
[AvgPool2D(2, 0)]
[Conv2D(4, 1, activation: Activation.Gelu)]
[MaxPool2D(1, 1)]
[GlobalAvgPool]
[Flatten]
[LayerNorm]
[Dense(1, Activation.Sigmoid)]
public partial class Image { }

[Network(Loss.MeanSquaredError)]
[Input(8)]
[BatchNorm]
[Dense(4, Activation.Relu)]
[LayerNorm(Activation.Sigmoid)]
[Dense(1)]
public partial class FlatNorms { }

[Network(Loss.MeanSquaredError, Trainable = false)]
[Input(2, 8)]
[Conv1D(2, 3)]
public partial class ShapedOutput { }
");

    // NG0060
    [Fact]
    public Task DenseAfterConvWithoutFlatten_NamesTheShapeAndItsLayer() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(2, 16)]
[Conv1D(4, 3)]
[{|#0:Dense(1)|}]
public partial class N { }
", Error("NG0060", 0).WithArguments(2, "Dense", "[4, 14]", "layer 1 ([Conv1D])"));

    [Fact]
    public Task DenseAfterAShapedInput_OrAfterGlobalAvgPool_NeedsFlatten() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(2, 3)]
[{|#0:Dense(1)|}]
public partial class A { }

[Network(Loss.MeanSquaredError)]
[Input(4, 5, 5)]
[GlobalAvgPool]
[{|#1:Dense(1)|}]
public partial class B { }
",
        Error("NG0060", 0).WithArguments(1, "Dense", "[2, 3]", "Input"),
        Error("NG0060", 1).WithArguments(2, "Dense", "[4, 1, 1]", "layer 1 ([GlobalAvgPool])"));

    // NG0061
    [Fact]
    public Task Conv2DOnAChannelsLengthInput_IsReported() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(2, 16)]
[{|#0:Conv2D(4, 3)|}]
[Flatten]
[Dense(1)]
public partial class N { }
", Error("NG0061", 0).WithArguments(1, "Conv2D", "a [channels, height, width] input", "[2, 16]", "Input"));

    [Fact]
    public Task OneDimensionalLayersOnAnImage_OrAFlatValue_AreReported() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(1, 8, 8)]
[Conv2D(2, 3)]
[{|#0:Conv1D(2, 3)|}]
[Flatten]
[Dense(1)]
public partial class A { }

[Network(Loss.MeanSquaredError)]
[Input(1, 8)]
[Flatten]
[{|#1:MaxPool1D(2)|}]
[Dense(1)]
public partial class B { }

[Network(Loss.MeanSquaredError)]
[Input(1, 8)]
[{|#2:AvgPool2D(2)|}]
[Flatten]
[Dense(1)]
public partial class C { }
",
        Error("NG0061", 0).WithArguments(2, "Conv1D", "a [channels, length] input", "[2, 6, 6]", "layer 1 ([Conv2D])"),
        Error("NG0061", 1).WithArguments(2, "MaxPool1D", "a [channels, length] input", "[8]", "layer 1 ([Flatten])"),
        Error("NG0061", 2).WithArguments(1, "AvgPool2D", "a [channels, height, width] input", "[1, 8]", "Input"));

    [Fact]
    public Task GlobalAvgPoolOnAFlatInput_IsReported() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(8)]
[{|#0:GlobalAvgPool|}]
[Dense(1)]
public partial class N { }
", Error("NG0061", 0).WithArguments(1, "GlobalAvgPool", "a [channels, length] or [channels, height, width] input", "[8]", "Input"));

    // NG0062
    [Fact]
    public Task Conv1DKernelLargerThanItsInput_IsReported() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(2, 4)]
[{|#0:Conv1D(4, 5)|}]
[Flatten]
[Dense(1)]
public partial class A { }

[Network(Loss.MeanSquaredError)]
[Input(2, 8)]
[{|#1:Conv1D(4, 3, dilation: 5)|}]
[Flatten]
[Dense(1)]
public partial class B { }
",
        Error("NG0062", 0).WithArguments(1, "Conv1D", "[2, 4]", "the kernel 5 does not fit the padded input (4)", "[4, 0]"),
        Error("NG0062", 1).WithArguments(1, "Conv1D", "[2, 8]", "the dilated kernel spans 11 positions but the padded input has 8", "[4, -2]"));

    [Fact]
    public Task MaxPool2DWindowLargerThanItsInput_IsReported() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(2, 4, 4)]
[{|#0:MaxPool2D(5)|}]
[Flatten]
[Dense(1)]
public partial class N { }
", Error("NG0062", 0).WithArguments(1, "MaxPool2D", "[2, 4, 4]", "the window 5 is larger than the input's sides", "[2, 0, 0]"));

    [Fact]
    public Task AnInputShrunkToNothingByEarlierLayers_IsReportedAtTheLayerItNoLongerFits() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(1, 8, 8)]
[Conv2D(2, 3, stride: 2)]
[MaxPool2D(2)]
[{|#0:Conv2D(2, 3)|}]
[Flatten]
[Dense(1)]
public partial class N { }
", Error("NG0062", 0).WithArguments(3, "Conv2D", "[2, 1, 1]", "the kernel 3 does not fit the padded input (1×1)", "[2, -1, -1]"));

    // NG0063
    [Fact]
    public Task StrideZeroOnAConvolution_IsReported() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(2, 8)]
[{|#0:Conv1D(4, 3, 0)|}]
[Flatten]
[Dense(1)]
public partial class N { }
", Error("NG0063", 0).WithArguments(1, "Conv1D", "stride", "0", "a value in [1, 4096]"));

    [Fact]
    public Task PoolStrideZero_IsTheKernelSize() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(2, 8)]
[MaxPool1D(2, 0)]
[AvgPool1D(2, stride: 0)]
[Flatten]
[Dense(1)]
public partial class N { }
");

    [Fact]
    public Task ArgumentsOutOfRange_AreReportedOncePerArgument() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(1, 8, 8)]
[{|#0:Conv2D(2, 0, 1, -1)|}]
[Flatten]
[Dense(1)]
public partial class A { }

[Network(Loss.MeanSquaredError)]
[Input(1, 8)]
[{|#1:MaxPool1D(-1)|}]
[Flatten]
[Dense(1)]
public partial class B { }

[Network(Loss.MeanSquaredError)]
[Input(1, 8, 8)]
[{|#2:AvgPool2D(2, -2)|}]
[Flatten]
[Dense(1)]
public partial class C { }

[Network(Loss.MeanSquaredError)]
[Input(1, 8)]
[{|#3:Conv1D(2, 5000, dilation: 0)|}]
[Flatten]
[Dense(1)]
public partial class D { }
",
        Error("NG0063", 0).WithArguments(1, "Conv2D", "kernelSize", "0", "a value in [1, 4096]"),
        Error("NG0063", 0).WithArguments(1, "Conv2D", "padding", "-1", "a value in [0, 4096]"),
        Error("NG0063", 1).WithArguments(1, "MaxPool1D", "kernelSize", "-1", "a value in [1, 4096]"),
        Error("NG0063", 2).WithArguments(1, "AvgPool2D", "stride", "-2", "0 (the kernel size) or a value in [1, 4096]"),
        Error("NG0063", 3).WithArguments(1, "Conv1D", "kernelSize", "5000", "a value in [1, 4096]"),
        Error("NG0063", 3).WithArguments(1, "Conv1D", "dilation", "0", "a value in [1, 4096]"));

    // NG0051 and NG0012 on the layers with an activation
    [Fact]
    public Task SoftmaxOnNormalisationAndConvolutionLayers_IsReported() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(8)]
[{|#0:BatchNorm(Activation.Softmax)|}]
[Dense(1)]
public partial class A { }

[Network(Loss.MeanSquaredError)]
[Input(2, 8)]
[{|#1:Conv1D(4, 3, activation: Activation.Softmax)|}]
[Flatten]
[Dense(1)]
public partial class B { }

[Network(Loss.MeanSquaredError)]
[Input(2, 8)]
[Flatten]
[{|#2:LayerNorm(Activation.Softmax)|}]
[Dense(1)]
public partial class C { }
",
        Error("NG0051", 0).WithArguments(1, "BatchNorm", "Softmax", ElementWise),
        Error("NG0051", 1).WithArguments(1, "Conv1D", "Softmax", ElementWise),
        Error("NG0051", 2).WithArguments(2, "LayerNorm", "Softmax", ElementWise));

    private const string ElementWise = "an element-wise activation (put [Flatten] and a [Dense(n, Activation.Softmax)] after it for class probabilities)";

    [Fact]
    public Task UnknownActivationOnAConvolution_IsReported() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(1, 6, 6)]
[{|#0:Conv2D(2, 3, activation: (Activation)42)|}]
[Flatten]
[Dense(1)]
public partial class N { }
", Error("NG0012", 0).WithArguments("The activation of layer 1", "42", "NetGen.Activation"));

    // NG0065
    [Fact]
    public Task ShapedLayersAndInputInASequenceNetwork_AreReportedOnceEach() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError, SequenceLength = 4)]
[Input(2)]
[Gru(4)]
[{|#0:Conv1D(4, 3)|}]
[{|#1:Flatten|}]
[Dense(1)]
public partial class A { }

[Network(Loss.MeanSquaredError, SequenceLength = 4)]
[{|#2:Input(4, 16)|}]
[Gru(16)]
[Dense(1)]
public partial class B { }

[Network(Loss.BinaryCrossEntropy, SequenceLength = 4)]
[Input(2)]
[CausalConv1D(3, 2)]
[Lstm(4)]
[{|#3:LayerNorm(Activation.Sigmoid)|}]
public partial class C { }
",
        Error("NG0065", 0).WithArguments("[Conv1D]", "A", "[Gru]"),
        Error("NG0065", 1).WithArguments("[Flatten]", "A", "[Gru]"),
        Error("NG0065", 2).WithArguments("A shaped [Input]", "B", "[Gru]"),
        Error("NG0065", 3).WithArguments("[LayerNorm]", "C", "[CausalConv1D]"));

    // NG0066
    [Fact]
    public Task DropoutInAConvolutionNetwork_IsReportedOncePerDropout() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(1, 8, 8)]
[Conv2D(2, 3)]
[Flatten]
[Dense(4)]
[{|#0:Dropout(0.5f)|}]
[Dense(1)]
public partial class A { }

[Network(Loss.MeanSquaredError)]
[Input(4)]
[{|#1:Dropout(0.5f)|}]
[BatchNorm]
[Dense(1)]
[{|#2:Dropout(1.5f)|}]
public partial class B { }
",
        Error("NG0066", 0).WithArguments("A", "Conv2D"),
        Error("NG0066", 1).WithArguments("B", "BatchNorm"),
        Error("NG0066", 2).WithArguments("B", "BatchNorm"));

    // NG0067
    [Fact]
    public Task AnInputPastTheValueLimit_IsReportedAtTheInput() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[{|#0:Input(3, 2048, 2048)|}]
[Flatten]
[Dense(1)]
public partial class N { }
", Error("NG0067", 0).WithArguments("N", "12582912", "4194304"));

    [Fact]
    public Task LayerOutputsPastTheValueLimit_AreReportedAtNetwork() => Verify(@"using NetGen;
[{|#0:Network(Loss.MeanSquaredError)|}]
[Input(3, 512, 512)]
[Conv2D(8, 3, padding: 1)]
[GlobalAvgPool]
[Flatten]
[Dense(1)]
public partial class Sum { }

[{|#1:Network(Loss.MeanSquaredError)|}]
[Input(1, 1024, 2048)]
[Conv2D(16384, 1)]
[GlobalAvgPool]
[Flatten]
[Dense(1)]
public partial class Overflow { }

[{|#2:Input(int.MaxValue, int.MaxValue, int.MaxValue)|}]
[Network(Loss.MeanSquaredError)]
[Flatten]
[Dense(1)]
public partial class Dimensions { }
",
        // 786432 + 2·(8·512·512) + 2·8 + 2·8 + 2·1
        Error("NG0067", 0).WithArguments("Sum", "4980770", "4194304"),
        // 2097152 + 2·(16384·1024·2048): counted up to the layer past the limit (more than int.MaxValue values)
        Error("NG0067", 1).WithArguments("Overflow", "68721573888", "4194304"),
        Error("NG0067", 2).WithArguments("Dimensions", "9903520300447984150353281023", "4194304"));

    // NG0006, NG0018 on shaped inputs and convolutions
    [Fact]
    public Task NonPositiveDimensionsAndChannels_AreReported() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[{|#0:Input(0, 5)|}]
[Flatten]
[Dense(1)]
public partial class A { }

[Network(Loss.MeanSquaredError)]
[{|#1:Input(3, -1, 0)|}]
[Flatten]
[Dense(1)]
public partial class B { }

[Network(Loss.MeanSquaredError)]
[Input(1, 6, 6)]
[{|#3:Conv2D(0, 3)|}]
[Flatten]
[Dense(1)]
public partial class C { }

[Network(Loss.MeanSquaredError)]
[Input(1, 6, 6)]
[{|#4:Conv2D(100000, 3)|}]
[Flatten]
[Dense(1)]
public partial class D { }
",
        Error("NG0006", 0).WithArguments("[Input] channels", "0"),
        Error("NG0006", 1).WithArguments("[Input] height", "-1"),
        Error("NG0006", 1).WithArguments("[Input] width", "0"),
        Error("NG0006", 3).WithArguments("Layer 1 ([Conv2D]) outChannels", "0"),
        Error("NG0018", 4).WithArguments("Layer 1 ([Conv2D]) outChannels", 100000, 16384));

    // One error per mistake: the layers after a shape error are not checked again.
    [Fact]
    public Task LayersAfterAShapeError_AreNotCheckedAgain() => Verify(@"using NetGen;
[Network(Loss.BinaryCrossEntropy)]
[Input(2, 4)]
[{|#0:Conv1D(4, 9, activation: Activation.Sigmoid)|}]
[Conv2D(4, 3)]
[MaxPool1D(2)]
[GlobalAvgPool]
[Dense(1, Activation.Sigmoid)]
public partial class A { }

[Network(Loss.MeanSquaredError)]
[Input(1, 8)]
[{|#1:Conv2D(2, 3)|}]
[MaxPool2D(9)]
[Dense(1)]
public partial class B { }

[Network(Loss.BinaryCrossEntropy)]
[Input(1, 4)]
[Conv1D(2, 3)]
[{|#2:Conv1D(2, 3, activation: Activation.Sigmoid)|}]
public partial class C { }
",
        Error("NG0062", 0).WithArguments(1, "Conv1D", "[2, 4]", "the kernel 9 does not fit the padded input (4)", "[4, -4]"),
        Error("NG0061", 1).WithArguments(1, "Conv2D", "a [channels, height, width] input", "[1, 8]", "Input"),
        // The last layer's shape failed: no loss rule (NG0009) on the placeholder it leaves.
        Error("NG0062", 2).WithArguments(2, "Conv1D", "[2, 2]", "the kernel 3 does not fit the padded input (2)", "[2, 0]"));

    // NG0019
    [Fact]
    public Task LayeredAttributesWithoutNetwork_AreReported() => Verify(@"using NetGen;
[{|#0:Input(1, 4, 4)|}]
[{|#1:Conv2D(2, 3)|}]
[{|#2:BatchNorm|}]
[{|#3:Flatten|}]
public partial class N { }
",
        Error("NG0019", 0).WithArguments("N", "Input"),
        Error("NG0019", 1).WithArguments("N", "Conv2D"),
        Error("NG0019", 2).WithArguments("N", "BatchNorm"),
        Error("NG0019", 3).WithArguments("N", "Flatten"));

    // NG0015: a user member named like a running-statistics member clashes only on a network with a BatchNorm
    [Fact]
    public Task RunningStatisticsMember_ClashesOnlyOnNetworksWithBatchNorm() => Verify(@"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(1, 6, 6)]
[Conv2D(2, 3)]
[BatchNorm(Activation.Relu)]
[Flatten]
[Dense(1)]
public partial class WithBatchNorm
{
    public float[] {|#0:RunningStatistics|} = new float[0];
    public int {|#1:RunningStatisticsSize|} => 0;
}

[Network(Loss.MeanSquaredError)]
[Input(1, 6, 6)]
[Conv2D(2, 3)]
[LayerNorm(Activation.Relu)]
[Flatten]
[Dense(1)]
public partial class WithLayerNorm
{
    public float[] RunningStatistics = new float[0];
    public int RunningStatisticsSize => 0;
}

[Network(Loss.MeanSquaredError)]
[Input(2)]
[Dense(1)]
public partial class Plain { public float[] RunningStatistics = new float[0]; }
",
        Error("NG0015", 0).WithArguments("RunningStatistics", "WithBatchNorm"),
        Error("NG0015", 1).WithArguments("RunningStatisticsSize", "WithBatchNorm"));
}

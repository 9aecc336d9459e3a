using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Tests.Driving;
using Xunit;

namespace NetGen.Generator.Tests.Robustness;

/// <summary>
/// Malformed, half-typed and invalid sources never make the generator throw (no exception, no CS8785, no NG0099);
/// invalid layouts get their NG diagnostic (from the analyzer, once), at a source location, and no generated file.
/// </summary>
public sealed class GeneratorNeverThrowsTests
{
    private const string Tail = "\n[Input(2)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class N { }";
    private const string Seq = "[Network(Loss.MeanSquaredError, SequenceLength = 4)]";
    private const string Mse = "[Network(Loss.MeanSquaredError)]";

    private static readonly Dictionary<string, MalformedSourceCase> Cases = new()
    {
        // The compiler's own errors: half-typed attributes and wrong argument types.
        ["InputWithoutArgument"] = MalformedSourceCase.CompilerRejects(Mse + "\n[Input()]\n[Dense(1)]\npublic partial class N { }"),
        ["DenseWithString"] = MalformedSourceCase.CompilerRejects(Mse + "\n[Input(2)]\n[Dense(\"x\")]\npublic partial class N { }"),
        ["DenseWithIntActivation"] = MalformedSourceCase.CompilerRejects(Mse + "\n[Input(2)]\n[Dense(3, 42)]\npublic partial class N { }"),
        ["NetworkWithoutLoss"] = MalformedSourceCase.CompilerRejects("[Network]" + Tail),
        ["NetworkLossDot"] = MalformedSourceCase.CompilerRejects("[Network(Loss.)]" + Tail),
        ["NetworkLossWrongType"] = MalformedSourceCase.CompilerRejects("[Network(3.5)]" + Tail),
        ["UnfinishedDense"] = new(new[] { "using NetGen;\nnamespace Samples\n{\n" + Mse + "\n[Input(2)]\n[Dense(3, Activation." }, new string[0], Generates: false, CompilerError: true),
        ["UnfinishedNamedArgument"] = MalformedSourceCase.CompilerRejects("[Network(Loss.MeanSquaredError, LearningRate = )]" + Tail),
        ["LearningRateDouble"] = new(new[] { MalformedSourceCase.Wrap("[Network(Loss.MeanSquaredError, LearningRate = 0.1)]" + Tail) }, new string[0], Generates: null, CompilerError: true),
        ["SeedString"] = MalformedSourceCase.CompilerRejects("[Network(Loss.MeanSquaredError, Seed = \"x\")]" + Tail),
        ["UnknownNamedArgument"] = new(new[] { MalformedSourceCase.Wrap("[Network(Loss.MeanSquaredError, Dropout = 0.5f)]" + Tail) }, new string[0], Generates: null, CompilerError: true),
        ["MissingClassBody"] = new(new[] { MalformedSourceCase.Wrap(Mse + "\n[Input(2)]\n[Dense(1)]\npublic partial class N") }, new string[0], Generates: true, CompilerError: true),
        ["MissingClassName"] = MalformedSourceCase.CompilerRejects(Mse + "\n[Input(2)]\n[Dense(1)]\npublic partial class { }"),
        ["NetworkTwice"] = MalformedSourceCase.CompilerRejects(Mse + "\n[Network(Loss.CrossEntropy)]" + Tail),

        // Sequence layers, half-typed or out of range.
        ["GruWithoutArgument"] = MalformedSourceCase.CompilerRejects(Seq + "\n[Input(2)]\n[Gru()]\n[Dense(1)]\npublic partial class N { }"),
        ["ConvWithoutKernel"] = MalformedSourceCase.CompilerRejects(Seq + "\n[Input(2)]\n[CausalConv1D(3)]\n[Dense(1)]\npublic partial class N { }"),
        ["RnnWithIntActivation"] = MalformedSourceCase.CompilerRejects(Seq + "\n[Input(2)]\n[Rnn(3, 7)]\n[Dense(1)]\npublic partial class N { }"),
        ["SequenceLengthString"] = MalformedSourceCase.CompilerRejects("[Network(Loss.MeanSquaredError, SequenceLength = \"x\")]\n[Input(2)]\n[Gru(3)]\npublic partial class N { }"),
        ["UnfinishedLstm"] = new(new[] { "using NetGen;\nnamespace Samples\n{\n" + Seq + "\n[Input(2)]\n[Lstm(" }, new string[0], Generates: false, CompilerError: true),
        ["GruNegative"] = MalformedSourceCase.Invalid(Seq + "\n[Input(2)]\n[Gru(-3)]\n[Dense(1)]\npublic partial class N { }", "NG0006"),
        ["HugeReceptiveField"] = MalformedSourceCase.Invalid(Seq + "\n[Input(2)]\n[CausalConv1D(2, 5000, 5000)]\n[Dense(1)]\npublic partial class N { }", "NG0050"),
        ["HugeLstm"] = MalformedSourceCase.Invalid(Seq + "\n[Input(4)]\n[Lstm(6000)]\npublic partial class N { }", "NG0013"),
        ["HugeState"] = MalformedSourceCase.Invalid(Seq + "\n[Input(16000)]\n[Lstm(16000)]\npublic partial class N { }", "NG0056"),
        ["TrainableWithoutWindow"] = MalformedSourceCase.Invalid("[Network(Loss.MeanSquaredError)]\n[Input(2)]\n[Gru(3)]\npublic partial class N { }", "NG0054"),
        ["StreamingOnly"] = MalformedSourceCase.Valid("[Network(Loss.MeanSquaredError, Trainable = false)]\n[Input(2)]\n[CausalConv1D(2, 1)]\n[Rnn(3)]\npublic partial class N { }"),

        // Layered networks (convolution, pooling, normalisation), half-typed or out of range.
        ["UnfinishedConv2D"] = new(new[] { "using NetGen;\nnamespace Samples\n{\n" + Mse + "\n[Input(1, 6, 6)]\n[Conv2D(" }, new string[0], Generates: false, CompilerError: true),
        ["UnfinishedConv2DArguments"] = MalformedSourceCase.CompilerRejects(Mse + "\n[Input(1, 6, 6)]\n[Conv2D(2, ]\n[Flatten]\n[Dense(1)]\npublic partial class N { }"),
        ["UnfinishedShapedInput"] = MalformedSourceCase.CompilerRejects(Mse + "\n[Input(3, 4, ]\n[Flatten]\n[Dense(1)]\npublic partial class N { }"),
        ["InputWithUnknownIdentifier"] = MalformedSourceCase.CompilerRejects(Mse + "\n[Input(3, x, 4)]\n[Flatten]\n[Dense(1)]\npublic partial class N { }"),
        ["InputWithFourDimensions"] = MalformedSourceCase.CompilerRejects(Mse + "\n[Input(1, 2, 3, 4)]\n[Flatten]\n[Dense(1)]\npublic partial class N { }"),
        ["Conv2DWithoutKernel"] = MalformedSourceCase.CompilerRejects(Mse + "\n[Input(1, 6, 6)]\n[Conv2D(3)]\n[Flatten]\n[Dense(1)]\npublic partial class N { }"),
        ["Conv1DWithString"] = MalformedSourceCase.CompilerRejects(Mse + "\n[Input(1, 6)]\n[Conv1D(3, \"x\")]\n[Flatten]\n[Dense(1)]\npublic partial class N { }"),
        ["Conv2DWithIntActivation"] = MalformedSourceCase.CompilerRejects(Mse + "\n[Input(1, 6, 6)]\n[Conv2D(2, 3, 1, 0, 3)]\n[Flatten]\n[Dense(1)]\npublic partial class N { }"),
        ["Conv2DWithDilation"] = MalformedSourceCase.CompilerRejects(Mse + "\n[Input(1, 6, 6)]\n[Conv2D(2, 3, dilation: 2)]\n[Flatten]\n[Dense(1)]\npublic partial class N { }"),
        ["GlobalAvgPoolWithArgument"] = MalformedSourceCase.CompilerRejects(Mse + "\n[Input(1, 6)]\n[GlobalAvgPool(2)]\n[Flatten]\n[Dense(1)]\npublic partial class N { }"),
        ["BatchNormWithIntActivation"] = MalformedSourceCase.CompilerRejects(Mse + "\n[Input(4)]\n[BatchNorm(3)]\n[Dense(1)]\npublic partial class N { }"),
        ["BatchNormWithZeroLiteral"] = MalformedSourceCase.Valid(Mse + "\n[Input(4)]\n[BatchNorm(0)]\n[Dense(1)]\npublic partial class N { }"),
        ["MaxPool1DNegative"] = MalformedSourceCase.Invalid(Mse + "\n[Input(1, 8)]\n[MaxPool1D(-1)]\n[Flatten]\n[Dense(1)]\npublic partial class N { }", "NG0063"),
        ["ConvStrideZero"] = MalformedSourceCase.Invalid(Mse + "\n[Input(1, 8)]\n[Conv1D(2, 3, 0)]\n[Flatten]\n[Dense(1)]\npublic partial class N { }", "NG0063"),
        ["ConvIntMaxArguments"] = MalformedSourceCase.Invalid(Mse + "\n[Input(1, 8)]\n[Conv1D(int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue)]\n[Flatten]\n[Dense(1)]\npublic partial class N { }", "NG0018", "NG0063"),
        ["ConvIntMinArguments"] = MalformedSourceCase.Invalid(Mse + "\n[Input(1, 8, 8)]\n[Conv2D(int.MinValue, int.MinValue, int.MinValue, int.MinValue)]\n[Flatten]\n[Dense(1)]\npublic partial class N { }", "NG0006", "NG0063"),
        ["HugeConvChannels"] = MalformedSourceCase.Invalid(Mse + "\n[Input(3, 8, 8)]\n[Conv2D(100000, 3)]\n[Flatten]\n[Dense(1)]\npublic partial class N { }", "NG0018"),
        ["KernelLargerThanInput"] = MalformedSourceCase.Invalid(Mse + "\n[Input(1, 4)]\n[Conv1D(2, 9)]\n[Flatten]\n[Dense(1)]\npublic partial class N { }", "NG0062"),
        ["ShapeErrorThenMoreLayers"] = MalformedSourceCase.Invalid(Mse + "\n[Input(1, 4)]\n[Conv2D(2, 9)]\n[MaxPool2D(9)]\n[GlobalAvgPool]\n[Dense(1)]\npublic partial class N { }", "NG0061"),
        ["ShapedInputIntMaxDimensions"] = MalformedSourceCase.Invalid(Mse + "\n[Input(int.MaxValue, int.MaxValue, int.MaxValue)]\n[Flatten]\n[Dense(1)]\npublic partial class N { }", "NG0067"),
        ["ShapedInputIntMaxChannels"] = MalformedSourceCase.Invalid(Mse + "\n[Input(int.MaxValue, 2)]\n[Conv1D(2, 1)]\n[Flatten]\n[Dense(1)]\npublic partial class N { }", "NG0067"),
        ["ShapedInputIntMinDimension"] = MalformedSourceCase.Invalid(Mse + "\n[Input(3, int.MinValue, 4)]\n[Flatten]\n[Dense(1)]\npublic partial class N { }", "NG0006"),
        ["ShapedInputZeroChannels"] = MalformedSourceCase.Invalid(Mse + "\n[Input(0, 5)]\n[Flatten]\n[Dense(1)]\npublic partial class N { }", "NG0006"),
        ["CameraResolution"] = MalformedSourceCase.Invalid(Mse + "\n[Input(3, 2048, 2048)]\n[Conv2D(16, 3)]\n[Flatten]\n[Dense(1)]\npublic partial class N { }", "NG0067"),
        ["ConvOutputPastIntMaxValue"] = MalformedSourceCase.Invalid(Mse + "\n[Input(1, 1024, 2048)]\n[Conv2D(16384, 1)]\n[GlobalAvgPool]\n[Flatten]\n[Dense(1)]\npublic partial class N { }", "NG0067"),
        ["ConvOutputWrappingNegative"] = MalformedSourceCase.Invalid(Mse + "\n[Input(1, 2000, 2000)]\n[Conv2D(1000, 1)]\n[Flatten]\n[Dense(1)]\npublic partial class N { }", "NG0067"),
        ["ConvFanInPastIntMaxValue"] = MalformedSourceCase.Invalid(Mse + "\n[Input(2097152, 1, 1)]\n[Conv2D(1, 4096, stride: 4096, padding: 4096)]\n[Flatten]\n[Dense(1)]\npublic partial class N { }", "NG0013"),
        ["DenseAfterConv"] = MalformedSourceCase.Invalid(Mse + "\n[Input(2, 16)]\n[Conv1D(4, 3)]\n[Dense(1)]\npublic partial class N { }", "NG0060"),
        ["SoftmaxOnBatchNorm"] = MalformedSourceCase.Invalid(Mse + "\n[Input(4)]\n[BatchNorm(Activation.Softmax)]\n[Dense(1)]\npublic partial class N { }", "NG0051"),
        ["UnknownActivationOnLayerNorm"] = MalformedSourceCase.Invalid(Mse + "\n[Input(4)]\n[LayerNorm((Activation)99)]\n[Dense(1)]\npublic partial class N { }", "NG0012"),
        ["ConvInSequenceNetwork"] = MalformedSourceCase.Invalid(Seq + "\n[Input(4, 16)]\n[Conv1D(2, 3)]\n[Gru(3)]\n[Dense(1)]\npublic partial class N { }", "NG0065"),
        ["DropoutInConvNetwork"] = MalformedSourceCase.Invalid(Mse + "\n[Input(1, 6, 6)]\n[Conv2D(2, 3)]\n[Flatten]\n[Dense(4)]\n[Dropout(0.5f)]\n[Dense(1)]\npublic partial class N { }", "NG0066"),
        ["ShapedInputWithoutLayers"] = MalformedSourceCase.Invalid(Mse + "\n[Input(2, 3)]\npublic partial class N { }", "NG0005"),
        ["ConvWithoutNetwork"] = MalformedSourceCase.Invalid("[Input(1, 6, 6)]\n[Conv2D(2, 3)]\npublic partial class N { }", "NG0019"),
        ["UserDeclaresRunningStatistics"] = MalformedSourceCase.Invalid(Mse + "\n[Input(4)]\n[BatchNorm]\n[Dense(1)]\npublic partial class N { public float[] RunningStatistics = new float[1]; }", "NG0015"),
        ["FlattenOnly"] = MalformedSourceCase.Valid(Mse + "\n[Input(2, 3)]\n[Flatten]\npublic partial class N { }"),
        ["ManyLayeredLayers"] = MalformedSourceCase.Valid(Mse + "\n[Input(2, 8)]\n" + string.Concat(Enumerable.Repeat("[Conv1D(2, 3, padding: 1, activation: Activation.Tanh)]\n[BatchNorm]\n", 100)) + "[Flatten]\n[Dense(1)]\npublic partial class N { }"),

        // Type shapes NetGen does not support.
        // (The attributes target classes only, so the compiler also reports CS0592 on a struct.)
        ["Struct"] = new(new[] { MalformedSourceCase.Wrap(Mse + "\n[Input(2)]\n[Dense(1)]\npublic partial struct N { }") }, new[] { "NG0002" }, Generates: false, CompilerError: true),
        ["Record"] = MalformedSourceCase.Invalid(Mse + "\n[Input(2)]\n[Dense(1)]\npublic partial record N { }", "NG0002"),
        ["RecordStruct"] = new(new[] { MalformedSourceCase.Wrap(Mse + "\n[Input(2)]\n[Dense(1)]\npublic partial record struct N { }") }, new[] { "NG0002" }, Generates: false, CompilerError: true),
        ["Interface"] = new(new[] { MalformedSourceCase.Wrap(Mse + "\n[Input(2)]\n[Dense(1)]\npublic partial interface N { }") }, new[] { "NG0002" }, Generates: false, CompilerError: true),
        ["StaticClass"] = MalformedSourceCase.Invalid(Mse + "\n[Input(2)]\n[Dense(1)]\npublic static partial class N { }", "NG0002"),
        ["AbstractClass"] = MalformedSourceCase.Invalid(Mse + "\n[Input(2)]\n[Dense(1)]\npublic abstract partial class N { }", "NG0002"),
        ["GenericClass"] = MalformedSourceCase.Invalid(Mse + "\n[Input(2)]\n[Dense(1)]\npublic partial class N<T> { }", "NG0002"),
        ["NestedInGenericType"] = MalformedSourceCase.Invalid("public partial class Outer<T>\n{\n" + Mse + Tail + "\n}", "NG0002"),
        ["NotPartial"] = MalformedSourceCase.Invalid(Mse + "\n[Input(2)]\n[Dense(1)]\npublic class N { }", "NG0001"),
        ["NestedInNonPartialType"] = MalformedSourceCase.Invalid("public class Outer\n{\n" + Mse + Tail + "\n}", "NG0017"),
        ["SplitOverTwoFiles"] = new(
            new[]
            {
                MalformedSourceCase.Wrap(Mse + "\n[Input(2)]\npublic partial class N { }"),
                MalformedSourceCase.Wrap("[Dense(1)]\npublic partial class N { }"),
            },
            new[] { "NG0014" }, Generates: false),

        // Layout rules.
        ["NoInput"] = MalformedSourceCase.Invalid(Mse + "\n[Dense(1)]\npublic partial class N { }", "NG0003"),
        ["InputTwice"] = MalformedSourceCase.Invalid(Mse + "\n[Input(2)]\n[Input(3)]\n[Dense(1)]\npublic partial class N { }", "NG0004"),
        ["NoDense"] = MalformedSourceCase.Invalid(Mse + "\n[Input(2)]\npublic partial class N { }", "NG0005"),
        ["NoAttributesButNetwork"] = MalformedSourceCase.Invalid(Mse + "\npublic partial class N { }", "NG0003", "NG0005"),
        ["NegativeInput"] = MalformedSourceCase.Invalid(Mse + "\n[Input(-2)]\n[Dense(1)]\npublic partial class N { }", "NG0006"),
        ["NegativeDense"] = MalformedSourceCase.Invalid(Mse + "\n[Input(2)]\n[Dense(-1)]\npublic partial class N { }", "NG0006"),
        ["ZeroDense"] = MalformedSourceCase.Invalid(Mse + "\n[Input(2)]\n[Dense(0)]\npublic partial class N { }", "NG0006"),
        ["MinValueInput"] = MalformedSourceCase.Invalid(Mse + "\n[Input(int.MinValue)]\n[Dense(1)]\npublic partial class N { }", "NG0006"),
        ["SoftmaxNotLast"] = MalformedSourceCase.Invalid(Mse + "\n[Input(2)]\n[Dense(3, Activation.Softmax)]\n[Dense(1)]\npublic partial class N { }", "NG0007"),
        ["SoftmaxOneUnit"] = MalformedSourceCase.Invalid("[Network(Loss.CrossEntropy)]\n[Input(2)]\n[Dense(1, Activation.Softmax)]\npublic partial class N { }", "NG0008"),
        ["BinaryCrossEntropyWithoutSigmoid"] = MalformedSourceCase.Invalid("[Network(Loss.BinaryCrossEntropy)]\n[Input(2)]\n[Dense(1, Activation.Tanh)]\npublic partial class N { }", "NG0009"),
        ["CrossEntropyWithoutSoftmax"] = MalformedSourceCase.Invalid("[Network(Loss.CrossEntropy)]\n[Input(2)]\n[Dense(3, Activation.Relu)]\npublic partial class N { }", "NG0009"),
        ["UnknownActivation"] = MalformedSourceCase.Invalid(Mse + "\n[Input(2)]\n[Dense(3, (Activation)42)]\npublic partial class N { }", "NG0012"),
        ["UnknownLoss"] = MalformedSourceCase.Invalid("[Network((Loss)9)]" + Tail, "NG0012"),
        ["UnknownOptimizer"] = MalformedSourceCase.Invalid("[Network(Loss.MeanSquaredError, Optimizer = (Optimizer)5)]" + Tail, "NG0012"),
        ["HugeSizes"] = MalformedSourceCase.Invalid(Mse + "\n[Input(100000)]\n[Dense(100000)]\npublic partial class N { }", "NG0018"),
        ["IntMaxValueDense"] = MalformedSourceCase.Invalid(Mse + "\n[Input(2)]\n[Dense(int.MaxValue)]\npublic partial class N { }", "NG0018"),
        ["TooManyParameters"] = MalformedSourceCase.Invalid(Mse + "\n[Input(16384)]\n[Dense(16384)]\n[Dense(16384)]\npublic partial class N { }", "NG0013"),

        // Hyper-parameters.
        ["LearningRateNaN"] = MalformedSourceCase.Invalid("[Network(Loss.MeanSquaredError, LearningRate = float.NaN)]" + Tail, "NG0011"),
        ["LearningRateNegative"] = MalformedSourceCase.Invalid("[Network(Loss.MeanSquaredError, LearningRate = -0.1f)]" + Tail, "NG0011"),
        ["LearningRateZero"] = MalformedSourceCase.Invalid("[Network(Loss.MeanSquaredError, LearningRate = 0f)]" + Tail, "NG0011"),
        ["LearningRateInfinite"] = MalformedSourceCase.Invalid("[Network(Loss.MeanSquaredError, LearningRate = float.PositiveInfinity)]" + Tail, "NG0011"),
        ["MomentumOne"] = MalformedSourceCase.Invalid("[Network(Loss.MeanSquaredError, Momentum = 1f)]" + Tail, "NG0011"),
        ["MomentumNegative"] = MalformedSourceCase.Invalid("[Network(Loss.MeanSquaredError, Momentum = -0.5f)]" + Tail, "NG0011"),
        ["Beta1One"] = MalformedSourceCase.Invalid("[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, Beta1 = 1f)]" + Tail, "NG0011"),
        ["Beta2NaN"] = MalformedSourceCase.Invalid("[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, Beta2 = float.NaN)]" + Tail, "NG0011"),
        ["EpsilonZero"] = MalformedSourceCase.Invalid("[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, Epsilon = 0f)]" + Tail, "NG0011"),
        ["UnrollLimitNegative"] = MalformedSourceCase.Invalid("[Network(Loss.MeanSquaredError, UnrollLimit = -1)]" + Tail, "NG0011"),
        ["UnrollLimitIntMax"] = MalformedSourceCase.Invalid("[Network(Loss.MeanSquaredError, UnrollLimit = int.MaxValue)]" + Tail, "NG0011"),

        // Clashes with generated members.
        ["UserDeclaresPredict"] = MalformedSourceCase.Invalid(Mse + "\n[Input(2)]\n[Dense(1)]\npublic partial class N { public void Predict() { } }", "NG0015"),
        ["UserDeclaresParameters"] = MalformedSourceCase.Invalid(Mse + "\n[Input(2)]\n[Dense(1)]\npublic partial class N { public float[] Parameters = new float[1]; }", "NG0015"),
        ["UserDeclaresConstructor"] = MalformedSourceCase.Invalid(Mse + "\n[Input(2)]\n[Dense(1)]\npublic partial class N { public N() { } }", "NG0015"),
        ["UserDeclaresSeedConstructor"] = MalformedSourceCase.Invalid(Mse + "\n[Input(2)]\n[Dense(1)]\npublic partial class N { public N(int seed) { } }", "NG0015"),

        // Attributes that only look like NetGen's.
        ["OtherNamespaceAttributes"] = new(
            new[]
            {
                "namespace Other\n{\n    public sealed class NetworkAttribute : System.Attribute { public NetworkAttribute(int loss) { } }\n"
                + "    public sealed class InputAttribute : System.Attribute { public InputAttribute(int size) { } }\n"
                + "    public sealed class DenseAttribute : System.Attribute { public DenseAttribute(int units) { } }\n"
                + "    [Network(0)]\n    [Input(2)]\n    [Dense(1)]\n    public partial class N { }\n}\n",
            },
            new string[0], Generates: false),
        ["OtherNamespaceNetworkWithNetGenLayers"] = new(
            new[]
            {
                "using NetGen;\nnamespace Other\n{\n    public sealed class NetworkAttribute : System.Attribute { public NetworkAttribute(int loss) { } }\n"
                + "    [Network(0)]\n    [Input(2)]\n    [Dense(1)]\n    public partial class N { }\n}\n",
            },
            new[] { "NG0019" }, Generates: false),
        ["LayersWithoutNetwork"] = MalformedSourceCase.Invalid("[Input(2)]\n[Dense(1)]\npublic partial class N { }", "NG0019"),

        // Valid layouts at the edges.
        // Warnings (NG0010) do not stop generation.
        ["MeanSquaredErrorAfterSoftmax"] = MalformedSourceCase.Valid(Mse + "\n[Input(2)]\n[Dense(3, Activation.Softmax)]\npublic partial class N { }"),
        ["UnrollLimitZero"] = MalformedSourceCase.Valid("[Network(Loss.MeanSquaredError, UnrollLimit = 0)]" + Tail),
        ["DenseBeforeInput"] = MalformedSourceCase.Valid(Mse + "\n[Dense(1)]\n[Input(2)]\npublic partial class N { }"),
        ["SeedMinValue"] = MalformedSourceCase.Valid("[Network(Loss.MeanSquaredError, Seed = int.MinValue)]" + Tail),
        ["TinyLearningRate"] = MalformedSourceCase.Valid("[Network(Loss.MeanSquaredError, LearningRate = float.Epsilon)]" + Tail),
        ["NonAsciiName"] = MalformedSourceCase.Valid(Mse + "\n[Input(2)]\n[Dense(1)]\npublic partial class Réseau { }"),
        ["AttributesOnOnePartOnly"] = new(
            new[]
            {
                MalformedSourceCase.Wrap(Mse + Tail),
                MalformedSourceCase.Wrap("public partial class N { public int Epochs; }"),
            },
            new string[0], Generates: true),
        ["ManyLayers"] = MalformedSourceCase.Valid(Mse + "\n[Input(2)]\n" + string.Concat(Enumerable.Repeat("[Dense(2, Activation.Tanh)]\n", 200)) + "public partial class N { }"),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void NeverThrows_AndReportsTheExpectedDiagnostics(string name)
    {
        var test = Cases[name];

        var outcome = GeneratorHarness.Run(test.Sources);

        Assert.Null(outcome.Result.Exception);
        Assert.DoesNotContain(outcome.GeneratorDiagnostics, d => d.Id == "CS8785");
        Assert.DoesNotContain(outcome.GeneratorDiagnostics, d => d.Id == "NG0099");
        foreach (string id in test.ExpectedIds)
        {
            Assert.True(outcome.NgIds.Contains(id), $"Expected {id}; the build reported [{string.Join(", ", outcome.NgIds)}]");
        }
        // The layout rules are the analyzer's: the generator itself reports none of them (each would print twice).
        Assert.True(outcome.GeneratorNgIds.Count == 0, $"The generator reported [{string.Join(", ", outcome.GeneratorNgIds)}] itself");
        var repeated = outcome.BuildDiagnostics.GroupBy(d => d.ToString()).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(repeated.Count == 0, "Reported more than once:\n" + string.Join("\n", repeated));
        foreach (var diagnostic in outcome.BuildDiagnostics)
        {
            // NG diagnostics carry a file and line span in the user's source.
            var span = diagnostic.Location.GetLineSpan();
            Assert.True(span.IsValid && span.Path.Length > 0, $"{diagnostic.Id} has no location: {diagnostic}");
        }

        bool hasErrors = outcome.BuildDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        if (test.Generates == true)
        {
            Assert.False(hasErrors, "A valid layout got errors: " + string.Join("; ", outcome.BuildDiagnostics));
            Assert.Single(outcome.Sources);
        }
        else if (test.Generates == false)
        {
            Assert.Empty(outcome.Sources);
        }

        bool compilerErrors = outcome.Input.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(test.CompilerError, compilerErrors);
    }

    [Fact]
    public void HugeLayouts_AreRejectedWithinACoupleOfSeconds()
    {
        GeneratorHarness.Run(MalformedSourceCase.Wrap(Mse + Tail)); // warm up Roslyn and the generator

        var watch = Stopwatch.StartNew();
        var tooWide = GeneratorHarness.Run(MalformedSourceCase.Wrap(Mse + "\n[Input(100000)]\n[Dense(100000)]\n[Dense(100000)]\npublic partial class N { }"));
        var tooMany = GeneratorHarness.Run(MalformedSourceCase.Wrap(Mse + "\n[Input(16384)]\n[Dense(16384)]\n[Dense(16384)]\n[Dense(16384)]\npublic partial class N { }"));
        watch.Stop();

        Assert.Contains("NG0018", tooWide.NgIds);
        Assert.Contains("NG0013", tooMany.NgIds);
        Assert.Empty(tooWide.Sources);
        Assert.Empty(tooMany.Sources);
        Assert.True(watch.Elapsed.TotalSeconds < 2, $"Rejecting huge layouts took {watch.Elapsed.TotalSeconds:F2} s");
    }
}

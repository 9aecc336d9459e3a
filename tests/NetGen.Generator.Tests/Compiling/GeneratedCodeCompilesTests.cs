using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator.Tests.Driving;
using Xunit;

namespace NetGen.Generator.Tests.Compiling;

/// <summary>
/// The generated code compiles together with the user's source with no diagnostic of warning level or above
/// (warnings treated as errors, nullable enabled, XML documentation checked), at C# 8 (netstandard2.1 consumers)
/// and at the latest language version.
/// </summary>
public sealed class GeneratedCodeCompilesTests
{
    private static readonly Dictionary<string, string> Layouts = new()
    {
        ["ThreeLayer"] = NetworkSources.ThreeLayer,
        ["EveryActivation"] = NetworkSources.EveryActivation,
        ["Looped"] = NetworkSources.Looped,
        ["Sequence"] = NetworkSources.Sequence,
        ["Layered"] = NetworkSources.Layered,
        ["LayeredBatchNorm"] = NetworkSources.LayeredBatchNorm,
        ["LayeredOneDimensional"] = @"using NetGen;
namespace Samples
{
    /// <summary>Every 1-D layer and option: a strided, padded, dilated convolution, both poolings, global pooling, both norms.</summary>
    [Network(Loss.BinaryCrossEntropy, Momentum = 0.9f, LearningRate = 0.05f)]
    [Input(3, 40)]
    [Conv1D(6, 5, 2, 2, 1, Activation.LeakyRelu)]
    [BatchNorm(Activation.Relu)]
    [MaxPool1D(3, 2)]
    [Conv1D(4, 3, dilation: 2, padding: 1)]
    [AvgPool1D(2)]
    [LayerNorm(Activation.Tanh)]
    [GlobalAvgPool]
    [Flatten]
    [Dense(3, Activation.Relu)]
    [Dense(1, Activation.Sigmoid)]
    public sealed partial class OneDimensional { }
}
",
        ["LayeredTwoDimensional"] = @"using NetGen;
namespace Samples
{
    /// <summary>Every 2-D layer and option: strided and padded convolutions, both poolings (default and explicit stride), global pooling, both norms.</summary>
    [Network(Loss.CrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.003f, Beta1 = 0.85f, Beta2 = 0.995f, Epsilon = 1e-7f, Seed = 11)]
    [Input(3, 12, 10)]
    [Conv2D(4, 3, stride: 2, padding: 1, activation: Activation.Relu)]
    [BatchNorm]
    [MaxPool2D(2)]
    [Conv2D(5, 1, 1, 0, Activation.Gelu)]
    [AvgPool2D(2, 1)]
    [LayerNorm]
    [GlobalAvgPool]
    [Flatten]
    [BatchNorm(Activation.Silu)]
    [Dense(3, Activation.Softmax)]
    internal partial class TwoDimensional { }
}
",
        ["LayeredActivations"] = @"using NetGen;
namespace Samples
{
    /// <summary>Every element-wise activation after a convolution or a norm.</summary>
    [Network(Loss.MeanSquaredError)]
    [Input(2, 6)]
    [Conv1D(2, 1, activation: Activation.Sigmoid)]
    [Conv1D(2, 1, activation: Activation.Tanh)]
    [Conv1D(2, 1, activation: Activation.Elu)]
    [Conv1D(2, 1, activation: Activation.Softplus)]
    [Conv1D(2, 1, activation: Activation.Mish)]
    [Conv1D(2, 1, activation: Activation.HardSigmoid)]
    [Conv1D(2, 1, activation: Activation.HardSwish)]
    [LayerNorm(Activation.GeluTanh)]
    [BatchNorm(Activation.LeakyRelu)]
    [Flatten]
    [Dense(1)]
    public partial class Activations { }
}
",
        ["LayeredFlatNormsAndEdges"] = @"using NetGen;
namespace Samples
{
    /// <summary>Norms on a flat input between Dense layers.</summary>
    [Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam)]
    [Input(5)]
    [BatchNorm]
    [Dense(4, Activation.Relu)]
    [LayerNorm(Activation.Sigmoid)]
    [Dense(2)]
    public partial class FlatNorms { }

    /// <summary>Inference-only, its output a shaped value.</summary>
    [Network(Loss.MeanSquaredError, Trainable = false)]
    [Input(2, 8)]
    [Conv1D(3, 3)]
    [BatchNorm]
    public partial class ShapedOutput { }

    /// <summary>No parameters at all: pooling only.</summary>
    [Network(Loss.MeanSquaredError)]
    [Input(2, 4, 4)]
    [AvgPool2D(2)]
    [Flatten]
    public partial class PoolOnly { }

    /// <summary>1×1 everything.</summary>
    [Network(Loss.MeanSquaredError, UnrollLimit = 0)]
    [Input(1, 1, 1)]
    [Conv2D(1, 1)]
    [MaxPool2D(1)]
    [GlobalAvgPool]
    [Flatten]
    [Dense(1)]
    public partial class Tiny { }
}
",
        ["LayeredNested"] = @"using NetGen;

/// <summary>Outer type.</summary>
public partial class Outer
{
    /// <summary>Middle type.</summary>
    public partial struct Middle
    {
        [Network(Loss.MeanSquaredError)]
        [Input(1, 4, 4)]
        [Conv2D(2, 3)]
        [BatchNorm]
        [Flatten]
        [Dense(1)]
        internal partial class Vision { }
    }
}
",
        // A wide output head whose loss-head kernels are split into parts that share no scratch (it once passed an
        // undeclared s: CS0103), on the Dense matrix path and on a layered network.
        ["WideLeakyHead"] = @"using NetGen;

/// <summary>A Dense network with a 256-unit LeakyRelu output.</summary>
[Network(Loss.MeanSquaredError)]
[Input(16)]
[Dense(256, Activation.LeakyRelu)]
public partial class WideLeaky { }

/// <summary>ML-Agents' simple visual encoder with its LeakyRelu on the Dense layer.</summary>
[Network(Loss.MeanSquaredError)]
[Input(3, 36, 36)]
[Conv2D(16, 8, stride: 4, activation: Activation.LeakyRelu)]
[Conv2D(32, 4, stride: 2, activation: Activation.LeakyRelu)]
[Flatten]
[Dense(256, Activation.LeakyRelu)]
public partial class EncoderLeaky { }
",
        ["SequenceLooped"] = @"using NetGen;
    [Network(Loss.CrossEntropy, SequenceLength = 3, UnrollLimit = 8)]
    [Input(3)]
    [Rnn(4, Activation.Relu)]
    [CausalConv1D(3, 3, 1, Activation.Relu)]
    [Gru(3)]
    [Dense(3, Activation.Softmax)]
    public sealed partial class SequenceLooped { }
    [Network(Loss.MeanSquaredError, Trainable = false)]
    [Input(1)]
    [CausalConv1D(2, 1)]
    [Lstm(2)]
    public sealed partial class Streaming { }
",
        ["AllLoopedMeanSquaredError"] = @"using NetGen;
namespace Samples
{
    /// <summary>UnrollLimit 0: every layer is loops.</summary>
    [Network(Loss.MeanSquaredError, UnrollLimit = 0)]
    [Input(3)]
    [Dense(4, Activation.Relu)]
    [Dense(2)]
    public sealed partial class AllLooped { }
}
",
        ["SplitIntoParts"] = @"using NetGen;
namespace Samples
{
    /// <summary>Large enough that the gradient kernel is split into several methods.</summary>
    [Network(Loss.MeanSquaredError)]
    [Input(32)]
    [Dense(32, Activation.Tanh)]
    [Dense(32, Activation.Sigmoid)]
    [Dense(2)]
    public partial class SplitIntoParts { }
}
",
        ["NestedGlobalNamespace"] = @"using NetGen;

/// <summary>Outer type.</summary>
public partial class Outer
{
    /// <summary>Middle type.</summary>
    public partial struct Middle
    {
        [Network(Loss.MeanSquaredError)]
        [Input(1)]
        [Dense(1)]
        internal partial class Tiny { }
    }
}
",
        ["ImplementsUserInterface"] = @"using System;
using NetGen;
namespace Samples
{
    /// <summary>Something that predicts.</summary>
    public interface IPredictor
    {
        /// <summary>Predicts.</summary>
        void Predict(ReadOnlySpan<float> input, Span<float> output);
    }

    /// <summary>A network used through the user's interface.</summary>
    [Network(Loss.BinaryCrossEntropy)]
    [Input(2)]
    [Dense(3, Activation.LeakyRelu)]
    [Dense(1, Activation.Sigmoid)]
    public partial class Xor : IPredictor
    {
        /// <summary>A member of the user's own, next to the generated ones.</summary>
        public int Epochs { get; set; }
    }
}
",
    };

    public static TheoryData<string, LanguageVersion> Cases()
    {
        var data = new TheoryData<string, LanguageVersion>();
        foreach (string name in Layouts.Keys)
        {
            data.Add(name, LanguageVersion.CSharp8);
            data.Add(name, LanguageVersion.Latest);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CompilesWithoutWarnings(string layout, LanguageVersion version)
    {
        AssertCompilesCleanly(version, Layouts[layout]);
    }

    [Fact]
    public void PassFailSample_CompilesWithoutWarnings()
    {
        AssertCompilesCleanly(LanguageVersion.Latest, NetworkSources.PassFail);
    }

    [Fact]
    public void SplitIntoParts_ReallyIsSplit()
    {
        var outcome = GeneratorHarness.Run(Layouts["SplitIntoParts"]);
        Assert.Contains("GradientKernelPart2(", outcome.SingleSourceText);
    }

    [Fact]
    public void NestedInPartialRecord_CompilesWithoutWarnings()
    {
        AssertCompilesCleanly(LanguageVersion.Latest, @"using NetGen;
namespace Samples;

/// <summary>A record that holds a network type.</summary>
public partial record Holder
{
    [Network(Loss.CrossEntropy)]
    [Input(2)]
    [Dense(2, Activation.Softmax)]
    private partial class Classifier { }
}

/// <summary>A record struct that holds a network type.</summary>
public partial record struct ValueHolder
{
    [Network(Loss.MeanSquaredError)]
    [Input(2)]
    [Dense(1, Activation.Tanh)]
    internal partial class Regressor { }
}
");
    }

    [Fact]
    public void KeywordIdentifiers_CompileWithoutWarnings()
    {
        // Verbatim identifiers are legal names for namespaces and classes; the generated code must escape them too.
        AssertCompilesCleanly(LanguageVersion.Latest, @"using NetGen;
namespace Samples.@event
{
    /// <summary>A class whose name is a keyword.</summary>
    [Network(Loss.MeanSquaredError)]
    [Input(2)]
    [Dense(1, Activation.Sigmoid)]
    public partial class @class { }
}
");
    }

    private static void AssertCompilesCleanly(LanguageVersion version, string source)
    {
        var outcome = GeneratorHarness.Run(version, source);
        Assert.Null(outcome.Result.Exception);
        Assert.NotEmpty(outcome.Sources);

        var problems = outcome.GeneratorDiagnostics
            .Concat(outcome.AnalyzerDiagnostics)
            .Concat(outcome.Output.GetDiagnostics())
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .ToList();
        Assert.True(problems.Count == 0, "Diagnostics of warning level or above:\n" + Describe(problems, outcome.Output));
    }

    private static string Describe(IEnumerable<Diagnostic> diagnostics, Compilation compilation)
        => string.Join("\n", diagnostics.Take(20).Select(d =>
        {
            string line = "";
            if (d.Location.SourceTree is { } tree)
            {
                int number = d.Location.GetLineSpan().StartLinePosition.Line;
                var lines = tree.GetText().Lines;
                line = number < lines.Count ? "\n      " + lines[number].ToString().Trim() : "";
            }
            return "  " + d + line;
        }));
}

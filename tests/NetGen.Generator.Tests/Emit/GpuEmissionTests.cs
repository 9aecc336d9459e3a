using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Tests.Driving;
using Xunit;

namespace NetGen.Generator.Tests.Emit;

/// <summary>
/// The GPU part (per-sample device functions, the NetGenGpuKernels struct and the nested GpuTrainer) is emitted only
/// when the consumer's compilation references ILGPU (its Accelerator and ArrayView types) and NetGen.Ilgpu (its
/// NetworkGpuTrainer); without ILGPU the generated file has no GPU code and no diagnostic; with ILGPU but without
/// NetGen.Ilgpu it has no GPU code and the generator reports NG0024.
/// </summary>
public sealed class GpuEmissionTests
{
    private const string Network = """
        using NetGen;
        namespace Demo;
        [Network(Loss.MeanSquaredError, LearningRate = 0.1f)]
        [Input(3)]
        [Dense(2, Activation.Tanh)]
        [Dense(1, Activation.Sigmoid)]
        public partial class Small { }
        """;

    /// <summary>Just the two types the generator looks for (the real ILGPU is not referenced by these tests).</summary>
    public const string IlgpuStub = """
        namespace ILGPU.Runtime { public abstract class Accelerator { } }
        namespace ILGPU { public struct ArrayView<T> { } }
        """;

    /// <summary>The type of NetGen.Ilgpu the generator looks for.</summary>
    public const string NetGenIlgpuStub = """
        namespace NetGen.Ilgpu { public abstract class NetworkGpuTrainer<TNetwork, TKernels> { } }
        """;

    [Fact]
    public void Without_ILGPU_no_gpu_code_is_emitted()
    {
        var outcome = GeneratorHarness.Run(Network);
        Assert.Empty(outcome.NgIds);
        string text = outcome.SingleSourceText;
        Assert.DoesNotContain("ILGPU", text);
        Assert.DoesNotContain("GpuTrainer", text);
        Assert.DoesNotContain("NetGenGpu", text);
    }

    [Fact]
    public void With_ILGPU_and_NetGen_Ilgpu_the_device_functions_the_struct_and_the_trainer_are_emitted()
    {
        var outcome = GeneratorHarness.Run(Network, IlgpuStub, NetGenIlgpuStub);
        Assert.Empty(outcome.NgIds);
        string text = outcome.SingleSourceText;
        Assert.Contains("public sealed class GpuTrainer : global::NetGen.Ilgpu.NetworkGpuTrainer<Small, NetGenGpuKernels>", text);
        Assert.Contains("public readonly struct NetGenGpuKernels : global::NetGen.Ilgpu.INetworkGpuKernels, global::NetGen.Ilgpu.INetworkGpuHost<Small>", text);
        Assert.Contains("private static void NetGenGpuForward(", text);
        Assert.Contains("private static float NetGenGpuGradient(", text);
        // The kernels, buffers and optimizer live in NetGen.Ilgpu, not in every network class.
        Assert.DoesNotContain("NetGenGpuGradientKernel", text);
        Assert.DoesNotContain("NetGenGpuUpdateKernel", text);
        Assert.DoesNotContain("Allocate1D", text);
        Assert.DoesNotContain("LoadStreamKernel", text);
        // Device code uses views, never spans or stackalloc.
        int gpu = text.IndexOf("// ---------------------------------------------------------------- ILGPU", System.StringComparison.Ordinal);
        Assert.True(gpu > 0);
        string deviceFunctions = text.Substring(gpu, text.IndexOf("public readonly struct NetGenGpuKernels", System.StringComparison.Ordinal) - gpu);
        Assert.DoesNotContain("stackalloc", deviceFunctions);
        Assert.DoesNotContain("Span<", deviceFunctions);
        Assert.DoesNotContain("FusedMultiplyAdd", deviceFunctions);
    }

    [Fact]
    public void With_ILGPU_but_without_NetGen_Ilgpu_NG0024_is_reported_and_no_gpu_code_is_emitted()
    {
        var outcome = GeneratorHarness.Run(Network, IlgpuStub);
        Assert.Equal(new[] { "NG0024" }, outcome.GeneratorNgIds);
        Assert.Equal(new[] { "NG0024" }, outcome.NgIds);
        var diagnostic = Assert.Single(outcome.BuildDiagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("'Small'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.Contains("NetGen.Ilgpu", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        // The CPU code is still generated, without any GPU part.
        string text = outcome.SingleSourceText;
        Assert.Contains("public float TrainStep(", text);
        Assert.DoesNotContain("GpuTrainer", text);
        Assert.DoesNotContain("NetGenGpu", text);
        Assert.DoesNotContain(outcome.Output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void NetGen_Ilgpu_without_ILGPU_emits_no_gpu_code_and_no_diagnostic()
    {
        var outcome = GeneratorHarness.Run(Network, NetGenIlgpuStub);
        Assert.Empty(outcome.NgIds);
        Assert.DoesNotContain("NetGenGpu", outcome.SingleSourceText);
    }

    [Fact]
    public void An_invalid_layout_gets_its_error_and_no_NG0024()
    {
        const string invalid = """
            using NetGen;
            [Network(Loss.MeanSquaredError)]
            [Dense(1)]
            public partial class NoInput { }
            """;
        var outcome = GeneratorHarness.Run(invalid, IlgpuStub);
        Assert.DoesNotContain("NG0024", outcome.NgIds);
        Assert.Contains("NG0003", outcome.NgIds);
        Assert.False(outcome.Sources.Any());
    }

    /// <summary>A sequence network in a project with GPU trainers gets none, and the info NG0055 from the generator says so.</summary>
    [Fact]
    public void SequenceNetwork_GetsNoGpuTrainer_AndTheInfoNG0055()
    {
        var outcome = GeneratorHarness.Run(Driving.NetworkSources.Sequence, IlgpuStub, NetGenIlgpuStub);
        Assert.Equal(new[] { "NG0055" }, outcome.GeneratorNgIds);
        var diagnostic = Assert.Single(outcome.BuildDiagnostics);
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        Assert.Contains("'Sequence'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        string text = outcome.SingleSourceText;
        Assert.DoesNotContain("GpuTrainer", text);
        Assert.DoesNotContain("NetGenGpu", text);
        Assert.Contains("public void Predict(State state,", text);
    }

    /// <summary>
    /// AdamW, weight decay and clipping run on the CPU only: such a network in a project with GPU trainers gets no GPU code and
    /// the info NG0068 naming what it uses; a plain Adam network beside it still gets its trainer.
    /// </summary>
    [Theory]
    [InlineData("Optimizer = Optimizer.AdamW", "Optimizer.AdamW")]
    [InlineData("Optimizer = Optimizer.Adam, WeightDecay = 0.01f", "WeightDecay")]
    [InlineData("Momentum = 0.9f, ClipGradientNorm = 1f", "ClipGradientNorm")]
    public void AdamWDecayOrClipping_GetsNoGpuTrainer_AndTheInfoNG0068(string settings, string named)
    {
        string source = "using NetGen;\n[Network(Loss.MeanSquaredError, " + settings + ")]\n[Input(2)]\n[Dense(3, Activation.Tanh)]\n[Dense(1)]\npublic partial class Extra { }\n";
        var outcome = GeneratorHarness.Run(source, IlgpuStub, NetGenIlgpuStub);
        Assert.Null(outcome.Result.Exception);
        Assert.Equal(new[] { "NG0068" }, outcome.GeneratorNgIds);
        var diagnostic = Assert.Single(outcome.BuildDiagnostics);
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        Assert.StartsWith($"'Extra' uses {named}: no GpuTrainer is generated for it", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        string text = outcome.SingleSourceText;
        Assert.DoesNotContain("GpuTrainer", text);
        Assert.DoesNotContain("NetGenGpu", text);
        Assert.DoesNotContain(outcome.Output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    /// <summary>A layered network in a project with GPU trainers gets none, and the info NG0064 from the generator says so, naming its first shaped layer.</summary>
    [Fact]
    public void LayeredNetwork_GetsNoGpuTrainer_AndTheInfoNG0064()
    {
        var outcome = GeneratorHarness.Run(Driving.NetworkSources.Layered, IlgpuStub, NetGenIlgpuStub);
        Assert.Null(outcome.Result.Exception);
        Assert.Equal(new[] { "NG0064" }, outcome.GeneratorNgIds);
        var diagnostic = Assert.Single(outcome.BuildDiagnostics);
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        Assert.Equal("'Layered' has a [Conv2D] layer: no GpuTrainer is generated for it (its training runs on the CPU)",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        // At [Network], in the user's source (the generator reports at a file path and span, not a syntax tree).
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("Source0.cs", span.Path);
        int line = System.Array.FindIndex(Driving.NetworkSources.Layered.Split('\n'), l => l.Contains("[Network(", System.StringComparison.Ordinal));
        Assert.Equal(line, span.StartLinePosition.Line);
        Assert.Equal("Network(Loss.CrossEntropy, Seed = 7)".Length, diagnostic.Location.SourceSpan.Length);
        string text = outcome.SingleSourceText;
        Assert.DoesNotContain("GpuTrainer", text);
        Assert.DoesNotContain("NetGenGpu", text);
        Assert.DoesNotContain(outcome.Output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    /// <summary>NG0064 names the first shaped or normalisation layer (a BatchNorm on a flat input too), and an inference-only network gets no note.</summary>
    [Fact]
    public void NG0064_NamesTheFirstLayeredLayer_AndSkipsInferenceOnlyNetworks()
    {
        const string source = """
            using NetGen;
            namespace Demo;
            [Network(Loss.MeanSquaredError)]
            [Input(4)]
            [Dense(3, Activation.Relu)]
            [BatchNorm]
            [Dense(1)]
            public partial class FlatNorm { }

            [Network(Loss.MeanSquaredError, Trainable = false)]
            [Input(1, 6, 6)]
            [Conv2D(2, 3)]
            [Flatten]
            [Dense(1)]
            public partial class InferenceOnly { }
            """;
        var outcome = GeneratorHarness.Run(source, IlgpuStub, NetGenIlgpuStub);
        Assert.Null(outcome.Result.Exception);
        var diagnostic = Assert.Single(outcome.BuildDiagnostics);
        Assert.Equal("NG0064", diagnostic.Id);
        Assert.Equal("'FlatNorm' has a [BatchNorm] layer: no GpuTrainer is generated for it (its training runs on the CPU)",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, outcome.Sources.Count);
        Assert.DoesNotContain(outcome.Sources, s => s.SourceText.ToString().Contains("GpuTrainer", System.StringComparison.Ordinal));
    }

    /// <summary>Without ILGPU a layered network gets no note at all.</summary>
    [Fact]
    public void LayeredNetwork_WithoutIlgpu_GetsNoNG0064()
    {
        var outcome = GeneratorHarness.Run(Driving.NetworkSources.Layered);
        Assert.Empty(outcome.NgIds);
        Assert.Single(outcome.Sources);
    }
}


using NetGen.Generator.Tests.Driving;
using Xunit;

namespace NetGen.Generator.Tests.Emit;

/// <summary>
/// ILGPU kernels and the nested GpuTrainer are emitted only when the consumer's compilation references ILGPU (its
/// Accelerator and ArrayView types); without it the generated file has no GPU code and no diagnostic.
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

    // Just the two types the generator looks for (the real ILGPU is not referenced by these tests).
    private const string IlgpuStub = """
        namespace ILGPU.Runtime { public abstract class Accelerator { } }
        namespace ILGPU { public struct ArrayView<T> { } }
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
    public void With_ILGPU_the_kernels_and_the_trainer_are_emitted()
    {
        var outcome = GeneratorHarness.Run(Network, IlgpuStub);
        Assert.Empty(outcome.NgIds);
        string text = outcome.SingleSourceText;
        Assert.Contains("public sealed class GpuTrainer : global::System.IDisposable", text);
        Assert.Contains("private static float NetGenGpuGradient(", text);
        Assert.Contains("private static void NetGenGpuGradientKernel(", text);
        Assert.Contains("private static void NetGenGpuUpdateKernel(", text);
        Assert.Contains("private static void NetGenGpuPredictKernel(", text);
        // Kernel bodies use views, never spans or stackalloc.
        int kernels = text.IndexOf("// ---------------------------------------------------------------- ILGPU", System.StringComparison.Ordinal);
        Assert.True(kernels > 0);
        string gpuPart = text.Substring(kernels, text.IndexOf("public sealed class GpuTrainer", System.StringComparison.Ordinal) - kernels);
        Assert.DoesNotContain("stackalloc", gpuPart);
        Assert.DoesNotContain("Span<", gpuPart);
        Assert.DoesNotContain("FusedMultiplyAdd", gpuPart);
    }
}

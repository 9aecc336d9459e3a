using NetGen.Generator.Tests.Driving;
using Xunit;

namespace NetGen.Generator.Tests.Output;

/// <summary>
/// The whole generated file for a few networks, compared with the checked-in expected files in Snapshots/, so that
/// any change to the shape or readability of the output is seen in review.
/// </summary>
public sealed class SnapshotTests
{
    [Fact]
    public void PassFail() => Snapshot.Match("PassFail", GeneratedText(NetworkSources.PassFail));

    [Fact]
    public void ThreeLayer() => Snapshot.Match("ThreeLayer", GeneratedText(NetworkSources.ThreeLayer));

    [Fact]
    public void Looped() => Snapshot.Match("Looped", GeneratedText(NetworkSources.Looped));

    [Fact]
    public void Sequence() => Snapshot.Match("Sequence", GeneratedText(NetworkSources.Sequence));

    [Fact]
    public void Layered() => Snapshot.Match("Layered", GeneratedText(NetworkSources.Layered));

    [Fact]
    public void LayeredBatchNorm() => Snapshot.Match("LayeredBatchNorm", GeneratedText(NetworkSources.LayeredBatchNorm));

    /// <summary>
    /// Issue #19's extras in one small network: the Huber loss head (its derived backward term clamp(e, −1, 1)), AdamW with
    /// its default weight decay and global-norm clipping before the step.
    /// </summary>
    [Fact]
    public void Extras() => Snapshot.Match("Extras", GeneratedText("""
        using NetGen;
        namespace Demo;
        [Network(Loss.Huber, Optimizer = Optimizer.AdamW, ClipGradientNorm = 1f, Seed = 3)]
        [Input(2)]
        [Dense(2, Activation.Tanh)]
        [Dense(1)]
        public partial class Extras { }
        """));

    /// <summary>
    /// The GPU part of one network (from the ILGPU marker comment to the end of the file): the per-sample device
    /// functions, the NetGenGpuKernels struct and the GpuTrainer subclass, with ILGPU and NetGen.Ilgpu referenced.
    /// Adam and dropout, so that every member of the struct has its non-trivial form.
    /// </summary>
    [Fact]
    public void GpuPart()
    {
        const string source = """
            using NetGen;
            namespace Demo;
            [Network(Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam, Seed = 3)]
            [Input(3)]
            [Dense(4, Activation.Tanh)]
            [Dropout(0.25f)]
            [Dense(1, Activation.Sigmoid)]
            public partial class SmallGpu { }
            """;
        var outcome = GeneratorHarness.Run(source, Emit.GpuEmissionTests.IlgpuStub, Emit.GpuEmissionTests.NetGenIlgpuStub);
        Assert.Null(outcome.Result.Exception);
        Assert.Empty(outcome.NgIds);
        string text = outcome.SingleSourceText;
        int marker = text.IndexOf("// ---------------------------------------------------------------- ILGPU", System.StringComparison.Ordinal);
        Assert.True(marker > 0, "no GPU part");
        int start = text.LastIndexOf('\n', marker) + 1;
        Snapshot.Match("SmallGpu", text.Substring(start));
    }

    private static string GeneratedText(string source)
    {
        var outcome = GeneratorHarness.Run(source);
        Assert.Null(outcome.Result.Exception);
        Assert.DoesNotContain(outcome.BuildDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        return outcome.SingleSourceText;
    }
}

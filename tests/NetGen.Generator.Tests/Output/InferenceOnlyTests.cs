using System;
using System.Text;
using NetGen.Generator.Tests.Driving;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Generator.Tests.Output;

/// <summary>
/// <c>[Network(…, Trainable = false)]</c>: the generated class implements <c>IInferenceNetwork</c> only and has none of the
/// training members, optimizer state, loss or gradient kernels, dropout machinery or GPU trainer; its file is much smaller.
/// </summary>
public sealed class InferenceOnlyTests
{
    private readonly ITestOutputHelper _output;

    /// <summary>Receives the measured sizes.</summary>
    public InferenceOnlyTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Snapshot_InferenceOnly() => Snapshot.Match("InferenceOnly", Generated(NetworkSources.InferenceOnly));

    [Theory]
    [InlineData("public float Gradient(")]
    [InlineData("public float GradientBatch(")]
    [InlineData("public float TrainStep(")]
    [InlineData("public float TrainBatch(")]
    [InlineData("public float Evaluate(")]
    [InlineData("public float LearningRate")]
    [InlineData("_netgenGradient")]
    [InlineData("_netgenAdamM")]
    [InlineData("_netgenVelocity")]
    [InlineData("NetGenLossKernel")]
    [InlineData("NetGenGradientKernel")]
    [InlineData("NetGenDrawMask")]
    [InlineData("_netgenDropout")]
    [InlineData("global::NetGen.INetwork")]
    [InlineData("GpuTrainer")]
    public void InferenceOnly_HasNo(string member)
    {
        Assert.DoesNotContain(member, Generated(NetworkSources.InferenceOnly));
        Assert.DoesNotContain(member, Generated(NetworkSources.Classifier(trainable: false)));
    }

    [Theory]
    [InlineData("partial class InferenceOnly : global::NetGen.IInferenceNetwork")]
    [InlineData("public void Predict(")]
    [InlineData("public void PredictBatch(")]
    [InlineData("public void SetParameters(")]
    [InlineData("public void Save(")]
    [InlineData("public static InferenceOnly Load(")]
    [InlineData("public void Restore(")]
    [InlineData("public void LoadSafetensors(")]
    [InlineData("new global::NetGen.LayerDescription(global::NetGen.LayerKind.Dropout, 4, 4, global::NetGen.Activation.Identity, 16, 0, 0.25f)")]
    [InlineData("new global::NetGen.Runtime.SafetensorsTensor(\"3.weight\"")]
    public void InferenceOnly_Has(string member) => Assert.Contains(member, Generated(NetworkSources.InferenceOnly));

    [Fact]
    public void Trainable_HasTheTrainingMembers()
    {
        string text = Generated(NetworkSources.Classifier(trainable: true));
        Assert.Contains("partial class Classifier : global::NetGen.INetwork", text);
        Assert.Contains("public float TrainStep(", text);
        Assert.Contains("global::NetGen.Loss global::NetGen.INetwork.Loss => global::NetGen.Loss.CrossEntropy;", text);
    }

    [Fact]
    public void InferenceOnly_IsMuchSmaller()
    {
        int trainable = Encoding.UTF8.GetByteCount(Generated(NetworkSources.Classifier(trainable: true)));
        int inference = Encoding.UTF8.GetByteCount(Generated(NetworkSources.Classifier(trainable: false)));
        _output.WriteLine(FormattableString.Invariant($"6→32→32→3 CrossEntropy classifier: trainable {trainable} bytes, inference-only {inference} bytes ({100.0 * inference / trainable:F1} %)"));
        Assert.True(inference * 2 < trainable, FormattableString.Invariant($"inference-only {inference} bytes, trainable {trainable} bytes"));
    }

    private static string Generated(string source)
    {
        var outcome = GeneratorHarness.Run(source);
        Assert.Null(outcome.Result.Exception);
        Assert.DoesNotContain(outcome.BuildDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        return outcome.SingleSourceText;
    }
}

using System.Text.RegularExpressions;
using NetGen.Generator.Tests.Driving;
using Xunit;

namespace NetGen.Generator.Tests.Output;

/// <summary>
/// <c>[Network(…, Deterministic = true)]</c> (docs/determinism.md): the generated code of every family is the scalar path
/// only — no vector type, no multiply-add, no call of the platform's <c>MathF</c> exp/log/tanh or of <c>ScalarMath</c> —
/// and calls NetGen's deterministic functions instead. The same layouts without the property do use SIMD (the control).
/// </summary>
public sealed class DeterministicNetworkTests
{
    public static readonly TheoryData<string, string> Layouts = new()
    {
        { "Dense", "[Input(6)] [Dense(16, Activation.Tanh)] [Dense(8, Activation.Gelu)] [Dense(4, Activation.Softmax)]" },
        { "DenseMish", "[Input(6)] [Dense(16, Activation.Mish)] [Dense(2, Activation.Sigmoid)]" },
        { "Looped", "[Input(64)] [Dense(32, Activation.Silu)] [Dense(4, Activation.Softmax)]" },
        { "Dropout", "[Input(6)] [Dense(16, Activation.Elu)] [Dropout(0.5f)] [Dense(4, Activation.Softmax)]" },
        { "Cnn", "[Input(2, 8, 8)] [Conv2D(4, 3, padding: 1)] [BatchNorm(Activation.Softplus)] [MaxPool2D(2)] [Flatten] [Dense(4, Activation.Softmax)]" },
        { "Gru", "[Input(3)] [Gru(8)] [Dense(4, Activation.Softmax)]" },
        { "Lstm", "[Input(3)] [Lstm(8)] [Dense(4, Activation.Softmax)]" },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Deterministic_IsScalarWithNetGensOwnMath(string name, string layers)
    {
        string text = Generated(Source(name, layers, deterministic: true));
        Assert.DoesNotMatch(new Regex(@"System\.MathF\.(Exp|Log|Tanh|Pow|FusedMultiplyAdd)\b"), text);
        Assert.DoesNotMatch(new Regex(@"(?<!Deterministic)ScalarMath\."), text);
        Assert.DoesNotMatch(new Regex(@"\bVector(64|128|256|512)?(<|\.)"), text); // SIMD types ("Vector–Jacobian" in docs is fine)
        Assert.DoesNotContain("MultiplyAdd", text);
        Assert.DoesNotContain("VectorMath", text);
        Assert.DoesNotContain("SmallGemm", text);
        Assert.DoesNotContain("OptimizerSteps.Adam(", text);
        Assert.Contains("global::NetGen.Runtime.DeterministicMath.Exp(", text);
        Assert.Contains("global::NetGen.Runtime.OptimizerSteps.AdamDeterministic(", text);
        Assert.Contains("Deterministic: every member runs the scalar kernels", text);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Default_HasSimdAndThePlatformsMath(string name, string layers)
    {
        string text = Generated(Source(name, layers, deterministic: false));
        Assert.Matches(new Regex(@"\bVector(64|128|256|512)?(<|\.)"), text);
        Assert.Matches(new Regex(@"System\.MathF\.(Exp|Log|Tanh)\(|ScalarMath\."), text);
        Assert.DoesNotContain("DeterministicMath", text);
        Assert.DoesNotContain("DeterministicScalarMath", text);
        Assert.DoesNotContain("AdamDeterministic", text);
        Assert.DoesNotContain("Deterministic:", text);
    }

    private static string Source(string name, string layers, bool deterministic) =>
        "using NetGen;\n" +
        $"[Network(Loss.{(name == "DenseMish" ? "BinaryCrossEntropy" : "CrossEntropy")}, Optimizer = Optimizer.Adam{(name is "Gru" or "Lstm" ? ", SequenceLength = 4" : "")}{(name == "Looped" ? ", UnrollLimit = 256" : "")}{(deterministic ? ", Deterministic = true" : "")})]\n" +
        $"{layers}\n" +
        $"public partial class {name} {{ }}\n";

    private static string Generated(string source)
    {
        var outcome = GeneratorHarness.Run(source);
        Assert.Null(outcome.Result.Exception);
        Assert.DoesNotContain(outcome.BuildDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        return outcome.SingleSourceText;
    }
}

using System.Threading.Tasks;
using NetGen.CodeFixes;
using Xunit;
using static NetGen.Generator.Tests.CodeFixes.CodeFixTestSetup;

namespace NetGen.Generator.Tests.CodeFixes;

/// <summary>
/// NG0009: <see cref="FixLossActivationCodeFixProvider"/> offers "NG0009.Loss" (the loss that fits the output
/// activation; offered first) and "NG0009.Activation" (the activation the loss needs; offered second).
/// </summary>
public sealed class FixLossActivationCodeFixTests
{
    private const string LossKey = "NG0009.Loss";
    private const string ActivationKey = "NG0009.Activation";

    private const string BinaryCrossEntropyOnTanh = @"using NetGen;
namespace Samples
{
    [Network(Loss.BinaryCrossEntropy, LearningRate = 0.1f)]
    [Input(2)]
    [Dense(4, Activation.Relu)]
    [{|NG0009:Dense(1, Activation.Tanh)|}]
    public partial class N { }
}
";

    private const string CrossEntropyOnSigmoid = @"using NetGen;
namespace Samples
{
    [Network(Loss.CrossEntropy)]
    [Input(2)]
    [{|NG0009:Dense(3, Activation.Sigmoid)|}]
    public partial class N { }
}
";

    [Fact]
    public Task BinaryCrossEntropyOnTanh_LossFix_UsesMeanSquaredError() => VerifyFix<FixLossActivationCodeFixProvider>(
        BinaryCrossEntropyOnTanh, @"using NetGen;
namespace Samples
{
    [Network(Loss.MeanSquaredError, LearningRate = 0.1f)]
    [Input(2)]
    [Dense(4, Activation.Relu)]
    [Dense(1, Activation.Tanh)]
    public partial class N { }
}
", equivalenceKey: LossKey);

    [Fact]
    public Task BinaryCrossEntropyOnTanh_ActivationFix_UsesSigmoid() => VerifyFix<FixLossActivationCodeFixProvider>(
        BinaryCrossEntropyOnTanh, @"using NetGen;
namespace Samples
{
    [Network(Loss.BinaryCrossEntropy, LearningRate = 0.1f)]
    [Input(2)]
    [Dense(4, Activation.Relu)]
    [Dense(1, Activation.Sigmoid)]
    public partial class N { }
}
", equivalenceKey: ActivationKey);

    [Fact]
    public Task CrossEntropyOnSigmoid_LossFix_UsesBinaryCrossEntropy() => VerifyFix<FixLossActivationCodeFixProvider>(
        CrossEntropyOnSigmoid, @"using NetGen;
namespace Samples
{
    [Network(Loss.BinaryCrossEntropy)]
    [Input(2)]
    [Dense(3, Activation.Sigmoid)]
    public partial class N { }
}
", index: 0);

    [Fact]
    public Task CrossEntropyOnSigmoid_ActivationFix_UsesSoftmax() => VerifyFix<FixLossActivationCodeFixProvider>(
        CrossEntropyOnSigmoid, @"using NetGen;
namespace Samples
{
    [Network(Loss.CrossEntropy)]
    [Input(2)]
    [Dense(3, Activation.Softmax)]
    public partial class N { }
}
", index: 1);

    [Fact]
    public Task DenseWithoutActivation_ActivationFix_AddsTheArgument() => VerifyFix<FixLossActivationCodeFixProvider>(@"using NetGen;
[Network(Loss.BinaryCrossEntropy)]
[Input(2)]
[{|NG0009:Dense(1)|}]
public partial class N { }
", @"using NetGen;
[Network(Loss.BinaryCrossEntropy)]
[Input(2)]
[Dense(1, Activation.Sigmoid)]
public partial class N { }
", equivalenceKey: ActivationKey);

    [Fact]
    public Task DenseWithoutActivation_LossFix_UsesMeanSquaredError() => VerifyFix<FixLossActivationCodeFixProvider>(@"using NetGen;
[Network(Loss.BinaryCrossEntropy)]
[Input(2)]
[{|NG0009:Dense(1)|}]
public partial class N { }
", @"using NetGen;
[Network(Loss.MeanSquaredError)]
[Input(2)]
[Dense(1)]
public partial class N { }
", equivalenceKey: LossKey);

    [Fact]
    public Task QualifiedNames_KeepTheirQualification() => VerifyFix<FixLossActivationCodeFixProvider>(@"[NetGen.Network(NetGen.Loss.BinaryCrossEntropy)]
[NetGen.Input(2)]
[{|NG0009:NetGen.Dense(1)|}]
public partial class N { }
", @"[NetGen.Network(NetGen.Loss.BinaryCrossEntropy)]
[NetGen.Input(2)]
[NetGen.Dense(1, NetGen.Activation.Sigmoid)]
public partial class N { }
", equivalenceKey: ActivationKey);

    [Fact]
    public Task BinaryCrossEntropyOnSoftmax_LossFix_UsesCrossEntropy() => VerifyFix<FixLossActivationCodeFixProvider>(@"using NetGen;
[Network(Loss.BinaryCrossEntropy)]
[Input(2)]
[{|NG0009:Dense(3, Activation.Softmax)|}]
public partial class N { }
", @"using NetGen;
[Network(Loss.CrossEntropy)]
[Input(2)]
[Dense(3, Activation.Softmax)]
public partial class N { }
", equivalenceKey: LossKey);

    // Softmax over the single unit is what the loss asks for, and NG0008 then says why that is wrong: the fixed
    // state expects it (the loss fix is the one that leaves a clean network here).
    [Fact]
    public Task CrossEntropyOnOneSigmoidUnit_ActivationFix_LeavesSoftmaxOverOneUnit() => VerifyFix<FixLossActivationCodeFixProvider>(@"using NetGen;
[Network(Loss.CrossEntropy)]
[Input(2)]
[{|NG0009:Dense(1, Activation.Sigmoid)|}]
public partial class N { }
", @"using NetGen;
[Network(Loss.CrossEntropy)]
[Input(2)]
[{|NG0008:Dense(1, Activation.Softmax)|}]
public partial class N { }
", equivalenceKey: ActivationKey);

    [Fact]
    public Task NamedActivationArgument_ActivationFix_ReplacesIt() => VerifyFix<FixLossActivationCodeFixProvider>(@"using NetGen;
[Network(Loss.BinaryCrossEntropy)]
[Input(2)]
[{|NG0009:Dense(1, activation: Activation.Tanh)|}]
public partial class N { }
", @"using NetGen;
[Network(Loss.BinaryCrossEntropy)]
[Input(2)]
[Dense(1, activation: Activation.Sigmoid)]
public partial class N { }
", equivalenceKey: ActivationKey);

    // Dense(units, activation) written with named arguments in the other order: the activation is the argument named
    // 'activation', not the second one.
    [Fact]
    public Task NamedArgumentsInAnotherOrder_ActivationFix_ReplacesTheActivation() => VerifyFix<FixLossActivationCodeFixProvider>(@"using NetGen;
[Network(Loss.BinaryCrossEntropy)]
[Input(2)]
[{|NG0009:Dense(activation: Activation.Tanh, units: 1)|}]
public partial class N { }
", @"using NetGen;
[Network(Loss.BinaryCrossEntropy)]
[Input(2)]
[Dense(activation: Activation.Sigmoid, units: 1)]
public partial class N { }
", equivalenceKey: ActivationKey);

    [Fact]
    public Task NamedArgumentsInAnotherOrder_LossFix_FitsTheActualActivation() => VerifyFix<FixLossActivationCodeFixProvider>(@"using NetGen;
[Network(Loss.CrossEntropy)]
[Input(2)]
[{|NG0009:Dense(activation: Activation.Sigmoid, units: 3)|}]
public partial class N { }
", @"using NetGen;
[Network(Loss.BinaryCrossEntropy)]
[Input(2)]
[Dense(activation: Activation.Sigmoid, units: 3)]
public partial class N { }
", equivalenceKey: LossKey);
}

using System.Collections.Generic;
using System.Linq;
using NetGen.Reference;
using NetGen.Runtime;

namespace NetGen.Tests.Activations.Math;

/// <summary>
/// Every activation function of <see cref="ScalarMath"/> and <see cref="VectorMath"/> with its reference in
/// <see cref="ActivationMath"/> and its error bound (see docs/simd-accuracy.md for the measured maxima). Absolute
/// floors are there for results that cancel (derivatives crossing zero, tails of the form x·(tiny)); where a function
/// has none its result is held to ulps everywhere.
/// </summary>
internal static class ActivationCases
{
    // GELU-tanh's e^(−2u), u = √(2/π)·x·(1 + 0.044715·x²): u itself is rounded a few times in float, which the
    // exponential turns into a relative error of about |2u|·(a few ε) (this is inherent to computing u in float;
    // PyTorch's float result there is 0, as 1 + tanh u cancels).
    private const string InnerRoundingText = "4ε·|2u|·|ref|";

    private static double InnerRounding(double x, double reference) =>
        4 * (1.0 / (1 << 24)) * 2 * ActivationMath.GeluTanhBeta * System.Math.Abs(x) * (1 + ActivationMath.GeluTanhKappa * x * x)
        * System.Math.Abs(reference);

    public static readonly IReadOnlyList<ActivationCase> All = new ActivationCase[]
    {
        new("Relu", ActivationMath.Relu, null,
            VectorMath.Relu, VectorMath.Relu, VectorMath.Relu, VectorMath.Relu, 0, 0),
        new("ReluStep", ActivationMath.ReluDerivative, null,
            VectorMath.ReluStep, VectorMath.ReluStep, VectorMath.ReluStep, VectorMath.ReluStep, 0, 0),
        new("LeakyRelu", ActivationMath.LeakyRelu, null,
            VectorMath.LeakyRelu, VectorMath.LeakyRelu, VectorMath.LeakyRelu, VectorMath.LeakyRelu, 1, 0),
        new("LeakyReluStep", ActivationMath.LeakyReluDerivative, null,
            VectorMath.LeakyReluStep, VectorMath.LeakyReluStep, VectorMath.LeakyReluStep, VectorMath.LeakyReluStep, 1, 0),
        new("Silu", ActivationMath.Silu, ScalarMath.Silu,
            VectorMath.Silu, VectorMath.Silu, VectorMath.Silu, VectorMath.Silu, 4, 1e-37),
        new("SiluDerivative", ActivationMath.SiluDerivative, ScalarMath.SiluDerivative,
            VectorMath.SiluDerivative, VectorMath.SiluDerivative, VectorMath.SiluDerivative, VectorMath.SiluDerivative, 4, 1e-7),
        new("Gelu", ActivationMath.Gelu, ScalarMath.Gelu,
            VectorMath.Gelu, VectorMath.Gelu, VectorMath.Gelu, VectorMath.Gelu, 6, 1e-37),
        new("GeluDerivative", ActivationMath.GeluDerivative, ScalarMath.GeluDerivative,
            VectorMath.GeluDerivative, VectorMath.GeluDerivative, VectorMath.GeluDerivative, VectorMath.GeluDerivative, 4, 1e-7),
        new("GeluTanh", ActivationMath.GeluTanh, ScalarMath.GeluTanh,
            VectorMath.GeluTanh, VectorMath.GeluTanh, VectorMath.GeluTanh, VectorMath.GeluTanh, 4, 1e-37,
            InnerRounding, InnerRoundingText),
        new("GeluTanhDerivative", ActivationMath.GeluTanhDerivative, ScalarMath.GeluTanhDerivative,
            VectorMath.GeluTanhDerivative, VectorMath.GeluTanhDerivative, VectorMath.GeluTanhDerivative, VectorMath.GeluTanhDerivative, 4, 1e-7,
            InnerRounding, InnerRoundingText),
        new("Elu", ActivationMath.Elu, ScalarMath.Elu,
            VectorMath.Elu, VectorMath.Elu, VectorMath.Elu, VectorMath.Elu, 4, 0),
        new("EluDerivative", ActivationMath.EluDerivative, ScalarMath.EluDerivative,
            VectorMath.EluDerivative, VectorMath.EluDerivative, VectorMath.EluDerivative, VectorMath.EluDerivative, 4, 1e-44),
        new("Softplus", ActivationMath.Softplus, ScalarMath.Softplus,
            VectorMath.Softplus, VectorMath.Softplus, VectorMath.Softplus, VectorMath.Softplus, 4, 1e-44),
        new("SoftplusDerivative", ActivationMath.SoftplusDerivative, ScalarMath.SoftplusDerivative,
            VectorMath.SoftplusDerivative, VectorMath.SoftplusDerivative, VectorMath.SoftplusDerivative, VectorMath.SoftplusDerivative, 4, 1e-44),
        new("Mish", ActivationMath.Mish, ScalarMath.Mish,
            VectorMath.Mish, VectorMath.Mish, VectorMath.Mish, VectorMath.Mish, 4, 1e-37),
        new("MishDerivative", ActivationMath.MishDerivative, ScalarMath.MishDerivative,
            VectorMath.MishDerivative, VectorMath.MishDerivative, VectorMath.MishDerivative, VectorMath.MishDerivative, 4, 1e-7),
        new("HardSigmoid", ActivationMath.HardSigmoid, ScalarMath.HardSigmoid,
            VectorMath.HardSigmoid, VectorMath.HardSigmoid, VectorMath.HardSigmoid, VectorMath.HardSigmoid, 2, 0),
        new("HardSigmoidDerivative", ActivationMath.HardSigmoidDerivative, ScalarMath.HardSigmoidDerivative,
            VectorMath.HardSigmoidDerivative, VectorMath.HardSigmoidDerivative, VectorMath.HardSigmoidDerivative, VectorMath.HardSigmoidDerivative, 1, 0),
        new("HardSwish", ActivationMath.HardSwish, ScalarMath.HardSwish,
            VectorMath.HardSwish, VectorMath.HardSwish, VectorMath.HardSwish, VectorMath.HardSwish, 2, 0),
        new("HardSwishDerivative", ActivationMath.HardSwishDerivative, ScalarMath.HardSwishDerivative,
            VectorMath.HardSwishDerivative, VectorMath.HardSwishDerivative, VectorMath.HardSwishDerivative, VectorMath.HardSwishDerivative, 2, 1e-7),
        new("Erf", ActivationMath.Erf, ScalarMath.Erf,
            VectorMath.Erf, VectorMath.Erf, VectorMath.Erf, VectorMath.Erf, 4, 0),
    };

    public static ActivationCase Named(string name) => All.Single(c => c.Name == name);
}

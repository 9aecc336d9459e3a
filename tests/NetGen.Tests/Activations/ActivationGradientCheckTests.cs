using NetGen.Tests.Networks;
using NetGen.Tests.Simd;
using NetGen.Training;

namespace NetGen.Tests.Activations;

/// <summary>
/// <see cref="GradientCheck"/> (central differences of the double-precision reference) on each network of the
/// activation data, at the data's parameters and batch and at the parameters after its three Adam steps. The data's
/// pre-activations are at least 1.7e-3 from HardSigmoid's and HardSwish's kinks at ±3, far beyond the check's step.
/// </summary>
public sealed class ActivationGradientCheckTests
{
    public static TheoryData<string> Nets => SimdNetworkSets.Data(ActivationNetNames.All);

    [Theory]
    [MemberData(nameof(Nets))]
    public void GradientCheck_Passes(string net)
    {
        var f = ActivationReference.Nets[net];
        var type = NetworkType.Named(ActivationNetNames.Class(net, "Sgd"));
        foreach (var (where, parameters) in new[] { ("initial", f.Parameters), ("after 3 Adam steps", f.Trajectories["Adam"][^1].Parameters) })
        {
            var network = type.Create(ActivationReference.ToFloats(parameters));
            var report = GradientCheck.Run(network, f.FloatInputs, f.FloatTargets);
            Assert.True(report.Passed, $"{net} {where}: {report}");
            Assert.True(report.WorstError < 1e-4, $"{net} {where}: a correct float32 gradient is within 1e-4 of double-precision differences: {report}");
            Assert.Equal(f.Layers.Length, report.LayerErrors.Length);
        }
    }
}

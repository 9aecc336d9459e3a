using System.Linq;
using NetGen.Generator.Emit;
using NetGen.Generator.Emit.Printing;
using NetGen.Generator.Graph;
using NetGen.Generator.Model;
using NetGen.Generator.Tests.Graph;
using Xunit;

namespace NetGen.Generator.Tests.Output;

/// <summary>
/// A small snapshot per activation beside the whole-file ones: the gradient kernel of Input(1) → Dense(1, activation)
/// with MeanSquaredError in each dialect (scalar, lanes, ILGPU), so that a change to one activation's spelling or
/// derivative shows as a few lines in review. Expected files: Snapshots/Activations/&lt;Activation&gt;.g.cs.
/// </summary>
public sealed class ActivationSnapshotTests
{
    public static TheoryData<string> Activations() =>
        new(System.Enum.GetNames(typeof(ActivationKind)).Where(a => a != nameof(ActivationKind.Softmax)));

    [Theory]
    [MemberData(nameof(Activations))]
    public void GradientKernel_InEveryDialect(string name)
    {
        var activation = (ActivationKind)System.Enum.Parse(typeof(ActivationKind), name);
        var spec = NetworkSpecs.Create(1, LossKind.MeanSquaredError, 4096, (1, activation));
        var network = NetworkLowering.Lower(spec);
        var schedule = KernelSchedule.Build(network, KernelKind.Gradient);
        var w = new IndentedWriter();
        foreach (Dialect dialect in new Dialect[] { ScalarDialect.Instance, new LaneDialect(estimate: true), GpuDialect.Instance })
        {
            w.Comment($"---- {dialect.Name}");
            KernelPrinter.Emit(w, schedule, dialect, $"Dense(1, {activation}) gradient, {dialect.Name}.");
        }
        Snapshot.Match("Activations/" + activation, w.ToString());
    }
}

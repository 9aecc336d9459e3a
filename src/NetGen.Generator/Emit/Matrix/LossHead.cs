using NetGen.Generator.Emit.Printing;
using NetGen.Generator.Graph;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit.Matrix;

/// <summary>
/// The matrix kernels' loss head: the output layer's activation and the loss of one sample, on its pre-activations
/// z<sub>L</sub>. Built like the whole network's graph (<see cref="ActivationLowering"/>, <see cref="NetworkLowering.BuildLoss"/>,
/// fused where <see cref="LossFusion"/> applies) with z<sub>L</sub> as the leaves, differentiated by
/// <see cref="ReverseModeDifferentiator"/> (∂L/∂z<sub>L</sub>: the first delta of the backward pass) and printed by the one
/// <see cref="KernelPrinter"/> as two scalar kernels: <c>NetGenHeadForward</c> (outputs) and <c>NetGenHeadGradient</c>
/// (loss and deltas).
/// </summary>
internal static class LossHead
{
    public const string ForwardName = "NetGenHeadForward";
    public const string GradientName = "NetGenHeadGradient";

    /// <summary>The head's two kernels, forward then gradient (inference-only networks: forward only).</summary>
    public static KernelSchedule[] Schedules(NetworkSpec spec, MatrixPlan plan)
    {
        var last = plan.Layers[plan.Layers.Count - 1].Source;
        return Schedules(spec, last.Number, last.Units, last.Activation);
    }

    /// <summary>The head's two kernels for an output layer numbered <paramref name="number"/> of <paramref name="units"/> values and its activation.</summary>
    public static KernelSchedule[] Schedules(NetworkSpec spec, int number, int units, ActivationKind activation)
    {
        var (g, z, outputs) = HeadGraph(number, units, activation);
        int loss = NetworkLowering.BuildLoss(g, spec.Loss, outputs);
        var gradient = ReverseModeDifferentiator.Differentiate(g, loss);
        var head = new LoweredNetwork(g, outputs, loss, gradient, new LayerLayout[0], z.Length);
        var forward = KernelSchedule.Build(head, KernelKind.Forward);
        return spec.Trainable ? new[] { forward, KernelSchedule.Build(head, KernelKind.Gradient) } : new[] { forward };
    }

    public const string BackwardName = "NetGenHeadBackward";

    /// <summary>
    /// The head's vector–Jacobian product (layered networks' <c>Backward</c>): J = Σⱼ tⱼ·aⱼ(z) with t the caller's ∂L/∂y, differentiated
    /// for ∂J/∂z<sub>L</sub> (the first delta of the backward pass through the output activation, Softmax included).
    /// </summary>
    public static KernelSchedule BackwardSchedule(int number, int units, ActivationKind activation)
    {
        var (g, z, outputs) = HeadGraph(number, units, activation);
        int root = NetworkLowering.BuildOutputGradientObjective(g, outputs);
        var gradient = ReverseModeDifferentiator.Differentiate(g, root);
        var head = new LoweredNetwork(g, outputs, root, gradient, new LayerLayout[0], z.Length);
        return KernelSchedule.Build(head, KernelKind.Backward);
    }

    /// <summary>The head's graph: the output layer's pre-activations z as the leaves <c>p[j]</c>, and its activation on them.</summary>
    private static (ExpressionGraph Graph, int[] Z, int[] Outputs) HeadGraph(int number, int units, ActivationKind activation)
    {
        var g = new ExpressionGraph();
        var z = new int[units];
        for (int j = 0; j < z.Length; j++)
        {
            z[j] = g.Parameter(j);
            g.Label(z[j], $"z{number}_{j}", $"z{number}[{j}]");
        }
        return (g, z, ActivationLowering.Apply(g, z, activation, number));
    }

    public static void Emit(IndentedWriter w, KernelSchedule schedule, int layerNumber, bool deterministic = false)
    {
        string summary = schedule.Kind == KernelKind.Forward
            ? $"The outputs of one sample from its pre-activations <c>p</c> = z{layerNumber} (the output layer's activation)."
            : schedule.Kind == KernelKind.Backward
            ? $"The vector–Jacobian product of the output activation: adds ∂(t·a)/∂z{layerNumber} to <c>g</c> for <c>p</c> = z{layerNumber} and <c>t</c> = ∂L/∂a (the first delta of Backward)."
            : $"The loss of one sample from its pre-activations <c>p</c> = z{layerNumber} and targets <c>t</c>; adds ∂L/∂z{layerNumber} (the first delta of the backward pass) to <c>g</c>.";
        KernelPrinter.Emit(w, schedule, deterministic ? HeadDialect.Deterministic : HeadDialect.Instance, summary);
    }

    /// <summary>The scalar dialect with the head's kernel names and signatures.</summary>
    private sealed class HeadDialect : ScalarDialect
    {
        public static readonly new HeadDialect Instance = new(false);

        public static readonly new HeadDialect Deterministic = new(true);

        private HeadDialect(bool deterministic)
            : base(deterministic)
        {
        }

        public override KernelForm Kernel { get; } = new HeadKernelForm();
    }

    private sealed class HeadKernelForm : ScalarKernelForm
    {
        private const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
        private const string Span = "global::System.Span<float>";

        public override string Name(KernelKind kind) => kind == KernelKind.Forward ? ForwardName : kind == KernelKind.Backward ? BackwardName : GradientName;

        public override string Parameters(KernelSchedule k, bool part)
        {
            string s = part ? $"{Span} s, " : "";
            return k.Kind == KernelKind.Forward ? $"{ReadOnlySpan} p, {s}{Span} y" : $"{ReadOnlySpan} p, {ReadOnlySpan} t, {s}{Span} g";
        }

        public override string Arguments(KernelSchedule k) => k.Kind == KernelKind.Forward ? "p, s, y" : "p, t, s, g";
    }
}

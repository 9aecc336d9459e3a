using System.Collections.Generic;
using System.Linq;
using System.Threading;
using NetGen.Generator.Graph;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit.Sequence;

/// <summary>
/// The scalar kernels of a sequence network, all printed from its step graph (<see cref="SequenceLowering"/>) by the one
/// <see cref="Printing.KernelPrinter"/>: the inference step (outputs, then next state), the training forward step (next
/// state only, with the step's dropout mask; dropout networks only), the step gradient with the step's loss, and for
/// <c>SequenceLoss.LastStep</c> the step gradient with only the carried adjoint.
/// </summary>
internal sealed class SequenceKernels
{
    /// <summary>The training forward kernel's name (dropout networks).</summary>
    public const string TrainingForward = "NetGenTrainingForwardKernel";

    /// <summary>The carried-adjoint-only gradient kernel's name (<c>SequenceLoss.LastStep</c>).</summary>
    public const string CarryGradient = "NetGenCarryGradientKernel";

    /// <summary>
    /// The own-loss backward kernels' names: the vector–Jacobian product of one step with ∂J/∂state(t−1) only, with ∂J/∂x(t)
    /// too, the built-in loss's input gradient, and (<c>SequenceLoss.LastStep</c>) its steps before the last.
    /// </summary>
    public const string Backward = "NetGenBackwardKernel", BackwardInput = "NetGenBackwardInputKernel", InputGradient = "NetGenInputGradientKernel", CarryInputGradient = "NetGenCarryInputGradientKernel";

    /// <summary>The lane forms' names (one sequence per lane of <c>Vector&lt;float&gt;</c>).</summary>
    public const string ForwardLanes = "NetGenStepForwardLanes", GradientLanes = "NetGenGradientLanes", CarryGradientLanes = "NetGenCarryGradientLanes";

    /// <summary>Stack one lane-kernel call may take for its vectors, sized for 512-bit vectors.</summary>
    private const long MaxLaneStackBytes = 256 * 1024;

    private SequenceKernels(LoweredNetwork forward, List<(KernelSchedule Schedule, string Summary)> kernels, List<KernelSchedule> lanes)
    {
        Forward = forward;
        Kernels = kernels;
        LaneKernels = lanes;
    }

    /// <summary>
    /// The lane forms of the training step kernels (state-only forward, gradient, carried-only gradient), for
    /// <c>NetGen.Runtime.Lanes.SequenceLaneBatch</c>; empty when the compilation has no SIMD or the network is not trained.
    /// </summary>
    public List<KernelSchedule> LaneKernels { get; }

    /// <summary>The inference step (its <see cref="LoweredNetwork.ParameterCount"/> and layouts serve the class summary).</summary>
    public LoweredNetwork Forward { get; }

    /// <summary>The kernels to print, with their summaries.</summary>
    public List<(KernelSchedule Schedule, string Summary)> Kernels { get; }

    /// <param name="spec">The network.</param>
    /// <param name="token">Cancellation.</param>
    /// <param name="lanes">The compilation has NetGen's SIMD runtime (then the training kernels get lane forms too).</param>
    public static SequenceKernels Build(NetworkSpec spec, CancellationToken token, bool lanes = false)
    {
        var laneKernels = new List<KernelSchedule>();
        var inference = SequenceLowering.Lower(spec, token, training: false);
        var kernels = new List<(KernelSchedule, string)>
        {
            (KernelSchedule.Build(inference.Forward, KernelKind.Forward),
                $"One time step: reads the step's inputs <c>x[0..{spec.InputSize})</c> and the previous state <c>x[{spec.InputSize}..{spec.InputSize + spec.StateSize})</c>; writes the outputs <c>y[0..{spec.OutputSize})</c> and the next state <c>y[{spec.OutputSize}..{spec.OutputSize + spec.StateSize})</c>."),
        };
        if (spec.Trainable && spec.SequenceLength > 0)
        {
            token.ThrowIfCancellationRequested();
            var training = SequenceLowering.Lower(spec, token, training: true);
            var forward = training.Forward;
            var stateOnly = new LoweredNetwork(forward.Graph, forward.Outputs.Skip(spec.OutputSize).ToArray(), forward.Loss, forward.Gradient, forward.Layers, forward.ParameterCount, forward.MaskSize);
            if (lanes)
            {
                laneKernels.Add(KernelSchedule.Build(stateOnly, KernelKind.Forward, costScale: 1.6, name: ForwardLanes));
                laneKernels.Add(KernelSchedule.Build(training.Gradient!, KernelKind.Gradient, costScale: 1.6, name: GradientLanes));
                if (training.CarryGradient is not null) laneKernels.Add(KernelSchedule.Build(training.CarryGradient, KernelKind.Gradient, costScale: 1.6, name: CarryGradientLanes));
                long scratch = laneKernels.Max(k => (long)k.ScratchSize + spec.InputSize + spec.OutputSize + 2L * spec.StateSize + k.MaskSize);
                if (scratch * 64 > MaxLaneStackBytes) laneKernels.Clear();
            }
            if (DropoutEmitter.Has(spec))
            {
                kernels.Add((KernelSchedule.Build(stateOnly, KernelKind.Forward, name: TrainingForward),
                    "One training time step's next state <c>y[0..StateSize)</c> from the inputs and previous state in <c>x</c>, with the step's dropout mask <c>m</c>."));
            }
            kernels.Add((KernelSchedule.Build(training.Gradient!, KernelKind.Gradient),
                "One time step of backpropagation through time: recomputes the step from <c>x</c> (inputs, then the state before the step), returns the step's loss against <c>t[0..OutputSize)</c>, " +
                "adds its share of ∂L/∂θ to <c>g[0..ParameterCount)</c> and adds ∂L/∂state(t−1) to <c>g[ParameterCount..)</c>, given ∂L/∂state(t) in <c>t[OutputSize..)</c> (derived by reverse-mode differentiation of the step graph)."));
            if (training.CarryGradient is not null)
            {
                kernels.Add((KernelSchedule.Build(training.CarryGradient, KernelKind.Gradient, name: CarryGradient),
                    "One time step before the last (<c>SequenceLoss.LastStep</c>: no loss of its own): adds the step's share of ∂L/∂θ to <c>g[0..ParameterCount)</c> and ∂L/∂state(t−1) to <c>g[ParameterCount..)</c>, given ∂L/∂state(t) in <c>t[OutputSize..)</c>; returns 0."));
            }
            AddBackwardKernels(spec, kernels, token);
        }
        return new SequenceKernels(inference.Forward, kernels, laneKernels);
    }

    /// <summary>
    /// <c>Backward</c>'s and <c>InputGradient</c>'s step kernels: each differentiates its own graph (inference, no dropout) so
    /// that dead-code elimination keeps only what its member stores. Every one writes <c>dx[0..InputSize + StateSize)</c>:
    /// ∂J/∂x(t), then ∂J/∂state(t−1), which the step before receives in <c>t[OutputSize..)</c>.
    /// </summary>
    private static void AddBackwardKernels(NetworkSpec spec, List<(KernelSchedule Schedule, string Summary)> kernels, CancellationToken token)
    {
        const string carry = "given ∂J/∂state(t) in <c>t[OutputSize..)</c>, writes ∂J/∂state(t−1) to <c>dx[InputSize..)</c>";
        kernels.Add((KernelSchedule.Build(SequenceLowering.LowerBackward(spec, StepObjective.OutputGradient, inputs: false, token), KernelKind.BackwardInput, name: Backward),
            $"One time step of Backward (J = Σ t·y(t) + carried): adds the step's ∂J/∂θ to <c>g</c>, {carry}, and 0 to <c>dx[0..InputSize)</c> (reverse-mode differentiation of the inference step)."));
        token.ThrowIfCancellationRequested();
        kernels.Add((KernelSchedule.Build(SequenceLowering.LowerBackward(spec, StepObjective.OutputGradient, inputs: true, token), KernelKind.BackwardInput, name: BackwardInput),
            $"One time step of Backward with ∂L/∂x: adds the step's ∂J/∂θ to <c>g</c>, writes ∂J/∂x(t) to <c>dx[0..InputSize)</c> and, {carry}."));
        token.ThrowIfCancellationRequested();
        kernels.Add((KernelSchedule.Build(SequenceLowering.LowerBackward(spec, StepObjective.Loss, inputs: true, token), KernelKind.InputGradient, name: InputGradient),
            $"One time step of InputGradient: returns the step's loss against <c>t[0..OutputSize)</c>, writes ∂J/∂x(t) to <c>dx[0..InputSize)</c> and, {carry}."));
        if (spec.SequenceLoss != SequenceLossKind.LastStep) return;
        token.ThrowIfCancellationRequested();
        kernels.Add((KernelSchedule.Build(SequenceLowering.LowerBackward(spec, StepObjective.CarryOnly, inputs: true, token), KernelKind.InputGradient, name: CarryInputGradient),
            $"One time step before the last of InputGradient (<c>SequenceLoss.LastStep</c>: no loss of its own): writes ∂J/∂x(t) to <c>dx[0..InputSize)</c> and, {carry}; returns 0."));
    }
}

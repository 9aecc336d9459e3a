using System.Collections.Generic;
using System.Linq;
using System.Threading;
using NetGen.Generator.Model;

namespace NetGen.Generator.Graph;

/// <summary>
/// Lowers a sequence network to the graph of one time step (its cell): the leaves are the step's inputs <c>x[0..InputSize)</c>
/// followed by the previous state <c>x[InputSize + k]</c>; the results are the step's outputs and its next state. Training
/// differentiates, for backpropagation through time, the objective J = L(t) + Σₖ u[k]·state(t)[k], whose leaves u (the
/// targets <c>t[OutputSize + k]</c>) carry ∂L/∂state(t) back from the later steps: ∂J/∂θ is the step's share of the
/// gradient (the shares of all steps summed are every path through the unrolled graph, the weights being shared), and
/// ∂J/∂state(t−1) is what the step before receives as its u. The same layer records and the same differentiator as the
/// feed-forward networks: time is the only loop the generator adds.
/// </summary>
internal static class SequenceLowering
{
    /// <param name="spec">A sequence network (<see cref="NetworkSpec.IsSequence"/>).</param>
    /// <param name="token">Cancellation.</param>
    /// <param name="training">True for the training graph (dropout masks per step), which is also differentiated.</param>
    public static SequenceStep Lower(NetworkSpec spec, CancellationToken token, bool training)
    {
        var (g, outputs, next, context) = LowerStep(spec, token, training);
        int parameters = context.ParameterOffset;
        var forward = new LoweredNetwork(g, outputs.Concat(next).ToArray(), g.Constant(0f), new Gradient(), context.Layouts, parameters, context.MaskSize);
        if (!training) return new SequenceStep(forward, null, null);

        int loss = NetworkLowering.BuildLoss(g, spec.Loss, outputs);
        int carry = Carry(g, next, spec.OutputSize);
        int objective = g.Add(loss, carry);
        token.ThrowIfCancellationRequested();
        var withLoss = StepGradient(g, objective, spec, parameters);
        var step = new LoweredNetwork(g, outputs, loss, withLoss, context.Layouts, parameters, context.MaskSize);
        LoweredNetwork? carryOnly = null;
        if (spec.SequenceLoss == SequenceLossKind.LastStep)
        {
            token.ThrowIfCancellationRequested();
            carryOnly = new LoweredNetwork(g, outputs, g.Constant(0f), StepGradient(g, carry, spec, parameters), context.Layouts, parameters, context.MaskSize);
        }
        return new SequenceStep(forward, step, carryOnly);
    }

    /// <summary>
    /// One step of the caller's own backward pass (<c>Backward</c>, <c>InputGradient</c>) on the inference graph (no dropout):
    /// J = (the step's <paramref name="objective"/>) + Σₖ u[k]·state(t)[k]. The result's input adjoints, <see
    /// cref="LoweredNetwork.InputSize"/> = InputSize + StateSize of them, are ∂J/∂x(t) followed by ∂J/∂state(t−1), the u of the
    /// step before; with <paramref name="inputs"/> false only the state's are kept (the kernel stores 0 for the inputs').
    /// </summary>
    /// <param name="spec">A trainable sequence network.</param>
    /// <param name="objective">What the step adds to J besides the carried adjoint.</param>
    /// <param name="inputs">Whether ∂J/∂x(t) is wanted.</param>
    /// <param name="token">Cancellation.</param>
    public static LoweredNetwork LowerBackward(NetworkSpec spec, StepObjective objective, bool inputs, CancellationToken token)
    {
        var (g, outputs, next, context) = LowerStep(spec, token, training: false);
        int own;
        switch (objective)
        {
            case StepObjective.OutputGradient:
                own = NetworkLowering.BuildOutputGradientObjective(g, outputs);
                break;
            case StepObjective.Loss:
                own = NetworkLowering.BuildLoss(g, spec.Loss, outputs);
                break;
            case StepObjective.CarryOnly:
                own = g.Constant(0f);
                break;
            default:
                throw new System.InvalidOperationException($"Step objective {objective} is not lowered.");
        }
        int root = g.Add(own, Carry(g, next, spec.OutputSize));
        token.ThrowIfCancellationRequested();
        var full = ReverseModeDifferentiator.Differentiate(g, root, differentiateInputs: true);
        if (!inputs)
        {
            for (int i = 0; i < spec.InputSize; i++) full.Inputs.Remove(i);
        }
        g.Constant(0f); // an input no path reaches stores this
        int loss = objective == StepObjective.Loss ? own : g.Constant(0f);
        return new LoweredNetwork(g, outputs, loss, full, context.Layouts, context.ParameterOffset) { InputSize = spec.InputSize + spec.StateSize };
    }

    /// <summary>The step graph: the inputs then the previous state as leaves, every layer lowered; the outputs and next state.</summary>
    private static (ExpressionGraph Graph, int[] Outputs, int[] Next, LayerLoweringContext Context) LowerStep(NetworkSpec spec, CancellationToken token, bool training)
    {
        var g = new ExpressionGraph();
        var x = new int[spec.InputSize];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = g.Input(i);
            g.Label(x[i], $"x{i}", $"x(t)[{i}]");
        }
        var context = new LayerLoweringContext(g, x, spec.UnrollLimit, training, stateStart: spec.InputSize);
        foreach (var layer in spec.Layers)
        {
            token.ThrowIfCancellationRequested();
            layer.Lower(context);
        }
        int[] outputs = context.Values;
        int[] next = context.StateOutputs.ToArray();
        if (next.Length != spec.StateSize) throw new System.InvalidOperationException($"The layers carry {next.Length} state values; the network declares {spec.StateSize}.");
        return (g, outputs, next, context);
    }

    /// <summary>Σₖ u[k]·state(t)[k], u[k] the target leaf <c>t[OutputSize + k]</c>: the later steps' loss, to first order.</summary>
    private static int Carry(ExpressionGraph g, int[] next, int outputSize)
    {
        if (next.Length == 0) return g.Constant(0f);
        var terms = new List<int>(next.Length);
        for (int k = 0; k < next.Length; k++)
        {
            int u = g.Target(outputSize + k);
            g.Label(u, $"u{k}", $"∂L/∂state(t)[{k}]");
            terms.Add(g.Multiply(u, next[k]));
        }
        return g.Sum(terms);
    }

    /// <summary>
    /// ∂J/∂θ with ∂J/∂state(t−1)[k] stored after the parameters, at gradient slot <c>ParameterCount + k</c> (the drivers pass
    /// a buffer of <c>ParameterCount + StateSize</c> and read the carried adjoint from its tail).
    /// </summary>
    private static Gradient StepGradient(ExpressionGraph g, int objective, NetworkSpec spec, int parameters)
    {
        var full = ReverseModeDifferentiator.Differentiate(g, objective, differentiateInputs: true);
        var result = new Gradient();
        foreach (var entry in full.Parameters) result.Parameters[entry.Key] = entry.Value;
        result.Blocks.AddRange(full.Blocks);
        for (int k = 0; k < spec.StateSize; k++)
        {
            if (!full.Inputs.TryGetValue(spec.InputSize + k, out int adjoint)) continue;
            result.Parameters[parameters + k] = adjoint;
            // A display name for the printed statement's comment (this leaf is never read: slots past the parameters are the carry).
            var state = g.LabelOf(g.Input(spec.InputSize + k));
            g.Label(g.Parameter(parameters + k), $"carry{k}", state?.Display ?? $"state(t−1)[{k}]");
        }
        return result;
    }
}

/// <summary>
/// The lowered step of a sequence network: its forward graph (outputs then next state, <see cref="LoweredNetwork.Outputs"/>);
/// for the training graph, the step gradient with the step's loss and, for <c>SequenceLoss.LastStep</c>, the one with the
/// carried adjoint only (the steps before the last have no loss of their own).
/// </summary>
internal sealed record SequenceStep(LoweredNetwork Forward, LoweredNetwork? Gradient, LoweredNetwork? CarryGradient);

/// <summary>What one step of a sequence network's own-loss backward pass differentiates besides the carried adjoint.</summary>
internal enum StepObjective
{
    /// <summary>Σⱼ t[j]·y(t)[j], t the caller's ∂L/∂y(t) (<c>Backward</c>).</summary>
    OutputGradient,
    /// <summary>The step's built-in loss against the targets <c>t</c> (<c>InputGradient</c>).</summary>
    Loss,
    /// <summary>Nothing: a step before the last with <c>SequenceLoss.LastStep</c> (<c>InputGradient</c>).</summary>
    CarryOnly,
}

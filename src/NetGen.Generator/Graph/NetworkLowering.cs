using System.Threading;
using NetGen.Generator.Model;

namespace NetGen.Generator.Graph;

/// <summary>
/// Lowers a <see cref="NetworkSpec"/> to the expression graph: the inputs, then each layer lowers itself in source order
/// (<see cref="Model.Layers.LayerModel.Lower"/>); the loss is built on the outputs and targets and differentiated.
/// </summary>
internal static class NetworkLowering
{
    /// <param name="spec">The network.</param>
    /// <param name="token">Cancellation.</param>
    /// <param name="training">
    /// True for the training graph: a Dropout layer multiplies each value by a mask leaf <c>m[k]</c> (so the derivation
    /// multiplies by the same mask). The inference graph has no dropout.
    /// </param>
    public static LoweredNetwork Lower(NetworkSpec spec, CancellationToken token = default, bool training = false)
    {
        var (g, activations, context) = LowerLayers(spec, token, training);
        int loss = BuildLoss(g, spec.Loss, activations);

        token.ThrowIfCancellationRequested();
        var gradient = ReverseModeDifferentiator.Differentiate(g, loss);
        return new LoweredNetwork(g, activations, loss, gradient, context.Layouts, context.ParameterOffset, context.MaskSize);
    }

    /// <summary>The input leaves <c>x[i]</c>, then every layer lowered in source order: the graph, its outputs and the context.</summary>
    private static (ExpressionGraph Graph, int[] Outputs, LayerLoweringContext Context) LowerLayers(NetworkSpec spec, CancellationToken token, bool training)
    {
        var g = new ExpressionGraph();
        var activations = new int[spec.InputSize];
        for (int i = 0; i < activations.Length; i++)
        {
            activations[i] = g.Input(i);
            g.Label(activations[i], $"x{i}", $"x[{i}]");
        }

        var context = new LayerLoweringContext(g, activations, spec.UnrollLimit, training);
        foreach (var layer in spec.Layers)
        {
            token.ThrowIfCancellationRequested();
            layer.Lower(context);
        }
        return (g, context.Values, context);
    }

    /// <summary>
    /// The graph of one backward member, from the inference graph (what <c>Predict</c> computes, no dropout).
    /// <paramref name="loss"/> false: the root is J = Σⱼ tⱼ·yⱼ with the target leaves <c>t</c> holding the caller's ∂L/∂y, so that
    /// ∂J/∂θ and ∂J/∂x are the vector–Jacobian products (the same trick as the sequence path's J = L + Σ u·state);
    /// <paramref name="loss"/> true: the root is the built-in per-sample loss. Inputs are differentiated when
    /// <paramref name="inputs"/> is set; the kernel schedule keeps only what its member stores.
    /// </summary>
    public static LoweredNetwork LowerBackward(NetworkSpec spec, bool loss, bool inputs, CancellationToken token = default)
    {
        var (g, outputs, context) = LowerLayers(spec, token, training: false);
        int root = loss ? BuildLoss(g, spec.Loss, outputs) : BuildOutputGradientObjective(g, outputs);
        token.ThrowIfCancellationRequested();
        var gradient = ReverseModeDifferentiator.Differentiate(g, root, differentiateInputs: inputs);
        g.Constant(0f); // an input no path reaches stores this
        return new LoweredNetwork(g, outputs, root, gradient, context.Layouts, context.ParameterOffset) { InputSize = spec.InputSize };
    }

    /// <summary>
    /// J = Σⱼ t[j]·y[j] on <paramref name="outputs"/>, the target leaves <c>t[j]</c> holding the caller's ∂L/∂y: differentiated,
    /// ∂J/∂θ and ∂J/∂x are the vector–Jacobian products (<c>Backward</c>). The whole network's graph, a sequence network's
    /// step and the matrix kernels' output head build it here, the same way.
    /// </summary>
    public static int BuildOutputGradientObjective(ExpressionGraph g, int[] outputs)
    {
        var products = new int[outputs.Length];
        for (int j = 0; j < outputs.Length; j++) products[j] = g.Multiply(g.Target(j), outputs[j]);
        int root = g.Sum(products);
        g.Comment(root, "J = Σⱼ t[j]·y[j]: t holds the caller's ∂L/∂y, so ∂J/∂θ (and ∂J/∂x) is the vector–Jacobian product");
        return root;
    }

    /// <summary>
    /// The per-sample loss on <paramref name="outputs"/> and target leaves <c>t[j]</c> (fused with the output activation where
    /// <see cref="LossFusion"/> recognises it), labelled and commented. The whole network's graph and the matrix kernels' loss
    /// head build it here, the same way.
    /// </summary>
    public static int BuildLoss(ExpressionGraph g, LossKind kind, int[] outputs)
    {
        var targets = new int[outputs.Length];
        for (int j = 0; j < targets.Length; j++) targets[j] = g.Target(j);
        int loss = kind switch
        {
            LossKind.BinaryCrossEntropy => LossFusion.BinaryCrossEntropy(g, outputs, targets),
            LossKind.CrossEntropy => LossFusion.CrossEntropy(g, outputs, targets),
            LossKind.MeanSquaredError => LossFusion.MeanSquaredError(g, outputs, targets),
            LossKind.Huber => LossFusion.Elementwise(g, outputs, targets, OpKind.Huber, "Huber"),
            LossKind.L1 => LossFusion.Elementwise(g, outputs, targets, OpKind.Abs, "L1"),
            _ => throw new System.InvalidOperationException($"Loss {kind} is not lowered."),
        };
        g.Label(loss, "loss", "L");
        g.Comment(loss, kind switch
        {
            LossKind.CrossEntropy => $"Loss: CrossEntropy over {outputs.Length} classes, −Σ t·log softmax(z) (a sum over classes, as nn.CrossEntropyLoss)",
            LossKind.BinaryCrossEntropy => $"Loss: BinaryCrossEntropy, mean over {outputs.Length} output(s) (nn.BCELoss, logs clamped at −100)",
            LossKind.Huber => $"Loss: Huber (δ = 1), mean over {outputs.Length} output(s) (nn.HuberLoss)",
            LossKind.L1 => $"Loss: L1, mean over {outputs.Length} output(s) of |y − t| (nn.L1Loss)",
            _ => $"Loss: MeanSquaredError, mean over {outputs.Length} output(s) (nn.MSELoss)",
        });
        return loss;
    }
}

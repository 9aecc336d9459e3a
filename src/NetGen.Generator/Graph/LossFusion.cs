using System.Collections.Generic;

namespace NetGen.Generator.Graph;

/// <summary>
/// Builds per-sample losses, rewriting a loss over its output activation into the fused form whose derivative
/// is short and stable: BCE(σ(z), t) becomes <see cref="OpKind.SigmoidBinaryCrossEntropy"/>(z, t) with
/// ∂/∂z = σ(z) − t, and CE(softmax(z), t) becomes Σᵢ tᵢ·(logsumexp(z) − zᵢ), whose derivative the
/// differentiator reduces to softmax(z)·Σt − t. Without the pattern the generic, clamped-log form is built.
/// </summary>
internal static class LossFusion
{
    /// <summary>PyTorch <c>MSELoss(reduction='mean')</c>: mean over outputs of (y − t)².</summary>
    public static int MeanSquaredError(ExpressionGraph g, IReadOnlyList<int> outputs, IReadOnlyList<int> targets)
    {
        var squares = new List<int>();
        for (int j = 0; j < outputs.Count; j++)
        {
            int error = g.Subtract(outputs[j], targets[j]);
            g.Label(error, $"e_{j}", $"e[{j}]");
            g.Comment(error, $"Loss (MeanSquaredError): error e[{j}] = y[{j}] − t[{j}]");
            squares.Add(g.Unary(OpKind.Square, error));
        }
        return Mean(g, squares);
    }

    /// <summary>
    /// PyTorch <c>HuberLoss(reduction='mean', delta=1)</c> (<see cref="OpKind.Huber"/> of each error) or <c>L1Loss(reduction='mean')</c>
    /// (<see cref="OpKind.Abs"/> of each error): the mean over outputs. The derivative is each op's own (clamp(e, −1, 1), sign(e)).
    /// </summary>
    public static int Elementwise(ExpressionGraph g, IReadOnlyList<int> outputs, IReadOnlyList<int> targets, OpKind term, string name)
    {
        var terms = new List<int>();
        for (int j = 0; j < outputs.Count; j++)
        {
            int error = g.Subtract(outputs[j], targets[j]);
            g.Label(error, $"e_{j}", $"e[{j}]");
            g.Comment(error, $"Loss ({name}): error e[{j}] = y[{j}] − t[{j}]");
            terms.Add(g.Unary(term, error));
        }
        return Mean(g, terms);
    }

    /// <summary>PyTorch <c>BCELoss(reduction='mean')</c>, each log clamped at −100.</summary>
    public static int BinaryCrossEntropy(ExpressionGraph g, IReadOnlyList<int> outputs, IReadOnlyList<int> targets)
    {
        var terms = new List<int>();
        for (int j = 0; j < outputs.Count; j++)
        {
            var y = g[outputs[j]];
            if (y.Kind == OpKind.Sigmoid)
            {
                terms.Add(g.SigmoidBinaryCrossEntropy(y.Args[0], targets[j]));
                continue;
            }
            // −(t·log y + (1 − t)·log(1 − y))
            int one = g.Constant(1f);
            int logY = g.Unary(OpKind.ClampedLog, outputs[j]);
            int logNotY = g.Unary(OpKind.ClampedLog, g.Subtract(one, outputs[j]));
            terms.Add(g.Negate(g.Add(g.Multiply(targets[j], logY), g.Multiply(g.Subtract(one, targets[j]), logNotY))));
        }
        return Mean(g, terms);
    }

    /// <summary>
    /// PyTorch <c>CrossEntropyLoss</c> on the pre-softmax values with probability targets: −Σᵢ tᵢ·log softmax(z)ᵢ.
    /// </summary>
    public static int CrossEntropy(ExpressionGraph g, IReadOnlyList<int> outputs, IReadOnlyList<int> targets)
    {
        var terms = new List<int>();
        for (int j = 0; j < outputs.Count; j++)
        {
            if (TrySoftmaxParts(g, outputs[j], out int z, out int lse))
            {
                // −tⱼ·log softmax(z)ⱼ = tⱼ·(lse − zⱼ)
                terms.Add(g.Multiply(targets[j], g.Subtract(lse, z)));
            }
            else
            {
                terms.Add(g.Negate(g.Multiply(targets[j], g.Unary(OpKind.ClampedLog, outputs[j]))));
            }
        }
        return g.Sum(terms);
    }

    /// <summary>Recognises softmaxⱼ = exp(zⱼ − logsumexp(z)).</summary>
    private static bool TrySoftmaxParts(ExpressionGraph g, int output, out int z, out int lse)
    {
        z = lse = -1;
        var y = g[output];
        if (y.Kind != OpKind.Exp) return false;
        var difference = g[y.Args[0]];
        if (difference.Kind != OpKind.Subtract || g[difference.Args[1]].Kind != OpKind.LogSumExp) return false;
        z = difference.Args[0];
        lse = difference.Args[1];
        return true;
    }

    private static int Mean(ExpressionGraph g, List<int> terms)
        => g.Multiply(g.Constant(1f / terms.Count), g.Sum(terms));
}

using NetGen.Generator.Model;
using NetGen.Generator.Model.Activations;

namespace NetGen.Generator.Graph;

/// <summary>Lowers a layer's activation into the graph, from its <see cref="ActivationDefinition"/>.</summary>
internal static class ActivationLowering
{
    /// <summary>The layer's outputs a = f(z), labelled <c>a{number}[j]</c> and commented with what they compute.</summary>
    public static int[] Apply(ExpressionGraph g, int[] z, ActivationKind activation, int number)
    {
        var definition = ActivationTable.Of(activation);
        switch (definition.Shape)
        {
            case ActivationShape.Identity:
                return z;
            case ActivationShape.Softmax:
                return Softmax(g, z, number);
            case ActivationShape.Elementwise:
                var op = definition.Op ?? throw new System.InvalidOperationException($"Activation {activation} has no op.");
                var a = new int[z.Length];
                for (int j = 0; j < z.Length; j++)
                {
                    a[j] = g.Unary(op, z[j]);
                    g.Label(a[j], $"a{number}_{j}", $"a{number}[{j}]");
                    g.Comment(a[j], $"Layer {number}: a{number}[{j}] = {activation}(z{number}[{j}])");
                }
                return a;
            default:
                throw new System.InvalidOperationException($"Activation shape {definition.Shape} is not lowered.");
        }
    }

    private static int[] Softmax(ExpressionGraph g, int[] z, int number)
    {
        var a = new int[z.Length];
        int lse = g.LogSumExp(z);
        g.Label(lse, $"lse{number}", $"logsumexp(z{number})");
        g.Comment(lse, $"Layer {number}: softmax normaliser logsumexp(z{number}) (max-shifted, stable)");
        for (int j = 0; j < z.Length; j++)
        {
            a[j] = g.Unary(OpKind.Exp, g.Subtract(z[j], lse));
            g.Label(a[j], $"a{number}_{j}", $"a{number}[{j}]");
            g.Comment(a[j], $"Layer {number}: a{number}[{j}] = softmax(z{number})[{j}] = exp(z{number}[{j}] − logsumexp(z{number}))");
        }
        return a;
    }
}

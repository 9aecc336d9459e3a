using NetGen.Generator.Model;

namespace NetGen.Generator.Graph;

/// <summary>Lowers a layer's activation onto its pre-activation nodes (shared by every layer kind that has one).</summary>
internal static class ActivationLowering
{
    /// <summary>The activated values of <paramref name="z"/> (the same nodes for Identity), labelled as layer <paramref name="number"/>'s.</summary>
    internal static int[] Apply(ExpressionGraph g, int[] z, ActivationKind activation, int number)
    {
        if (activation == ActivationKind.Identity) return z;
        var a = new int[z.Length];
        if (activation == ActivationKind.Softmax)
        {
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
        var kind = activation switch
        {
            ActivationKind.Sigmoid => OpKind.Sigmoid,
            ActivationKind.Tanh => OpKind.Tanh,
            ActivationKind.Relu => OpKind.Relu,
            _ => OpKind.LeakyRelu,
        };
        for (int j = 0; j < z.Length; j++)
        {
            a[j] = g.Unary(kind, z[j]);
            g.Label(a[j], $"a{number}_{j}", $"a{number}[{j}]");
            g.Comment(a[j], $"Layer {number}: a{number}[{j}] = {activation}(z{number}[{j}])");
        }
        return a;
    }
}

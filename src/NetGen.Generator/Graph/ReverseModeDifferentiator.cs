using System.Collections.Generic;
using System.Linq;

namespace NetGen.Generator.Graph;

/// <summary>
/// Symbolic reverse-mode differentiation over the expression graph. Visits the nodes the output depends on in
/// reverse topological order; each node's adjoint is the sum of the contributions of every consumer
/// (every path through the graph summed), and each contribution is the consumer's adjoint times the
/// consumer's local derivative from <see cref="Ops.OpTable"/> (the chain rule). The result is more graph nodes,
/// simplified as they are built, that the emitters print like the forward pass.
/// </summary>
internal static class ReverseModeDifferentiator
{
    /// <param name="graph">The graph; adjoint nodes are added to it.</param>
    /// <param name="output">The scalar to differentiate (the loss).</param>
    /// <param name="differentiateInputs">Also compute ∂output/∂x (tests); parameters are always differentiated.</param>
    public static Gradient Differentiate(ExpressionGraph graph, int output, bool differentiateInputs = false)
    {
        int count = graph.Count;
        var needs = NeedsGradient(graph, count, differentiateInputs);
        var reachable = Reachable(graph, output);
        var contributions = new Dictionary<int, List<Contribution>>();
        var macroDeltas = new Dictionary<int, int[]>();
        var result = new Gradient();
        contributions[output] = new List<Contribution> { new(graph.Constant(1f), -1, graph.Constant(1f)) };

        for (int id = output; id >= 0; id--)
        {
            if (!reachable[id] || !needs[id]) continue;
            var node = graph[id];
            if (node.Kind == OpKind.MatVec)
            {
                // A vector-valued node: its adjoint is the vector of its elements' adjoints.
                if (macroDeltas.TryGetValue(id, out var deltasOfMacro)) ApplyMatVec(graph, id, deltasOfMacro, needs, contributions, result);
                continue;
            }
            if (!contributions.TryGetValue(id, out var terms)) continue;

            // Paths summed, in consumer order (ascending) so that sums read naturally.
            terms.Reverse();
            int adjoint = graph.Sum(terms.Select(t => t.Node));
            result.Adjoints[id] = adjoint;
            NameAdjoint(graph, id, adjoint, terms, result);

            switch (node.Kind)
            {
                case OpKind.Parameter:
                    AddParameterGradient(graph, result, node.Index, adjoint);
                    break;
                case OpKind.Input:
                    result.Inputs[node.Index] = adjoint;
                    break;
                case OpKind.Element:
                    int macro = node.Args[0];
                    if (!macroDeltas.TryGetValue(macro, out var deltas))
                    {
                        deltas = Enumerable.Repeat(graph.Constant(0f), graph[macro].Width).ToArray();
                        macroDeltas[macro] = deltas;
                    }
                    deltas[node.Index] = adjoint;
                    break;
                case OpKind.Constant:
                case OpKind.Target:
                case OpKind.Mask:
                case OpKind.TransposedMatVec:
                    break;
                default:
                    for (int i = 0; i < node.Args.Length; i++)
                    {
                        int arg = node.Args[i];
                        if (!needs[arg]) continue;
                        int local = Ops.OpTable.LocalDerivative(graph, id, i);
                        Add(contributions, arg, graph.Multiply(adjoint, local), adjoint, local);
                    }
                    break;
            }
        }
        return result;
    }

    /// <summary>The chain rule through a matvec: its vector–Jacobian product from <see cref="MatVecRules"/>.</summary>
    private static void ApplyMatVec(ExpressionGraph graph, int id, int[] deltas, bool[] needs, Dictionary<int, List<Contribution>> contributions, Gradient result)
    {
        var node = graph[id];
        var vjp = MatVecRules.MatVecVectorJacobian(graph, id, deltas, node.Args.Any(a => needs[a]));
        foreach (var bias in vjp.BiasGradients) AddParameterGradient(graph, result, bias.Key, bias.Value);
        result.Blocks.Add(vjp.Weights);
        if (vjp.InputAdjoints is null) return;
        for (int i = 0; i < node.Args.Length; i++)
        {
            if (needs[node.Args[i]]) Add(contributions, node.Args[i], vjp.InputAdjoints[i], -1, vjp.InputAdjoints[i]);
        }
    }

    private static void AddParameterGradient(ExpressionGraph graph, Gradient result, int index, int adjoint)
    {
        result.Parameters[index] = result.Parameters.TryGetValue(index, out int existing) ? graph.Add(existing, adjoint) : adjoint;
    }

    private static void Add(Dictionary<int, List<Contribution>> contributions, int target, int node, int consumerAdjoint, int local)
    {
        if (!contributions.TryGetValue(target, out var list)) contributions[target] = list = new List<Contribution>();
        list.Add(new Contribution(node, consumerAdjoint, local));
    }

    /// <summary>A node needs a gradient when it depends on a parameter (or an input, when inputs are differentiated).</summary>
    private static bool[] NeedsGradient(ExpressionGraph graph, int count, bool inputs)
    {
        var needs = new bool[count];
        for (int id = 0; id < count; id++)
        {
            var node = graph[id];
            needs[id] = node.Kind switch
            {
                OpKind.Parameter => true,
                OpKind.Input => inputs,
                OpKind.MatVec or OpKind.TransposedMatVec => true,
                _ => node.Args.Any(a => needs[a]),
            };
        }
        return needs;
    }

    private static bool[] Reachable(ExpressionGraph graph, int output)
    {
        var seen = new bool[graph.Count];
        var stack = new Stack<int>();
        stack.Push(output);
        while (stack.Count > 0)
        {
            int id = stack.Pop();
            if (seen[id]) continue;
            seen[id] = true;
            foreach (int a in graph[id].Args) stack.Push(a);
        }
        return seen;
    }

    /// <summary>Names ∂L/∂v after v (<c>dz1_0</c>, shown as <c>∂L/∂z1[0]</c>) and records the chain-rule term as a comment.</summary>
    private static void NameAdjoint(ExpressionGraph graph, int id, int adjoint, List<Contribution> terms, Gradient result)
    {
        var label = graph.LabelOf(id);
        if (label is null || graph[id].IsLeaf || graph[adjoint].IsLeaf || graph[adjoint].Kind == OpKind.Element) return;
        var paths = terms.Select(t => (t.ConsumerAdjoint, t.Local)).ToList();
        graph.Comment(adjoint, ChainRuleText.Describe(graph, "∂L/∂" + label.Display, paths));
        graph.Label(adjoint, "d" + label.Identifier, "∂L/∂" + label.Display);
    }

    private readonly struct Contribution
    {
        public Contribution(int node, int consumerAdjoint, int local)
        {
            Node = node;
            ConsumerAdjoint = consumerAdjoint;
            Local = local;
        }

        /// <summary>The contribution itself: the consumer's adjoint times the local derivative.</summary>
        public int Node { get; }

        /// <summary>Adjoint of the consumer this path comes through (−1 for the seed, or for a matvec's Wᵀ·δ).</summary>
        public int ConsumerAdjoint { get; }

        /// <summary>The local derivative on this path (the whole contribution for a matvec's Wᵀ·δ).</summary>
        public int Local { get; }
    }
}

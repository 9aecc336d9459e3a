using System.Collections.Generic;

namespace NetGen.Generator.Graph;

/// <summary>The derivative rule of the <see cref="OpKind.MatVec"/> macro (a looped Dense layer), written once.</summary>
internal static class MatVecRules
{
    /// <summary>
    /// Vector–Jacobian product of <c>z = W·a + b</c> (a <see cref="OpKind.MatVec"/> macro) for the adjoint
    /// <paramref name="deltas"/> = ∂L/∂z: ∂L/∂b = δ, ∂L/∂W = δ ⊗ a (a loop block), ∂L/∂a = Wᵀ·δ.
    /// </summary>
    public static MatVecAdjoint MatVecVectorJacobian(ExpressionGraph g, int macroId, int[] deltas, bool needInputAdjoint)
    {
        var node = g[macroId];
        var block = node.Block!;
        var biasGradients = new List<KeyValuePair<int, int>>();
        for (int j = 0; j < block.Rows; j++) biasGradients.Add(new KeyValuePair<int, int>(block.BiasOffset + j, deltas[j]));
        var weights = new GradientBlock(block, deltas, node.Args);
        int[]? inputAdjoints = null;
        if (needInputAdjoint)
        {
            int transposed = g.TransposedMatVec(block, deltas);
            inputAdjoints = new int[block.Columns];
            for (int i = 0; i < block.Columns; i++) inputAdjoints[i] = g.Element(transposed, i);
        }
        return new MatVecAdjoint(biasGradients, weights, inputAdjoints);
    }
}

/// <summary>∂L/∂W of a looped Dense layer: <c>g[W + j·Columns + i] += Deltas[j] · Inputs[i]</c>, emitted as a loop.</summary>
internal sealed record GradientBlock(DenseBlock Block, int[] Deltas, int[] Inputs);

/// <summary>The pieces of a matvec's vector–Jacobian product.</summary>
internal sealed record MatVecAdjoint(List<KeyValuePair<int, int>> BiasGradients, GradientBlock Weights, int[]? InputAdjoints);

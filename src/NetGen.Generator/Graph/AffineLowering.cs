using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetGen.Generator.Graph;

/// <summary>
/// An affine map z = W·a + b over one parameter block, lowered into the graph: scalar sums within the unroll budget, a
/// <see cref="OpKind.MatVec"/> macro (loops, its vector–Jacobian product in <see cref="MatVecRules"/>) past it. The
/// Dense layer, the recurrent layers and the causal convolution build their sums with it; each row is labelled and commented.
/// </summary>
internal static class AffineLowering
{
    /// <summary>
    /// As <see cref="Build(ExpressionGraph, DenseBlock, IReadOnlyList{int}, bool, string, Func{int, string}, string)"/>, the
    /// comments from one template: <paramref name="rowTemplate"/> with the row (<c>{0}</c>) on each scalar sum, and with
    /// <c>0..Rows−1</c> and ", as loops" on the macro.
    /// </summary>
    public static int[] Build(ExpressionGraph g, DenseBlock block, IReadOnlyList<int> inputs, bool unrolled, string identifier, string rowTemplate)
        => Build(g, block, inputs, unrolled, identifier,
            row => string.Format(CultureInfo.InvariantCulture, rowTemplate, row),
            string.Format(CultureInfo.InvariantCulture, rowTemplate, "0.." + (block.Rows - 1)) + " as loops, past the unroll budget");

    /// <param name="g">The graph.</param>
    /// <param name="block">Weights <c>[Rows, Columns]</c> row-major at <see cref="DenseBlock.WeightOffset"/>, biases at <see cref="DenseBlock.BiasOffset"/>.</param>
    /// <param name="inputs">The <see cref="DenseBlock.Columns"/> values multiplied by each row.</param>
    /// <param name="unrolled">True for scalar sums, false for the macro.</param>
    /// <param name="identifier">The C# name stem of the rows (<c>gi2</c> → <c>gi2_0</c>, <c>gi2_1</c>, …); the macro's own name.</param>
    /// <param name="rowComment">What row j's scalar sum computes, for the generated code's comments.</param>
    /// <param name="loopComment">What the macro computes.</param>
    public static int[] Build(ExpressionGraph g, DenseBlock block, IReadOnlyList<int> inputs, bool unrolled, string identifier, Func<int, string> rowComment, string loopComment)
    {
        var z = new int[block.Rows];
        if (!unrolled)
        {
            int macro = g.MatVec(block, inputs);
            g.Label(macro, identifier, identifier);
            g.Comment(macro, loopComment);
            for (int j = 0; j < z.Length; j++)
            {
                z[j] = g.Element(macro, j);
                g.Label(z[j], $"{identifier}_{j}", $"{identifier}[{j}]");
            }
            return z;
        }
        for (int j = 0; j < block.Rows; j++)
        {
            var terms = new List<int>(block.Columns + 1) { g.Parameter(block.BiasOffset + j) };
            for (int i = 0; i < block.Columns; i++) terms.Add(g.Multiply(g.Parameter(block.WeightOffset + j * block.Columns + i), inputs[i]));
            z[j] = g.Sum(terms);
            g.Label(z[j], $"{identifier}_{j}", $"{identifier}[{j}]");
            g.Comment(z[j], rowComment(j));
        }
        return z;
    }
}

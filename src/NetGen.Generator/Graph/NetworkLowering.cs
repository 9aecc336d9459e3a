using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using NetGen.Generator.Model;

namespace NetGen.Generator.Graph;

/// <summary>
/// Lowers a <see cref="NetworkSpec"/> to the expression graph: each Dense layer becomes, per neuron,
/// zⱼ = bⱼ + Σᵢ wⱼᵢ·aᵢ (scalar nodes when the layer is within the unroll budget, a matvec macro past it),
/// then its activation; the loss is built on the outputs and targets and differentiated.
/// </summary>
internal static class NetworkLowering
{
    /// <param name="spec">The network.</param>
    /// <param name="token">Cancellation.</param>
    /// <param name="training">
    /// True for the training graph: each unit of a layer followed by <c>[Dropout]</c> is multiplied by a mask leaf
    /// <c>m[k]</c> (so the derivation multiplies by the same mask). The inference graph has no dropout.
    /// </param>
    public static LoweredNetwork Lower(NetworkSpec spec, CancellationToken token = default, bool training = false)
    {
        int maskSize = 0;
        var g = new ExpressionGraph();
        var activations = new int[spec.InputSize];
        for (int i = 0; i < activations.Length; i++)
        {
            activations[i] = g.Input(i);
            g.Label(activations[i], $"x{i}", $"x[{i}]");
        }

        var layers = new List<LayerLayout>();
        int offset = 0;
        int[] preActivations = activations;
        for (int l = 0; l < spec.Layers.Count; l++)
        {
            token.ThrowIfCancellationRequested();
            var layer = spec.Layers[l];
            int number = l + 1;
            int fanIn = spec.FanIn(l);
            var block = new DenseBlock(offset, offset + layer.Units * fanIn, layer.Units, fanIn);
            offset = block.BiasOffset + layer.Units;
            bool unrolled = (long)fanIn * layer.Units <= spec.UnrollLimit;
            string source = l == 0 ? $"Input({spec.InputSize})" : $"layer {l}";
            layers.Add(new LayerLayout(number, fanIn, layer.Units, layer.Activation.ToString(), block.WeightOffset, block.BiasOffset, unrolled));

            NameParameters(g, block, number);
            preActivations = unrolled
                ? UnrolledAffine(g, block, activations, number, layer, source)
                : LoopedAffine(g, block, activations, number, layer, source);
            activations = ActivationLowering.Apply(g, preActivations, layer.Activation, number);
            if (training && layer.DropoutAfter > 0f) activations = Drop(g, activations, layer, number, ref maskSize);
        }

        var targets = new int[activations.Length];
        for (int j = 0; j < targets.Length; j++) targets[j] = g.Target(j);
        int loss = spec.Loss switch
        {
            LossKind.BinaryCrossEntropy => LossFusion.BinaryCrossEntropy(g, activations, targets),
            LossKind.CrossEntropy => LossFusion.CrossEntropy(g, activations, targets),
            LossKind.MeanSquaredError => LossFusion.MeanSquaredError(g, activations, targets),
            _ => throw new System.InvalidOperationException($"Loss {spec.Loss} is not lowered."),
        };
        g.Label(loss, "loss", "L");
        g.Comment(loss, spec.Loss switch
        {
            LossKind.CrossEntropy => $"Loss: CrossEntropy over {activations.Length} classes, −Σ t·log softmax(z) (a sum over classes, as nn.CrossEntropyLoss)",
            LossKind.BinaryCrossEntropy => $"Loss: BinaryCrossEntropy, mean over {activations.Length} output(s) (nn.BCELoss, logs clamped at −100)",
            LossKind.MeanSquaredError or _ => $"Loss: MeanSquaredError, mean over {activations.Length} output(s) (nn.MSELoss)",
        });

        token.ThrowIfCancellationRequested();
        var gradient = ReverseModeDifferentiator.Differentiate(g, loss);
        return new LoweredNetwork(g, activations, loss, gradient, layers, offset, maskSize);
    }

    /// <summary>Inverted dropout on a layer's outputs: aⱼ·m[k], with m[k] ∈ {0, 1/(1−p)} drawn per sample by the caller.</summary>
    private static int[] Drop(ExpressionGraph g, int[] a, LayerSpec layer, int number, ref int maskSize)
    {
        var dropped = new int[a.Length];
        for (int j = 0; j < a.Length; j++)
        {
            int k = maskSize + j;
            dropped[j] = g.Multiply(a[j], g.Mask(k));
            g.Label(dropped[j], $"d{number}_{j}", $"d{number}[{j}]");
            g.Comment(dropped[j], string.Format(CultureInfo.InvariantCulture,
                "Dropout({0}) after layer {1}: d{1}[j] = a{1}[j]·m[{2} + j], m ∈ {{0, 1/(1−p)}} drawn per sample", FloatLiteral(layer.DropoutAfter), number, maskSize));
        }
        maskSize += a.Length;
        return dropped;
    }

    private static string FloatLiteral(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void NameParameters(ExpressionGraph g, DenseBlock block, int number)
    {
        // Only display names: parameters are read from p[k] in the emitted code.
        if ((long)block.Rows * block.Columns > 65536) return;
        for (int j = 0; j < block.Rows; j++)
        {
            for (int i = 0; i < block.Columns; i++)
            {
                g.Label(g.Parameter(block.WeightOffset + j * block.Columns + i), $"w{number}_{j}_{i}", $"w{number}[{j},{i}]");
            }
            g.Label(g.Parameter(block.BiasOffset + j), $"b{number}_{j}", $"b{number}[{j}]");
        }
    }

    private static int[] UnrolledAffine(ExpressionGraph g, DenseBlock block, int[] inputs, int number, LayerSpec layer, string source)
    {
        var z = new int[block.Rows];
        for (int j = 0; j < block.Rows; j++)
        {
            var terms = new List<int>(block.Columns + 1) { g.Parameter(block.BiasOffset + j) };
            for (int i = 0; i < block.Columns; i++)
            {
                terms.Add(g.Multiply(g.Parameter(block.WeightOffset + j * block.Columns + i), inputs[i]));
            }
            z[j] = g.Sum(terms);
            g.Label(z[j], $"z{number}_{j}", $"z{number}[{j}]");
            g.Comment(z[j], $"Layer {number}: Dense({layer.Units}, {layer.Activation}) ← {source}, neuron {j}: z{number}[{j}] = b{number}[{j}] + Σi w{number}[{j},i]·a{number - 1}[i]");
        }
        return z;
    }

    private static int[] LoopedAffine(ExpressionGraph g, DenseBlock block, int[] inputs, int number, LayerSpec layer, string source)
    {
        int macro = g.MatVec(block, inputs);
        g.Label(macro, $"z{number}", $"z{number}");
        g.Comment(macro, string.Format(CultureInfo.InvariantCulture,
            "Layer {0}: Dense({1}, {2}) ← {3}: z{0} = W{0}·a{4} + b{0} as loops ({5} multiply-adds, past the unroll budget)",
            number, layer.Units, layer.Activation, source, number - 1, (long)block.Rows * block.Columns));
        var z = new int[block.Rows];
        for (int j = 0; j < z.Length; j++)
        {
            z[j] = g.Element(macro, j);
            g.Label(z[j], $"z{number}_{j}", $"z{number}[{j}]");
        }
        return z;
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Graph;
using NetGen.Generator.Model;
using Xunit;

namespace NetGen.Generator.Tests.Graph;

/// <summary>
/// Lowers <see cref="NetworkSpec"/>s with every activation and every valid loss, unrolled, looped (matvec macros)
/// and mixed, and checks the loss node against a plain reference implementation and the lowered gradient against
/// finite differences of the loss node.
/// </summary>
public sealed class NetworkLoweringGradientTests
{
    private static readonly ActivationKind[] HiddenActivations =
    {
        ActivationKind.Identity, ActivationKind.Sigmoid, ActivationKind.Tanh, ActivationKind.Relu, ActivationKind.LeakyRelu,
    };

    private static readonly (LossKind Loss, ActivationKind Output)[] ValidHeads =
    {
        (LossKind.MeanSquaredError, ActivationKind.Identity),
        (LossKind.MeanSquaredError, ActivationKind.Sigmoid),
        (LossKind.MeanSquaredError, ActivationKind.Tanh),
        (LossKind.MeanSquaredError, ActivationKind.Relu),
        (LossKind.MeanSquaredError, ActivationKind.LeakyRelu),
        (LossKind.MeanSquaredError, ActivationKind.Softmax),
        (LossKind.BinaryCrossEntropy, ActivationKind.Sigmoid),
        (LossKind.CrossEntropy, ActivationKind.Softmax),
    };

    /// <summary>Layers of 12, 20 and 15 multiply-adds: 4096 unrolls all, 0 loops all, 12 and 15 mix the two.</summary>
    private static readonly int[] UnrollLimits = { 4096, 0, 12, 15 };

    public static IEnumerable<object[]> Layouts()
    {
        for (int h = 0; h < HiddenActivations.Length; h++)
        {
            foreach (var head in ValidHeads)
            {
                foreach (int limit in UnrollLimits)
                {
                    // The two hidden layers use different activations, so every pair of neighbours appears.
                    var second = HiddenActivations[(h + 1) % HiddenActivations.Length];
                    // Theory arguments use the runtime's public enums (the mirrors are internal and have the same values).
                    yield return new object[] { (Activation)HiddenActivations[h], (Activation)second, (Loss)head.Loss, (Activation)head.Output, limit };
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void LossAndGradient_MatchReferenceAndFiniteDifferences(
        Activation first, Activation second, Loss loss, Activation output, int unrollLimit)
    {
        var spec = NetworkSpecs.Create(3, (LossKind)loss, unrollLimit, (4, (ActivationKind)first), (5, (ActivationKind)second), (3, (ActivationKind)output));
        var network = NetworkLowering.Lower(spec);
        var (x, t, p) = Point(spec, seed: HashCode(first, second, loss, output, unrollLimit));

        Assert.Equal((int)spec.ParameterCountLong, network.ParameterCount);

        var values = GraphEvaluator.Evaluate(network.Graph, x, t, p);
        double expectedLoss = ReferenceNetwork.Loss(spec, x, t, p);
        Assert.Equal(expectedLoss, values[network.Loss], tolerance: 1e-6 * Math.Max(1, Math.Abs(expectedLoss))); // 1/n is a float constant
        var expectedOutputs = ReferenceNetwork.Forward(spec, x, p, out _);
        for (int j = 0; j < expectedOutputs.Length; j++) Assert.Equal(expectedOutputs[j], values[network.Outputs[j]], tolerance: 1e-9);

        var symbolic = GradientCheck.SymbolicParameters(network.Gradient, values, network.ParameterCount);
        var numeric = GradientCheck.CentralDifferences(network.Graph, network.Loss, x, t, p, ofInputs: false);
        GradientCheck.AssertClose(numeric, symbolic, "∂L/∂p");
        AssertLayersEmittedAs(network, spec);
    }

    [Theory]
    [InlineData(Loss.MeanSquaredError, Activation.Tanh)]
    [InlineData(Loss.BinaryCrossEntropy, Activation.Sigmoid)]
    [InlineData(Loss.CrossEntropy, Activation.Softmax)]
    public void LoopedLayers_MatVecMacros_GradientsOfParametersAndInputs(Loss loss, Activation output)
    {
        // UnrollLimit 0: every layer is a MatVec macro; differentiating the inputs too exercises Wᵀ·δ of layer 1.
        var spec = NetworkSpecs.Create(4, (LossKind)loss, 0, (3, ActivationKind.Tanh), (5, ActivationKind.LeakyRelu), (2, (ActivationKind)output));
        var network = NetworkLowering.Lower(spec);
        Assert.Contains(network.Graph.Nodes, n => n.Kind == OpKind.MatVec);
        var (x, t, p) = Point(spec, seed: 7 + (int)loss);

        var gradient = ReverseModeDifferentiator.Differentiate(network.Graph, network.Loss, differentiateInputs: true);
        var values = GraphEvaluator.Evaluate(network.Graph, x, t, p);

        GradientCheck.AssertClose(
            GradientCheck.CentralDifferences(network.Graph, network.Loss, x, t, p, ofInputs: false),
            GradientCheck.SymbolicParameters(gradient, values, network.ParameterCount),
            "∂L/∂p");
        GradientCheck.AssertClose(
            GradientCheck.CentralDifferences(network.Graph, network.Loss, x, t, p, ofInputs: true),
            GradientCheck.SymbolicInputs(gradient, values, spec.InputSize),
            "∂L/∂x");
        Assert.Equal(3, gradient.Blocks.Count);
        Assert.Contains(network.Graph.Nodes, n => n.Kind == OpKind.TransposedMatVec && n.Block!.WeightOffset == 0);
    }

    [Fact]
    public void PassFailLayout_GradientMatchesFiniteDifferences()
    {
        var spec = NetworkSpecs.Create(3, LossKind.MeanSquaredError, 4096, (1, ActivationKind.Sigmoid), (1, ActivationKind.Sigmoid));
        var network = NetworkLowering.Lower(spec);
        double[] x = { 95, 4, 4 }, t = { 1 };
        double[] p = { 0.01, -0.2, 0.3, 0.1, 0.7, -0.3 };

        var values = GraphEvaluator.Evaluate(network.Graph, x, t, p);
        Assert.Equal(ReferenceNetwork.Loss(spec, x, t, p), values[network.Loss], 12);
        GradientCheck.AssertClose(
            GradientCheck.CentralDifferences(network.Graph, network.Loss, x, t, p, ofInputs: false),
            GradientCheck.SymbolicParameters(network.Gradient, values, network.ParameterCount),
            "∂L/∂p");
    }

    private static void AssertLayersEmittedAs(LoweredNetwork network, NetworkSpec spec)
    {
        int looped = network.Graph.Nodes.Count(n => n.Kind == OpKind.MatVec);
        int expectedLooped = spec.Layers.Count(l => l.MultiplyAdds > spec.UnrollLimit);
        Assert.Equal(expectedLooped, looped);
        Assert.Equal(expectedLooped, network.Gradient.Blocks.Count);
        for (int l = 0; l < spec.Layers.Count; l++)
        {
            Assert.Equal(spec.Layers[l].MultiplyAdds <= spec.UnrollLimit, network.Layers[l].Unrolled);
        }
    }

    /// <summary>A reproducible point: x in [−1, 1], targets in (0, 1) (Σt ≠ 1 on purpose), parameters in [−1, 1].</summary>
    private static (double[] X, double[] T, double[] P) Point(NetworkSpec spec, int seed)
    {
        var random = new Random(seed);
        double Uniform(double lo, double hi) => lo + (hi - lo) * random.NextDouble();
        var x = Enumerable.Range(0, spec.InputSize).Select(_ => Uniform(-1, 1)).ToArray();
        var t = Enumerable.Range(0, spec.OutputSize).Select(_ => Uniform(0.05, 0.95)).ToArray();
        var p = Enumerable.Range(0, (int)spec.ParameterCountLong).Select(_ => Uniform(-1, 1)).ToArray();
        return (x, t, p);
    }

    private static int HashCode(Activation first, Activation second, Loss loss, Activation output, int limit)
        => (((int)first * 7 + (int)second) * 5 + (int)loss) * 11 + (int)output + limit;
}

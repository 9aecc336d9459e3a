using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Model.Layers;

namespace NetGen.Generator.Tests.Graph;

/// <summary>Builds <see cref="NetworkSpec"/> records directly (no Roslyn), with the attribute's defaults for everything not given.</summary>
internal static class NetworkSpecs
{
    public static NetworkSpec Create(int inputSize, LossKind loss, int unrollLimit, params (int Units, ActivationKind Activation)[] layers)
        => new(
            Namespace: "Tests",
            ClassName: "Net",
            Accessibility: "public",
            ContainingTypes: EquatableArray<ContainingTypeSpec>.Empty,
            InputSize: inputSize,
            Layers: Dense(inputSize, layers).ToEquatableArray(),
            Loss: loss,
            Optimizer: OptimizerKind.Sgd,
            LearningRate: 0.01f,
            Momentum: 0f,
            Beta1: 0.9f,
            Beta2: 0.999f,
            Epsilon: 1e-8f,
            Seed: 0,
            UnrollLimit: unrollLimit,
            VectorWidths: EquatableArray<int>.Empty);

    /// <summary>The Dense layers of a chain: each one's input size is the previous one's units.</summary>
    private static LayerModel[] Dense(int inputSize, (int Units, ActivationKind Activation)[] layers)
    {
        var result = new LayerModel[layers.Length];
        int fanIn = inputSize;
        for (int l = 0; l < layers.Length; l++)
        {
            result[l] = new DenseLayer(l + 1, fanIn, layers[l].Units, layers[l].Activation);
            fanIn = layers[l].Units;
        }
        return result;
    }
}

using System.Linq;
using NetGen.Generator.Model;

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
            Layers: layers.Select(l => new LayerSpec(l.Units, l.Activation)).ToEquatableArray(),
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
}

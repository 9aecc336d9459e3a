using System;
using System.Collections.Generic;
using System.Globalization;
using NetGen.Generator.Graph;
using NetGen.Generator.Model.Shapes;

namespace NetGen.Generator.Model.Layers;

/// <summary>
/// A layer of a layered network (convolution, pooling, flatten, normalisation): it reads one sample's values of shape
/// <see cref="Input"/> and writes <see cref="Output"/>. These layers are too large to unroll: each is printed as loops with
/// constant bounds (<c>Emit/Layered/</c>), its backward pass the vector–Jacobian product of its definition, written once
/// beside its forward loops; the activation's chain-rule term comes from the activation's one definition.
/// </summary>
/// <param name="Number">The layer's number: its place among the network's layer attributes (1-based).</param>
/// <param name="Input">The shape of one sample's values going in.</param>
internal abstract record ShapedLayer(int Number, TensorShape Input) : LayerModel(Number, Input.Size)
{
    /// <summary>The shape of one sample's values coming out.</summary>
    public abstract TensorShape Output { get; }

    /// <inheritdoc/>
    public override int OutputSize => Output.Size;

    /// <summary>The activation applied after the layer (Identity for layers without one).</summary>
    public virtual ActivationKind Activation => ActivationKind.Identity;

    /// <summary>Running statistics the layer keeps besides its parameters (a BatchNorm's mean, variance and batch count).</summary>
    public virtual int StatisticsSize => 0;

    /// <summary>The attribute as a reader would write it: <c>Conv2D(16, 8, stride: 4, LeakyRelu)</c>.</summary>
    public abstract string AttributeText { get; }

    /// <summary>The layer's name in diagnostics (<c>Conv2D</c>).</summary>
    public abstract string KindName { get; }

    /// <summary>The module of the layer itself, then the activation's unless Identity.</summary>
    public override int SequentialModules => Activation == ActivationKind.Identity ? 1 : 2;

    /// <inheritdoc/>
    public override string ChainText => $" → {AttributeText} {Output}";

    /// <summary>Not called: layered networks are printed as loops, not lowered into the scalar graph.</summary>
    public override void Lower(LayerLoweringContext context)
        => throw new InvalidOperationException($"Layer {Number} ({KindName}) is emitted as loops; it has no scalar-graph lowering.");

    /// <inheritdoc/>
    public override UniformInitialisation? Initialisation(int parameterOffset) => null;

    /// <inheritdoc/>
    public override IEnumerable<SequentialTensor> Tensors(int moduleIndex, int parameterOffset)
    {
        yield break;
    }

    /// <summary>The runtime description, for a kind of <c>global::NetGen.LayerKind</c>.</summary>
    protected string Describe(string kind, int parameterOffset) => string.Format(CultureInfo.InvariantCulture,
        "new global::NetGen.LayerDescription(global::NetGen.LayerKind.{0}, {1}, {2}, global::NetGen.Activation.{3}, {4}, {5}, 0f)",
        kind, InputSize, OutputSize, Activation, parameterOffset, ParameterCount);

    /// <summary>An activation suffix for <see cref="AttributeText"/>: empty for Identity.</summary>
    protected string ActivationSuffix(bool first) => Activation == ActivationKind.Identity ? "" : (first ? "" : ", ") + Activation;

    /// <summary>A shape as the tensor list writes it.</summary>
    protected static EquatableArray<int> Shape(params int[] dimensions) => new(dimensions);
}

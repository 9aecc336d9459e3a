using System.Collections.Generic;
using NetGen.Generator.Graph;

namespace NetGen.Generator.Model.Layers;

/// <summary>
/// One layer of a network, in source order: a record type that owns everything about its kind (its shape, its
/// parameters and their <c>torch.nn.Sequential</c> tensors, their initialisation, its lowering into the expression graph,
/// and how it describes itself to the runtime). Each kind validates its own attribute in a static method of its record.
/// A new kind is a new record deriving from this one; nothing here or in the other kinds changes.
/// </summary>
/// <param name="Number">
/// The layer's number in diagnostics, comments and labels: <c>[Dense]</c> layers count 1, 2, …; a layer without
/// parameters of its own (<see cref="DropoutLayer"/>) carries the number of the layer it follows.
/// </param>
/// <param name="InputSize">Values one sample feeds into the layer.</param>
internal abstract record LayerModel(int Number, int InputSize)
{
    /// <summary>Values one sample gets out of the layer.</summary>
    public abstract int OutputSize { get; }

    /// <summary>Parameters the layer owns, in <see cref="long"/> so that absurd layouts cannot overflow.</summary>
    public abstract long ParameterCount { get; }

    /// <summary>Modules the layer takes in the equivalent <c>torch.nn.Sequential</c> (each one is an index).</summary>
    public abstract int SequentialModules { get; }

    /// <summary>Multiply-adds one sample costs, which the unroll budget counts (0 for layers that are not emitted as sums).</summary>
    public virtual long MultiplyAdds => 0;

    /// <summary>Dropout mask values one training sample needs for this layer.</summary>
    public virtual int MaskSize => 0;

    /// <summary>True for a layer that steps through time (recurrent layers, causal convolutions): the network is then a sequence network.</summary>
    public virtual bool IsSequenceLayer => false;

    /// <summary>Values of recurrent state the layer carries from one time step to the next (0 for layers without memory).</summary>
    public virtual int StateSize => 0;

    /// <summary>What the layer's state holds, for the generated docs (<c>"h of layer 2"</c>); empty without state.</summary>
    public virtual string StateText => "";

    /// <summary>The layer in the generated class summary's chain (<c>" → Dense(3, Tanh)"</c>), empty when it is not shown.</summary>
    public abstract string ChainText { get; }

    /// <summary>The layer's part of the saved-file layout fingerprint (empty when it does not change the file's shape).</summary>
    public abstract string FingerprintText { get; }

    /// <summary>The layer's tensors, named from its first module index, its parameters starting at <paramref name="parameterOffset"/>.</summary>
    public abstract IEnumerable<SequentialTensor> Tensors(int moduleIndex, int parameterOffset);

    /// <summary>How the seeded constructor fills the layer's parameters, or null when it has none to draw.</summary>
    public abstract UniformInitialisation? Initialisation(int parameterOffset);

    /// <summary>A C# expression creating the layer's <c>global::NetGen.LayerDescription</c> (what <c>INetwork.Layers</c> returns).</summary>
    public abstract string Description(int parameterOffset);

    /// <summary>Adds the layer to the graph: reads <see cref="LayerLoweringContext.Values"/> and replaces them with its outputs.</summary>
    public abstract void Lower(LayerLoweringContext context);
}

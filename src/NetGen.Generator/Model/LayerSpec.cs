namespace NetGen.Generator.Model;

/// <summary>One <c>[Dense]</c> layer: its width and its activation.</summary>
internal sealed record LayerSpec(int Units, ActivationKind Activation);

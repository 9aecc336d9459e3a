namespace NetGen.Generator.Model;

/// <summary>
/// One <c>[Dense]</c> layer: its width and its activation, and the drop probability of a <c>[Dropout]</c> written
/// right after it (0 = none; applied to the activation's output in the training kernels only).
/// </summary>
internal sealed record LayerSpec(int Units, ActivationKind Activation, float DropoutAfter = 0f);

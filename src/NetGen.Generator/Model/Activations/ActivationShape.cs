namespace NetGen.Generator.Model.Activations;

/// <summary>How an activation is lowered into the graph.</summary>
internal enum ActivationShape
{
    /// <summary>No op: a = z.</summary>
    Identity,
    /// <summary>One op per unit: aⱼ = f(zⱼ) (<see cref="ActivationDefinition.Op"/>).</summary>
    Elementwise,
    /// <summary>Softmax over the layer: aⱼ = exp(zⱼ − logsumexp(z)).</summary>
    Softmax,
}

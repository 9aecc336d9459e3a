namespace NetGen.Generator.Model.Activations;

/// <summary>How a layer's weights are drawn before training (biases start at 0).</summary>
internal enum Initialisation
{
    /// <summary>Glorot (Xavier) uniform U(±√(6/(in+out))): saturating and linear activations.</summary>
    Glorot,
    /// <summary>He (Kaiming) uniform U(±√(6/in)): the rectifier family.</summary>
    He,
}

using System;
using NetGen.Generator.Graph;

namespace NetGen.Generator.Model.Activations;

/// <summary>
/// The definition of every <see cref="ActivationKind"/>, written once; lowering, initialisation, the batch-1 vector
/// kernels and the documentation read it. Adding an activation: its enum member (runtime and <see cref="ActivationKind"/>),
/// one line here, and its op pair in <c>Graph.Ops.OpTable</c> with the scalar and vector functions it calls.
/// </summary>
internal static class ActivationTable
{
    private static readonly ActivationDefinition[] Definitions =
    {
        new(ActivationKind.Identity, ActivationShape.Identity, null, Initialisation.Glorot, ""),
        new(ActivationKind.Sigmoid, ActivationShape.Elementwise, OpKind.Sigmoid, Initialisation.Glorot, "nn.Sigmoid()"),
        new(ActivationKind.Tanh, ActivationShape.Elementwise, OpKind.Tanh, Initialisation.Glorot, "nn.Tanh()"),
        new(ActivationKind.Relu, ActivationShape.Elementwise, OpKind.Relu, Initialisation.He, "nn.ReLU()"),
        new(ActivationKind.LeakyRelu, ActivationShape.Elementwise, OpKind.LeakyRelu, Initialisation.He, "nn.LeakyReLU()"),
        new(ActivationKind.Softmax, ActivationShape.Softmax, null, Initialisation.Glorot, "nn.Softmax(dim=-1)"),
        new(ActivationKind.Silu, ActivationShape.Elementwise, OpKind.Silu, Initialisation.He, "nn.SiLU()"),
        new(ActivationKind.Gelu, ActivationShape.Elementwise, OpKind.Gelu, Initialisation.He, "nn.GELU()"),
        new(ActivationKind.GeluTanh, ActivationShape.Elementwise, OpKind.GeluTanh, Initialisation.He, "nn.GELU(approximate='tanh')"),
        new(ActivationKind.Elu, ActivationShape.Elementwise, OpKind.Elu, Initialisation.He, "nn.ELU()"),
        new(ActivationKind.Softplus, ActivationShape.Elementwise, OpKind.Softplus, Initialisation.He, "nn.Softplus()"),
        new(ActivationKind.Mish, ActivationShape.Elementwise, OpKind.Mish, Initialisation.He, "nn.Mish()"),
        new(ActivationKind.HardSigmoid, ActivationShape.Elementwise, OpKind.HardSigmoid, Initialisation.Glorot, "nn.Hardsigmoid()"),
        new(ActivationKind.HardSwish, ActivationShape.Elementwise, OpKind.HardSwish, Initialisation.He, "nn.Hardswish()"),
    };

    /// <summary>The definition of <paramref name="kind"/>; an activation without one is an internal error (NG0099), never a default.</summary>
    public static ActivationDefinition Of(ActivationKind kind)
    {
        foreach (var d in Definitions)
        {
            if (d.Kind == kind) return d;
        }
        throw new InvalidOperationException($"Activation {kind} has no definition in ActivationTable.");
    }
}

using System;
using System.Text.Json;

namespace NetGen.Tests.Activations;

/// <summary>One activation's pointwise data: x (float32 values), f(x) and f′(x) from PyTorch's autograd, in float64.</summary>
public sealed class PointwiseCase
{
    internal PointwiseCase(JsonElement e)
    {
        Activation = Enum.Parse<Activation>(e.GetProperty("activation").GetString()!);
        Module = e.GetProperty("module").GetString()!;
        X = ActivationReference.Flat(e.GetProperty("x"));
        Y = ActivationReference.Flat(e.GetProperty("y"));
        Dy = ActivationReference.Flat(e.GetProperty("dy"));
    }

    public Activation Activation { get; }

    /// <summary>The PyTorch module that made the numbers, e.g. <c>nn.GELU(approximate='tanh')</c>.</summary>
    public string Module { get; }

    /// <summary>The grid over [−25, 25] with the kinks and their ±1e-3 neighbours, ascending.</summary>
    public double[] X { get; }

    /// <summary>f(x).</summary>
    public double[] Y { get; }

    /// <summary>f′(x), as autograd gives it (at a kink, PyTorch's one-sided choice).</summary>
    public double[] Dy { get; }
}

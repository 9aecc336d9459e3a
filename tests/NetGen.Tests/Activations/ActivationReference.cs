using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace NetGen.Tests.Activations;

/// <summary>
/// Reference/activation-reference.json (made by Reference/make_activation_reference.py): PyTorch's own float64 numbers
/// for the activations, pointwise and through small networks. Self-contained (System.Text.Json only) so that the GPU
/// test project links this file and reads the same data.
/// </summary>
public static class ActivationReference
{
    /// <summary>Where the file lies under the test's output folder, in both test projects.</summary>
    public static readonly string RelativePath = Path.Combine("Activations", "Reference", "activation-reference.json");

    private static readonly Lazy<(IReadOnlyDictionary<string, ActivationNetCase> Nets, IReadOnlyDictionary<Activation, PointwiseCase> Pointwise)> s_file = new(Read);

    /// <summary>The eight activations that came after the first five, in the enum's order.</summary>
    public static readonly Activation[] Newer =
    {
        Activation.Silu, Activation.Gelu, Activation.GeluTanh, Activation.Elu,
        Activation.Softplus, Activation.Mish, Activation.HardSigmoid, Activation.HardSwish,
    };

    /// <summary>The element-wise activations the pointwise data covers besides <see cref="Newer"/>.</summary>
    public static readonly Activation[] Older = { Activation.Sigmoid, Activation.Tanh, Activation.Relu, Activation.LeakyRelu };

    /// <summary>The nets by name: "Silu_Mse", "Silu_Bce", … (two per <see cref="Newer"/> activation).</summary>
    public static IReadOnlyDictionary<string, ActivationNetCase> Nets => s_file.Value.Nets;

    /// <summary>f(x) and f′(x) on the grid, per activation (<see cref="Older"/> and <see cref="Newer"/>).</summary>
    public static IReadOnlyDictionary<Activation, PointwiseCase> Pointwise => s_file.Value.Pointwise;

    private static (IReadOnlyDictionary<string, ActivationNetCase>, IReadOnlyDictionary<Activation, PointwiseCase>) Read()
    {
        string path = Path.Combine(AppContext.BaseDirectory, RelativePath);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var nets = root.GetProperty("nets").EnumerateArray().Select(n => new ActivationNetCase(n)).ToDictionary(n => n.Name);
        var pointwise = root.GetProperty("pointwise").EnumerateArray().Select(p => new PointwiseCase(p)).ToDictionary(p => p.Activation);
        return (nets, pointwise);
    }

    /// <summary>An array of numbers, nested or not, flattened in row-major order.</summary>
    internal static double[] Flat(JsonElement e) => e.ValueKind == JsonValueKind.Array
        ? e.EnumerateArray().SelectMany(v => v.ValueKind == JsonValueKind.Array ? Flat(v) : new[] { v.GetDouble() }).ToArray()
        : new[] { e.GetDouble() };

    /// <summary>Doubles rounded to float (the file's inputs, targets and parameters are float32 values, so exactly).</summary>
    public static float[] ToFloats(double[] values) => Array.ConvertAll(values, v => (float)v);
}

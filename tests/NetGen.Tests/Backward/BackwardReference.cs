using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace NetGen.Tests.Backward;

/// <summary>Reference/backward-reference.json: PyTorch autograd's float64 vector–Jacobian products (make_backward_reference.py).</summary>
public sealed class BackwardReference
{
    private static readonly Lazy<IReadOnlyDictionary<string, BackwardReference>> s_nets = new(Read);

    private BackwardReference(JsonElement net)
    {
        Name = net.GetProperty("name").GetString()!;
        Parameters = Flat(net.GetProperty("parameters"));
        Samples = net.GetProperty("samples").EnumerateArray().Select(s => new Sample(
            Flat(s.GetProperty("input")),
            Flat(s.GetProperty("outputGradient")),
            Flat(s.GetProperty("output")),
            Flat(s.GetProperty("parameterGradient")),
            Flat(s.GetProperty("inputGradient")))).ToArray();
    }

    public static IReadOnlyDictionary<string, BackwardReference> Nets => s_nets.Value;

    public string Name { get; }

    public double[] Parameters { get; }

    public Sample[] Samples { get; }

    public sealed record Sample(double[] Input, double[] OutputGradient, double[] Output, double[] ParameterGradient, double[] InputGradient);

    private static double[] Flat(JsonElement e) =>
        e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().SelectMany(Flat).ToArray() : new[] { e.GetDouble() };

    private static IReadOnlyDictionary<string, BackwardReference> Read()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Backward", "Reference", "backward-reference.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("nets").EnumerateArray().Select(n => new BackwardReference(n)).ToDictionary(n => n.Name);
    }
}

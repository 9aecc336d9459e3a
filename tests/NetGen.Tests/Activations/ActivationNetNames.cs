using System.Linq;

namespace NetGen.Tests.Activations;

/// <summary>The names of the data's nets and of the network classes declared for them (ActivationNetworks.cs).</summary>
public static class ActivationNetNames
{
    /// <summary>"Silu_Mse", "Silu_Bce", "Gelu_Mse", …: two per newer activation, in the enum's order.</summary>
    public static readonly string[] All = ActivationReference.Newer.SelectMany(a => new[] { $"{a}_Mse", $"{a}_Bce" }).ToArray();

    /// <summary>The class of a net with an optimizer ("Adam" or "Sgd"): "Silu_Mse" + "Adam" → "SiluMseAdam".</summary>
    public static string Class(string net, string optimizer) => net.Replace("_", "") + optimizer;
}

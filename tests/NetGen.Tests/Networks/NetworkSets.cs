using System.Linq;

namespace NetGen.Tests.Networks;

/// <summary>Named groups of the test networks, as theory data (class names, which display well in test results).</summary>
public static class NetworkSets
{
    /// <summary>The finite-difference gradient-check networks (GradientCheckNetworks.cs).</summary>
    public static TheoryData<string> GradientCheck => Names(NetworkType.All
        .Where(n => n.Name.Length > 2 && n.Name[1] == '_' && "ABCDE".Contains(n.Name[0]))
        .Select(n => n.Name));

    /// <summary>Networks with each optimizer (SGD, momentum, Adam) on each loss, and the seed network.</summary>
    public static TheoryData<string> Optimizers => Names(new[]
    {
        nameof(CeSgd), nameof(CeMomentum), nameof(CeAdam),
        nameof(MseSgd), nameof(MseMomentum), nameof(MseAdamCustom),
        nameof(BceSgdDefaults), nameof(BceAdamDefaults), nameof(PassFail),
    });

    /// <summary>A cross-section for the member-by-member comparisons: every loss, one to four layers, every optimizer.</summary>
    public static TheoryData<string> Members => Names(new[]
    {
        nameof(CeSgd), nameof(CeMomentum), nameof(CeAdam),
        nameof(MseSgd), nameof(MseMomentum), nameof(MseAdamCustom),
        nameof(BceSgdDefaults), nameof(BceAdamDefaults), nameof(PassFail),
        nameof(B_Relu_Tanh_Softmax_Ce), nameof(C_LeakyRelu_Sigmoid_Tanh_Sigmoid_Mse), nameof(D_Softmax_Ce),
        nameof(D_Identity_Mse), nameof(E_Tanh_Softmax_Ce),
    });

    /// <summary>Networks past the unroll budget (loops) or with split kernels.</summary>
    public static TheoryData<string> Large => Names(new[] { nameof(Mnist784), nameof(Unrolled96), nameof(Deep64) });

    private static TheoryData<string> Names(System.Collections.Generic.IEnumerable<string> names)
    {
        var data = new TheoryData<string>();
        foreach (string name in names) data.Add(name);
        return data;
    }
}

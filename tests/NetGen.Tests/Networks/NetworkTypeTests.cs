using System.Linq;

namespace NetGen.Tests.Networks;

/// <summary>The layouts the tests read from the attributes agree with the generated constants.</summary>
public sealed class NetworkTypeTests
{
    [Fact]
    public void EveryTestNetwork_HasConstantsMatchingItsAttributes()
    {
        Assert.True(NetworkType.All.Count >= 70, $"only {NetworkType.All.Count} [Network] classes found");
        foreach (var network in NetworkType.All)
        {
            Assert.True(typeof(INetwork).IsAssignableFrom(network.Type), $"{network.Name} should implement INetwork");
            Assert.Equal(network.Reference.InputSize, network.InputSize);
            Assert.Equal(network.Reference.OutputSize, network.OutputSize);
            Assert.Equal(network.Reference.ParameterCount, network.ParameterCount);
            Assert.Equal(network.ParameterCount, network.Create().Parameters.Length);
        }
    }

    [Fact]
    public void LayersAreReadInSourceOrder()
    {
        var layers = NetworkType.Of<C_LeakyRelu_Sigmoid_Tanh_Sigmoid_Mse>().Reference.Layers;
        Assert.Equal(new[] { Activation.LeakyRelu, Activation.Sigmoid, Activation.Tanh, Activation.Sigmoid }, layers.Select(l => l.Activation));
        Assert.Equal(new[] { 8, 8, 8, 1 }, layers.Select(l => l.Units));
    }
}

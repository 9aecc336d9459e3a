using System;
using System.Linq;

namespace NetGen.Tests.Networks;

/// <summary>Every generated network implements the runtime's <see cref="NetGen.INetwork"/>, with the sizes and layer offsets of its layout.</summary>
public sealed class RuntimeInterfaceTests
{
    [Fact]
    public void GeneratedNetwork_ImplementsINetwork_WithItsSizesAndLayers()
    {
        NetGen.INetwork network = new B_Relu_Tanh_Softmax_Ce();
        Assert.Equal(B_Relu_Tanh_Softmax_Ce.InputSize, network.InputSize);
        Assert.Equal(B_Relu_Tanh_Softmax_Ce.OutputSize, network.OutputSize);
        Assert.Equal(B_Relu_Tanh_Softmax_Ce.ParameterCount, network.ParameterCount);
        // 5 → 6 → 4 → 3: layer sizes (5+1)·6 = 36, (6+1)·4 = 28, (4+1)·3 = 15.
        Assert.Equal(new[] { 0, 36, 64 }, network.Layers.ToArray().Select(l => l.ParameterOffset).ToArray());
        Assert.Equal(new[] { 36, 28, 15 }, network.Layers.ToArray().Select(l => l.ParameterCount).ToArray());
        Assert.Equal(new[] { 5, 6, 4 }, network.Layers.ToArray().Select(l => l.InputSize).ToArray());
        Assert.Equal(79, network.ParameterCount);
    }
}

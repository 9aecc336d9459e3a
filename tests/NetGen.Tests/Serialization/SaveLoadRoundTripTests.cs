using System.IO;
using NetGen.Tests.Data;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;

namespace NetGen.Tests.Serialization;

/// <summary>
/// <c>Save</c> then <c>Load</c> restores the parameters, the learning rate and the optimizer state: after a few steps,
/// the loaded copy and the original take their next steps identically.
/// </summary>
public sealed class SaveLoadRoundTripTests
{
    [Theory]
    [MemberData(nameof(NetworkSets.Optimizers), MemberType = typeof(NetworkSets))]
    public void LoadedCopy_ContinuesTrainingExactlyLikeTheOriginal(string name)
    {
        var c = RandomCase.Create(name, 6, 1301);
        var original = c.Network;
        for (int step = 0; step < 3; step++) original.TrainBatch(c.Inputs, c.Targets);
        original.LearningRate = 0.0234f;

        var copy = c.Type.Load(new MemoryStream(Save(original)));

        Assert.IsType(c.Type.Type, copy);
        NumericAssert.Identical(original.Parameters, copy.Parameters, $"{name}: parameters");
        Assert.Equal(0.0234f, copy.LearningRate);
        for (int step = 0; step < 3; step++)
        {
            float a = original.TrainBatch(c.Inputs, c.Targets);
            float b = copy.TrainBatch(c.Inputs, c.Targets);
            Assert.Equal(a, b);
            NumericAssert.Identical(original.Parameters, copy.Parameters, $"{name}: parameters after step {step + 1} past the load");
        }
    }

    [Fact]
    public void AdamStateMatters_SoARoundTripThatDroppedItWouldShow()
    {
        // Sanity check of the test above: a fresh network with the same parameters (no Adam moments, step 0)
        // takes a different next step than the trained original.
        var c = RandomCase.Create(nameof(CeAdam), 6, 1302);
        for (int step = 0; step < 3; step++) c.Network.TrainBatch(c.Inputs, c.Targets);
        var fresh = c.Type.Create(c.Network.Parameters);
        c.Network.TrainBatch(c.Inputs, c.Targets);
        fresh.TrainBatch(c.Inputs, c.Targets);
        Assert.NotEqual(c.Network.Parameters.ToArray(), fresh.Parameters.ToArray());
    }

    [Theory]
    [MemberData(nameof(NetworkSets.Large), MemberType = typeof(NetworkSets))]
    public void LargeNetworks_RoundTrip(string name)
    {
        var c = RandomCase.Create(name, 2, 1303);
        c.Network.TrainBatch(c.Inputs, c.Targets);
        var copy = c.Type.Load(new MemoryStream(Save(c.Network)));
        NumericAssert.Identical(c.Network.Parameters, copy.Parameters, name);
        var y1 = new float[c.Reference.OutputSize];
        var y2 = new float[c.Reference.OutputSize];
        c.Network.Predict(c.Input(0), y1);
        copy.Predict(c.Input(0), y2);
        NumericAssert.Identical(y1, y2, $"{name}: Predict after the round trip");
    }

    [Fact]
    public void Save_IsDeterministic_AndLoadReadsFromTheCurrentPosition()
    {
        var c = RandomCase.Create(nameof(MseMomentum), 3, 1304);
        c.Network.TrainBatch(c.Inputs, c.Targets);
        byte[] first = Save(c.Network), second = Save(c.Network);
        Assert.Equal(first, second);

        var stream = new MemoryStream();
        stream.Write(new byte[] { 1, 2, 3 });
        c.Network.Save(stream);
        stream.Position = 3;
        var copy = c.Type.Load(stream);
        NumericAssert.Identical(c.Network.Parameters, copy.Parameters, "loaded from offset 3");
    }

    public static byte[] Save(INetwork network)
    {
        var stream = new MemoryStream();
        network.Save(stream);
        return stream.ToArray();
    }
}

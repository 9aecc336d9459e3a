using System;
using System.IO;
using System.Linq;
using NetGen.Runtime;
using NetGen.Tests.Allocation;
using NetGen.Tests.Data;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;
using NetGen.Tests.Simd;

namespace NetGen.Tests.Parameters;

/// <summary>
/// <c>Parameters</c> is a read-only view and <c>SetParameters</c> the one way to write: whatever sequence of public calls
/// writes the weights, the next <c>Predict</c> (the batch-1 path, which reads a packed copy of the weights) uses exactly
/// the current ones, and nothing allocates. Each test here failed on the design this replaced, where a span kept from
/// the <c>Parameters</c> getter and written later left <c>Predict</c> on old weights.
/// </summary>
[Collection(SimdOptionsCollection.Name)]
public sealed class SetParametersTests : IDisposable
{
    public static TheoryData<string, int> NetworksAndWidths
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (string name in new[] { nameof(PassFail), nameof(CeAdam), nameof(C_Relu_Tanh_LeakyRelu_Softmax_Ce), nameof(Unrolled96), nameof(Deep64) })
                foreach (int width in SimdWidths.Forced) data.Add(name, width);
            data.Add(nameof(Mnist784), 0);
            return data;
        }
    }

    public static TheoryData<string> Networks => new()
    {
        nameof(PassFail), nameof(CeAdam), nameof(MseMomentum), nameof(C_Relu_Tanh_LeakyRelu_Softmax_Ce), nameof(Deep64), nameof(Mnist784),
    };

    public void Dispose() => SimdOptions.ForcedWidth = 0;

    /// <summary>
    /// The neuroevolution loop of games (mutate, evaluate, repeat), 1,000 rounds: every Predict equals PredictBatch and the
    /// double-precision reference of the weights just set.
    /// </summary>
    [Theory]
    [MemberData(nameof(NetworksAndWidths))]
    public void MutateSetPredict_UsesTheWeightsJustSet_EveryRound(string name, int forced)
    {
        SimdOptions.ForcedWidth = forced;
        var c = RandomCase.Create(name, 1, 1701);
        var net = c.Network;
        var random = new Random(1702);
        int rounds = name == nameof(Mnist784) ? 100 : 1000;
        float[] weights = net.Parameters.ToArray();
        float[] y = new float[c.Reference.OutputSize], batch = new float[c.Reference.OutputSize];
        double[] x = c.Input(0).ToDoubles();
        for (int round = 0; round < rounds; round++)
        {
            Mutate(weights, random);
            net.SetParameters(weights);
            net.Predict(c.Input(0), y);
            net.PredictBatch(c.Input(0), batch);
            string what = $"{name} width {forced} round {round}";
            NumericAssert.Close(batch.ToDoubles(), y, 1e-5, what + ": Predict vs PredictBatch", floor: 0.1);
            NumericAssert.Close(c.Reference.Predict(weights.ToDoubles(), x), y, 1e-5, what + ": Predict vs the reference", floor: 0.1);
        }
        Assert.Equal(weights, net.Parameters.ToArray());
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void MutateSetPredict_AllocatesNothing(string name)
    {
        var c = RandomCase.Create(name, 1, 1703);
        var net = c.Network;
        var random = new Random(1704);
        float[] weights = net.Parameters.ToArray();
        float[] y = new float[c.Reference.OutputSize];
        NoAllocation.Assert($"{name}: mutate → SetParameters → Predict", 1000, () =>
        {
            Mutate(weights, random);
            net.SetParameters(weights);
            net.Predict(c.Input(0), y);
        });
    }

    /// <summary>Reading <c>Parameters</c> has no side effect: it neither allocates nor makes the next Predict rebuild anything.</summary>
    [Theory]
    [MemberData(nameof(Networks))]
    public void ReadingParameters_ThenPredict_AllocatesNothing(string name)
    {
        var c = RandomCase.Create(name, 1, 1705);
        var net = c.Network;
        float[] y = new float[c.Reference.OutputSize];
        float sum = 0;
        NoAllocation.Assert($"{name}: Parameters then Predict", 1000, () =>
        {
            ReadOnlySpan<float> p = net.Parameters;
            sum += p[0] + p[p.Length - 1];
            net.Predict(c.Input(0), y);
        });
        Assert.True(float.IsFinite(sum));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void SetParameters_OfTheWrongLength_ThrowsNamingValues_AndChangesNothing(string name)
    {
        var c = RandomCase.Create(name, 1, 1706);
        var net = c.Network;
        float[] before = net.Parameters.ToArray();
        foreach (int length in new[] { 0, before.Length - 1, before.Length + 1 })
        {
            var e = Assert.Throws<ArgumentException>(() => net.SetParameters(new float[length]));
            Assert.Equal("values", e.ParamName);
            Assert.Contains(before.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
        }
        Assert.Equal(before, net.Parameters.ToArray());
    }

    /// <summary><c>SetParameters(net.Parameters)</c> (the view of its own storage) is allowed and changes nothing.</summary>
    [Fact]
    public void SetParameters_FromItsOwnView_KeepsTheValues()
    {
        var c = RandomCase.Create(nameof(Deep64), 1, 1707);
        float[] before = c.Network.Parameters.ToArray();
        c.Network.SetParameters(c.Network.Parameters);
        Assert.Equal(before, c.Network.Parameters.ToArray());
        var y = new float[c.Reference.OutputSize];
        c.Network.Predict(c.Input(0), y);
        NumericAssert.Close(c.Reference.Predict(before.ToDoubles(), c.Input(0).ToDoubles()), y, 1e-5, "after SetParameters(Parameters)", floor: 0.1);
    }

    /// <summary>Load (static) and Restore (instance) bring back weights a Predict has never seen.</summary>
    [Theory]
    [MemberData(nameof(Networks))]
    public void LoadAndRestore_ThenPredict_UseTheFilesWeights(string name)
    {
        var type = NetworkType.Named(name);
        var saved = RandomCase.Create(name, 1, 1708);
        var file = new MemoryStream();
        saved.Network.Save(file);
        float[] weights = saved.Network.Parameters.ToArray();
        double[] expected = saved.Reference.Predict(weights.ToDoubles(), saved.Input(0).ToDoubles());
        var y = new float[saved.Reference.OutputSize];

        var other = type.Create(new RandomSamples(1709).Parameters(type.Reference));
        other.Predict(saved.Input(0), y);   // its packed copy now holds its own weights
        file.Position = 0;
        other.Restore(file);
        other.Predict(saved.Input(0), y);
        NumericAssert.Close(expected, y, 1e-5, name + ": Restore then Predict", floor: 0.1);
        Assert.Equal(weights, other.Parameters.ToArray());
        Assert.Equal(saved.Network.LearningRate, other.LearningRate);

        file.Position = 0;
        var loaded = type.Load(file);
        loaded.Predict(saved.Input(0), y);
        NumericAssert.Close(expected, y, 1e-5, name + ": Load then Predict", floor: 0.1);
    }

    [Fact]
    public void Restore_OfABadFile_LeavesTheNetworkAsItWas()
    {
        var c = RandomCase.Create(nameof(CeAdam), 1, 1710);
        var net = c.Network;
        net.TrainStep(c.Input(0), c.Target(0));
        var file = new MemoryStream();
        net.Save(file);
        byte[] bytes = file.ToArray();
        bytes[bytes.Length / 2] ^= 0x10;   // the CRC no longer matches
        var other = RandomCase.Create(nameof(CeAdam), 1, 1711).Network;
        float[] before = other.Parameters.ToArray();
        Assert.Throws<InvalidDataException>(() => other.Restore(new MemoryStream(bytes)));
        Assert.Equal(before, other.Parameters.ToArray());
        Assert.Throws<EndOfStreamException>(() => other.Restore(new MemoryStream(bytes, 0, bytes.Length - 1)));
        Assert.Equal(before, other.Parameters.ToArray());
        var ofAnotherLayout = new MemoryStream();
        RandomCase.Create(nameof(Deep64), 1, 1712).Network.Save(ofAnotherLayout);
        ofAnotherLayout.Position = 0;
        Assert.Throws<InvalidDataException>(() => other.Restore(ofAnotherLayout));
        Assert.Equal(before, other.Parameters.ToArray());
        Assert.Throws<ArgumentNullException>(() => other.Restore(null!));
    }

    /// <summary>Restore brings back the optimizer state too: training continues exactly as it would have.</summary>
    [Fact]
    public void Restore_ContinuesTrainingExactlyLikeTheSavedNetwork()
    {
        var c = RandomCase.Create(nameof(CeAdam), 4, 1713);
        var net = c.Network;
        net.TrainBatch(c.Inputs, c.Targets);
        net.LearningRate = 0.003f;
        var file = new MemoryStream();
        net.Save(file);
        var other = RandomCase.Create(nameof(CeAdam), 1, 1714).Network;
        file.Position = 0;
        other.Restore(file);
        for (int step = 0; step < 3; step++)
            Assert.Equal(net.TrainBatch(c.Inputs, c.Targets), other.TrainBatch(c.Inputs, c.Targets));
        Assert.Equal(net.Parameters.ToArray(), other.Parameters.ToArray());
    }

    [Fact]
    public void LoadSafetensors_ThenPredict_UsesTheFilesWeights()
    {
        var source = RandomCase.Create(nameof(C_Relu_Tanh_LeakyRelu_Softmax_Ce), 1, 1715);
        var file = new MemoryStream();
        source.Network.SaveSafetensors(file);
        var target = RandomCase.Create(nameof(C_Relu_Tanh_LeakyRelu_Softmax_Ce), 1, 1716).Network;
        var y = new float[source.Reference.OutputSize];
        target.Predict(source.Input(0), y);
        file.Position = 0;
        target.LoadSafetensors(file);
        target.Predict(source.Input(0), y);
        NumericAssert.Close(source.Reference.Predict(source.Network.Parameters.ToDoubles(), source.Input(0).ToDoubles()), y, 1e-5, "LoadSafetensors then Predict", floor: 0.1);
    }

    /// <summary>Optimizer steps write the parameters through the same path: Predict after TrainStep sees the step.</summary>
    [Theory]
    [MemberData(nameof(Networks))]
    public void PredictAfterEveryTrainingStep_UsesTheNewWeights(string name)
    {
        var c = RandomCase.Create(name, 4, 1717);
        var net = c.Network;
        var y = new float[c.Reference.OutputSize];
        for (int step = 0; step < 5; step++)
        {
            net.Predict(c.Input(0), y);
            if (step % 2 == 0) net.TrainStep(c.Input(step % 4), c.Target(step % 4));
            else net.TrainBatch(c.Inputs, c.Targets);
            net.Predict(c.Input(0), y);
            NumericAssert.Close(c.Reference.Predict(net.Parameters.ToDoubles(), c.Input(0).ToDoubles()), y, 1e-5, $"{name} after step {step}", floor: 0.1);
        }
    }

    /// <summary>A neuroevolution-style change: a few weights get Gaussian-ish noise, some are replaced outright.</summary>
    private static void Mutate(float[] weights, Random random)
    {
        for (int k = 0; k < 3; k++)
        {
            int i = random.Next(weights.Length);
            weights[i] = random.Next(8) == 0
                ? (float)(random.NextDouble() * 2 - 1)
                : weights[i] + (float)((random.NextDouble() + random.NextDouble() - 1) * 0.2);
        }
        weights[random.Next(weights.Length)] *= 0.5f;
    }
}

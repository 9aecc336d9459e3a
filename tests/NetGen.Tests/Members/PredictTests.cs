using System;
using NetGen.Tests.Data;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;

namespace NetGen.Tests.Members;

/// <summary><c>Predict</c> and <c>PredictBatch</c> against the double-precision reference on random networks.</summary>
public sealed class PredictTests
{
    [Theory]
    [MemberData(nameof(NetworkSets.Members), MemberType = typeof(NetworkSets))]
    public void Predict_MatchesTheReference(string name)
    {
        var c = RandomCase.Create(name, 10, 101);
        double[] p = c.Network.Parameters.ToDoubles();
        var y = new float[c.Reference.OutputSize];
        for (int s = 0; s < c.Samples; s++)
        {
            y.AsSpan().Fill(float.NaN);
            c.Network.Predict(c.Input(s), y);
            NumericAssert.Close(c.Reference.Predict(p, c.Input(s).ToDoubles()), y, 1e-5, $"{name} sample {s}", floor: 0.1);
        }
    }

    [Theory]
    [MemberData(nameof(NetworkSets.Members), MemberType = typeof(NetworkSets))]
    public void PredictBatch_MatchesTheReference_ForBatchesOf1_3_17(string name)
    {
        var c = RandomCase.Create(name, 17, 102);
        double[] p = c.Network.Parameters.ToDoubles();
        int nOut = c.Reference.OutputSize;
        foreach (int n in new[] { 1, 3, 17 })
        {
            var outputs = new float[n * nOut];
            outputs.AsSpan().Fill(float.NaN);
            c.Network.PredictBatch(c.FirstInputs(n), outputs);
            for (int s = 0; s < n; s++)
            {
                NumericAssert.Close(c.Reference.Predict(p, c.Input(s).ToDoubles()), outputs.AsSpan(s * nOut, nOut), 1e-5, $"{name} batch {n} sample {s}", floor: 0.1);
            }
        }
    }

    [Theory]
    [MemberData(nameof(NetworkSets.Members), MemberType = typeof(NetworkSets))]
    public void PredictBatch_AgreesWithPredict(string name)
    {
        var c = RandomCase.Create(name, 17, 103);
        int nOut = c.Reference.OutputSize;
        var batch = new float[17 * nOut];
        c.Network.PredictBatch(c.Inputs, batch);
        var single = new float[nOut];
        for (int s = 0; s < 17; s++)
        {
            c.Network.Predict(c.Input(s), single);
            NumericAssert.Close(single.ToDoubles(), batch.AsSpan(s * nOut, nOut), 1e-6, $"{name} sample {s}");
        }
    }

    [Fact]
    public void SoftmaxOutputs_AreProbabilities()
    {
        var c = RandomCase.Create(nameof(E_Tanh_Softmax_Ce), 5, 104);
        var y = new float[10];
        for (int s = 0; s < 5; s++)
        {
            c.Network.Predict(c.Input(s), y);
            double sum = 0;
            foreach (float v in y) { Assert.InRange(v, 0f, 1f); sum += v; }
            Assert.Equal(1, sum, 5);
        }
    }

    [Fact]
    public void Softmax_IsStableForLargeLogits()
    {
        // One softmax layer 4 → 3 with biases 500, 0, −500: a naive exp overflows to ∞/∞ = NaN.
        var type = NetworkType.Of<D_Softmax_Ce>();
        var p = new float[type.ParameterCount];
        p[type.Reference.BiasIndex(0, 0)] = 500;
        p[type.Reference.BiasIndex(0, 2)] = -500;
        var network = type.Create(p);
        var y = new float[3];
        network.Predict(new float[] { 1, 2, 3, 4 }, y);
        Assert.Equal(new[] { 1f, 0f, 0f }, y);
        var g = new float[type.ParameterCount];
        float loss = network.Gradient(new float[] { 1, 2, 3, 4 }, new float[] { 0, 1, 0 }, g);
        Assert.Equal(500, loss, 2);                        // −log softmax(z)[1] = 500 + log(1 + e^−500 + e^−1000)
        Assert.All(g, v => Assert.True(float.IsFinite(v)));
    }
}

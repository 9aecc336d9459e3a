using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace NetGen.Tests.Shaped;

/// <summary>
/// The layered networks' members beyond the numbers: no allocation once warm (Predict always; the training members once
/// the workspace holds the block), Predict thread-safe, and the BatchNorm batch-of-one rule.
/// </summary>
public sealed class ShapedMemberTests
{
    public static TheoryData<string> Names() => new(ShapedReferenceData.Names);

    [Theory]
    [MemberData(nameof(Names))]
    public void Members_AllocateNothing_OnceWarm(string name)
    {
        var data = ShapedReferenceData.Nets[name];
        var net = ShapedNetworks.Create(name);
        var x = data.Inputs.SelectMany(r => r).Select(v => (float)v).ToArray();
        var t = data.Targets.SelectMany(r => r).Select(v => (float)v).ToArray();
        var y = new float[net.OutputSize];
        var outputs = new float[t.Length];
        var gradient = new float[net.ParameterCount];
        void Run()
        {
            net.Predict(x.AsSpan(0, net.InputSize), y);
            net.PredictBatch(x, outputs);
            net.GradientBatch(x, t, gradient);
            net.TrainBatch(x, t);
            net.Evaluate(x, t);
        }
        // After NoAllocation's warm-up (tier-1 and on-stack-replacement compiles on this thread are the JIT's).
        NetGen.Tests.Allocation.NoAllocation.Assert(name + ": every member", 10, Run);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Predict_FromFourThreads_EqualsSerial(string name)
    {
        var data = ShapedReferenceData.Nets[name];
        var net = ShapedNetworks.Create(name);
        var x = data.Inputs.SelectMany(r => r).Select(v => (float)v).ToArray();
        int n = data.Inputs.Length, o = net.OutputSize, i0 = net.InputSize;
        var serial = new float[n * o];
        for (int s = 0; s < n; s++) net.Predict(x.AsSpan(s * i0, i0), serial.AsSpan(s * o, o));
        var parallel = new float[4][];
        Parallel.For(0, 4, thread =>
        {
            var mine = new float[n * o];
            for (int round = 0; round < 200; round++)
                for (int s = 0; s < n; s++) net.Predict(x.AsSpan(s * i0, i0), mine.AsSpan(s * o, o));
            parallel[thread] = mine;
        });
        foreach (var result in parallel) Assert.Equal(serial, result);
    }

    [Fact]
    public void FlatBatchNorm_RefusesABatchOfOne_InTraining_NamingTheArgument()
    {
        var net = ShapedNetworks.Create("BatchNorm_Mlp");
        var x = new float[net.InputSize];
        var t = new float[net.OutputSize];
        t[0] = 1f;
        var gradient = new float[net.ParameterCount];
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => net.Gradient(x, t, gradient)).ParamName);
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => net.TrainStep(x, t)).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => net.GradientBatch(x, t, gradient)).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => net.TrainBatch(x, t)).ParamName);
        // Inference takes one sample (the running statistics), and a batch of two trains.
        var y = new float[net.OutputSize];
        net.Predict(x, y);
        Assert.Equal(1f, y.Sum(), 5);
        var two = new float[2 * net.InputSize];
        two[0] = 1f;
        Assert.True(float.IsFinite(net.TrainBatch(two, t.Concat(t).ToArray())));
    }
}

using System;
using NetGen.Tests.Data;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;

namespace NetGen.Tests.Members;

/// <summary><c>Evaluate</c>: the batch's mean loss, what <c>GradientBatch</c> returns, without changing anything.</summary>
public sealed class EvaluateTests
{
    [Theory]
    [MemberData(nameof(NetworkSets.Members), MemberType = typeof(NetworkSets))]
    public void Evaluate_EqualsGradientBatchLossAndTheReference(string name)
    {
        var c = RandomCase.Create(name, 17, 301);
        double[] p = c.Network.Parameters.ToDoubles();
        var g = new float[c.Reference.ParameterCount];
        foreach (int n in new[] { 1, 3, 17 })
        {
            float[] x = c.FirstInputs(n), t = c.FirstTargets(n);
            float evaluated = c.Network.Evaluate(x, t);
            float fromGradient = c.Network.GradientBatch(x, t, g);
            NumericAssert.Close(fromGradient, evaluated, 1e-6, $"{name} batch {n}: Evaluate vs GradientBatch");
            NumericAssert.Close(c.Reference.BatchLoss(p, x.ToDoubles(), t.ToDoubles()), evaluated, 1e-5, $"{name} batch {n}: Evaluate vs reference");
        }
    }

    [Theory]
    [MemberData(nameof(NetworkSets.Optimizers), MemberType = typeof(NetworkSets))]
    public void Evaluate_ChangesNothing_NotEvenTheOptimizerState(string name)
    {
        // Two identical networks take a step; one evaluates in between; both must take the same next step.
        var a = RandomCase.Create(name, 5, 302);
        var b = RandomCase.Create(name, 5, 302);
        a.Network.TrainBatch(a.Inputs, a.Targets);
        b.Network.TrainBatch(b.Inputs, b.Targets);
        float[] before = a.Network.Parameters.ToArray();
        for (int i = 0; i < 3; i++) a.Network.Evaluate(a.Inputs, a.Targets);
        NumericAssert.Identical(before, a.Network.Parameters, $"{name}: parameters after Evaluate");
        float la = a.Network.TrainBatch(a.Inputs, a.Targets);
        float lb = b.Network.TrainBatch(b.Inputs, b.Targets);
        Assert.Equal(lb, la);
        NumericAssert.Identical(b.Network.Parameters, a.Network.Parameters, $"{name}: the step after Evaluate");
    }
}

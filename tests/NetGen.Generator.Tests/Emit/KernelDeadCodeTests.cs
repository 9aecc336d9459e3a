using System.Collections.Generic;
using NetGen.Generator.Emit;
using NetGen.Generator.Graph;
using NetGen.Generator.Model;
using NetGen.Generator.Tests.Graph;
using Xunit;

namespace NetGen.Generator.Tests.Emit;

/// <summary>
/// Dead-code elimination in the kernel schedules: the forward kernel computes the outputs and nothing else (no
/// targets, no loss, no gradient node).
/// </summary>
public sealed class KernelDeadCodeTests
{
    private static readonly Dictionary<string, NetworkSpec> Specs = new()
    {
        ["PassFail"] = NetworkSpecs.Create(3, LossKind.MeanSquaredError, 4096, (1, ActivationKind.Sigmoid), (1, ActivationKind.Sigmoid)),
        ["SoftmaxUnrolled"] = NetworkSpecs.Create(4, LossKind.CrossEntropy, 4096, (5, ActivationKind.Tanh), (4, ActivationKind.Relu), (3, ActivationKind.Softmax)),
        ["SoftmaxLooped"] = NetworkSpecs.Create(4, LossKind.CrossEntropy, 0, (5, ActivationKind.Tanh), (4, ActivationKind.Relu), (3, ActivationKind.Softmax)),
        ["SigmoidMixed"] = NetworkSpecs.Create(2, LossKind.BinaryCrossEntropy, 6, (3, ActivationKind.LeakyRelu), (4, ActivationKind.Sigmoid)),
    };

    public static TheoryData<string> Layouts() => new(Specs.Keys);

    [Theory]
    [MemberData(nameof(Layouts))]
    public void ForwardKernel_ReadsNoTargetLossOrGradientNode(string layout)
    {
        var network = NetworkLowering.Lower(Specs[layout]);
        var schedule = KernelSchedule.Build(network, KernelKind.Forward);

        foreach (var statement in schedule.Statements)
        {
            Assert.DoesNotContain(statement.Kind, new[] { StatementKind.AccumulateGradient, StatementKind.AccumulateBlock, StatementKind.Return });
            foreach (int id in Reads(network.Graph, statement))
            {
                var node = network.Graph[id];
                Assert.False(node.Kind == OpKind.Target, $"forward statement {statement.Sequence} ({statement.Kind}) reads t[{node.Index}]");
                Assert.False(id == network.Loss, $"forward statement {statement.Sequence} ({statement.Kind}) computes the loss");
                Assert.False(id > network.Loss, $"forward statement {statement.Sequence} ({statement.Kind}) reads node {id} ({node.Kind}), built by differentiation");
            }
        }
        Assert.Equal(network.Outputs.Length, schedule.Statements.FindAll(s => s.Kind == StatementKind.StoreOutput).Count);
    }

    /// <summary>Every node a statement's code depends on, through inlined expressions and macro operands.</summary>
    private static HashSet<int> Reads(ExpressionGraph g, Statement statement)
    {
        var roots = new List<int>();
        if (statement.Node >= 0) roots.Add(statement.Node);
        if (statement.Nodes is not null) roots.AddRange(statement.Nodes);
        if (statement.Block is not null)
        {
            roots.AddRange(statement.Block.Deltas);
            roots.AddRange(statement.Block.Inputs);
        }
        var seen = new HashSet<int>();
        var stack = new Stack<int>(roots);
        while (stack.Count > 0)
        {
            int id = stack.Pop();
            if (!seen.Add(id)) continue;
            foreach (int a in g[id].Args) stack.Push(a);
        }
        return seen;
    }
}

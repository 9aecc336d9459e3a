using System;
using System.Linq;
using System.Reflection;
using System.Runtime.Intrinsics;
using NetGen.Runtime;
using NetGen.Tests.Data;
using NetGen.Tests.Kernels;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace NetGen.Tests.Simd;

/// <summary>
/// The lane code exists (every width, every network of this net10.0 assembly; long kernels split into parts like the
/// scalar ones, whose sizes Kernels/MethodSizeTests.cs checks), runs when a batch fills a chunk, and leaves to the scalar
/// kernel exactly what the design says: batch-1 Predict, batches below one chunk, and the samples after the last whole
/// chunk, which are bit for bit what Predict gives.
/// </summary>
[Collection(SimdOptionsCollection.Name)]
public sealed class LaneCodeTests : IDisposable
{
    private static readonly string[] KernelKinds = { "Forward", "Loss", "Gradient" };
    private static readonly string[] DriverKinds = { "PredictBatch", "Evaluate", "BatchGradient" };

    private readonly ITestOutputHelper _output;

    public LaneCodeTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> Small => SimdNetworkSets.Small;

    public static TheoryData<string> Large => SimdNetworkSets.LargeData;

    /// <summary>Networks with a Tanh, Sigmoid or Softmax in every path, whose lane and scalar results differ in some last bit.</summary>
    public static TheoryData<string> Transcendental => SimdNetworkSets.Data(new[]
    {
        nameof(C_Tanh_Tanh_Tanh_Identity_Mse), nameof(E_Tanh_Softmax_Ce), nameof(B_Sigmoid_LeakyRelu_Sigmoid_Bce), nameof(Looped_Tanh_LeakyRelu_Softmax_Ce),
    });

    public void Dispose() => SimdOptions.ForcedWidth = 0;

    [Fact]
    public void TheLaneMethods_OfA256BitVector_AreThere()
    {
        var type = typeof(A_Identity_Sigmoid_Bce);
        var forward = LaneDrivers.Method(type, "NetGenForwardLanes256", isStatic: true);
        Assert.True(forward.IsPrivate);
        Assert.Equal(
            new[] { typeof(ReadOnlySpan<float>), typeof(ReadOnlySpan<Vector256<float>>), typeof(Span<Vector256<float>>) },
            forward.GetParameters().Select(p => p.ParameterType));
        var gradient = LaneDrivers.Method(type, "NetGenGradientLanes256", isStatic: true);
        Assert.True(gradient.IsPrivate);
        Assert.Equal(typeof(Vector256<float>), gradient.ReturnType);
        Assert.Equal(typeof(Span<Vector256<float>>), gradient.GetParameters()[^1].ParameterType);
        var predict = LaneDrivers.Method(type, "NetGenPredictBatchLanes256", isStatic: false);
        Assert.True(predict.IsPrivate);
        Assert.Equal(typeof(int), predict.ReturnType);
    }

    [Fact]
    public void EveryNetwork_HasTheLaneKernelsAndDriversOfEveryWidth()
    {
        foreach (var network in NetworkType.All)
        {
            foreach (int width in SimdWidths.Forced)
            {
                foreach (string kind in KernelKinds) LaneDrivers.Method(network.Type, $"NetGen{kind}Lanes{width}", isStatic: true);
                foreach (string kind in DriverKinds) LaneDrivers.Method(network.Type, $"NetGen{kind}Lanes{width}", isStatic: false);
            }
        }
    }

    [Theory]
    [InlineData(nameof(Unrolled96))]
    [InlineData(nameof(Deep64))]
    public void LongLaneKernels_AreSplitIntoParts(string name)
    {
        var methods = NetworkType.Named(name).Type.GetMethods(BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly);
        foreach (int width in SimdWidths.Forced)
        {
            foreach (string kind in KernelKinds)
            {
                string prefix = $"NetGen{kind}Lanes{width}Part";
                var parts = methods.Where(m => m.Name.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
                Assert.True(parts.Length > 1, $"{name}: {kind}Lanes{width} is one method; a kernel this long should be split");
                var largest = parts.Select(MethodBodyStatistics.Of).MaxBy(s => s.IlBytes)!;
                _output.WriteLine($"{name} {kind}Lanes{width}: {parts.Length} parts, largest {largest}");
            }
        }
    }

    [Fact]
    public void TheLanePathRuns_WhenABatchFillsAChunk_AndOnlyThen()
    {
        // GradientBatch allocates its lane buffer on the first call that runs lanes (a private field of the generated
        // class): it stays null on the scalar path and for batches below one chunk.
        var c = RandomCase.Create(nameof(C_Tanh_Tanh_Tanh_Identity_Mse), 64, 2001);
        var field = c.Type.Type.GetField("_netgenLaneGradient", BindingFlags.NonPublic | BindingFlags.Instance);
        Assert.True(field is not null, "no _netgenLaneGradient field: has the lane gradient buffer been renamed?");
        float[] parameters = c.Network.Parameters.ToArray();
        var gradient = new float[c.Reference.ParameterCount];

        SimdWidths.Force(-1);
        var scalarNet = c.Type.Create(parameters);
        scalarNet.GradientBatch(c.Inputs, c.Targets, gradient);
        scalarNet.TrainBatch(c.Inputs, c.Targets);
        Assert.Null(field!.GetValue(scalarNet));
        var scalarOutputs = new float[64 * c.Reference.OutputSize];
        scalarNet.PredictBatch(c.Inputs, scalarOutputs);
        var scalarGradient = new float[gradient.Length];
        c.Type.Create(parameters).GradientBatch(c.Inputs, c.Targets, scalarGradient);

        foreach (int forced in SimdWidths.Forced)
        {
            int preferred = SimdWidths.Force(forced);
            var small = c.Type.Create(parameters);
            small.GradientBatch(c.FirstInputs(3), c.FirstTargets(3), gradient);
            Assert.Null(field.GetValue(small));

            var net = c.Type.Create(parameters);
            net.GradientBatch(c.Inputs, c.Targets, gradient);
            var buffer = (float[]?)field.GetValue(net);
            Assert.True(buffer is not null, $"forced {forced} (running {preferred}): GradientBatch on 64 samples did not run the lane code");
            Assert.True(buffer!.Length >= c.Reference.ParameterCount * preferred / 32, $"lane buffer of {buffer.Length} floats");
            Assert.False(gradient.AsSpan().SequenceEqual(scalarGradient), $"forced {forced}: GradientBatch is bit for bit the scalar path's");

            var outputs = new float[scalarOutputs.Length];
            net.PredictBatch(c.Inputs, outputs);
            Assert.False(outputs.AsSpan().SequenceEqual(scalarOutputs), $"forced {forced}: PredictBatch is bit for bit the scalar path's");
        }
    }

    [Fact]
    public void SwitchingWidthsBetweenCalls_OnOneInstance_GivesWhatAFreshInstanceGives()
    {
        // The width is read on every call; the lane gradient buffer, sized for the widest width, is reused by every width.
        const int n = 37;
        var c = RandomCase.Create(nameof(Looped_Tanh_LeakyRelu_Softmax_Ce), n, 2005);
        float[] parameters = c.Network.Parameters.ToArray();
        var fresh = new System.Collections.Generic.Dictionary<int, BatchResults>();
        foreach (int forced in new[] { -1, 128, 256, 512 })
        {
            SimdWidths.Force(forced);
            fresh[forced] = BatchResults.Of(c.Type, parameters, c.Inputs, c.Targets, n);
        }
        var net = c.Type.Create(parameters);
        var outputs = new float[n * c.Reference.OutputSize];
        var gradient = new float[c.Reference.ParameterCount];
        foreach (int forced in new[] { 512, 128, -1, 256, 128, 512, -1, 256 })
        {
            int preferred = SimdWidths.Force(forced);
            var expected = fresh[forced];
            string what = $"forced {forced} (running {preferred}) after other widths";
            net.PredictBatch(c.Inputs, outputs);
            NumericAssert.Identical(expected.Outputs, outputs, $"{what}: PredictBatch");
            Assert.Equal(expected.EvaluateLoss, net.Evaluate(c.Inputs, c.Targets));
            Assert.Equal(expected.GradientLoss, net.GradientBatch(c.Inputs, c.Targets, gradient));
            NumericAssert.Identical(expected.Gradient, gradient, $"{what}: GradientBatch");
        }
    }

    [Theory]
    [MemberData(nameof(Transcendental))]
    public void ScalarSamples_AreBitForBitWhatPredictGives(string name)
    {
        // PredictBatch runs the samples after the last whole chunk (and batches below one chunk) through the scalar
        // kernel, bit for bit what Predict gives on the scalar path; a sample's lane result does not depend on the batch
        // around it. Predict itself is the scalar kernel on every width for networks without neuron kernels (no layer of
        // 8 units), and within the SIMD tolerance of it for the others (NeuronPredictTests).
        const int maxN = 67;
        var c = RandomCase.Create(name, maxN, 2002);
        int nOut = c.Reference.OutputSize;
        SimdWidths.Force(-1);
        var single = new float[maxN * nOut];
        for (int s = 0; s < maxN; s++) c.Network.Predict(c.Input(s), single.AsSpan(s * nOut, nOut));
        bool neuronKernels = c.Reference.Layers.Any(l => l.Units >= 8);

        foreach (int forced in new[] { -1, 128, 256, 512 })
        {
            int preferred = SimdWidths.Force(forced);
            var predicted = new float[nOut];
            for (int s = 0; s < maxN; s++)
            {
                c.Network.Predict(c.Input(s), predicted);
                string what = $"{name} forced {forced}: Predict of sample {s}";
                if (forced == -1 || !neuronKernels) NumericAssert.Identical(single.AsSpan(s * nOut, nOut), predicted, what);
                else NumericAssert.Close(single.AsSpan(s * nOut, nOut).ToArray().ToDoubles(), predicted, SimdTolerance.Outputs, what);
            }
            var full = new float[maxN * nOut];
            c.Network.PredictBatch(c.Inputs, full);
            int fullLanes = SimdWidths.LanesFor(preferred, maxN);
            for (int n = 1; n <= maxN; n++)
            {
                var outputs = new float[n * nOut];
                c.Network.PredictBatch(c.FirstInputs(n), outputs);
                int done = SimdWidths.SamplesInLanes(preferred, n);
                string what = $"{name} forced {forced} (running {preferred}) n={n}";
                for (int s = done; s < n; s++)
                    NumericAssert.Identical(single.AsSpan(s * nOut, nOut), outputs.AsSpan(s * nOut, nOut), $"{what}: scalar sample {s}");
                if (SimdWidths.LanesFor(preferred, n) != fullLanes) continue;
                for (int s = 0; s < done; s++)
                    NumericAssert.Identical(full.AsSpan(s * nOut, nOut), outputs.AsSpan(s * nOut, nOut), $"{what}: lane sample {s} vs the same sample in a batch of {maxN}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Small))]
    [MemberData(nameof(Large))]
    public void EveryWidth_RoundsAlike_PredictBatchOutputsAreBitForBitTheSame(string name)
    {
        // VectorMath promises the same algorithm and the same roundings on every width (multiply-adds fused on all of
        // them), and a lane never sees another lane: so the lane outputs do not depend on the width. The drivers are
        // called directly, so 512 runs even where Vector512 is not accelerated (in software).
        const int n = 48;
        var c = RandomCase.Create(name, n, 2003);
        float[]? first = null;
        foreach (int width in SimdWidths.Forced)
        {
            var outputs = new float[n * c.Reference.OutputSize];
            Assert.Equal(n, LaneDrivers.Of(c.Network, width).Predict(c.Inputs, outputs, n));
            if (first is null) first = outputs;
            else NumericAssert.Identical(first, outputs, $"{name}: Lanes{width} vs Lanes128");
        }
    }

    [Theory]
    [MemberData(nameof(Transcendental))]
    [InlineData(nameof(Looped_Relu_Sigmoid_Bce))]
    [InlineData(nameof(B_Relu_Tanh_Softmax_Ce))]
    public void NonFiniteSamples_ChangeOnlyTheirOwnOutputs_AsOnTheScalarPath(string name)
    {
        const int n = 20;
        var c = RandomCase.Create(name, n, 2004);
        int nIn = c.Reference.InputSize, nOut = c.Reference.OutputSize;
        float[] dirty = c.Inputs.ToArray();
        int[] bad = { 2, 9, 13, 17 };
        dirty[2 * nIn] = float.NaN;
        dirty[9 * nIn] = float.PositiveInfinity;
        dirty[13 * nIn + nIn - 1] = float.NegativeInfinity;
        dirty[17 * nIn] = float.NaN;

        SimdWidths.Force(-1);
        var scalar = new float[n * nOut];
        c.Network.PredictBatch(dirty, scalar);
        foreach (int forced in SimdWidths.Forced)
        {
            int preferred = SimdWidths.Force(forced);
            string what = $"{name} forced {forced} (running {preferred})";
            var clean = new float[n * nOut];
            var outputs = new float[n * nOut];
            c.Network.PredictBatch(c.Inputs, clean);
            c.Network.PredictBatch(dirty, outputs);
            for (int s = 0; s < n; s++)
            {
                var expected = (bad.Contains(s) ? scalar : clean).AsSpan(s * nOut, nOut);
                var actual = outputs.AsSpan(s * nOut, nOut);
                if (!bad.Contains(s))
                {
                    NumericAssert.Identical(expected, actual, $"{what}: sample {s} next to non-finite samples");
                    continue;
                }
                for (int j = 0; j < nOut; j++)
                {
                    bool same = float.IsNaN(expected[j])
                        ? float.IsNaN(actual[j])
                        : Math.Abs(actual[j] - expected[j]) <= SimdTolerance.Reference * Math.Max(1, Math.Abs(expected[j]));
                    if (!same)
                        throw new XunitException($"{what}: non-finite sample {s} output {j}: lanes {actual[j]:R}, scalar path {expected[j]:R}");
                }
            }
        }
    }
}

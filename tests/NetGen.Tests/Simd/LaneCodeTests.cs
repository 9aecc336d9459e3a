using System;
using System.Linq;
using System.Numerics;
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
/// The lane code exists (written once on <c>Vector&lt;float&gt;</c>, in every network of this net10.0 assembly; long
/// kernels split into parts like the scalar ones, whose sizes Kernels/MethodSizeTests.cs checks), runs when a batch fills
/// a chunk of <c>Vector&lt;float&gt;.Count</c> samples whatever width <see cref="SimdOptions.ForcedWidth"/> picks for
/// batch-1 Predict (only -1 turns it off), and leaves to the scalar kernel exactly what the design says: batch-1 Predict,
/// batches below one chunk, and the samples after the last whole chunk, which are bit for bit what Predict gives. A
/// sample's lane result depends neither on its lane nor on its chunk. The lane width is the process's; CI runs this
/// namespace at 4, 8 and 16 lanes (.ci/run).
/// </summary>
[Collection(SimdOptionsCollection.Name)]
public sealed class LaneCodeTests : IDisposable
{
    private static readonly string[] KernelKinds = { "Forward", "Gradient" };   // no loss kernel: Evaluate runs the gradient kernel
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

    public static TheoryData<string> SmallWithLanes => SimdNetworkSets.WithLanes(SimdNetworkSets.Small);

    public static TheoryData<string> TranscendentalWithLanes => SimdNetworkSets.WithLanes(Transcendental);

    public void Dispose() => SimdOptions.ForcedWidth = 0;

    [Fact]
    public void TheLaneMethods_OnVectorOfFloat_AreThere()
    {
        var type = typeof(A_Identity_Sigmoid_Bce);
        var forward = LaneDrivers.Method(type, "NetGenForwardLanes", isStatic: true);
        Assert.True(forward.IsPrivate);
        Assert.Equal(
            new[] { typeof(ReadOnlySpan<float>), typeof(ReadOnlySpan<Vector<float>>), typeof(Span<Vector<float>>) },
            forward.GetParameters().Select(p => p.ParameterType));
        // No loss kernel: Evaluate runs the gradient kernel, whose loss is GradientBatch's (issue 14, code size).
        Assert.Null(type.GetMethod("NetGenLossLanes", BindingFlags.NonPublic | BindingFlags.Static));
        Assert.Null(type.GetMethod("NetGenLossKernel", BindingFlags.NonPublic | BindingFlags.Static));
        var gradient = LaneDrivers.Method(type, "NetGenGradientLanes", isStatic: true);
        Assert.True(gradient.IsPrivate);
        Assert.Equal(typeof(Vector<float>), gradient.ReturnType);
        Assert.Equal(typeof(Span<Vector<float>>), gradient.GetParameters()[^1].ParameterType);
        foreach (string kind in DriverKinds)
        {
            var driver = LaneDrivers.Method(type, $"NetGen{kind}Lanes", isStatic: false);
            Assert.True(driver.IsPrivate);
            Assert.Equal(typeof(int), driver.ReturnType);
        }
    }

    [Fact]
    public void EveryNetwork_HasTheLaneKernelsAndDrivers_OnVectorOfFloat_AndNoPerWidthCopies()
    {
        const BindingFlags all = BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        foreach (var network in NetworkType.All)
        {
            if (network.Type.GetCustomAttribute<NetworkAttribute>()!.Deterministic)
            {
                // Deterministic: the scalar kernels only (docs/determinism.md, Determinism/DeterminismTests).
                Assert.Null(network.Type.GetNestedType("NetGenMatrixKernels", BindingFlags.NonPublic));
                Assert.DoesNotContain(network.Type.GetMethods(all), m => m.Name.Contains("Lanes", StringComparison.Ordinal));
                continue;
            }

            if (!LaneDrivers.HasLanes(network.Type))
            {
                // Batches as matrix products (MatrixPathTests): no lane code at all.
                Assert.True(network.Type.GetNestedType("NetGenMatrixKernels", BindingFlags.NonPublic) is not null, $"{network.Name}: neither lane nor matrix kernels");
                Assert.DoesNotContain(network.Type.GetMethods(all), m => m.Name.Contains("Lanes", StringComparison.Ordinal));
                continue;
            }
            foreach (string kind in KernelKinds)
            {
                var kernel = LaneDrivers.Method(network.Type, $"NetGen{kind}Lanes", isStatic: true);
                Assert.True(kernel.GetParameters()[1].ParameterType == typeof(ReadOnlySpan<Vector<float>>), $"{network.Name}.{kernel.Name}: x is not a span of Vector<float>");
            }
            foreach (string kind in DriverKinds) LaneDrivers.Method(network.Type, $"NetGen{kind}Lanes", isStatic: false);
            foreach (var method in network.Type.GetMethods(all))
            {
                Assert.False(method.Name.Contains("Lanes128", StringComparison.Ordinal) || method.Name.Contains("Lanes256", StringComparison.Ordinal)
                    || method.Name.Contains("Lanes512", StringComparison.Ordinal), $"{network.Name}.{method.Name}: a per-width copy of the lane code");
                if (method.Name.Contains("Lanes", StringComparison.Ordinal))
                    Assert.False(method.GetParameters().Any(p => IsSpanOfFixedWidthVectors(p.ParameterType)), $"{network.Name}.{method.Name}: lane code on a fixed-width vector");
            }
        }
    }

    /// <summary>Span&lt;Vector128/256/512&lt;…&gt;&gt; or ReadOnlySpan of them: what the per-width lane code took.</summary>
    private static bool IsSpanOfFixedWidthVectors(Type type)
    {
        if (!type.IsGenericType || type.GetGenericArguments()[0] is not { IsGenericType: true } element) return false;
        var definition = element.GetGenericTypeDefinition();
        return definition == typeof(Vector128<>) || definition == typeof(Vector256<>) || definition == typeof(Vector512<>);
    }

    [Theory]
    [InlineData(nameof(Unrolled96))]
    [InlineData(nameof(Deep64))]
    public void LongNetworks_GetMatrixLoops_NotStraightLineLaneKernels(string name)
    {
        // Networks this long used to get lane kernels split into parts; their batches are matrix products now (loops with
        // unrolled register tiles), and no lane method is emitted.
        var type = NetworkType.Named(name).Type;
        var methods = type.GetMethods(BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly);
        Assert.DoesNotContain(methods, m => m.Name.Contains("Lanes", StringComparison.Ordinal));
        Assert.Contains(methods, m => m.Name.StartsWith("NetGenMatrixForward", StringComparison.Ordinal));
        Assert.Contains(methods, m => m.Name.StartsWith("NetGenMatrixWeightGradient", StringComparison.Ordinal));
        var largest = methods.Where(m => m.Name.StartsWith("NetGenMatrix", StringComparison.Ordinal)).Select(MethodBodyStatistics.Of).MaxBy(s => s.IlBytes)!;
        _output.WriteLine($"{name}: largest matrix kernel {largest}");
        Assert.True(largest.IlBytes < 8_000, $"{name}: a matrix kernel of {largest.IlBytes} IL bytes");
    }

    [Fact]
    public void TheMatrixPathRuns_OnEveryWidth_AndNotOnTheScalarPath()
    {
        // GradientBatch creates its matrix trainer on the first call that runs the matrix kernels (a private field of the
        // generated class): it stays null on the scalar path (ForcedWidth -1) and is there after one call on any other width.
        var c = RandomCase.Create(nameof(C_Tanh_Tanh_Tanh_Identity_Mse), 64, 2001);
        var field = c.Type.Type.GetField("_netgenMatrixTrainer", BindingFlags.NonPublic | BindingFlags.Instance);
        Assert.True(field is not null, "no _netgenMatrixTrainer field: has the matrix trainer been renamed?");
        float[] parameters = c.Network.Parameters.ToArray();
        var gradient = new float[c.Reference.ParameterCount];

        SimdWidths.Force(-1);
        var scalarNet = c.Type.Create(parameters);
        var scalarGradient = new float[gradient.Length];
        scalarNet.GradientBatch(c.Inputs, c.Targets, scalarGradient);
        scalarNet.TrainBatch(c.Inputs, c.Targets);
        Assert.Null(field!.GetValue(scalarNet));

        foreach (int forced in new[] { 0, 128, 256, 512 })
        {
            int preferred = SimdWidths.Force(forced);
            var net = c.Type.Create(parameters);
            net.GradientBatch(c.FirstInputs(1), c.FirstTargets(1), gradient);
            Assert.True(field.GetValue(net) is not null, $"forced {forced} (running {preferred}): GradientBatch of one sample did not run the matrix kernels");
            net.GradientBatch(c.Inputs, c.Targets, gradient);
            NumericAssert.Close(scalarGradient.ToDoubles(), gradient, SimdTolerance.Gradient, $"forced {forced}: GradientBatch vs the scalar path");
        }
    }

    /// <summary>
    /// ForcedWidth 128, 256 and 512 pick batch-1 Predict's neuron kernels only: the batch members run the one lane code
    /// at Vector&lt;float&gt;'s width under each of them, bit for bit what the automatic width gives (so the lane tests
    /// run at the automatic width and cover every forced one).
    /// </summary>
    [Theory]
    [InlineData(nameof(Looped_Tanh_LeakyRelu_Softmax_Ce))]
    [InlineData(nameof(Neurons_Relu16_LeakyRelu8_Softmax10_Ce))]
    [InlineData(nameof(C_Tanh_Tanh_Tanh_Identity_Mse))]
    public void ForcedWidths_RunTheSameBatchCode_BitForBit(string name)
    {
        const int n = 37;
        var c = RandomCase.Create(name, n, 2006);
        float[] parameters = c.Network.Parameters.ToArray();
        int lanes = SimdWidths.Lanes();
        var automatic = BatchResults.Of(c.Type, parameters, c.Inputs, c.Targets, n);
        foreach (int forced in SimdWidths.Forced)
        {
            int preferred = SimdWidths.Force(forced);
            var results = BatchResults.Of(c.Type, parameters, c.Inputs, c.Targets, n);
            string what = $"{name} forced {forced} (running {preferred}, {lanes} lanes) vs automatic";
            NumericAssert.Identical(automatic.Outputs, results.Outputs, $"{what}: PredictBatch");
            Assert.Equal(automatic.EvaluateLoss, results.EvaluateLoss);
            Assert.Equal(automatic.GradientLoss, results.GradientLoss);
            NumericAssert.Identical(automatic.Gradient, results.Gradient, $"{what}: GradientBatch");
            Assert.Equal(automatic.TrainLoss, results.TrainLoss);
            NumericAssert.Identical(automatic.ParametersAfter, results.ParametersAfter, $"{what}: parameters after TrainBatch");
        }
    }

    [Fact]
    public void SwitchingWidthsBetweenCalls_OnOneInstance_GivesWhatAFreshInstanceGives()
    {
        // ForcedWidth is read on every call (-1 turns the lanes off, the others leave them on at Vector<float>'s width);
        // the lane gradient buffer, allocated once, is reused whatever was forced in between.
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
    [MemberData(nameof(TranscendentalWithLanes))]
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
    [MemberData(nameof(SmallWithLanes))]
    public void LaneOutputs_DoNotDependOnTheLaneOrTheChunk_BitForBit(string name)
    {
        // A lane never sees another lane and every lane runs the same instructions: a sample's lane output is the same
        // bits in whichever lane and chunk it sits. (The lane code of one width is compared with itself across batch
        // positions; there is one lane width per process, so widths are no longer compared with each other.) The
        // drivers are called directly: every sample goes through the lanes.
        const int n = 48;   // 12, 6 or 3 whole chunks of 4, 8 or 16 lanes
        var c = RandomCase.Create(name, n, 2003);
        int lanes = SimdWidths.LaneCount, nIn = c.Reference.InputSize, nOut = c.Reference.OutputSize;
        var drivers = LaneDrivers.Of(c.Network);
        var outputs = new float[n * nOut];
        Assert.Equal(n, drivers.Predict(c.Inputs, outputs, n));
        // Sample s moves to position (s + shift) mod n, or to n − 1 − s (reversed): another lane and mostly another chunk.
        foreach (int shift in new[] { 1, lanes / 2 + 1, lanes + 3, -1 })
        {
            int Position(int s) => shift < 0 ? n - 1 - s : (s + shift) % n;
            var moved = new float[n * nIn];
            for (int s = 0; s < n; s++) c.Input(s).CopyTo(moved.AsSpan(Position(s) * nIn, nIn));
            var movedOutputs = new float[n * nOut];
            Assert.Equal(n, drivers.Predict(moved, movedOutputs, n));
            for (int s = 0; s < n; s++)
            {
                NumericAssert.Identical(outputs.AsSpan(s * nOut, nOut), movedOutputs.AsSpan(Position(s) * nOut, nOut),
                    $"{name} ({lanes} lanes): sample {s} in lane {s % lanes} of chunk {s / lanes} vs in lane {Position(s) % lanes} of chunk {Position(s) / lanes}");
            }
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
        int lanes = SimdWidths.Lanes();
        string what = $"{name} ({lanes} lanes, {SimdWidths.SamplesInLanes(SimdOptions.PreferredWidth, n)} samples in lanes)";
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

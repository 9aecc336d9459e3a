using System;
using System.Linq;
using NetGen.Runtime;
using NetGen.Tests.Data;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;
using Xunit.Abstractions;

namespace NetGen.Tests.Simd;

/// <summary>
/// The SIMD batch path equals the scalar path (<see cref="SimdOptions.ForcedWidth"/> = -1) within
/// <see cref="SimdTolerance"/>: PredictBatch, Evaluate, GradientBatch (loss and gradient) and one TrainBatch step, for
/// every activation with every valid loss, looped layers and split kernels, at this process's lane width
/// (<c>Vector&lt;float&gt;.Count</c>: CI runs this namespace at 4, 8 and 16 lanes; the forced widths 128, 256 and 512 run
/// the same batch code, LaneCodeTests) and batches of every size from 1 to 67 (so every remainder of every chunk width,
/// and batches too small for a chunk).
/// </summary>
[Collection(SimdOptionsCollection.Name)]
public sealed class LaneScalarEquivalenceTests : IDisposable
{
    private static readonly int[] EveryBatchSize = Enumerable.Range(1, 67).ToArray();

    /// <summary>For the large networks: batches too small for a chunk, every chunk width with and without remainder, and many chunks.</summary>
    private static readonly int[] SampledBatchSizes = { 1, 3, 4, 5, 8, 11, 16, 17, 23, 32, 47, 67 };

    private readonly ITestOutputHelper _output;

    public LaneScalarEquivalenceTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> Small => SimdNetworkSets.Small;

    public static TheoryData<string> Large => SimdNetworkSets.LargeData;

    public void Dispose() => SimdOptions.ForcedWidth = 0;

    [Theory]
    [MemberData(nameof(Small))]
    public void EveryBatchMember_EqualsTheScalarPath_ForBatchesOf1To67(string name) =>
        CompareWithScalar(name, EveryBatchSize);

    [Theory]
    [MemberData(nameof(Large))]
    public void EveryBatchMember_EqualsTheScalarPath_LargeNetworks(string name) =>
        CompareWithScalar(name, SampledBatchSizes);

    /// <summary>
    /// The lane drivers called directly (whatever ForcedWidth says), on 48 samples (12, 6 or 3 whole chunks of 4, 8 or 16
    /// lanes): outputs per sample, summed losses and summed gradients equal the scalar path's. On a batch with a partial
    /// chunk they do the whole chunks only and leave the rest untouched.
    /// </summary>
    public static TheoryData<string> SmallWithLanes => SimdNetworkSets.WithLanes(SimdNetworkSets.Small);

    [Theory]
    [MemberData(nameof(SmallWithLanes))]
    public void LaneDrivers_EqualTheScalarPath_AndDoWholeChunksOnly(string name)
    {
        const int n = 48;
        int lanes = SimdWidths.LaneCount;
        var c = RandomCase.Create(name, n + lanes - 1, SimdNetworkSets.StableSeed(name) + 1);
        int nIn = c.Reference.InputSize, nOut = c.Reference.OutputSize;
        float[] x = c.FirstInputs(n), t = c.FirstTargets(n);
        SimdWidths.Force(-1);
        var scalar = BatchResults.Of(c.Type, c.Network.Parameters.ToArray(), x, t, n);
        var worst = new WorstErrors();
        var drivers = LaneDrivers.Of(c.Network);
        string what = $"{name} Lanes ({lanes} lanes) n={n}";

        var outputs = new float[n * nOut];
        Assert.Equal(n, drivers.Predict(x, outputs, n));
        NumericAssert.Close(scalar.Outputs.ToDoubles(), outputs, SimdTolerance.Outputs, $"{what}: outputs");
        worst.Record("outputs", scalar.Outputs.ToDoubles(), outputs, what);

        float total = 0;
        Assert.Equal(n, drivers.Loss(x, t, n, ref total));
        float evaluated = total;
        NumericAssert.Close(scalar.EvaluateLoss, total / n, SimdTolerance.Outputs, $"{what}: Evaluate loss");
        worst.Record("loss", scalar.EvaluateLoss, total / n, what);

        var gradient = new float[c.Reference.ParameterCount];
        total = 0;
        Assert.Equal(n, drivers.Gradient(x, t, gradient, n, ref total));
        for (int k = 0; k < gradient.Length; k++) gradient[k] /= n;
        NumericAssert.Close(scalar.GradientLoss, total / n, SimdTolerance.Outputs, $"{what}: gradient loss");
        NumericAssert.Close(scalar.Gradient.ToDoubles(), gradient, SimdTolerance.Gradient, $"{what}: gradient");
        worst.Record("gradient", scalar.Gradient.ToDoubles(), gradient, what);

        // A batch that fills no whole chunk: the drivers do nothing and leave the outputs alone.
        var untouched = Enumerable.Repeat(7f, (lanes - 1) * nOut).ToArray();
        Assert.Equal(0, drivers.Predict(c.Inputs.AsSpan(0, (lanes - 1) * nIn), untouched, lanes - 1));
        Assert.All(untouched, v => Assert.Equal(7f, v));

        // n + lanes − 1 samples: the n of the whole chunks, bit for bit as above; the partial chunk's outputs untouched.
        int m = n + lanes - 1;
        var partial = Enumerable.Repeat(7f, m * nOut).ToArray();
        Assert.Equal(n, drivers.Predict(c.Inputs, partial, m));
        NumericAssert.Identical(outputs, partial.AsSpan(0, n * nOut), $"{what}: whole chunks of a batch of {m}");
        Assert.All(partial.Skip(n * nOut), v => Assert.Equal(7f, v));
        float partialTotal = 0;
        Assert.Equal(n, drivers.Loss(c.Inputs, c.Targets, m, ref partialTotal));
        Assert.Equal(evaluated, partialTotal);
        worst.WriteTo(_output);
    }

    /// <summary>
    /// Inputs 40 times the usual range: sigmoids and tanhs saturate, exponentials reach VectorMath's clamps, softmax
    /// logits spread far apart, BCE logs approach their clamp. The lane path still equals the scalar path.
    /// </summary>
    [Theory]
    [MemberData(nameof(Small))]
    public void SaturatedActivations_EqualTheScalarPath(string name)
    {
        const int n = 37;
        var c = RandomCase.Create(name, n, SimdNetworkSets.StableSeed(name) + 4);
        float[] x = c.Inputs.Select(v => v * 40f).ToArray();
        SimdWidths.Force(-1);
        var scalar = BatchResults.Of(c.Type, c.Network.Parameters.ToArray(), x, c.Targets, n);
        var worst = new WorstErrors();
        int laneCount = SimdWidths.Lanes();
        var lanes = BatchResults.Of(c.Type, c.Network.Parameters.ToArray(), x, c.Targets, n);
        string what = $"{name} ×40 inputs, {laneCount} lanes";
        NumericAssert.Close(scalar.Outputs.ToDoubles(), lanes.Outputs, SimdTolerance.SaturatedOutputs, $"{what}: PredictBatch");
        NumericAssert.Close(scalar.EvaluateLoss, lanes.EvaluateLoss, SimdTolerance.SaturatedOutputs, $"{what}: Evaluate");
        NumericAssert.Close(scalar.GradientLoss, lanes.GradientLoss, SimdTolerance.SaturatedOutputs, $"{what}: GradientBatch loss");
        NumericAssert.Close(scalar.Gradient.ToDoubles(), lanes.Gradient, SimdTolerance.SaturatedGradient, $"{what}: GradientBatch gradient");
        worst.Record("outputs", scalar.Outputs.ToDoubles(), lanes.Outputs, what);
        worst.Record("loss", scalar.EvaluateLoss, lanes.EvaluateLoss, what);
        worst.Record("gradient", scalar.Gradient.ToDoubles(), lanes.Gradient, what);
        worst.WriteTo(_output);
    }

    /// <summary>
    /// A batch of 1,027 samples (hundreds of chunks summed per lane, then across the lanes, and a remainder): the losses
    /// and gradients, means over the whole batch, still equal the scalar path's sample-after-sample sums.
    /// </summary>
    [Theory]
    [InlineData(nameof(CeSgd))]
    [InlineData(nameof(C_Tanh_Tanh_Tanh_Identity_Mse))]
    [InlineData(nameof(B_Sigmoid_LeakyRelu_Sigmoid_Bce))]
    [InlineData(nameof(Looped_Tanh_LeakyRelu_Softmax_Ce))]
    public void LargeBatches_EqualTheScalarPath(string name)
    {
        const int n = 1027;
        var c = RandomCase.Create(name, n, SimdNetworkSets.StableSeed(name) + 5);
        SimdWidths.Force(-1);
        float[] parameters = c.Network.Parameters.ToArray();
        var scalar = BatchResults.Of(c.Type, parameters, c.Inputs, c.Targets, n);
        var worst = new WorstErrors();
        int laneCount = SimdWidths.Lanes();
        var lanes = BatchResults.Of(c.Type, parameters, c.Inputs, c.Targets, n);
        string what = $"{name} n={n} {laneCount} lanes";
        NumericAssert.Close(scalar.Outputs.ToDoubles(), lanes.Outputs, SimdTolerance.Outputs, $"{what}: PredictBatch");
        NumericAssert.Close(scalar.EvaluateLoss, lanes.EvaluateLoss, SimdTolerance.Outputs, $"{what}: Evaluate");
        NumericAssert.Close(scalar.GradientLoss, lanes.GradientLoss, SimdTolerance.Outputs, $"{what}: GradientBatch loss");
        NumericAssert.Close(scalar.Gradient.ToDoubles(), lanes.Gradient, SimdTolerance.Gradient, $"{what}: GradientBatch gradient");
        NumericAssert.Close(scalar.ParametersAfter.ToDoubles(), lanes.ParametersAfter, SimdTolerance.Outputs, $"{what}: parameters after TrainBatch");
        worst.Record("loss", scalar.EvaluateLoss, lanes.EvaluateLoss, what);
        worst.Record("loss", scalar.GradientLoss, lanes.GradientLoss, what);
        worst.Record("gradient", scalar.Gradient.ToDoubles(), lanes.Gradient, what);
        worst.WriteTo(_output);
    }

    private void CompareWithScalar(string name, int[] batchSizes)
    {
        int maxN = batchSizes.Max();
        var c = RandomCase.Create(name, maxN, SimdNetworkSets.StableSeed(name));
        float[] parameters = c.Network.Parameters.ToArray();
        var worst = new WorstErrors();
        foreach (int n in batchSizes)
        {
            float[] x = c.FirstInputs(n), t = c.FirstTargets(n);
            SimdWidths.Force(-1);
            var scalar = BatchResults.Of(c.Type, parameters, x, t, n);
            int laneCount = SimdWidths.Lanes();
            int preferred = SimdOptions.PreferredWidth;
            var lanes = BatchResults.Of(c.Type, parameters, x, t, n);
            string what = $"{name} n={n} {laneCount} lanes ({SimdWidths.SamplesInLanes(preferred, n)} samples in lanes)";
            NumericAssert.Close(scalar.Outputs.ToDoubles(), lanes.Outputs, SimdTolerance.Outputs, $"{what}: PredictBatch");
            NumericAssert.Close(scalar.EvaluateLoss, lanes.EvaluateLoss, SimdTolerance.Outputs, $"{what}: Evaluate");
            NumericAssert.Close(scalar.GradientLoss, lanes.GradientLoss, SimdTolerance.Outputs, $"{what}: GradientBatch loss");
            NumericAssert.Close(scalar.Gradient.ToDoubles(), lanes.Gradient, SimdTolerance.Gradient, $"{what}: GradientBatch gradient");
            NumericAssert.Close(scalar.TrainLoss, lanes.TrainLoss, SimdTolerance.Outputs, $"{what}: TrainBatch loss");
            NumericAssert.Close(scalar.ParametersAfter.ToDoubles(), lanes.ParametersAfter, SimdTolerance.Outputs, $"{what}: parameters after TrainBatch");
            worst.Record("outputs", scalar.Outputs.ToDoubles(), lanes.Outputs, what);
            worst.Record("loss", scalar.EvaluateLoss, lanes.EvaluateLoss, what);
            worst.Record("loss", scalar.GradientLoss, lanes.GradientLoss, what);
            worst.Record("gradient", scalar.Gradient.ToDoubles(), lanes.Gradient, what);
            worst.Record("parameters", scalar.ParametersAfter.ToDoubles(), lanes.ParametersAfter, what);
        }
        worst.WriteTo(_output);
    }
}

/// <summary>What each batch member gives for one batch, on a fresh network with the given parameters.</summary>
internal sealed record BatchResults(float[] Outputs, float EvaluateLoss, float GradientLoss, float[] Gradient, float TrainLoss, float[] ParametersAfter)
{
    public static BatchResults Of(NetworkType type, float[] parameters, float[] inputs, float[] targets, int n)
    {
        var network = type.Create(parameters);
        var outputs = new float[n * type.Reference.OutputSize];
        network.PredictBatch(inputs, outputs);
        float evaluated = network.Evaluate(inputs, targets);
        var gradient = new float[type.Reference.ParameterCount];
        float gradientLoss = network.GradientBatch(inputs, targets, gradient);
        float trainLoss = network.TrainBatch(inputs, targets);
        return new BatchResults(outputs, evaluated, gradientLoss, gradient, trainLoss, network.Parameters.ToArray());
    }
}

using System;
using System.Linq;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using NetGen.Runtime;
using NetGen.Tests.Data;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;
using Xunit.Abstractions;

namespace NetGen.Tests.Simd;

/// <summary>
/// Issue 13: the SIMD path on processors without AVX2 or FMA. The width rule of <see cref="SimdOptions"/> for every
/// processor row of docs/simd.md ("Instruction sets"), and, on whatever instruction set this process runs with (CI
/// runs this namespace again under <c>DOTNET_EnableAVX2=0</c>: 4 lanes of <c>Vector&lt;float&gt;</c>, no FMA, and under
/// <c>DOTNET_MaxVectorTBitWidth=512</c>: 16 lanes where AVX-512 exists), the lane path equals the scalar path and its
/// multiply-adds round as documented.
/// </summary>
[Collection(SimdOptionsCollection.Name)]
public sealed class InstructionSetTests : IDisposable
{
    private readonly ITestOutputHelper _output;

    public InstructionSetTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => SimdOptions.ForcedWidth = 0;

    /// <summary>
    /// Automatic width per processor: the booleans are what .NET 10 reports there (Vector512, Vector256 and Vector128
    /// hardware-accelerated). FMA is no input: the multiply-adds adapt on their own.
    /// </summary>
    [Theory]
    [InlineData("full-width AVX-512 (Intel Ice Lake server and later, AMD Zen 5)", true, true, true, 256)]
    [InlineData("split AVX-512 (AMD Zen 4)", true, true, true, 256)]
    [InlineData("AVX2 + FMA (x86-64-v3; DOTNET_EnableAVX512=0)", false, true, true, 256)]
    [InlineData("AVX without AVX2 and FMA (Sandy/Ivy Bridge; DOTNET_EnableAVX2=0)", false, false, true, 128)]
    [InlineData("SSE4.2 only (x86-64-v2, NativeAOT's default; DOTNET_EnableAVX=0)", false, false, true, 128)]
    [InlineData("Arm64 AdvSimd (128-bit, FMA always)", false, false, true, 128)]
    [InlineData("no hardware intrinsics (DOTNET_EnableHWIntrinsic=0)", false, false, false, 0)]
    public void AutomaticWidth_PerProcessor(string processor, bool v512, bool v256, bool v128, int expected)
    {
        Assert.True(expected == SimdOptions.SelectWidth(0, v512, v256, v128), processor);
    }

    [Theory]
    [InlineData(-1, true, true, true, 0)]
    [InlineData(512, true, true, true, 512)]
    [InlineData(512, false, true, true, 256)]
    [InlineData(512, false, false, true, 128)]
    [InlineData(512, false, false, false, 0)]
    [InlineData(256, true, true, true, 256)]
    [InlineData(256, false, false, true, 128)]
    [InlineData(128, true, true, true, 128)]
    [InlineData(128, false, false, false, 0)]
    [InlineData(-1, false, false, true, 0)]
    public void ForcedWidth_FallsBackToTheWidestAcceleratedNotAboveIt(int forced, bool v512, bool v256, bool v128, int expected)
    {
        Assert.Equal(expected, SimdOptions.SelectWidth(forced, v512, v256, v128));
    }

    [Fact]
    public void PreferredWidth_IsTheRuleAppliedToThisProcess()
    {
        _output.WriteLine(
            $"Vector128 {Vector128.IsHardwareAccelerated}, Vector256 {Vector256.IsHardwareAccelerated}, Vector512 {Vector512.IsHardwareAccelerated}, "
            + $"AVX2 {Avx2.IsSupported}, FMA {Fma.IsSupported}, AdvSimd {AdvSimd.IsSupported}: automatic width {SimdOptions.PreferredWidth}");
        foreach (int forced in new[] { 0, -1, 128, 256, 512 })
        {
            SimdOptions.ForcedWidth = forced;
            Assert.Equal(
                SimdOptions.SelectWidth(forced, Vector512.IsHardwareAccelerated, Vector256.IsHardwareAccelerated, Vector128.IsHardwareAccelerated),
                SimdOptions.PreferredWidth);
        }
    }

    /// <summary>
    /// The lane code's width is <c>Vector&lt;float&gt;</c>'s, which the JIT fixes for the process: 4 lanes (128 bits)
    /// without AVX2 and on Arm64, 8 (256 bits) by default with AVX2, 16 (512 bits) with
    /// <c>DOTNET_MaxVectorTBitWidth=512</c> where the processor has AVX-512. The width is in the test's name (and
    /// its output), so a CI log shows which width each run of this namespace had.
    /// </summary>
    [Theory]
    [MemberData(nameof(ThisProcess))]
    public void VectorOfFloat_HasOneOfTheLaneWidths_4_8_16(int lanes)
    {
        string? avx2 = Environment.GetEnvironmentVariable("DOTNET_EnableAVX2");
        string? maxVectorT = Environment.GetEnvironmentVariable("DOTNET_MaxVectorTBitWidth");
        _output.WriteLine(
            $"Vector<float>.Count = {Vector<float>.Count} ({Vector<float>.Count * 32} bits), Vector.IsHardwareAccelerated {Vector.IsHardwareAccelerated}; "
            + $"DOTNET_EnableAVX2={avx2 ?? "(unset)"}, DOTNET_MaxVectorTBitWidth={maxVectorT ?? "(unset)"}; "
            + $"Vector128 {Vector128.IsHardwareAccelerated}, Vector256 {Vector256.IsHardwareAccelerated}, Vector512 {Vector512.IsHardwareAccelerated}, AVX2 {Avx2.IsSupported}, AVX-512F {Avx512F.IsSupported}");
        Assert.Equal(Vector<float>.Count, lanes);
        Assert.Contains(lanes, new[] { 4, 8, 16 });
        Assert.True(Vector.IsHardwareAccelerated, "Vector<float> is not hardware-accelerated: the lane code would never run");
        Assert.Equal(SimdWidths.LaneCount, lanes);
        // What the JIT picks: 16 lanes only where asked for and the processor has AVX-512; 8 with AVX2; 4 otherwise
        // (no AVX2, or Arm64).
        bool asked512 = int.TryParse(maxVectorT, out int bits) && bits >= 512;
        int expected = asked512 && Avx512F.IsSupported ? 16 : Avx2.IsSupported ? 8 : 4;
        Assert.Equal(expected, lanes);
        if (avx2 == "0") Assert.Equal(4, lanes);
    }

    /// <summary>This process's <c>Vector&lt;float&gt;.Count</c>, as theory data (so that it shows in the test's name).</summary>
    public static TheoryData<int> ThisProcess => new() { Vector<float>.Count };

    /// <summary>
    /// The lane path (automatic width; the lanes run at this process's <c>Vector&lt;float&gt;</c> width: 8 lanes with
    /// AVX2, 4 without, 16 where asked for on AVX-512) equals the scalar path within <see cref="SimdTolerance"/>:
    /// PredictBatch, Evaluate, GradientBatch and one TrainBatch step.
    /// </summary>
    [Theory]
    [InlineData(nameof(CeSgd))]
    [InlineData(nameof(C_Tanh_Tanh_Tanh_Identity_Mse))]
    [InlineData(nameof(B_Sigmoid_LeakyRelu_Sigmoid_Bce))]
    [InlineData(nameof(Looped_Tanh_LeakyRelu_Softmax_Ce))]
    public void AutomaticWidth_EqualsTheScalarPath(string name)
    {
        const int n = 64;
        var c = RandomCase.Create(name, n, SimdNetworkSets.StableSeed(name) + 13);
        float[] parameters = c.Network.Parameters.ToArray();
        SimdWidths.Force(-1);
        var scalar = BatchResults.Of(c.Type, parameters, c.Inputs, c.Targets, n);
        int width = Automatic();
        var lanes = BatchResults.Of(c.Type, parameters, c.Inputs, c.Targets, n);
        string what = $"{name} automatic width {width}, {Vector<float>.Count} lanes (FMA {Fma.IsSupported || AdvSimd.IsSupported})";
        NumericAssert.Close(scalar.Outputs.ToDoubles(), lanes.Outputs, SimdTolerance.Outputs, $"{what}: PredictBatch");
        NumericAssert.Close(scalar.EvaluateLoss, lanes.EvaluateLoss, SimdTolerance.Outputs, $"{what}: Evaluate");
        NumericAssert.Close(scalar.GradientLoss, lanes.GradientLoss, SimdTolerance.Outputs, $"{what}: GradientBatch loss");
        NumericAssert.Close(scalar.Gradient.ToDoubles(), lanes.Gradient, SimdTolerance.Gradient, $"{what}: GradientBatch gradient");
        NumericAssert.Close(scalar.TrainLoss, lanes.TrainLoss, SimdTolerance.Outputs, $"{what}: TrainBatch loss");
        NumericAssert.Close(scalar.ParametersAfter.ToDoubles(), lanes.ParametersAfter, SimdTolerance.Outputs, $"{what}: parameters after TrainBatch");
    }

    /// <summary>
    /// The lane code's multiply-add is fused where the processor has FMA (x86 FMA3, Arm64 AdvSimd) and a multiply then
    /// an add where it does not: w·x + b with w = x = 1 + 2⁻¹² and b = −(1 + 2⁻¹¹) is exactly 2⁻²⁴, which a fused
    /// multiply-add keeps and a rounded product (1 + 2⁻¹¹, the 2⁻²⁴ lost to round-half-even) cancels to 0. The scalar
    /// code never fuses: 0. Every forced width runs the batch lanes (at Vector&lt;float&gt;'s width), so each gives the same.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(128)]
    [InlineData(256)]
    [InlineData(512)]
    public void LaneMultiplyAdd_IsFusedExactlyWhereTheProcessorHasFma(int forced)
    {
        const int n = 32;
        float w = 1f + MathF.Pow(2, -12);
        float b = -(1f + MathF.Pow(2, -11));
        var network = new A_Identity_Identity_Mse(1);
        // Layer 1 (3 → 4): weights [4, 3] at 0..12, biases 12..16; layer 2 (4 → 2): weights [2, 4] at 16..24, biases 24..26.
        var parameters = new float[A_Identity_Identity_Mse.ParameterCount];
        parameters[0] = w;
        parameters[12] = b;
        parameters[16] = 1f;
        network.SetParameters(parameters);
        var inputs = new float[n * 3];
        for (int s = 0; s < n; s++) inputs[s * 3] = w;
        var outputs = new float[n * 2];

        SimdOptions.ForcedWidth = -1;
        network.PredictBatch(inputs, outputs);
        Assert.All(Enumerable.Range(0, n), s => Assert.Equal(0f, outputs[s * 2]));

        int width = forced == 0 ? Automatic() : SimdWidths.Force(forced);
        network.PredictBatch(inputs, outputs);
        float expected = Fma.IsSupported || AdvSimd.IsSupported ? MathF.Pow(2, -24) : 0f;
        Assert.Equal(MathF.FusedMultiplyAdd(w, w, b), MathF.Pow(2, -24));
        Assert.Equal(0f, w * w + b);
        _output.WriteLine($"forced {forced}, running {width}, {Vector<float>.Count} lanes: w·x + b = {outputs[0]:R}");
        Assert.All(Enumerable.Range(0, n), s => Assert.Equal(expected, outputs[s * 2]));
    }

    /// <summary>Sets the automatic width (<see cref="SimdWidths.Force"/> is for explicit widths) and checks it is a SIMD one.</summary>
    private static int Automatic()
    {
        SimdOptions.ForcedWidth = 0;
        int width = SimdOptions.PreferredWidth;
        Assert.Equal(Vector256.IsHardwareAccelerated ? 256 : 128, width);
        return width;
    }
}

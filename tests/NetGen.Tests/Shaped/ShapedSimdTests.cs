using System;
using System.Linq;
using NetGen.Runtime;
using Xunit;

namespace NetGen.Tests.Shaped;

/// <summary>
/// Every width equal to the scalar loops: Predict, GradientBatch and three TrainBatch steps of each reference net with SIMD
/// forced off (the scalar loops), at 128 bits (which runs the scalar loops too: the layered SIMD passes are 256-bit) and at
/// 256 bits (channel tiles for Predict, matrix products for training), within float tolerance of each other.
/// </summary>
[Collection(NetGen.Tests.Simd.SimdOptionsCollection.Name)]
public sealed class ShapedSimdTests : IDisposable
{
    public void Dispose() => SimdOptions.ForcedWidth = 0;

    public static TheoryData<string> Names() => new(ShapedReferenceData.Names);

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryWidth_EqualsTheScalarLoops(string name)
    {
        var data = ShapedReferenceData.Nets[name];
        var scalar = Run(name, data, -1);
        foreach (int width in new[] { 128, 256 })
        {
            var vector = Run(name, data, width);
            for (int part = 0; part < scalar.Length; part++)
            {
                double scale = scalar[part].Max(v => Math.Abs((double)v)) + 1e-12;
                for (int i = 0; i < scalar[part].Length; i++)
                {
                    Assert.True(Math.Abs(vector[part][i] - scalar[part][i]) <= 2e-5 * scale + 1e-6 * Math.Abs(scalar[part][i]),
                        $"{name} at {width} bits, part {part} [{i}]: {vector[part][i]} vs scalar {scalar[part][i]}");
                }
            }
        }
    }

    /// <summary>Outputs, gradient, parameters after three steps (skipping the parameters whose gradient is only rounding noise).</summary>
    private static float[][] Run(string name, ShapedNetCase data, int width)
    {
        SimdOptions.ForcedWidth = width;
        var net = ShapedNetworks.Create(name);
        net.SetParameters(data.Parameters.Select(v => (float)v).ToArray());
        var x = data.Inputs.SelectMany(r => r).Select(v => (float)v).ToArray();
        var t = data.Targets.SelectMany(r => r).Select(v => (float)v).ToArray();
        var outputs = new float[t.Length];
        net.PredictBatch(x, outputs);
        var gradient = new float[net.ParameterCount];
        net.GradientBatch(x, t, gradient);
        for (int step = 0; step < 3; step++) net.TrainBatch(x, t);
        var after = net.Parameters.ToArray();
        foreach (int k in data.ZeroGradientParameters) after[k] = 0f;
        return new[] { outputs, gradient, after };
    }
}
